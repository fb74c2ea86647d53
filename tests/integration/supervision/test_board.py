"""The live board's read model and its change watch, on SQLite and PostgreSQL: stations with
who, which order and since when; the queue per stage; SLA risks; open exceptions; and a write
by another connection noticed at the next look."""
from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from app.store.board_queries import floor_board
from app.store.exception_queries import exception_queue
from app.store.floor_watch import FloorWatch
from app.store.models import Order, ScanRecord
from app.store.station_health import report_station
from app.store.uow import SqlUnitOfWork
from app.supervision.decisions import Policies, decide
from app.supervision.model import ExceptionFilter
from tests.integration.packing.conftest import TEAPOT_EAN, Warehouse, add_order, scan
from tests.integration.supervision.floor import busy_morning


def test_the_board_shows_stations_stages_risks_and_exceptions(warehouse: Warehouse) -> None:
    busy_morning(warehouse)
    report_station(warehouse.db, "PACK-01", {"scanner": "connected", "scale": "error"})
    now = datetime.now(timezone.utc)
    with warehouse.db.write() as s:  # PD-3001's SLA is in an hour, PD-2001's not before tonight
        s.execute(update(Order).where(Order.number == "PD-3001").values(sla_due_at=now + timedelta(hours=1)))
        s.execute(update(Order).where(Order.number == "PD-2001").values(sla_due_at=now + timedelta(hours=9)))
    board = floor_board(warehouse.db, now)
    rows = {r.station: r for r in board.stations}
    assert set(rows) == {"PACK-01", "PACK-02"}
    assert (rows["PACK-01"].user, rows["PACK-01"].order) == ("pat", "PD-1042")
    assert rows["PACK-01"].devices == (("scale", "error"), ("scanner", "connected"))
    assert (rows["PACK-02"].order, rows["PACK-02"].lease_expired) == ("PD-4001", True)
    assert rows["PACK-01"].since is not None
    assert board.stages["packing"] == 2 and board.stages["on_hold"] == 2
    risky = [r.number for r in board.at_risk]
    assert {"PD-1042", "PD-3001"} <= set(risky) and "PD-2001" not in risky
    assert [r.sla_due_at for r in board.at_risk] == sorted(r.sla_due_at for r in board.at_risk)
    assert board.open_exceptions["hold"] == 1 and board.open_exceptions["stale_lease"] == 1


def test_a_write_by_another_connection_is_noticed_within_two_seconds(warehouse: Warehouse) -> None:
    with FloorWatch(warehouse.db) as watch:
        assert watch.changed()  # the first look always loads
        assert not watch.changed()
        add_order(warehouse.db, "PD-5001", [("MUG-BLUE-350", 1)])
        station = warehouse.service("PACK-07")
        station.start_pack(station.login("BADGE-PAT"), "PD-5001")
        deadline = time.monotonic() + 2
        while not watch.changed():
            assert time.monotonic() < deadline, "the board did not notice the claim within 2 s"
            time.sleep(0.05)
        assert not watch.changed()


def test_the_board_counts_every_open_exception_whatever_its_age(warehouse: Warehouse) -> None:
    """A try-out showed 'on hold: 2' while 48 SLA breaches were open: breaches are dated at their
    due time, so late ones fell off a last-24-hours board. Every open one counts; those raised in
    the last 24 h are counted apart; an old mis-scan a supervisor resolved counts nowhere."""
    busy_morning(warehouse)
    now = datetime.now(timezone.utc)
    three_days_ago = now - timedelta(days=3)
    for number in ("PD-7001", "PD-7002"):
        add_order(warehouse.db, number, [("MUG-BLUE-350", 1)])
    station = warehouse.service("PACK-03")
    sam = station.login("BADGE-PAT")
    station.start_pack(sam, "PD-7001")
    station.record_scan("PD-7001", sam, scan(TEAPOT_EAN))  # a second mis-scan, resolved below
    with warehouse.db.write() as s:  # both orders late for three days, flagged, still not shipped
        s.execute(update(Order).where(Order.number.in_(("PD-7001", "PD-7002")))
                  .values(sla_due_at=three_days_ago, sla_breached_at=three_days_ago + timedelta(minutes=10)))
        s.execute(update(ScanRecord).where(ScanRecord.outcome == "wrong_item").values(at=three_days_ago))
    old_scans = exception_queue(warehouse.db, ExceptionFilter(kinds=frozenset({"mis_scan"})), now)
    assert len(old_scans) == 2
    decide(SqlUnitOfWork(warehouse.db), old_scans[-1].key, "resolve", "other", "sam", Policies(), now=now)

    board = floor_board(warehouse.db, now)
    assert board.open_exceptions["sla_breach"] == 2 and "sla_breach" not in board.raised_last_day
    assert board.open_exceptions["mis_scan"] == 1 and board.raised_last_day.get("mis_scan", 0) == 0
    assert board.open_exceptions["hold"] == 1 and board.raised_last_day["hold"] == 1
    # the same as the queue, kind by kind: open now, and newer than 24 h
    everything = exception_queue(warehouse.db, ExceptionFilter(limit=1_000_000), now)
    assert board.open_exceptions == Counter(i.kind for i in everything)
    lately = exception_queue(warehouse.db, ExceptionFilter(since=now - timedelta(hours=24), limit=1_000_000), now)
    assert board.raised_last_day == Counter(i.kind for i in lately)
    lately = exception_queue(warehouse.db, ExceptionFilter(since=now - timedelta(hours=24), limit=1_000_000), now)
    assert board.raised_last_day == Counter(i.kind for i in lately)


def test_the_board_does_not_count_mis_scans_of_orders_that_have_left(warehouse: Warehouse) -> None:
    """The board counted 9,975 open mis-scans of a year of shipped orders: a mis-scan, box
    override, reprint or print failure of an order shipped or cancelled is open no more, on the
    board as in the queue; a mis-scan of an order still in the building still counts."""
    busy_morning(warehouse)
    add_order(warehouse.db, "PD-7001", [("MUG-BLUE-350", 1)])
    station = warehouse.service("PACK-03")
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-7001")
    station.record_scan("PD-7001", pat, scan(TEAPOT_EAN))
    now = datetime.now(timezone.utc)
    assert floor_board(warehouse.db, now).open_exceptions["mis_scan"] == 2
    with warehouse.db.write() as s:
        s.execute(update(Order).where(Order.number == "PD-1042").values(status="shipped"))
    board = floor_board(warehouse.db, now)
    assert board.open_exceptions["mis_scan"] == 1
    for kind in ("box_override", "reprint", "print_failure"):
        assert kind not in board.open_exceptions and kind not in board.raised_last_day, kind
    everything = exception_queue(warehouse.db, ExceptionFilter(limit=1_000_000), now)
    assert board.open_exceptions == Counter(i.kind for i in everything)
    lately = exception_queue(warehouse.db, ExceptionFilter(since=now - timedelta(hours=24), limit=1_000_000), now)
    assert board.raised_last_day == Counter(i.kind for i in lately)
