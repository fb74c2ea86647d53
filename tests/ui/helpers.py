"""Drive a station as a scanner does and wait for the result (no sleeps)."""
from __future__ import annotations

from app.ports import Scan


def settle(qtbot, app, timeout: int = 5000) -> None:
    """Wait until the station core, the device screen's worker and the review's (the demo
    panel's badges too) have shown every outcome."""
    qtbot.waitUntil(lambda: app.station.pending == 0 and app.diagnostics.pending == 0
                    and app.review_worker.pending == 0, timeout=timeout)


def scan(qtbot, app, data: str, symbology: str | None = None) -> None:
    """One scan through the station's Scanner interface, then wait for it to be applied."""
    app.keyboard.scan(data, symbology)
    settle(qtbot, app)


def said_and_heard(qtbot, app, data: str) -> tuple[list[tuple[str, str]], list[str]]:
    """One scan as `scan` does; what the station said meanwhile (text, level) and the sounds it played."""
    said: list[tuple[str, str]] = []

    def heard(text: str, level: str) -> None:
        said.append((text, level))

    played = len(app.station.sounds.played)
    app.station.message.connect(heard)
    try:
        scan(qtbot, app, data)
    finally:
        app.station.message.disconnect(heard)
    return said, list(app.station.sounds.played[played:])


def login(qtbot, app, badge: str) -> None:
    """Scan a badge and wait for the home (or resumed pack) screen."""
    scan(qtbot, app, badge)
    assert app.station.user is not None, app.window.status.text()


def scans_of(result_scan: Scan) -> str:
    return result_scan.data
