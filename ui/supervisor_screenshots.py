"""`python -m ui.supervisor_screenshots DIR [--language de]`: the supervisors' screens at 1920x1080 on a temporary
database with a busy morning (tests/ui/floor_data.py): the review, the board and the figures."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Save 20-review.png, 21-board.png and 22-figures.png."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshots import screenshot_arguments

    args = screenshot_arguments("python -m ui.supervisor_screenshots", argv)  # the size stays 1920x1080
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.cli.db import create_database
    from app.config import Settings, station_config
    from tests.ui.data import SAM_BADGE, seed
    from tests.ui.floor_data import a_busy_morning, a_packed_day
    from ui.composition import build_station

    _qt = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/floor.sqlite3"
        with create_database(url) as db:
            seed(db, orders=30, mugs=3, pens=2)
        a_packed_day(url, [f"PD-{n}" for n in range(1004, 1031)],
                     (("alice", "PACK-01", 0.9), ("bob", "PACK-02", 0.7), ("chris", "PACK-03", 1.2)))
        a_busy_morning(url)
        config = station_config(Settings(url, raw={"station": {"code": "DESK-1", "fullscreen": False,
                                                               "language": args.language},
                                                   "demo": {"output_dir": f"{tmp}/printed"}}), demo=False)
        app = build_station(config)
        window = app.window
        window.setFixedSize(1920, 1080)
        window.show()

        def wait(ms: int = 1500) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        app.keyboard.scan(SAM_BADGE)
        wait()
        review = window.screens["review"]
        review.table.selectRow(0)
        wait(300)
        window.grab().save(str(out / "20-review.png"))
        review.show_page("board")
        wait()
        window.grab().save(str(out / "21-board.png"))
        review.show_page("figures")
        wait(2500)
        window.grab().save(str(out / "22-figures.png"))
        review.show_page("exceptions")
        app.close()
        QCoreApplication.processEvents()
    log.info("saved the supervisors' screenshots in %s", out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
