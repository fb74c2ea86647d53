"""What a scan means for the open pack: the pure rules, without a database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.commands import Command
from app.packing.api import ScanOutcome as O
from app.packing.scan_rules import (
    Catalogue, Decision, LineTally, PackState, ProductRef, apply, decide, gtin_key, is_this_order, label_code,
)

MUG = ProductRef(1, "MUG-BLUE-350", "Blue mug 350 ml")
MUG_CASE = ProductRef(1, "MUG-BLUE-350", "Blue mug 350 ml", quantity=6)
TEAPOT = ProductRef(2, "TEAPOT-RED", "Red teapot 1 l")
HEADPHONES = ProductRef(3, "HP-ANC-700", "Noise-cancelling headphones", serial_tracked=True)
VITAMINS = ProductRef(4, "VIT-C-100", "Vitamin C tablets", lot_tracked=True)
SSCC = "340123450000000017"


@dataclass
class FakeCatalogue:
    """Answers look-ups from dicts, like the service's cache in front of the database."""

    products: dict[str, ProductRef] = field(default_factory=lambda: {
        "4006381333931": MUG, "MUG-BLUE-350": MUG, "14006381333938": MUG_CASE,
        "5012345678900": TEAPOT, "0885909950805": HEADPHONES, "4015000011112": VITAMINS,
    })
    boxes: set[str] = field(default_factory=lambda: {"BOX-S"})
    labels: set[str] = field(default_factory=lambda: {SSCC, "RA123456785DE"})
    used_serials: set[tuple[int, str]] = field(default_factory=lambda: {(3, "SN-OLD-1")})
    orders: set[str] = field(default_factory=lambda: {"PD-1042", "PD-1043"})

    def product_for(self, code: str) -> ProductRef | None:
        key = gtin_key(code)
        hit = self.products.get(code)
        if hit is None and key:
            hit = next((p for c, p in self.products.items() if gtin_key(c) == key), None)
        return hit

    def is_box(self, code: str) -> bool:
        return code in self.boxes

    def is_parcel_label(self, code: str) -> bool:
        return code in self.labels

    def serial_used(self, product_id: int, serial: str) -> bool:
        return (product_id, serial) in self.used_serials

    def is_order(self, code: str) -> bool:
        return code in self.orders


def order_1042(**kw: object) -> PackState:
    lines = (
        LineTally(1, 101, 1, "MUG-BLUE-350", "Blue mug 350 ml", expected=8),
        LineTally(2, 102, 3, "HP-ANC-700", "Noise-cancelling headphones", expected=2),
        LineTally(3, 103, 4, "VIT-C-100", "Vitamin C tablets", expected=1),
    )
    return PackState("PD-1042", lines, **kw)  # type: ignore[arg-type]


def scan(state: PackState, data: str, symbology: str | None = None,
         catalogue: Catalogue | None = None) -> tuple[Decision, PackState]:
    decision = decide(state, data, symbology, catalogue or FakeCatalogue())
    return decision, apply(state, decision, scan_id=len(state.placed) + 1)


def test_a_product_barcode_adds_one_unit() -> None:
    d, s = scan(order_1042(), "4006381333931")
    assert d.outcome is O.ACCEPTED and d.quantity == 1
    assert s.line(1).scanned == 1 and s.line(1).remaining == 7


def test_a_sku_and_an_ean_with_symbology_identifier_both_count() -> None:
    _, s = scan(order_1042(), "MUG-BLUE-350")
    d, s = scan(s, "]E04006381333931", "]E0")
    assert d.outcome is O.ACCEPTED and s.line(1).scanned == 2


def test_a_case_barcode_adds_its_quantity() -> None:
    d, s = scan(order_1042(), "14006381333938")
    assert (d.outcome, d.quantity, s.line(1).scanned) == (O.ACCEPTED, 6, 6)
    assert "case of 6" in d.message


def test_a_case_bigger_than_what_is_left_is_an_over_scan() -> None:
    _, s = scan(order_1042(), "14006381333938")
    d, s = scan(s, "14006381333938")
    assert d.outcome is O.OVER_SCAN and s.locked and s.line(1).scanned == 6


def test_wrong_item_names_the_product_and_the_order_and_locks() -> None:
    d, s = scan(order_1042(), "5012345678900")
    assert d.outcome is O.WRONG_ITEM and s.locked
    assert d.message == ("Scanned 5012345678900 - Red teapot 1 l, which is not in order PD-1042. "
                         "Put it aside and scan ACK.")


def test_unknown_barcode_locks_the_pack() -> None:
    d, s = scan(order_1042(), "NOT-A-THING")
    assert d.outcome is O.UNKNOWN and s.locked and "NOT-A-THING" in d.message


