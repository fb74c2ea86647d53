"""What a scan means for the open pack: pure rules, no database, no Qt.

`decide(state, data, symbology, catalogue)` reads a scan against the pack's state and a
catalogue lookup and returns a `Decision`; `apply(state, decision, scan_id)` gives the state
after the decision was committed. The service commits first and applies second, so memory
never runs ahead of the database.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from app.commands import Command, command_for
from app.gs1 import GS1_SYMBOLOGIES, interpret_gs1
from app.identifiers import is_valid_s10, is_valid_sscc
from app.packing.api import ERROR_OUTCOMES, BoxChoice, BoxSuggestion, ScanOutcome
from app.packing.reasons import CANCEL
from app.scanning.layout import find_layout_mismatch
from app.translator import Phrase, phrase

log = logging.getLogger(__name__)

O = ScanOutcome


@dataclass(frozen=True)
class ProductRef:
    """A product as a barcode names it; quantity is 1 for a unit barcode, n for a case."""

    product_id: int
    sku: str
    name: str
    quantity: int = 1
    serial_tracked: bool = False
    lot_tracked: bool = False
    serial_pattern: str | None = None  # a regular expression every serial of this product matches
    bulk_max: int | None = None  # a bulk product: scanned once, then its quantity, up to this

    @property
    def named(self) -> str:
        """The SKU and the name, as the station says them."""
        return f"{self.sku} - {self.name}"


@dataclass(frozen=True)
class LineTally:
    """One order line and how many of its units are scanned."""

    line_no: int
    line_id: int
    product_id: int | None
    sku: str
    name: str
    expected: int
    scanned: int = 0
    backordered: int = 0

    @property
    def remaining(self) -> int:
        """Units still to scan."""
        return max(0, self.expected - self.scanned - self.backordered)


@dataclass(frozen=True)
class Placed:
    """An accepted scan in the open parcel (what UNDO takes back)."""

    scan_id: int
    line_no: int
    quantity: int
    product_id: int
    serial: str | None = None


class Placements:
    """The accepted scans of the open parcel, oldest first, as a persistent stack.

    Push and pop are O(1) and the unit count is kept, so a scan into a parcel that already
    holds 100,000 units costs what a scan into an empty one does (a tuple copy per scan did
    not). Immutable: push/pop return a new stack that shares the old one.
    """

    __slots__ = ("last", "rest", "count", "units")

    def __init__(self, last: Placed | None = None, rest: Placements | None = None) -> None:
        self.last, self.rest = last, rest
        below = rest.count if rest is not None else 0
        self.count = below + (last is not None)
        self.units = (rest.units if rest is not None else 0) + (last.quantity if last is not None else 0)

    @classmethod
    def of(cls, items: Iterable[Placed]) -> Placements:
        """A stack holding these placements, the last one on top."""
        stack = EMPTY_PLACEMENTS
        for item in items:
            stack = stack.push(item)
        return stack

    def push(self, item: Placed) -> Placements:
        """This stack with `item` on top."""
        return Placements(item, self if self.count else None)

    def pop(self) -> Placements:
        """This stack without its top."""
        return self.rest if self.rest is not None else EMPTY_PLACEMENTS

    def __iter__(self) -> Iterator[Placed]:
        out: list[Placed] = []
        node: Placements | None = self
        while node is not None and node.last is not None:
            out.append(node.last)
            node = node.rest
        return reversed(out)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple):
            return tuple(self) == other
        return isinstance(other, Placements) and (self is other or (
            self.count == other.count and self.units == other.units and tuple(self) == tuple(other)))

    def __hash__(self) -> int:
        return hash((self.count, self.units, self.last))

    def __repr__(self) -> str:
        return f"Placements({self.count} scans, {self.units} units, last={self.last!r})"


EMPTY_PLACEMENTS = Placements()


@dataclass(frozen=True)
class PendingSerial:
    """A serial-tracked unit scanned without a serial: the next scan is its serial."""

    product: ProductRef
    line_no: int
    lot: str | None = None
    expiry: date | None = None


@dataclass(frozen=True)
class PendingQuantity:
    """A bulk product scanned once: the next scan (or typed number) is how many units go in."""

    product: ProductRef
    line_no: int
    lot: str | None = None
    expiry: date | None = None


@dataclass(frozen=True)
class PackState:
    """The open pack as the rules see it."""

    order_number: str
    lines: tuple[LineTally, ...]
    locked: bool = False
    lock_message: str | None = None
    pending_serial: PendingSerial | None = None
    placed: Placements = EMPTY_PLACEMENTS  # accepted scans of the open parcel, oldest first
    serials: frozenset[tuple[int, str]] = frozenset()  # (product_id, serial) in this pack
    pending_quantity: PendingQuantity | None = None

    def line(self, line_no: int) -> LineTally:
        """The line with this number."""
        return next(line for line in self.lines if line.line_no == line_no)


class Catalogue(Protocol):
    """What the rules look up: products by barcode or SKU, boxes, parcel labels, serials."""

    def product_for(self, code: str) -> ProductRef | None:
        """The product a barcode, GTIN (any length) or SKU names."""
        ...

    def is_box(self, code: str) -> bool:
        """True when the code is a box barcode of the box catalogue."""
        ...

    def is_parcel_label(self, code: str) -> bool:
        """True when the code is an SSCC or tracking number of some parcel."""
        ...

    def serial_used(self, product_id: int, serial: str) -> bool:
        """True when this serial of this product was packed before."""
        ...

    def is_order(self, code: str) -> bool:
        """True when the code is the number of an order (another one than the pack's)."""
        ...


@dataclass(frozen=True)
class Decision:
    """What a scan means; the service records it and, if it changes the pack, applies it."""

    outcome: ScanOutcome
    message: str
    product: ProductRef | None = None
    line_no: int | None = None
    quantity: int = 0
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    command: Command | None = None
    code: str | None = None  # a box barcode or a parcel label (SSCC / tracking number)
    undo: Placed | None = None  # the accepted scan that UNDO takes back


def gtin_key(code: str) -> str | None:
    """The 14-digit form of a GTIN-8/12/13/14, or None when the code is not one."""
    if code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14):
        return code.zfill(14)
    return None


