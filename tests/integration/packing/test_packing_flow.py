"""The packing station's whole flow through PackingService, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.store.models import Label, Order, OrderEvent, OrderLine, PackException, Parcel, ParcelItem, ScanRecord
from app.identifiers import is_valid_s10, is_valid_sscc
from app.packing.api import LineState, ScanOutcome as O
from app.packing.errors import BadgeNotRecognised, OrderHeldElsewhere, SupervisorRequired

from tests.integration.packing.conftest import (
    ACK, HEADPHONES_EAN, MUG_CASE, MUG_EAN, TEAPOT_EAN, UNDO, VITAMINS_EAN, Warehouse, add_order, scan,
)


def events(warehouse: Warehouse, number: str) -> list[str]:
    with warehouse.db.read() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == number))
        return list(session.scalars(select(OrderEvent.kind).where(OrderEvent.order_id == order_id)
                                    .order_by(OrderEvent.id)))


def test_badge_logs_in_and_a_stranger_is_refused(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    assert (pat.username, pat.display_name, pat.role) == ("pat", "Pat Packer", "packer")
    with pytest.raises(BadgeNotRecognised, match="BADGE-NOBODY"):
        station.login("BADGE-NOBODY")


def test_order_packed_from_first_scan_to_confirmed_label(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    assert station.home_summary(pat).queue_size == 1
    pack = station.start_pack(pat, "TOTE-07")
    assert (pack.order_number, pack.status, pack.parcel_caption) == ("PD-1042", "packing", "parcel 1")
    assert pack.gift_wrap and pack.gift_message == "Happy birthday, Ada!" and pack.customer_name == "Ada Lovelace"
    assert pack.suggested_box is not None and pack.suggested_box.code == "S"
    assert {h.code for h in pack.barcodes} >= {MUG_EAN, MUG_CASE, VITAMINS_EAN}

    first = station.record_scan("PD-1042", pat, scan(MUG_EAN))
    assert first.outcome is O.ACCEPTED and first.pack.lines[0].state is LineState.PARTIAL
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    lot = station.record_scan("PD-1042", pat, scan("]C10104015000011112" "10LOT-42\x1d" "17271130", "]C1"))
    assert (lot.outcome, lot.lot, str(lot.expiry)) == (O.ACCEPTED, "LOT-42", "2027-11-30")
    assert lot.pack.all_scanned and lot.pack.parcel_caption == "parcel 1 of 1"

    box = station.record_scan("PD-1042", pat, scan("BOX-S"))
    assert box.outcome is O.BOX and box.box.accepted

    heavy = station.close_parcel("PD-1042", pat, weight_g=1400)
    assert not heavy.ok and heavy.expected_weight_g == 350 * 2 + 120 + 150 and heavy.tolerance_g == 50
    assert "1400 g" in heavy.message and "970 g" in heavy.message

    closed = station.close_parcel("PD-1042", pat, weight_g=990)
    assert closed.ok and closed.label is not None
    label = closed.label
    assert is_valid_sscc(label.sscc) and is_valid_s10(label.tracking_number)
    assert (label.parcel_seq, label.parcel_count, label.weight_g, label.dimensions_mm) == (1, 1, 990, (260, 210, 160))
    assert label.ship_to.city == "London" and label.ship_from.city == "Hamburg"
    assert [(x.sku, x.in_parcel, x.lots) for x in label.lines] == [("MUG-BLUE-350", 2, ()), ("VIT-C-100", 1, ("LOT-42",))]

    too_early = station.record_scan("PD-1042", pat, scan(label.sscc))
    assert too_early.outcome is O.WRONG_LABEL and "not printed" in too_early.message
    station.acknowledge("PD-1042", pat)
    printed = station.record_label_result(label.label_id, True, "tcp://127.0.0.1:9100")
    assert printed.status == "printed"

    confirmed = station.record_scan("PD-1042", pat, scan("00" + label.sscc))
    assert confirmed.outcome is O.LABEL_CONFIRMED and confirmed.confirmation.all_confirmed
    assert confirmed.pack is None
    with warehouse.db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "PD-1042"))
        assert (order.status, order.claimed_by_station) == ("packed", None)
        exc = session.scalar(select(PackException))
        assert (exc.kind, exc.username, exc.station) == ("weight", "pat", "PACK-01")
        assert [line.packed_quantity for line in order.lines] == [2, 1]
    assert events(warehouse, "PD-1042") == [
        "StatusChanged", "ItemScanned", "ItemScanned", "ItemScanned", "BoxChosen", "WeightOutOfTolerance",
        "ParcelClosed", "WrongLabelScanned", "LabelPrinted", "LabelConfirmed", "StatusChanged"]
    home = station.home_summary(pat)
    assert (home.orders_packed_today, home.units_packed_today, home.mis_scans_today) == (1, 3, 1)
    assert home.accuracy_percent == 75.0 and home.queue_size == 0


def test_every_scan_and_mis_scan_is_recorded_with_station_and_user(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    wrong = station.record_scan("PD-1042", pat, scan(TEAPOT_EAN))
    assert wrong.outcome is O.WRONG_ITEM and wrong.pack.locked
    assert wrong.message == (f"Scanned {TEAPOT_EAN} - Red teapot 1 l, which is not in order PD-1042. "
                             "Put it aside and scan ACK.")
    ignored = station.record_scan("PD-1042", pat, scan(MUG_EAN))
    assert ignored.outcome is O.LOCKED and ignored.pack.lines[0].scanned == 0
    assert station.record_scan("PD-1042", pat, scan(ACK)).outcome is O.ACKNOWLEDGED
    assert station.record_scan("PD-1042", pat, scan("NO-SUCH-THING")).outcome is O.UNKNOWN
    station.record_scan("PD-1042", pat, scan(ACK))
    station.record_scan("PD-1042", pat, scan(MUG_CASE))
    with warehouse.db.read() as session:
        rows = session.execute(select(ScanRecord.data, ScanRecord.outcome, ScanRecord.station, ScanRecord.username)
                               .order_by(ScanRecord.id)).all()
    assert [(d, o) for d, o, _, _ in rows] == [
        (TEAPOT_EAN, "wrong_item"), (MUG_EAN, "locked"), (ACK, "acknowledged"), ("NO-SUCH-THING", "unknown"),
        (ACK, "acknowledged"), (MUG_CASE, "over_scan")]
    assert {(s, u) for _, _, s, u in rows} == {("PACK-01", "pat")}


def test_undo_takes_the_last_unit_out_of_the_parcel(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    undone = station.record_scan("PD-1042", pat, scan(UNDO))
    assert undone.outcome is O.UNDONE and undone.pack.lines[0].scanned == 0
    assert station.undo_last_scan("PD-1042", pat).outcome is O.NOTHING_TO_UNDO
    with warehouse.db.read() as session:
        assert session.scalar(select(OrderLine.packed_quantity).where(OrderLine.line_no == 1)) == 0
        assert session.scalars(select(ParcelItem)).all() == []
    assert "ScanUndone" in events(warehouse, "PD-1042")


def test_serial_numbers_are_unique_across_orders(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-2001", [("HP-ANC-700", 1)])
    add_order(warehouse.db, "PD-2002", [("HP-ANC-700", 1)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-2001")
    ask = station.record_scan("PD-2001", pat, scan(HEADPHONES_EAN))
    assert ask.outcome is O.NEEDS_SERIAL and ask.pack.awaiting_serial_for == "HP-ANC-700"
    got = station.record_scan("PD-2001", pat, scan("SN-ANC-0001"))
    assert (got.outcome, got.serial) == (O.ACCEPTED, "SN-ANC-0001")
    other = warehouse.service("PACK-02")
    other.start_pack(pat, "PD-2002")
    again = other.record_scan("PD-2002", pat, scan("]d2" "0100885909950805" "21SN-ANC-0001", "]d2"))
    assert again.outcome is O.SERIAL_USED and again.pack.locked and "SN-ANC-0001" in again.message


def test_a_second_station_is_told_who_holds_the_order(warehouse: Warehouse) -> None:
    one, two = warehouse.service("PACK-01"), warehouse.service("PACK-02")
    pat = one.login("BADGE-PAT")
    one.start_pack(pat, "PD-1042")
    with pytest.raises(OrderHeldElsewhere, match="PACK-01"):
        two.start_pack(pat, "PD-1042")


def test_next_takes_the_highest_priority_order(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-3001", [("TEAPOT-RED", 1)], priority=5)
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    assert station.start_next(pat).order_number == "PD-3001"
    assert station.start_next(pat).order_number == "PD-1042"
    assert station.start_next(pat) is None


def test_several_parcels_count_up_to_parcel_2_of_2(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-4001", [("TEAPOT-RED", 2)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-4001")
    station.record_scan("PD-4001", pat, scan(TEAPOT_EAN))
    first = station.close_parcel("PD-4001", pat)
    assert first.ok and first.label.parcel_count is None and first.pack.parcel_caption == "parcel 2"
    station.record_label_result(first.label.label_id, True, "memory:")
    last = station.record_scan("PD-4001", pat, scan(TEAPOT_EAN))
    assert last.pack.parcel_caption == "parcel 2 of 2"
    second = station.close_parcel("PD-4001", pat)
    assert second.ok and (second.label.parcel_seq, second.label.parcel_count) == (2, 2)
    station.record_label_result(second.label.label_id, True, "memory:")
    assert not station.confirm_label("PD-4001", first.label.tracking_number).all_confirmed
    done = station.confirm_label("PD-4001", second.label.sscc)
    assert done.all_confirmed and done.order_status == "packed"


def test_a_box_other_than_the_suggestion_needs_a_reason(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    asked = station.record_scan("PD-1042", pat, scan("BOX-L"))
    assert asked.outcome is O.BOX and asked.box.needs_reason and not asked.box.accepted
    taken = station.choose_box("PD-1042", "BOX-L", reason="small boxes ran out", user=pat)
    assert taken.accepted
    with warehouse.db.read() as session:
        assert session.scalar(select(Parcel.box_override_reason)) == "small boxes ran out"


def test_problem_puts_the_order_on_hold_and_frees_the_station(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    reported = station.report_problem("PD-1042", "damaged", "mug handle broken", pat)
    assert "on hold" in reported.message
    with warehouse.db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "PD-1042"))
        assert (order.status, order.claimed_by_station) == ("on_hold", None)
        assert session.scalar(select(PackException.reason)) == "mug handle broken"
    assert station.resume_open_pack(pat) is None


def test_partial_shipment_needs_a_supervisor_and_backorders_the_rest(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    with pytest.raises(SupervisorRequired):
        station.ship_partial("PD-1042", "BADGE-PAT", pat)
    partial = station.ship_partial("PD-1042", "BADGE-SAM", pat)
    assert partial.approved_by == "sam" and partial.backordered == (("MUG-BLUE-350", 1), ("VIT-C-100", 1))
    assert partial.pack.all_scanned and partial.pack.parcel_caption == "parcel 1 of 1"
    closed = station.close_parcel("PD-1042", pat)
    assert [(x.sku, x.in_parcel, x.backordered) for x in closed.label.lines] == [("MUG-BLUE-350", 1, 1)]
    station.record_label_result(closed.label.label_id, True, "memory:")
    assert station.confirm_label("PD-1042", closed.label.sscc).all_confirmed
    with warehouse.db.read() as session:
        lines = session.scalars(select(OrderLine).order_by(OrderLine.line_no)).all()
        assert [(x.packed_quantity, x.backordered_quantity) for x in lines] == [(1, 1), (0, 1)]
        approval = session.scalar(select(OrderEvent.detail).where(OrderEvent.kind == "PartialShipmentApproved"))
        assert json.loads(approval)["approved_by"] == "sam"


def test_reprint_makes_a_new_version_and_keeps_the_old_one_with_its_reason(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    closed = station.close_parcel("PD-1042", pat)
    station.record_label_result(closed.label.label_id, True, "memory:")
    again = station.reprint_label(closed.pack.parcels[0].parcel_id, "label smudged", pat)
    assert (again.version, again.reason, again.sscc) == (2, "label smudged", closed.label.sscc)
    assert station.record_label_result(closed.label.label_id, True, "memory:").status == "reprinted"
    with warehouse.db.read() as session:
        rows = session.execute(select(Label.version, Label.status, Label.reason).order_by(Label.version)).all()
    assert rows == [(1, "reprinted", "label smudged"), (2, "pending", "label smudged")]


def test_a_station_that_lost_its_order_cannot_pack_into_it(warehouse: Warehouse) -> None:
    from app.packing.errors import NotAllowed

    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    with warehouse.db.write() as session:  # a supervisor gave the order to another station
        session.scalar(select(Order).where(Order.number == "PD-1042")).claimed_by_station = "PACK-99"
    with pytest.raises(NotAllowed, match="PD-1042"):
        station.record_scan("PD-1042", pat, scan(MUG_EAN))
    with warehouse.db.read() as session:
        assert session.scalar(select(OrderLine.packed_quantity).where(OrderLine.line_no == 1)) == 0
