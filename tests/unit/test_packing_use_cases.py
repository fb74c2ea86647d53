"""The packing station's use cases against the in-memory unit of work: no database, no Qt."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from app.commands import Command
from app.packing import claim, labels, parcels, people, problems, scan
from app.packing.api import LineState, Packer, ScanOutcome as O
from app.packing.desk import Desk
from app.packing.errors import BadgeNotRecognised, NotAllowed
from app.packing.people import SupervisorNotRecognised
from app.packing.settings import PackingSettings
from app.unit_of_work import BoxRecord, ProductRecord, UserRecord
from tests.unit.fake_store import FakeStore, FakeUnitOfWork

MUG_EAN = "4006381333931"
VITAMINS_LOT_42 = "]C10104015000011112" "10LOT-42\x1d" "17271130"
TEAPOT_EAN = "5012345678900"
ACK, UNDO = Command.ACK.value, Command.UNDO.value


class FixedClock:
    """Pi day, half past nine."""

    def now(self) -> datetime:
        return datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def store() -> FakeStore:
    """Blue mugs and vitamins in tote 7 for Ada; a red teapot that is not hers; three boxes."""
    s = FakeStore()
    mug = s.add_product(ProductRecord(s.new_id(), "MUG-BLUE-350", "Blue mug 350 ml", 350, 120, 90, 100),
                        (MUG_EAN, 1))
    vitamins = s.add_product(ProductRecord(s.new_id(), "VIT-C-100", "Vitamin C tablets", 120, 60, 60, 110,
                                           lot_tracked=True), ("4015000011112", 1))
    s.add_product(ProductRecord(s.new_id(), "TEAPOT-RED", "Red teapot 1 l", 900, 200, 150, 150), (TEAPOT_EAN, 1))
    for code, side, tare in (("S", 250, 150), ("M", 400, 300), ("L", 600, 600)):
        box = BoxRecord(s.new_id(), code, f"{code} carton", f"BOX-{code}", side, side - 50, side - 100,
                        side + 10, side - 40, side - 90, tare, 20000, Decimal("0.40") * (side // 150))
        s.tables.boxes[box.id] = box
    for username, role, badge in (("pat", "packer", "BADGE-PAT"), ("sam", "supervisor", "BADGE-SAM")):
        user = UserRecord(s.new_id(), username, username.title(), role, badge)
        s.tables.users[user.id] = user
    s.add_order("PD-1042", [(mug, 2), (vitamins, 1)], tote="TOTE-07", customer_name="Ada Lovelace")
    return s


@pytest.fixture
def uow(store: FakeStore) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)


@pytest.fixture
def desk() -> Desk:
    return Desk("PACK-01", PackingSettings(station_code="PACK-01"), FixedClock())


def order_events(store: FakeStore) -> list[str]:
    return [e["kind"] for e in store.tables.events]


def packing(uow: FakeUnitOfWork, desk: Desk) -> Packer:
    pat = people.login(uow, desk, "BADGE-PAT")
    claim.start_pack(uow, desk, pat, "TOTE-07")
    return pat


def test_a_whole_order_is_packed_from_badge_to_confirmed_label(store, uow, desk) -> None:
    pat = people.login(uow, desk, "BADGE-PAT")
    assert people.home_summary(uow, desk, pat).queue_size == 1
    pack = claim.start_pack(uow, desk, pat, "TOTE-07")
    assert (pack.order_number, pack.status, pack.customer_name) == ("PD-1042", "packing", "Ada Lovelace")
    assert pack.suggested_box is not None and pack.suggested_box.code == "S"

    first = scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    assert first.outcome is O.ACCEPTED and first.pack.lines[0].state is LineState.PARTIAL

    wrong = scan.record_scan(uow, desk, "PD-1042", pat, TEAPOT_EAN)
    assert wrong.outcome is O.WRONG_ITEM and wrong.pack.locked
    ignored = scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    assert ignored.outcome is O.LOCKED and ignored.pack.lines[0].scanned == 1
    assert scan.acknowledge(uow, desk, "PD-1042", pat).outcome is O.ACKNOWLEDGED

    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    undone = scan.undo_last_scan(uow, desk, "PD-1042", pat)
    assert undone.outcome is O.UNDONE and undone.pack.lines[0].scanned == 1
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    lot = scan.record_scan(uow, desk, "PD-1042", pat, VITAMINS_LOT_42, "]C1")
    assert (lot.outcome, lot.lot) == (O.ACCEPTED, "LOT-42") and lot.pack.all_scanned

    heavy = parcels.close_parcel(uow, desk, "PD-1042", pat, weight_g=1400)
    assert not heavy.ok and heavy.expected_weight_g == 2 * 350 + 120 + 150 and "1400 g" in heavy.message
    closed = parcels.close_parcel(uow, desk, "PD-1042", pat, weight_g=990)
    assert closed.ok and closed.label is not None and (closed.label.parcel_seq, closed.label.parcel_count) == (1, 1)

    printed = labels.record_label_result(uow, desk, closed.label.label_id, True, "memory:")
    assert printed.status == "printed"
    confirmed = scan.record_scan(uow, desk, "PD-1042", pat, "00" + closed.label.sscc)
    assert confirmed.outcome is O.LABEL_CONFIRMED and confirmed.confirmation.all_confirmed and confirmed.pack is None

    order = store.tables.orders[next(iter(store.tables.orders))]
    assert (order.status, order.claimed_by_station, order.lease_expires_at) == ("packed", None, None)
    assert [x.packed_quantity for x in store.tables.lines.values()] == [2, 1]
    assert [e.kind for e in store.tables.exceptions.values()] == ["weight"]
    assert order_events(store) == [
        "StatusChanged", "ItemScanned", "WrongItemScanned", "ItemScanned", "ScanUndone", "ItemScanned",
        "ItemScanned", "BoxChosen", "WeightOutOfTolerance", "ParcelClosed", "LabelPrinted", "LabelConfirmed",
        "StatusChanged"]
    home = people.home_summary(uow, desk, pat)
    assert (home.orders_packed_today, home.units_packed_today, home.mis_scans_today) == (1, 3, 1)


def test_a_wrong_item_keeps_the_station_locked_until_ack(store, uow, desk) -> None:
    pat = packing(uow, desk)
    scan.record_scan(uow, desk, "PD-1042", pat, TEAPOT_EAN)
    for _ in range(3):
        assert scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN).outcome is O.LOCKED
    assert scan.record_scan(uow, desk, "PD-1042", pat, ACK).outcome is O.ACKNOWLEDGED
    assert scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN).outcome is O.ACCEPTED
    outcomes = [s.outcome for s in store.tables.scans.values()]
    assert outcomes == ["wrong_item", "locked", "locked", "locked", "acknowledged", "accepted"]


def test_a_locked_parcel_cannot_be_closed(uow, desk) -> None:
    pat = packing(uow, desk)
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    scan.record_scan(uow, desk, "PD-1042", pat, "NO-SUCH-THING")
    refused = parcels.close_parcel(uow, desk, "PD-1042", pat)
    assert not refused.ok and "ACK" in refused.message


def test_a_problem_puts_the_order_on_hold_and_frees_the_station(store, uow, desk) -> None:
    pat = packing(uow, desk)
    reported = problems.report_problem(uow, desk, "PD-1042", "damaged", "mug handle broken", pat)
    assert "on hold" in reported.message
    order = next(iter(store.tables.orders.values()))
    assert (order.status, order.claimed_by_station) == ("on_hold", None)
    assert [(e.kind, e.reason) for e in store.tables.exceptions.values()] == [("damaged", "mug handle broken")]
    assert claim.resume_open_pack(uow, desk, pat) is None
    with pytest.raises(NotAllowed, match="does not hold order PD-1042"):
        problems.report_problem(uow, desk, "PD-1042", "damaged", "again", pat)


def test_a_partial_shipment_needs_a_supervisors_badge_and_backorders_the_rest(store, uow, desk) -> None:
    pat = packing(uow, desk)
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    partial = problems.ship_partial(uow, desk, "PD-1042", "BADGE-SAM", pat)
    assert partial.approved_by == "sam" and partial.backordered == (("MUG-BLUE-350", 1), ("VIT-C-100", 1))
    assert partial.pack.all_scanned and partial.pack.parcel_caption == "parcel 1 of 1"
    closed = parcels.close_parcel(uow, desk, "PD-1042", pat)
    labels.record_label_result(uow, desk, closed.label.label_id, True, "memory:")
    assert labels.confirm_label(uow, desk, "PD-1042", closed.label.sscc).all_confirmed
    lines = list(store.tables.lines.values())
    assert [(x.packed_quantity, x.backordered_quantity) for x in lines] == [(1, 1), (0, 1)]
    approvals = [(e["kind"], e["username"]) for e in store.tables.station_log if e["action"] == "partial shipment"]
    assert approvals == [("SupervisorAuthorised", "sam")]


def test_a_packers_badge_is_refused_for_a_partial_shipment_and_the_refusal_is_kept(store, uow, desk) -> None:
    pat = packing(uow, desk)
    scan.record_scan(uow, desk, "PD-1042", pat, MUG_EAN)
    with pytest.raises(SupervisorNotRecognised, match=r"Pat \(packer\) cannot authorise a partial shipment"):
        problems.ship_partial(uow, desk, "PD-1042", "BADGE-PAT", pat)
    refusals = [(e["kind"], e["detail"]) for e in store.tables.station_log if e["kind"] == "SupervisorRefused"]
    assert refusals == [("SupervisorRefused", {"presented": "badge of pat (packer)"})]
    assert [x.backordered_quantity for x in store.tables.lines.values()] == [0, 0]  # rolled back


def test_a_badge_nobody_has_is_refused_and_its_value_is_not_kept(store, uow, desk) -> None:
    with pytest.raises(BadgeNotRecognised, match="BADGE-NOBODY"):
        people.login(uow, desk, "BADGE-NOBODY")
    assert [(e["kind"], e["username"], e["detail"]) for e in store.tables.station_log] == [("BadgeRefused", None, {})]


def test_a_unit_of_work_left_without_commit_changes_nothing(store, uow) -> None:
    with uow:
        uow.counters.next("sscc_serial")
    with uow:
        assert uow.counters.next("sscc_serial") == 1
        uow.commit()
    assert store.tables.counters == {"sscc_serial": 1}


def test_parcel_numbers_come_from_the_shared_counters(uow, desk) -> None:
    with uow:
        first = labels.allocate_parcel_numbers(uow.counters, desk.settings)
        second = labels.allocate_parcel_numbers(uow.counters, desk.settings)
    assert first[0] != second[0] and first[1] != second[1]
    assert first[0].startswith("04012345") and first[1].startswith("RA") and first[1].endswith("DE")
