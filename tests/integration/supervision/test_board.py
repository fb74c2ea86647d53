"""The live board's read model and its change watch, on SQLite and PostgreSQL: stations with
who, which order and since when; the queue per stage; SLA risks; open exceptions; and a write
by another connection noticed at the next look."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from app.store.board_queries import floor_board
from app.store.floor_watch import FloorWatch
from app.store.models import Order
from app.store.station_health import report_station
from tests.integration.packing.conftest import Warehouse, add_order
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
