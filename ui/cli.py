"""`packdesk run`: the packing station."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Callable

from app import heap
from app.errors import PackdeskError
from app.logging_setup import start_file_logging, stop_file_logging, write_crash_report
from app.messages import _

if TYPE_CHECKING:
    from app.config import StationConfig

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` command."""
    parser = subparsers.add_parser("run", help=_("start the packing station (full screen kiosk)"))
    # SUPPRESS: when not given after `run`, the top-level `packdesk --config X run` stays in force.
    parser.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help=_("station configuration (TOML; see docs/configuration.md)"))
    parser.add_argument("--demo", action="store_true",
                        help=_("demo mode: the keyboard is a scanner, printers write files, a barcode side panel"))
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                        help=_("database URL (overrides the configuration)"))
    parser.add_argument("--windowed", action="store_true", help=_("a normal window instead of full screen"))
    parser.add_argument("--ready-file", metavar="PATH", type=Path, default=None,
                        help=_("write PATH (JSON: station, pid, devices) once the scanners are open and the "
                               "login screen shows; removed on exit (docs/station.md, 'Ready signal')"))
    parser.set_defaults(func=run)


def config_from_args(args: argparse.Namespace) -> "StationConfig":
    """The station configuration named by `packdesk [--config F] run [--config F]` (either place)."""
    from app.config import load_settings
    from app.config import station_config

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    return station_config(settings, demo=getattr(args, "demo", False), windowed=getattr(args, "windowed", False))


def report_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 where: str = "the station") -> None:
    """Log an exception nobody caught, then leave a crash report with the log's last lines."""
    log.critical("unhandled %s in %s: %s", exc_type.__name__, where, exc, exc_info=(exc_type, exc, tb))
    try:
        path = write_crash_report(exc_type, exc, tb, where)
    except OSError as failed:  # a full or read-only disk must not hide the original error
        log.error("could not write the crash report: %s", failed)
        return
    log.critical("crash report written to %s", path)


def install_crash_hooks() -> Callable[[], None]:
    """Every exception nobody caught - in a Qt slot (PySide6 hands those to sys.excepthook and
    carries on), or on any thread - leaves a crash report. Returns what undoes it."""
    previous_hook, previous_thread_hook = sys.excepthook, threading.excepthook

    def on_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            report_crash(exc_type, exc, tb)
        previous_hook(exc_type, exc, tb)

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else "a thread"
            report_crash(args.exc_type, args.exc_value, args.exc_traceback, f"the thread {name!r}")
        previous_thread_hook(args)

    sys.excepthook, threading.excepthook = on_exception, on_thread_exception

    def undo() -> None:
        sys.excepthook, threading.excepthook = previous_hook, previous_thread_hook
    return undo


def run(args: argparse.Namespace) -> int:
    """Log to the rotating log file, build the station and run it; a crash leaves a report."""
    path = start_file_logging(getattr(args, "verbose", False))
    undo = install_crash_hooks()
    try:
        return run_station(args, path)
    except PackdeskError as exc:  # a problem the message explains (main prints it): no crash
        log.error("the station cannot start: %s", exc)
        raise
    except Exception:
        report_crash(*sys.exc_info())  # type: ignore[arg-type]
        raise
    finally:
        undo()
        stop_file_logging()


def run_station(args: argparse.Namespace, log_path: Path | None = None) -> int:
    """Build the station through the composition root and run Qt's event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.composition import build_station
    from ui.ready import announce_ready, clear_ready, wait_for_scanners

    from PySide6 import __version__ as pyside_version

    qt_app = QApplication.instance() or QApplication([])
    from ui.setup_wizard import needs_first_run, run_first_time_setup

    if needs_first_run(args):  # a new station: the set-up wizard writes its configuration first
        log.info("no station configuration yet: the set-up wizard")
        if not run_first_time_setup():
            log.info("set-up cancelled; the station does not start")
            return 0
    config = config_from_args(args)
    log.info("Packdesk starting: station %s, database %s, PySide6 %s, log %s", config.code,
             config.database_url.split("@")[-1], pyside_version, log_path)
    station = build_station(config)
    heap.settle()  # the station's start-up objects out of the collector's full passes (app/heap.py)
    # SIGTERM (systemd stop) closes cleanly; Qt needs its loop to wake up to notice.
    signal.signal(signal.SIGTERM, lambda *_: (setattr(station.window, "exit_allowed", True), qt_app.quit()))
    signal.signal(signal.SIGINT, lambda *_: (setattr(station.window, "exit_allowed", True), qt_app.quit()))
    wake = QTimer()
    wake.timeout.connect(lambda: None)  # lets Python run its signal handlers while Qt waits
    wake.start(250)
    not_open = wait_for_scanners(station)  # no scan is lost to a port that is not open yet
    if config.fullscreen:
        station.window.show_kiosk()
    else:
        station.window.resize(1280, 800)
        station.window.show()
    ready_file = getattr(args, "ready_file", None)
    announce_ready(station, ready_file, not_open)
    try:
        return qt_app.exec()
    finally:
        clear_ready(ready_file)
        station.close()
        log.info("Packdesk station %s closed", config.code)
