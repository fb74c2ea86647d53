"""A database server that goes away mid-pack: the scan is refused with a clear message,
nothing is half-written, and the next scan goes through on a new connection."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app.store.models import OrderLine, ParcelItem, ScanRecord
from app.errors import DatabaseUnavailable
from app.packing.api import ScanOutcome as O
from tests.packing.conftest import MUG_EAN, Warehouse, scan


def _cut_every_connection(warehouse: Warehouse) -> None:
    with warehouse.db.engine.connect() as admin:  # what a server restart or a network cut does
        admin.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        admin.commit()


def test_a_scan_while_the_server_is_gone_is_refused_whole_and_the_next_one_goes_through(
        warehouse: Warehouse) -> None:
    if warehouse.db.is_sqlite:
        pytest.skip("a SQLite file has no server to go away")
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "TOTE-07")
    assert station.record_scan("PD-1042", pat, scan(MUG_EAN)).outcome is O.ACCEPTED
    _cut_every_connection(warehouse)
    with pytest.raises(DatabaseUnavailable, match="cannot be reached|failed during a station write"):
        station.record_scan("PD-1042", pat, scan(MUG_EAN))
    again = station.record_scan("PD-1042", pat, scan(MUG_EAN))
    assert again.outcome is O.ACCEPTED and again.pack.lines[0].scanned == 2
    with warehouse.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanRecord)) == 2
        assert s.scalar(select(func.count()).select_from(ParcelItem)) == 2
        assert s.scalar(select(OrderLine.packed_quantity).where(OrderLine.line_no == 1)) == 2
