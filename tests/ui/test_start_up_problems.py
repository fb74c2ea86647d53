"""Issue 18, item 7: `packdesk run` on a database that cannot be used, or with a scanner or
scale that does not answer, says so on the login screen at once - before any badge is scanned -
with what to do; and the words go when the trouble does."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

from app.ports import DeviceState
from app.store import migrate
from app.store.session import Database


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def problems_shown(app) -> str:
    login = app.window.screens["login"]
    assert app.window.stack.currentWidget() is login
    return login.problems.text() if login.problems.isVisible() else ""


def test_an_unreachable_database_is_on_the_login_screen_at_once(qtbot, make_station) -> None:
    app = make_station(url=f"postgresql+psycopg://packdesk@127.0.0.1:{closed_port()}/packdesk", demo=False)
    qtbot.waitUntil(lambda: "cannot be reached" in problems_shown(app), timeout=5000)
    text = problems_shown(app)
    assert text.startswith("Database: The database at postgresql+psycopg://packdesk@127.0.0.1:")
    assert "network cable" in text and "tell a supervisor" in text
    assert app.station.user is None  # nobody scanned anything
    assert app.station.device_states["database"].state is DeviceState.DISCONNECTED


def test_a_database_never_upgraded_is_shown_and_the_words_go_once_it_is(qtbot, make_station, tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    app = make_station(url=f"sqlite:///{path}", demo=False)
    qtbot.waitUntil(lambda: "packdesk db upgrade" in problems_shown(app), timeout=5000)
    assert app.station.device_states["database"].state is DeviceState.ERROR
    with Database(f"sqlite:///{path}") as db:
        migrate.upgrade(db)
    qtbot.waitUntil(lambda: app.station.device_states["database"].state is DeviceState.CONNECTED, timeout=15000)
    assert problems_shown(app) == ""


def test_a_healthy_station_shows_no_problem(qtbot, make_station) -> None:
    app = make_station()
    qtbot.waitUntil(lambda: app.station.device_states["database"].state is DeviceState.CONNECTED, timeout=5000)
    assert problems_shown(app) == ""


def test_a_missing_scanner_and_a_silent_scale_are_on_the_login_screen(qtbot, make_station, tmp_path: Path) -> None:
    scanner = str(tmp_path / "ttyACM-gone")
    app = make_station({"devices": {"scanner": scanner,
                                    "scale": f"socket://127.0.0.1:{closed_port()}?protocol=mt-sics&timeout_ms=200"}})
    qtbot.waitUntil(lambda: "Scanner:" in problems_shown(app) and "Scale:" in problems_shown(app), timeout=8000)
    text = problems_shown(app)
    assert "scanner's cable" in text and "scale is switched on" in text
    assert "Database" not in text
