"""Issue 17: a station on the central PostgreSQL keeps an offline journal of three leased orders
unless its file says otherwise; a station on the built-in SQLite database keeps none."""
from __future__ import annotations

import pytest

from app.config import Settings, station_config


@pytest.mark.parametrize(("url", "station", "buffer"), [
    ("postgresql://packdesk@db.warehouse.lan/packdesk", {}, 3),
    ("postgresql+psycopg://packdesk@db.warehouse.lan:6432/packdesk", {}, 3),
    ("postgresql://packdesk@db.warehouse.lan/packdesk", {"offline_buffer": 0}, 0),
    ("postgresql://packdesk@db.warehouse.lan/packdesk", {"offline_buffer": 7}, 7),
    ("sqlite:////var/lib/packdesk/packdesk.sqlite3", {}, 0),
    ("sqlite:////var/lib/packdesk/packdesk.sqlite3", {"offline_buffer": 2}, 2),
])
def test_the_offline_buffer_defaults_by_the_database(url: str, station: dict[str, int], buffer: int) -> None:
    config = station_config(Settings(database_url=url, raw={"station": {"code": "BENCH-3", **station}}))
    assert config.offline_buffer == buffer
