"""Station test fixtures: a seeded database, a station built by the composition root, and
a guard that fails a test which leaves a thread running (napari's pattern)."""
from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings
from app.store.session import Database
from tests.ui.data import seed


@pytest.fixture(autouse=True)
def no_thread_leaks() -> Iterator[None]:
    """Fail the test if it leaves a thread behind."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while True:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"


@pytest.fixture
def station_db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated SQLite database with the station's test data."""
    path = tmp_path / "station.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    with Database(url) as db:
        seed(db)
    return url


def make_config(url: str, out: Path, raw: dict | None = None, demo: bool = True):
    """A StationConfig for tests: windowed, demo printers writing to `out`."""
    from app.config import station_config

    raw = raw or {}
    raw.setdefault("station", {}).setdefault("code", "ST-TEST")
    raw.setdefault("station", {}).setdefault("fullscreen", False)
    raw.setdefault("demo", {}).setdefault("output_dir", str(out))
    return station_config(Settings(database_url=url, raw=raw), demo=demo)


@pytest.fixture
def make_station(qtbot, station_db_url: str, tmp_path: Path):
    """Build stations with the composition root; each is closed after the test."""
    from ui.composition import build_station

    built = []

    def build(raw: dict | None = None, url: str | None = None, demo: bool = True):
        app = build_station(make_config(url or station_db_url, tmp_path / "printed", raw, demo))
        qtbot.addWidget(app.window)
        app.window.resize(1280, 800)
        app.window.show()
        built.append(app)
        return app

    yield build
    for app in built:
        app.close()


@pytest.fixture
def station(make_station):
    """One station in demo mode with nobody logged in."""
    return make_station()
