"""`python -m ui.screenshots_picking DIR [--language de]`: the picker screen off screen at 1920x1080 on a
temporary database (the station tests' data, a picker and a waved order): a pick list being
picked, and a wrong location locking the screen. Saves widget.grab() PNGs into DIR."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Save the picker screen's PNGs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshots import screenshot_arguments

    args = screenshot_arguments("python -m ui.screenshots_picking", argv)  # the size stays 1920x1080
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.cli.db import create_database
    from app.config import Settings, station_config
    from tests.ui.data import MUG, seed
    from tests.ui.picking_data import PICKER_BADGE, waved_order
    from ui.composition import build_station

    _qt = QApplication.instance() or QApplication([])  # kept alive while the station runs
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite3"
        with create_database(url) as db:
            seed(db, orders=0)
            waved_order(db, "SHOP-1042", mugs=3, pens=2, stock={"A-01-1": 2, "A-02-1": 5, "B-01-1": 4},
                        strategy="batch")
        config = station_config(Settings(url, raw={"station": {"code": "PICK-1", "fullscreen": False,
                                                               "language": args.language},
                                                   "demo": {"output_dir": f"{tmp}/printed"}}), demo=False)
        app = build_station(config)
        window = app.window
        window.resize(1920, 1080)
        window.show()

        def wait() -> None:
            for _ in range(300):  # up to 15 s
                loop = QEventLoop()
                QTimer.singleShot(50, loop.quit)
                loop.exec()
                if app.station.pending == 0 and app.review_worker.pending == 0:
                    break

        def scan(data: str) -> None:
            app.keyboard.scan(data, None)
            wait()

        def shot(name: str) -> None:
            wait()
            window.grab().save(str(out / f"{name}.png"))
            log.info("saved %s", name)

        scan(PICKER_BADGE)
        scan("PL-000001")
        scan("A-01-1")
        scan(MUG)
        scan(MUG)
        shot("15-picker")
        scan("B-01-1")  # not this stop's bin (A-02-1 comes first)
        app.window.overlay.flash.stop()
        app.window.overlay._paint("#b00020")
        shot("16-picker-wrong-location")
        app.close()
        QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