def label_code(data: str) -> str | None:
    """The SSCC (with or without AI 00) or S10 tracking number a scan carries, else None."""
    text = _strip_symbology(data).replace("\x1d", "").strip()
    if len(text) == 20 and text.startswith("00") and is_valid_sscc(text[2:]):
        return text[2:]
    if is_valid_sscc(text) or is_valid_s10(text.upper()):
        return text.upper()
    return None


def is_this_order(data: str, order: str) -> bool:
    """Whether a scan is the open order's own number (its order sheet), in any case, with or
    without the scanner's symbology identifier."""
    return _strip_symbology(data.strip()).strip().casefold() == order.casefold()


def _strip_symbology(data: str) -> str:
    return data[3:] if len(data) >= 3 and data[0] == "]" else data


def _named(data: str, product: ProductRef | None) -> str:
    shown = data.replace("\x1d", " ").strip()
    return f"{shown} - {product.name}" if product else shown


def decide(state: PackState, data: str, symbology: str | None, catalogue: Catalogue) -> Decision:
    """What this scan means for the pack (pure: the catalogue only answers look-ups)."""
    raw = data.strip("\r\n")
    order = state.order_number
    command = command_for(raw)
    if state.locked:
        if command is None:  # only ACK leaves the lock, even one a keyboard layout garbled
            command = _command_typed_through_another_layout(raw)
        if command is Command.ACK:
            return Decision(O.ACKNOWLEDGED, phrase("Acknowledged. Carry on scanning."), command=command)
        lock = state.lock_message
        why = (lock if isinstance(lock, Phrase) else (lock or "").strip()) or phrase("a mis-scan.")
        if "scan ack" in why.lower():  # said once, not twice
            text = phrase("Scanned %(code)s, but the station waits for ACK: %(why)s", code=_named(raw, None), why=why)
        else:
            text = phrase("Scanned %(code)s, but the station waits for ACK: %(why)s Scan ACK first.",
                          code=_named(raw, None), why=why)
        return Decision(O.LOCKED, text, command=command)
    if state.pending_serial is not None:
        return _serial_for(state, raw, symbology, catalogue, command)
    if state.pending_quantity is not None:
        return _quantity_for(state, raw, command)
    if command is not None:
        return _command(state, command)
    if is_cancel(raw):
        return Decision(O.NOTHING_TO_UNDO, phrase("Nothing to cancel: no question is open. Carry on scanning."))
    text = _strip_symbology(raw).strip()
    if not text:
        return Decision(O.UNKNOWN, phrase("Scanned an empty barcode, which means nothing in order %(order)s. Scan ACK.",
                                          order=order))
    product = catalogue.product_for(text)
    if product is not None:
        return _product(state, raw, product, None, None, None, catalogue)
    if catalogue.is_box(text):
        return Decision(O.BOX, phrase("Box %(box)s scanned.", box=text), code=text)
    if is_this_order(raw, order):  # the order sheet of the pack already open (after a restart, say)
        return Decision(O.THIS_ORDER, phrase("%(order)s is the order open here: carry on scanning its items.",
                                             order=order))
    code = label_code(raw)
    if code is not None and catalogue.is_parcel_label(code):
        return Decision(O.LABEL_CONFIRMED, phrase("Label %(label)s scanned.", label=code), code=code)
    reading = interpret_gs1(text, symbology if symbology in GS1_SYMBOLOGIES or symbology in ("]E0", "]E3", "]E4") else None,
                            separators=("\x1d",))
    if reading.errors:
        return Decision(O.INVALID_GS1, phrase("Scanned %(code)s: its GS1 check digit is wrong (%(problem)s). Put the "
                                              "item aside for a supervisor and scan ACK.", code=_named(raw, None),
                                              problem=reading.errors[0]))
    if reading.sscc:
        if catalogue.is_parcel_label(reading.sscc):
            return Decision(O.LABEL_CONFIRMED, phrase("Label %(label)s scanned.", label=reading.sscc), code=reading.sscc)
        return Decision(O.UNKNOWN, phrase("Scanned SSCC %(sscc)s, which is no parcel of this station. Scan the label "
                                          "on the parcel you closed, then ACK.", sscc=reading.sscc))
    if reading.gtin:
        product = catalogue.product_for(reading.gtin)
        if product is not None:
            return _product(state, raw, product, reading.lot, reading.expiry, reading.serial, catalogue)
    if code is not None:
        return Decision(O.WRONG_LABEL, phrase("Scanned label %(label)s, which belongs to no parcel of order %(order)s. "
                                              "Find the right parcel and scan ACK.", label=code, order=order))
    garbled = _command_typed_through_another_layout(raw)
    if garbled is not None:
        return _command(state, garbled)
    mismatch = find_layout_mismatch(text, lambda c: _is_known(c, catalogue))
    if mismatch is not None:
        return Decision(O.UNKNOWN, phrase("%(problem)s Tell your supervisor; put the item aside and scan ACK.",
                                          problem=mismatch.message))
    if catalogue.is_order(text):
        return Decision(O.UNKNOWN, phrase("Scanned %(code)s: that is another order's sheet, and this station is packing "
                                          "%(order)s. Put that sheet aside with its order and scan ACK.",
                                          code=text, order=order))
    return Decision(O.UNKNOWN, phrase("Scanned %(code)s: not a product, box or label of this warehouse. Put it aside "
                                      "and scan ACK.", code=_named(raw, None)))


