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


@pytest.fixture(scope="session")
def demo_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The migrated template with the demo data set (resources/demo: the longest names there are)."""
    from app.imports.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    with Database(f"sqlite:///{path}") as db:
        load_demo(db)
    return path


@pytest.fixture
def demo_station(qtbot, demo_template: Path, tmp_path: Path):
    """Build a station on a copy of the demo data at a window size (width, height); closed after the test."""
    from ui.composition import build_station

    built = []

    def build(size: tuple[int, int] = (1920, 1080), demo_panel: bool = True, raw: dict | None = None):
        path = tmp_path / f"demo-{len(built)}.sqlite3"
        shutil.copy(demo_template, path)
        app = build_station(make_config(f"sqlite:///{path}", tmp_path / "printed", raw))
        qtbot.addWidget(app.window)
        if app.window.side_panel is not None and not demo_panel:
            app.window.side_panel.hide()
        app.window.resize(*size)
        app.window.show()
        built.append(app)
        return app

    yield build
    for app in built:
        app.close()