def test_the_open_orders_own_number_is_said_to_be_open_and_does_not_lock() -> None:
    _, s = scan(order_1042(), "4006381333931")
    for sheet in ("PD-1042", "pd-1042", " PD-1042\r\n", "]C0PD-1042"):  # as a scanner sets case and identifier
        d, after = scan(s, sheet)
        assert d.outcome is O.THIS_ORDER and not d.outcome.is_error
        assert after == s  # nothing counted, nothing locked
        assert d.message == "PD-1042 is the order open here: carry on scanning its items."
    d, _ = scan(s, "PD-10420")
    assert d.outcome is O.UNKNOWN


def test_the_label_screen_knows_the_open_orders_sheet_as_the_rules_do() -> None:
    assert is_this_order("]C0pd-1042\r", "PD-1042") and not is_this_order("PD-10420", "PD-1042")


def test_another_orders_number_locks_and_says_whose_sheet_it_is() -> None:
    d, s = scan(order_1042(), "PD-1043")
    assert d.outcome is O.UNKNOWN and s.locked
    assert d.message == ("Scanned PD-1043: that is another order's sheet, and this station is packing PD-1042. "
                         "Put that sheet aside with its order and scan ACK.")


def test_over_scan_when_every_unit_of_the_line_is_scanned() -> None:
    s = order_1042()
    for _ in range(8):
        _, s = scan(s, "4006381333931")
    d, s = scan(s, "4006381333931")
    assert d.outcome is O.OVER_SCAN and s.locked and s.line(1).scanned == 8


def test_locked_pack_accepts_nothing_but_ack() -> None:
    _, s = scan(order_1042(), "NOT-A-THING")
    for data in ("4006381333931", Command.UNDO.value, Command.CLOSE_BOX.value):
        d, s = scan(s, data)
        assert d.outcome is O.LOCKED and s.locked and s.line(1).scanned == 0
    d, s = scan(s, Command.ACK.value)
    assert d.outcome is O.ACKNOWLEDGED and not s.locked
    d, s = scan(s, "4006381333931")
    assert d.outcome is O.ACCEPTED


def test_gs1_128_with_lot_and_expiry_is_captured() -> None:
    d, s = scan(order_1042(), "]C1010401500001111210LOT-42\x1d17271130", "]C1")
    assert d.outcome is O.ACCEPTED and d.product == VITAMINS
    assert (d.lot, d.expiry) == ("LOT-42", date(2027, 11, 30))


def test_gs1_datamatrix_without_symbology_identifier_is_parsed_too() -> None:
    d, _ = scan(order_1042(), "010401500001111210LOT-42\x1d17271130")
    assert d.outcome is O.ACCEPTED and d.lot == "LOT-42"


def test_invalid_gs1_check_digit_is_an_error() -> None:
    d, s = scan(order_1042(), "]C10104006381333932", "]C1")
    assert d.outcome is O.INVALID_GS1 and s.locked and "check digit" in d.message


def test_an_ean_13_with_a_wrong_check_digit_is_an_error() -> None:
    d, _ = scan(order_1042(), "4006381333932")
    assert d.outcome is O.INVALID_GS1


def test_serial_from_ai_21_is_taken_at_once() -> None:
    d, s = scan(order_1042(), "]d20100885909950805" "21SN-0001", "]d2")
    assert (d.outcome, d.serial) == (O.ACCEPTED, "SN-0001")
    assert (3, "SN-0001") in s.serials


def test_serial_tracked_item_without_serial_takes_the_next_scan_as_its_serial() -> None:
    d, s = scan(order_1042(), "0885909950805")
    assert d.outcome is O.NEEDS_SERIAL and s.pending_serial is not None and s.line(2).scanned == 0
    d, s = scan(s, "SN-0002")
    assert (d.outcome, d.serial, s.line(2).scanned, s.pending_serial) == (O.ACCEPTED, "SN-0002", 1, None)


def test_a_serial_cannot_be_used_twice_in_the_pack_or_before() -> None:
    _, s = scan(order_1042(), "]d20100885909950805" "21SN-0001", "]d2")
    d, s = scan(s, "]d20100885909950805" "21SN-0001", "]d2")
    assert d.outcome is O.SERIAL_USED and s.locked
    _, s = scan(s, Command.ACK.value)
    _, s = scan(s, "0885909950805")
    d, s = scan(s, "SN-OLD-1")
    assert d.outcome is O.SERIAL_USED and "SN-OLD-1" in d.message and s.line(2).scanned == 1


def test_undo_removes_the_last_accepted_scan_and_its_serial() -> None:
    _, s = scan(order_1042(), "4006381333931")
    _, s = scan(s, "]d20100885909950805" "21SN-0001", "]d2")
    d, s = scan(s, Command.UNDO.value)
    assert d.outcome is O.UNDONE and d.quantity == -1 and "SN-0001" in d.message
    assert s.line(2).scanned == 0 and s.serials == frozenset() and s.line(1).scanned == 1
    _, s = scan(s, Command.UNDO.value)
    d, s = scan(s, Command.UNDO.value)
    assert d.outcome is O.NOTHING_TO_UNDO and s.line(1).scanned == 0


