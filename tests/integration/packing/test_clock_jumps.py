"""Issue 17, faults: the station's wall clock jumps back an hour and then forward two (an NTP
step, a dead RTC battery) in the middle of a pack. Nothing that orders the pack may follow
the wall clock: the lock after a mis-scan, the scans and the events are ordered by their
sequence, so a restart after the jumps resumes exactly where the packer was; the lease stays
this station's (another station is still refused); no acknowledged scan is lost or doubled.
(The station's timers - idle logout, lease renewal - run on the monotonic clock port, which
no wall-clock jump moves; the journal replays by sequence: tests/integration/fleet.)"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.packing.api import ScanOutcome as O
from app.packing.errors import OrderHeldElsewhere
from app.store.models import Order, OrderEvent, OrderLine, ScanRecord
from tests.integration.packing.conftest import ACK, MUG_EAN, TEAPOT_EAN, Warehouse, scan


def test_a_wall_clock_jumping_back_and_forward_mid_pack_loses_orders_and_doubles_nothing(
        warehouse: Warehouse) -> None:
    clock = warehouse.clock
    station = warehouse.service("PACK-01")
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "TOTE-07")
    assert station.record_scan("PD-1042", pat, scan(MUG_EAN)).outcome is O.ACCEPTED
    assert station.record_scan("PD-1042", pat, scan(TEAPOT_EAN)).outcome is O.WRONG_ITEM  # locks
    clock.at -= timedelta(hours=1)  # the clock steps back: ACK is "older" than the mis-scan
    assert station.record_scan("PD-1042", pat, scan(ACK)).outcome is O.ACKNOWLEDGED
    station.renew_lease("PD-1042")
    clock.at += timedelta(hours=3)  # ... and forward two hours past where it was
    assert station.record_scan("PD-1042", pat, scan(MUG_EAN)).outcome is O.ACCEPTED

    # a restart: the pack is read back from the database, not from memory
    again = warehouse.service("PACK-01")
    resumed = again.resume_open_pack(pat)
    assert resumed is not None and resumed.order_number == "PD-1042"
    assert not resumed.locked  # the ACK is the last word, although its timestamp is the oldest
    assert resumed.lines[0].scanned == 2 and resumed.units_scanned == 2
    with pytest.raises(OrderHeldElsewhere):  # the lease is still this station's
        warehouse.service("PACK-02").start_pack(pat, "PD-1042")
    with warehouse.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.number == "PD-1042"))
        scans = s.execute(select(ScanRecord.outcome, ScanRecord.at).where(ScanRecord.order_id == order_id)
                          .order_by(ScanRecord.id)).all()
        assert [o for o, _ in scans] == ["accepted", "wrong_item", "acknowledged", "accepted"]
        assert scans[2].at < scans[1].at  # the wall clock did go back: order is by sequence
        assert s.scalar(select(OrderLine.packed_quantity).where(OrderLine.order_id == order_id,
                                                                 OrderLine.line_no == 1)) == 2
        kinds = list(s.scalars(select(OrderEvent.kind).where(OrderEvent.order_id == order_id).order_by(OrderEvent.id)))
        assert kinds.count("ItemScanned") == 2 and kinds.count("WrongItemScanned") == 1
    assert again.record_scan("PD-1042", pat, scan(MUG_EAN)).outcome is O.OVER_SCAN  # two mugs ordered, two packed