def _is_known(code: str, catalogue: Catalogue) -> bool:
    """A product, box or parcel label of this catalogue (for the layout-mismatch check)."""
    label = label_code(code)
    return (catalogue.product_for(code) is not None or catalogue.is_box(code)
            or (label is not None and catalogue.is_parcel_label(label)))


def _command_typed_through_another_layout(raw: str) -> Command | None:
    """A command barcode garbled by a keyboard layout mismatch (PDßCMDßACK for PD-CMD-ACK) is
    still that command: otherwise a station whose scanner mistypes could never leave the lock
    by scanning ACK. The mismatch is logged for the administrator."""
    mismatch = find_layout_mismatch(raw.strip(), lambda c: command_for(c) is not None)
    return command_for(mismatch.probable) if mismatch is not None else None


def _command(state: PackState, command: Command) -> Decision:
    if command is Command.ACK:
        return Decision(O.ACKNOWLEDGED, phrase("Nothing to acknowledge. Carry on scanning."), command=command)
    if command is Command.UNDO:
        if state.pending_serial is not None:
            return Decision(O.UNDONE, phrase("Serial scan for %(sku)s cancelled.", sku=state.pending_serial.product.sku),
                            command=command)
        if not state.placed:
            return Decision(O.NOTHING_TO_UNDO, phrase("Nothing to undo in this parcel."), command=command)
        last = state.placed.last
        assert last is not None
        line = state.line(last.line_no)
        removed = (phrase("Removed %(quantity)s x %(sku)s - %(name)s (serial %(serial)s). Take it out of the box.",
                          quantity=last.quantity, sku=line.sku, name=line.name, serial=last.serial) if last.serial
                   else phrase("Removed %(quantity)s x %(sku)s - %(name)s. Take it out of the box.",
                               quantity=last.quantity, sku=line.sku, name=line.name))
        return Decision(O.UNDONE, removed,
                        line_no=last.line_no, quantity=-last.quantity, serial=last.serial,
                        command=command, undo=last)
    return Decision(O.COMMAND, command.label, command=command)


