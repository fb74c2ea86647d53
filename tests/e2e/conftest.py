"""Whole-station runs use the station fixtures of tests/ui (a station on a seeded database,
no thread left running) and the warehouse of tests/integration/packing."""
from __future__ import annotations

from tests.integration.packing.conftest import warehouse  # noqa: F401
from tests.ui.conftest import make_station, no_thread_leaks, station, station_db_url  # noqa: F401
