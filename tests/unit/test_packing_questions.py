"""Issue 13 in the use cases: a serial number that is asked never leaves an order stuck, a label
already confirmed is not taken again, and a label states its parcel count only once it is
known. Against the in-memory unit of work."""
from __future__ import annotations

from app.commands import Command
from app.packing import claim, labels, parcels, people, scan
from app.packing.api import ScanOutcome as O
from app.packing.current import forget
from app.packing.reasons import CANCEL
from app.unit_of_work import ProductRecord
from tests.unit.test_packing_use_cases import MUG_EAN, desk, packing, store, uow  # noqa: F401 (fixtures)

HEADPHONES_EAN = "0885909950805"


def with_headphones(store) -> None:  # noqa: F811
    hp = store.add_product(ProductRecord(store.new_id(), "HP-ANC-700", "Noise-cancelling headphones", 250, 200,
                                         180, 90, serial_tracked=True), (HEADPHONES_EAN, 1))
    store.add_order("PD-2000", [(hp, 1)], tote="TOTE-20", customer_name="Grace Hopper")


def test_a_serial_request_survives_log_out_and_in_and_cancel_frees_the_order(store, uow, desk) -> None:  # noqa: F811
    with_headphones(store)
    pat = people.login(uow, desk, "BADGE-PAT")
    claim.start_pack(uow, desk, pat, "TOTE-20")
    asked = scan.record_scan(uow, desk, "PD-2000", pat, HEADPHONES_EAN)
    assert asked.outcome is O.NEEDS_SERIAL and asked.pack.awaiting_serial_for == "HP-ANC-700"
    refused = parcels.close_parcel(uow, desk, "PD-2000", pat)
    assert not refused.ok and "SERIAL NUMBER of HP-ANC-700" in refused.message and "CANCEL" in refused.message
    not_a_serial = scan.record_scan(uow, desk, "PD-2000", pat, MUG_EAN)
    assert not_a_serial.outcome is O.SERIAL_REFUSED and not not_a_serial.pack.locked
    assert not_a_serial.pack.awaiting_serial_for == "HP-ANC-700"

    forget(desk)  # logged out and in: the pack is read again from the database
    resumed = claim.resume_open_pack(uow, desk, pat)
    assert resumed.awaiting_serial_for == "HP-ANC-700"
    cancelled = scan.record_scan(uow, desk, "PD-2000", pat, CANCEL)
    assert cancelled.outcome is O.UNDONE and cancelled.pack.awaiting_serial_for is None
    forget(desk)
    assert claim.resume_open_pack(uow, desk, pat).awaiting_serial_for is None
    scan.record_scan(uow, desk, "PD-2000", pat, HEADPHONES_EAN)
    done = scan.record_scan(uow, desk, "PD-2000", pat, "SN-12345")
    assert (done.outcome, done.serial) == (O.ACCEPTED, "SN-12345")
    assert parcels.close_parcel(uow, desk, "PD-2000", pat).ok
    outcomes = [s.outcome for s in store.tables.scans.values()]
    assert outcomes == ["needs_serial", "serial_refused", "undone", "needs_serial", "accepted"]


def test_a_confirmed_label_scanned_again_is_refused_and_the_awaited_one_named(store, uow, desk) -> None:  # noqa: F811
    pat = packing(uow, desk)
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    first = parcels.close_parcel(uow, desk, "PD-1042", pat)
    assert first.ok and first.label.parcel_count is None  # more to come: the count is not known
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    scan.record_scan(uow, desk, "PD-1042", pat, "]C10104015000011112" "10LOT-42\x1d" "17271130", "]C1")
    second = parcels.close_parcel(uow, desk, "PD-1042", pat)
    assert second.ok and second.label.parcel_count == 2
    again = labels.label_request(uow, desk, first.label.label_id)
    assert (again.parcel_seq, again.parcel_count) == (1, 2)  # printed now, it says "1 of 2"
    for label in (first.label, second.label):
        labels.record_label_result(uow, desk, label.label_id, True, "memory:")
    assert scan.record_scan(uow, desk, "PD-1042", pat, "00" + first.label.sscc).outcome is O.LABEL_CONFIRMED

    twice = scan.record_scan(uow, desk, "PD-1042", pat, "00" + first.label.sscc)
    assert twice.outcome is O.WRONG_LABEL and twice.pack.locked
    assert "parcel 1, which is already confirmed: scan the label of parcel 2" in twice.message
    scan.record_scan(uow, desk, "PD-1042", pat, Command.ACK.value)
    last = scan.record_scan(uow, desk, "PD-1042", pat, "00" + second.label.sscc)
    assert last.outcome is O.LABEL_CONFIRMED and last.confirmation.all_confirmed


def test_a_bulk_quantity_asked_survives_a_reload_and_refuses_close_box(store, uow, desk) -> None:  # noqa: F811
    screws = store.add_product(ProductRecord(store.new_id(), "SCREW-M4", "Wood screws M4 x 30", 2, 30, 4, 4,
                                             bulk_max_quantity=50), ("4012345000016", 1))
    store.add_order("PD-3000", [(screws, 120)], tote="TOTE-30", customer_name="Ada Lovelace")
    pat = people.login(uow, desk, "BADGE-PAT")
    claim.start_pack(uow, desk, pat, "TOTE-30")
    asked = scan.record_scan(uow, desk, "PD-3000", pat, "4012345000016")
    assert asked.outcome is O.NEEDS_QUANTITY
    assert (asked.pack.awaiting_quantity_for, asked.pack.awaiting_quantity_max) == ("SCREW-M4", 50)
    refused = parcels.close_parcel(uow, desk, "PD-3000", pat)
    assert not refused.ok and "HOW MANY SCREW-M4" in refused.message
    forget(desk)
    assert claim.resume_open_pack(uow, desk, pat).awaiting_quantity_for == "SCREW-M4"
    taken = scan.record_scan(uow, desk, "PD-3000", pat, "50")
    assert (taken.outcome, taken.quantity, taken.pack.units_scanned) == (O.ACCEPTED, 50, 50)
    assert [x.packed_quantity for x in store.tables.lines.values() if x.sku == "SCREW-M4"] == [50]
    assert taken.pack.awaiting_quantity_for is None