def is_cancel(data: str) -> bool:
    """True for the CANCEL barcode of the command sheet."""
    return data.strip().upper() == CANCEL


def serial_request(product: ProductRef) -> str:
    """What the station says while it waits for a serial number (a question, not a success)."""
    return phrase("Scan the SERIAL NUMBER of %(product)s, or CANCEL to leave this unit out.", product=product.named)


# Commands that cannot be carried out while a serial number is asked: they would close the
# parcel, or leave the pack, without the unit the packer holds.
REFUSED_WHILE_SERIAL = (Command.CLOSE_BOX, Command.NEXT)


def _serial_for(state: PackState, raw: str, symbology: str | None, catalogue: Catalogue,
                command: Command | None) -> Decision:
    pending = state.pending_serial
    assert pending is not None
    product = pending.product
    if command is Command.UNDO or is_cancel(raw):
        return Decision(O.UNDONE, phrase("The serial number of %(product)s is no longer asked: that unit is not "
                                         "counted. Take it out of the box, or scan it again when its serial is at "
                                         "hand.", product=product.named), command=command)
    if command in REFUSED_WHILE_SERIAL:
        assert command is not None
        return _not_a_serial(pending, phrase("%(command)s was not done", command=command.label))
    if command is not None:
        return _command(state, command)
    text = _strip_symbology(raw).strip()
    reading = interpret_gs1(text, symbology if symbology in GS1_SYMBOLOGIES else None, separators=("\x1d",))
    named = catalogue.product_for(reading.gtin) if reading.gtin else None
    if reading.serial and (reading.gtin is None or (named is not None and named.product_id == product.product_id)):
        serial = reading.serial  # GS1 AI 21: the serial of this very product
    else:
        known = _known_code(text, raw, reading.gtin, catalogue)
        if known is not None:
            return _not_a_serial(pending, phrase("%(code)s is %(known)s, not a serial number", code=_named(raw, None),
                                                 known=known))
        serial = text
    if not serial:
        return _not_a_serial(pending, phrase("That scan was empty"))
    if product.serial_pattern and re.fullmatch(product.serial_pattern, serial) is None:
        return _not_a_serial(pending, phrase("%(serial)s does not look like a serial number of %(sku)s", serial=serial,
                                             sku=product.sku))
    return _accept_serial(state, raw, product, pending.line_no, pending.lot, pending.expiry, serial, catalogue)


def quantity_limit(state: PackState, pending: PendingQuantity) -> int:
    """The most units a bulk product's quantity may be: its maximum, or what the line still needs."""
    return max(1, min(pending.product.bulk_max or 1, state.line(pending.line_no).remaining))


def quantity_request(product: ProductRef, limit: int) -> str:
    """What the station says while it waits for a bulk product's quantity."""
    return phrase("HOW MANY %(product)s? Type the quantity (1 to %(limit)s) and press Enter, or scan it; CANCEL to "
                  "leave it out.", product=product.named, limit=limit)


