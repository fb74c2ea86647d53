"""A database server that goes away mid-pack: the scan is refused with a clear message,
nothing is half-written, and the next scan goes through on a new connection."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.store.models import OrderLine, ParcelItem, ScanRecord
from app.errors import DatabaseUnavailable
from app.packing.api import ScanOutcome as O
from tests.integration.orders.seeding import server_gone
from tests.integration.packing.conftest import MUG_EAN, Warehouse, scan


def test_a_scan_while_the_server_is_gone_is_refused_whole_and_the_next_one_goes_through(
        warehouse: Warehouse) -> None:
    if warehouse.db.is_sqlite:
        pytest.skip("a SQLite file has no server to go away")
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "TOTE-07")
    assert station.record_scan("PD-1042", pat, scan(MUG_EAN)).outcome is O.ACCEPTED
    with server_gone(warehouse.db):
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            station.record_scan("PD-1042", pat, scan(MUG_EAN))
    again = station.record_scan("PD-1042", pat, scan(MUG_EAN))
    assert again.outcome is O.ACCEPTED and again.pack.lines[0].scanned == 2
    with warehouse.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanRecord)) == 2
        assert s.scalar(select(func.count()).select_from(ParcelItem)) == 2
        assert s.scalar(select(OrderLine.packed_quantity).where(OrderLine.line_no == 1)) == 2
