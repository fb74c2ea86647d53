"""`python -m ui.screenshots DIR`: builds the station on a temporary demo database off
screen, walks through each screen and saves widget.grab() PNGs into DIR."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def _seed(url: str) -> None:
    """A new database with the station tests' data: the scans below are of its badges and SKUs."""
    from app.cli.db import create_database
    from tests.ui.data import seed

    with create_database(url) as db:
        seed(db)


def main(argv: list[str] | None = None) -> int:
    """Save one PNG per screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.commands import Command
    from app.config import Settings
    from tests.ui.data import ALICE_BADGE, LAMP, MUG, PEN
    from ui.composition import build_station
    from app.config import station_config

    _qt = QApplication.instance() or QApplication([])  # kept alive while the station runs
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite3"
        _seed(url)
        config = station_config(Settings(url, raw={"station": {"code": "BENCH-1", "fullscreen": False},
                                                   "demo": {"output_dir": f"{tmp}/printed"}}), demo=True)
        app = build_station(config)
        window = app.window
        window.resize(1600, 1000)
        window.show()

        def wait() -> None:
            for _ in range(300):  # up to 15 s
                loop = QEventLoop()
                QTimer.singleShot(50, loop.quit)
                loop.exec()
                if app.station.pending == 0:
                    break

        def shot(name: str) -> None:
            wait()
            log.info("%s: step %s, %s", name, app.station.step, window.status.text())
            window.grab().save(str(out / f"{name}.png"))
            log.info("saved %s", name)

        def scan(data: str, symbology: str | None = None) -> None:
            app.keyboard.scan(data, symbology)
            wait()

        shot("01-login")
        scan(ALICE_BADGE)
        shot("02-home")
        scan(Command.NEXT.value)
        scan(MUG)
        shot("03-pack")
        scan(LAMP)
        app.window.overlay.flash.stop()
        app.window.overlay._paint("#b00020")
        shot("04-wrong-item-lock")
        scan(Command.ACK.value)
        scan(MUG)
        scan(PEN)
        window.show_step("problem")
        shot("05-problem")
        window.show_step("pack")
        box = app.station.pack.suggested_box
        other = next(code for code in ("BOX-L", "BOX-M", "BOX-S") if box is None or code != box.code)
        scan(other)
        shot("06-box-reason")
        window.show_step("pack")
        scan(Command.CLOSE_BOX.value)
        shot("07-confirm-label")
        window.show_step("print")
        shot("08-print")
        window.show_step("weigh")
        app.station.weigh_changed.emit("Parcel weighs 1480 g, expected 720 g (+/- 50 g): out of tolerance. "
                                       "Check the contents, then WEIGH AGAIN.", True)
        shot("11-weigh-out-of-tolerance")
        window.show_step("partial")
        shot("09-partial-supervisor")
        window.show_step("pack")
        window.close()
        shot("10-exit-kiosk")
        app.close()
        QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