def test_undo_while_waiting_for_a_serial_cancels_the_wait() -> None:
    _, s = scan(order_1042(), "0885909950805")
    d, s = scan(s, Command.UNDO.value)
    assert d.outcome is O.UNDONE and s.pending_serial is None


def test_other_commands_are_handed_to_the_screen() -> None:
    d, s = scan(order_1042(), Command.CLOSE_BOX.value)
    assert (d.outcome, d.command) == (O.COMMAND, Command.CLOSE_BOX) and not s.locked


def test_box_barcode_and_parcel_labels_are_recognised() -> None:
    assert scan(order_1042(), "BOX-S")[0].outcome is O.BOX
    for data in (SSCC, "00" + SSCC, "]C100" + SSCC, "RA123456785DE"):
        d, _ = scan(order_1042(), data)
        assert (d.outcome, d.code) == (O.LABEL_CONFIRMED, SSCC if "RA" not in data else "RA123456785DE")


def test_a_valid_label_of_no_known_parcel_is_a_wrong_label() -> None:
    d, s = scan(order_1042(), "RR987654326DE")
    assert d.outcome is O.WRONG_LABEL and s.locked


def test_label_code_reads_sscc_with_and_without_ai_00() -> None:
    assert label_code("00" + SSCC) == SSCC == label_code(SSCC)
    assert label_code("340123450000000018") is None


def test_a_sku_typed_through_a_german_keyboard_layout_is_named_as_a_layout_mismatch() -> None:
    # a US-layout wedge scanner on a German station: "-" arrives as "ß"
    d, s = scan(order_1042(), "MUGßBLUEß350")
    assert d.outcome is O.UNKNOWN and s.locked
    assert "MUGßBLUEß350" in d.message and "probably MUG-BLUE-350" in d.message
    assert "keyboard layout" in d.message


def test_an_unknown_code_that_no_layout_explains_gets_the_plain_refusal() -> None:
    d, _ = scan(order_1042(), "NOT-A-THING")
    assert d.outcome is O.UNKNOWN and "keyboard layout" not in d.message


def test_ack_typed_through_a_german_keyboard_layout_still_lifts_the_lock() -> None:
    _, locked = scan(order_1042(), "NOT-A-THING")
    d, s = scan(locked, "PDßCMDßACK")
    assert d.outcome is O.ACKNOWLEDGED and not s.locked


# --- issue 13, items 2 and 3: a serial request is a question, with a way out ----------------

def waiting_for_a_serial(product: ProductRef = HEADPHONES) -> PackState:
    d, s = scan(order_1042(), "0885909950805", catalogue=FakeCatalogue(products={"0885909950805": product,
                                                                                  "4006381333931": MUG}))
    assert d.outcome is O.NEEDS_SERIAL
    return s


def test_a_serial_request_asks_for_the_serial_number_by_name() -> None:
    d, _ = scan(order_1042(), "0885909950805")
    assert d.message.startswith("Scan the SERIAL NUMBER of HP-ANC-700 - Noise-cancelling headphones")
    assert "CANCEL" in d.message


def test_known_product_box_label_and_command_codes_are_refused_as_serials() -> None:
    s = waiting_for_a_serial()
    for code, words in (("4006381333931", "product MUG-BLUE-350"), ("0885909950805", "product HP-ANC-700"),
                        ("BOX-S", "box barcode"), ("00" + SSCC, f"parcel label {SSCC}"),
                        ("PD-RSN-BOX-OTHER", "Packdesk code"), ("PD-10001", "Packdesk code")):
        d, after = scan(s, code)
        assert d.outcome is O.SERIAL_REFUSED and words in d.message, code
        assert "Scan the SERIAL NUMBER of HP-ANC-700" in d.message
        assert after.pending_serial == s.pending_serial and not after.locked and after.line(2).scanned == 0
    d, after = scan(s, "SN-0003")
    assert (d.outcome, d.serial, after.line(2).scanned) == (O.ACCEPTED, "SN-0003", 1)


def test_close_box_while_a_serial_is_asked_is_refused_and_the_request_stays() -> None:
    s = waiting_for_a_serial()
    d, after = scan(s, Command.CLOSE_BOX.value)
    assert d.outcome is O.SERIAL_REFUSED and d.command is None and "CLOSE BOX was not done" in d.message
    assert after.pending_serial is not None


