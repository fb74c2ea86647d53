"""`packdesk board [--windowed] [--once | --for SECONDS]`: the live board alone, full screen, for a
wall TV (no station, no login: it only reads). ESC or CLOSE ends it, and so do SIGTERM (exit 0,
as a service stop) and Ctrl-C (exit 130); --once draws the board once and ends (exit 0, or 2 with
the database's trouble), --for ends it after SECONDS - both for a screen with nobody to press ESC
(QT_QPA_PLATFORM=offscreen, a smoke test of a new wall TV's set-up)."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from dataclasses import dataclass
from typing import Any

from app.cli.db import add_database_options
from app.floor.desk import SupervisionDesk, open_supervision
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `board`."""
    parser = subparsers.add_parser("board", help=_("the live board alone, full screen, for a wall TV"))
    parser.add_argument("--windowed", action="store_true", help=_("a normal window instead of full screen"))
    ends = parser.add_mutually_exclusive_group()
    ends.add_argument("--once", action="store_true",
                      help=_("draw the board once and end (exit 2 when the database cannot be read)"))
    ends.add_argument("--for", dest="seconds", type=_positive_seconds, metavar="SECONDS",
                      help=_("end the board after SECONDS"))
    add_database_options(parser)
    parser.set_defaults(func=run_board)


@dataclass
class Wall:
    """The wall TV's board and what it owns, closed together."""

    desk: SupervisionDesk
    worker: Any
    window: Any
    closed: bool = False

    def close(self) -> None:
        """Stop looking and close the window at once; the worker's last call, the board's watch
        and the database end off the GUI thread, whose loop keeps turning (run_turning)."""
        from ui.workers import run_turning

        if self.closed:
            return
        self.closed = True
        self.window.view.stop()
        self.worker.retire()
        self.window.close()
        run_turning(self._release, "closing board")

    def _release(self) -> None:
        if not self.worker.wait_ended(timeout=60):
            log.warning("the board's worker still waits after 60 s; closing the database under it")
        self.desk.close()
        self.desk.db.close()


def build_wall(config: str | None, database: str | None, windowed: bool = False) -> Wall:
    """The board on its own window (a QApplication must exist); it starts looking at once."""
    from app.cli.db import open_database_at
    from ui.screens.board import BoardWindow
    from ui.workers import Worker

    db = open_database_at(config, database)
    desk = open_supervision(db, config)
    worker = Worker("board")
    window = BoardWindow(desk, worker)
    if windowed:
        window.resize(1600, 900)
        window.show()
        window.view.start()
    else:
        window.show_full_screen()
    return Wall(desk, worker, window)


def _positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        raise argparse.ArgumentTypeError(_("--for takes a number of seconds above 0, not %(text)r") % {"text": text})
    return seconds


def run_board(args: argparse.Namespace) -> int:
    """packdesk board"""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    wall = build_wall(getattr(args, "config", None), getattr(args, "database", None), args.windowed)
    ending: dict[str, Any] = {"code": 0, "error": None}

    def end(code: int, error: BaseException | None = None) -> None:
        ending["code"], ending["error"] = code, error
        QTimer.singleShot(0, app.quit)  # inside the loop: a quit() before exec() would be lost

    # A signal's Python handler runs when Python next gets control: the wake timer gives it that.
    handlers = {signal.SIGTERM: signal.signal(signal.SIGTERM, lambda *_: end(0)),
                signal.SIGINT: signal.signal(signal.SIGINT, lambda *_: end(130))}
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    if getattr(args, "once", False):
        wall.window.view.shown.connect(lambda _board: end(0))
        wall.window.view.failed.connect(lambda exc: end(2, exc))
    if getattr(args, "seconds", None):
        QTimer.singleShot(int(args.seconds * 1000), lambda: end(0))
    try:
        app.exec()
    finally:
        wake.stop()
        wall.close()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    if ending["error"] is not None:
        raise ending["error"]  # the CLI says what is wrong with the database (exit 2)
    return int(ending["code"])
