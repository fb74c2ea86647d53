"""`packdesk run`: the packing station."""
from __future__ import annotations

import argparse
import logging
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config import StationConfig

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` command."""
    parser = subparsers.add_parser("run", help="start the packing station (full screen kiosk)")
    # SUPPRESS: when not given after `run`, the top-level `packdesk --config X run` stays in force.
    parser.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help="station configuration (TOML; see docs/configuration.md)")
    parser.add_argument("--demo", action="store_true",
                        help="demo mode: the keyboard is a scanner, printers write files, a barcode side panel")
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL (overrides the configuration)")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    parser.set_defaults(func=run)


def config_from_args(args: argparse.Namespace) -> "StationConfig":
    """The station configuration named by `packdesk [--config F] run [--config F]` (either place)."""
    from app.config import load_settings
    from app.config import station_config

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    return station_config(settings, demo=getattr(args, "demo", False), windowed=getattr(args, "windowed", False))


def run(args: argparse.Namespace) -> int:
    """Build the station through the composition root and run Qt's event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.composition import build_station

    config = config_from_args(args)
    qt_app = QApplication.instance() or QApplication([])
    station = build_station(config)
    # SIGTERM (systemd stop) closes cleanly; Qt needs its loop to wake up to notice.
    signal.signal(signal.SIGTERM, lambda *_: (setattr(station.window, "exit_allowed", True), qt_app.quit()))
    signal.signal(signal.SIGINT, lambda *_: (setattr(station.window, "exit_allowed", True), qt_app.quit()))
    wake = QTimer()
    wake.timeout.connect(lambda: None)  # lets Python run its signal handlers while Qt waits
    wake.start(250)
    if config.fullscreen:
        station.window.show_kiosk()
    else:
        station.window.resize(1280, 800)
        station.window.show()
    try:
        return qt_app.exec()
    finally:
        station.close()
