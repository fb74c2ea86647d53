"""The station's log files and crash reports, in the user log directory (platformdirs).

`packdesk run` writes `packdesk.log` there, rotated at LOG_BYTES and kept LOG_BACKUPS deep, so
a station that runs for months never fills its disk. An exception nobody caught leaves a
`crash-*.txt` beside it: what failed, the versions, and the last lines of the log.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import time
import traceback
from collections import deque
from importlib import metadata
from pathlib import Path
from types import TracebackType

import platformdirs

from app.paths import APP_NAME

log = logging.getLogger(__name__)

ENV_LOG_DIR = "PACKDESK_LOG_DIR"  # a station whose home is read-only logs elsewhere
LOG_NAME = "packdesk.log"
LOG_BYTES = 5_000_000
LOG_BACKUPS = 5
_root_level_before: int | None = None  # restored by stop_file_logging
CRASH_LINES = 200  # the log lines a crash report carries
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
# the distributions whose versions a crash report names (read from their metadata: no imports)
VERSIONED = ("packdesk", "PySide6-Essentials", "SQLAlchemy", "alembic", "psycopg", "pyserial", "reportlab")


def log_dir() -> Path:
    """$PACKDESK_LOG_DIR, else the user log directory (~/.local/state/packdesk/log on Linux)."""
    return Path(os.environ.get(ENV_LOG_DIR) or platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """The current log file (older ones end in .1, .2, ...)."""
    return log_dir() / LOG_NAME


def start_file_logging(verbose: bool = False) -> Path:
    """Send every record at INFO (DEBUG when verbose) and above to the rotating log file; the
    handlers already there (the terminal) keep the level they had. Returns the file's path."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path  # already logging there (a second station in one process, tests)
    global _root_level_before
    terminal_level = _root_level_before = root.level
    for handler in root.handlers:
        if handler.level == logging.NOTSET:  # they followed the root's level: keep them where they were
            handler.setLevel(terminal_level)
    to_file = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                                   encoding="utf-8")
    to_file.setFormatter(logging.Formatter(FORMAT))
    file_level = logging.DEBUG if verbose else logging.INFO
    to_file.setLevel(file_level)
    root.addHandler(to_file)
    root.setLevel(min(terminal_level or logging.WARNING, file_level))
    return path


def stop_file_logging() -> None:
    """Close and remove the log file's handler and restore the root logger's level (the station closed)."""
    global _root_level_before
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == log_path():
            root.removeHandler(handler)
            handler.close()
    if _root_level_before is not None:
        root.setLevel(_root_level_before)
        _root_level_before = None


def last_lines(count: int = CRASH_LINES, path: Path | None = None) -> list[str]:
    """The last `count` lines of the log file (none when there is no file yet)."""
    path = path or log_path()
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return [line.rstrip("\n") for line in deque(fh, maxlen=count)]
    except FileNotFoundError:
        return []


def versions() -> dict[str, str]:
    """Python, the operating system and the versions of Packdesk and its main libraries."""
    found = {"python": sys.version.split()[0], "platform": platform.platform(),
             "frozen": "yes (bundle)" if getattr(sys, "frozen", False) else "no"}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def write_crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                       where: str = "the station") -> Path:
    """Write crash-YYYYmmdd-HHMMSS-PID.txt in the log directory: the traceback, the versions and
    the last log lines. Returns its path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    lines = [
        f"Packdesk crash report: an unhandled {exc_type.__name__} in {where}",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"command: {' '.join(sys.argv)}",
        "",
        "## Versions",
        *(f"{name}: {value}" for name, value in versions().items()),
        "",
        "## What failed",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
        f"## The last lines of {log_path()}",
        *last_lines(),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def crash_reports() -> list[Path]:
    """The crash reports in the log directory, newest last."""
    folder = log_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("crash-*.txt"), key=lambda p: (p.stat().st_mtime, p.name))