def _quantity_for(state: PackState, raw: str, command: Command | None) -> Decision:
    pending = state.pending_quantity
    assert pending is not None
    product, limit = pending.product, quantity_limit(state, pending)
    if command is Command.UNDO or is_cancel(raw):
        return Decision(O.UNDONE, phrase("The quantity of %(product)s is no longer asked: nothing was counted.",
                                         product=product.named), command=command)
    if command in REFUSED_WHILE_SERIAL:
        assert command is not None
        return _not_a_quantity(pending, limit, phrase("%(command)s was not done", command=command.label))
    if command is not None:
        return _command(state, command)
    text = _strip_symbology(raw).strip()
    if not (text.isascii() and text.isdigit()):
        return _not_a_quantity(pending, limit, phrase("%(code)s is not a quantity", code=_named(raw, None))
                               if _named(raw, None) else phrase("An empty scan is not a quantity"))
    count = int(text)
    if not 1 <= count <= limit:
        return _not_a_quantity(pending, limit, phrase("%(count)s is not between 1 and %(limit)s", count=count,
                                                      limit=limit))
    line = state.line(pending.line_no)
    return Decision(O.ACCEPTED, phrase("%(product)s: +%(count)s, %(scanned)s of %(expected)s.", product=product.named,
                                       count=count, scanned=line.scanned + count,
                                       expected=line.expected - line.backordered), product=product, line_no=line.line_no,
                    quantity=count, lot=pending.lot, expiry=pending.expiry)


def _not_a_quantity(pending: PendingQuantity, limit: int, why: str) -> Decision:
    """A refused quantity: the question stays open and says again what it asks."""
    return Decision(O.QUANTITY_REFUSED, phrase("%(why)s. %(request)s", why=why,
                                               request=quantity_request(pending.product, limit)),
                    product=pending.product, line_no=pending.line_no, lot=pending.lot, expiry=pending.expiry)


def _not_a_serial(pending: PendingSerial, why: str) -> Decision:
    """A refused serial: the question stays open and says again what it asks."""
    return Decision(O.SERIAL_REFUSED, phrase("%(why)s. %(request)s", why=why, request=serial_request(pending.product)),
                    product=pending.product,
                    line_no=pending.line_no, lot=pending.lot, expiry=pending.expiry)


def _known_code(text: str, raw: str, gtin: str | None, catalogue: Catalogue) -> str | None:
    """What a code Packdesk knows is (a product, box, parcel label or command-sheet code), or None."""
    product = catalogue.product_for(text) or (catalogue.product_for(gtin) if gtin else None)
    if product is not None:
        return phrase("the barcode of the product %(product)s", product=product.named)
    if catalogue.is_box(text):
        return phrase("a box barcode")
    code = label_code(raw)
    if code is not None and catalogue.is_parcel_label(code):
        return phrase("the parcel label %(label)s", label=code)
    if text.upper().startswith("PD-"):
        return phrase("a Packdesk code (command sheet or order)")
    return None


def _accept_serial(state: PackState, raw: str, product: ProductRef, line_no: int, lot: str | None,
                   expiry: date | None, serial: str, catalogue: Catalogue) -> Decision:
    if (product.product_id, serial) in state.serials or catalogue.serial_used(product.product_id, serial):
        return Decision(O.SERIAL_USED, phrase("Serial %(serial)s of %(sku)s - %(name)s was already packed. Put this "
                                              "unit aside for a supervisor and scan ACK.", serial=serial,
                                              sku=product.sku, name=product.name), product=product,
                        line_no=line_no, serial=serial, lot=lot, expiry=expiry)
    line = state.line(line_no)
    return Decision(O.ACCEPTED, phrase("%(sku)s - %(name)s serial %(serial)s: %(scanned)s of %(expected)s.",
                                       sku=product.sku, name=product.name, serial=serial, scanned=line.scanned + 1,
                                       expected=line.expected - line.backordered),
                    product=product, line_no=line_no, quantity=1, lot=lot, expiry=expiry, serial=serial)