def test_the_cancel_barcode_ends_a_serial_request_without_counting_the_unit() -> None:
    s = waiting_for_a_serial()
    d, after = scan(s, "PD-RSN-CANCEL")
    assert d.outcome is O.UNDONE and after.pending_serial is None and after.line(2).scanned == 0
    assert "no longer asked" in d.message


def test_cancel_with_no_question_open_does_not_lock() -> None:
    d, after = scan(order_1042(), "PD-RSN-CANCEL")
    assert d.outcome is O.NOTHING_TO_UNDO and not after.locked


def test_gs1_ai_21_of_the_awaited_product_gives_its_serial() -> None:
    s = waiting_for_a_serial()
    d, after = scan(s, "]d20100885909950805" "21SN-0009", "]d2")
    assert (d.outcome, d.serial, after.line(2).scanned) == (O.ACCEPTED, "SN-0009", 1)


def test_a_serial_pattern_of_the_product_refuses_what_does_not_match() -> None:
    patterned = ProductRef(3, "HP-ANC-700", "Noise-cancelling headphones", serial_tracked=True,
                           serial_pattern=r"SN-\d{4}")
    s = waiting_for_a_serial(patterned)
    d, after = scan(s, "HELLO", catalogue=FakeCatalogue(products={"0885909950805": patterned}))
    assert d.outcome is O.SERIAL_REFUSED and "HELLO does not look like a serial number" in d.message
    d, after = scan(after, "SN-1234", catalogue=FakeCatalogue(products={"0885909950805": patterned}))
    assert (d.outcome, d.serial) == (O.ACCEPTED, "SN-1234")


# --- bulk quantity: scanned once, then how many ----------------------------------------------

SCREWS = ProductRef(5, "SCREW-M4", "Wood screws M4 x 30", bulk_max=50)


def order_of_screws(expected: int = 120) -> tuple[PackState, FakeCatalogue]:
    state = PackState("PD-1100", (LineTally(1, 201, 5, "SCREW-M4", "Wood screws M4 x 30", expected=expected),))
    return state, FakeCatalogue(products={"4012345000016": SCREWS})


def test_a_bulk_product_asks_how_many_and_takes_a_typed_quantity() -> None:
    s, cat = order_of_screws()
    d, s = scan(s, "4012345000016", catalogue=cat)
    assert d.outcome is O.NEEDS_QUANTITY and d.message.startswith("HOW MANY SCREW-M4") and "1 to 50" in d.message
    assert s.pending_quantity is not None and s.line(1).scanned == 0
    d, s = scan(s, "40", catalogue=cat)
    assert (d.outcome, d.quantity, s.line(1).scanned, s.pending_quantity) == (O.ACCEPTED, 40, 40, None)


def test_a_bulk_quantity_above_the_maximum_or_the_need_is_refused_and_still_asked() -> None:
    s, cat = order_of_screws(expected=30)
    _, s = scan(s, "4012345000016", catalogue=cat)
    for typed, words in (("31", "31 is not between 1 and 30"), ("0", "0 is not between 1 and 30"),
                         ("lots", "lots is not a quantity"), (Command.CLOSE_BOX.value, "CLOSE BOX was not done")):
        d, after = scan(s, typed, catalogue=cat)
        assert d.outcome is O.QUANTITY_REFUSED and words in d.message and not after.locked, typed
        assert after.pending_quantity is not None and after.line(1).scanned == 0
    d, after = scan(s, "PD-RSN-CANCEL", catalogue=cat)
    assert d.outcome is O.UNDONE and after.pending_quantity is None and after.line(1).scanned == 0


def test_undo_after_a_bulk_quantity_takes_the_whole_quantity_back() -> None:
    s, cat = order_of_screws()
    _, s = scan(s, "4012345000016", catalogue=cat)
    _, s = scan(s, "25", catalogue=cat)
    d, s = scan(s, Command.UNDO.value, catalogue=cat)
    assert d.outcome is O.UNDONE and d.quantity == -25 and s.line(1).scanned == 0


def test_the_last_unit_of_a_bulk_line_is_taken_without_asking() -> None:
    s, cat = order_of_screws(expected=1)
    d, s = scan(s, "4012345000016", catalogue=cat)
    assert (d.outcome, d.quantity) == (O.ACCEPTED, 1)


def test_a_scan_during_the_lock_says_scan_ack_once() -> None:
    """Issue 13, item 15: the lock's own message ends "Scan ACK."; the refusal must not repeat it."""
    _, locked = scan(order_1042(), "5012345678900")  # the teapot is not in the order: locked
    assert locked.locked and "scan ACK" in locked.lock_message
    d, _ = scan(locked, "4006381333931")
    assert d.outcome is O.LOCKED and d.message.lower().count("scan ack") == 1
    d, _ = scan(order_1042(locked=True, lock_message="A mis-scan."), "4006381333931")
    assert d.message.endswith("A mis-scan. Scan ACK first.")
