"""`packdesk board [--windowed]`: the live board alone, full screen, for a wall TV (no station,
no login: it only reads). ESC or CLOSE ends it."""
from __future__ import annotations

import argparse
import logging
import os
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


def run_board(args: argparse.Namespace) -> int:
    """packdesk board"""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    wall = build_wall(getattr(args, "config", None), getattr(args, "database", None), args.windowed)
    try:
        return int(app.exec())
    finally:
        wall.close()