def _product(state: PackState, raw: str, product: ProductRef, lot: str | None, expiry: date | None,
             serial: str | None, catalogue: Catalogue) -> Decision:
    order = state.order_number
    lines = [line for line in state.lines if line.product_id == product.product_id]
    if not lines:
        return Decision(O.WRONG_ITEM, phrase("Scanned %(code)s, which is not in order %(order)s. Put it aside and scan "
                                             "ACK.", code=_named(raw, product), order=order), product=product)
    line = next((x for x in lines if x.remaining >= product.quantity), None)
    if line is None:
        have = lines[0]
        needs = sum(x.expected - x.backordered for x in lines)
        over = (phrase("Scanned %(code)s: order %(order)s needs %(needs)s and all are scanned (this case holds "
                       "%(case)s). Take it out of the box and scan ACK.", code=_named(raw, product), order=order,
                       needs=needs, case=product.quantity) if product.quantity > 1
                else phrase("Scanned %(code)s: order %(order)s needs %(needs)s and all are scanned. Take it out of "
                            "the box and scan ACK.", code=_named(raw, product), order=order, needs=needs))
        return Decision(O.OVER_SCAN, over, product=product, line_no=have.line_no)
    if product.serial_tracked and product.quantity == 1:
        if serial is None:
            return Decision(O.NEEDS_SERIAL, serial_request(product), product=product, line_no=line.line_no,
                            lot=lot, expiry=expiry)
        return _accept_serial(state, raw, product, line.line_no, lot, expiry, serial, catalogue)
    if product.bulk_max and product.quantity == 1 and min(product.bulk_max, line.remaining) > 1:
        return Decision(O.NEEDS_QUANTITY, quantity_request(product, min(product.bulk_max, line.remaining)),
                        product=product, line_no=line.line_no, lot=lot, expiry=expiry)
    unit = phrase("case of %(quantity)s", quantity=product.quantity) if product.quantity > 1 else "1"
    return Decision(O.ACCEPTED, phrase("%(sku)s - %(name)s: +%(unit)s, %(scanned)s of %(expected)s.", sku=product.sku,
                                       name=product.name, unit=unit, scanned=line.scanned + product.quantity,
                                       expected=line.expected - line.backordered),
                    product=product, line_no=line.line_no, quantity=product.quantity, lot=lot,
                    expiry=expiry, serial=serial)


def apply(state: PackState, decision: Decision, scan_id: int | None = None) -> PackState:
    """The pack's state after the decision was committed."""
    outcome = decision.outcome
    if outcome in ERROR_OUTCOMES:
        return replace(state, locked=True, lock_message=decision.message, pending_serial=None,
                       pending_quantity=None)
    if outcome is O.ACKNOWLEDGED:
        return replace(state, locked=False, lock_message=None)
    if outcome is O.NEEDS_SERIAL:
        assert decision.product is not None and decision.line_no is not None
        return replace(state, pending_serial=PendingSerial(decision.product, decision.line_no,
                                                         decision.lot, decision.expiry))
    if outcome is O.NEEDS_QUANTITY:
        assert decision.product is not None and decision.line_no is not None
        return replace(state, pending_quantity=PendingQuantity(decision.product, decision.line_no,
                                                             decision.lot, decision.expiry))
    if outcome is O.ACCEPTED:
        assert decision.product is not None and decision.line_no is not None
        lines = tuple(replace(x, scanned=x.scanned + decision.quantity) if x.line_no == decision.line_no else x
                      for x in state.lines)
        placed = Placed(scan_id or 0, decision.line_no, decision.quantity, decision.product.product_id,
                        decision.serial)
        serials = state.serials | ({(decision.product.product_id, decision.serial)} if decision.serial else set())
        return replace(state, lines=lines, placed=state.placed.push(placed), serials=serials, pending_serial=None,
                       pending_quantity=None)
    if outcome is O.UNDONE:
        if decision.undo is None:
            return replace(state, pending_serial=None, pending_quantity=None)
        last = decision.undo
        lines = tuple(replace(x, scanned=x.scanned - last.quantity) if x.line_no == last.line_no else x
                      for x in state.lines)
        serials = state.serials - ({(last.product_id, last.serial)} if last.serial else set())
        return replace(state, lines=lines, placed=state.placed.pop(), serials=serials)
    return state


class NamedBox(Protocol):
    code: str
    name: str


def box_refused(barcode: str, box: NamedBox | None, seq: int, suggestion: BoxSuggestion | None,
                reason: str | None) -> BoxChoice | None:
    """The box rule, online and offline alike: a box of the catalogue (None: unknown or disabled),
    and the suggested one unless the packer says why. None: the box may be taken."""
    if box is None:
        return BoxChoice(False, False, None, None, None, seq, phrase(
            "%(code)s is no box of the catalogue (or it is disabled); scan the barcode printed on a standard box.",
            code=barcode))
    suggested = suggestion.code if suggestion else None
    suggested_name = suggestion.name if suggestion else None
    if suggested is not None and box.code != suggested and not (reason and reason.strip()):
        return BoxChoice(False, True, box.code, box.name, suggested, seq,
                         phrase("%(box)s is not the suggested %(suggested)s: say why you take it.", box=box.name,
                                suggested=suggested_name), suggested_name)
    return None
