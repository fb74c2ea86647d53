"""`packdesk import KIND FILE [--format csv|json|shopify]`."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from typing import Any

from app.cli.db import add_database_options, open_database
from app.config import Settings, load_settings, order_settings
from app.errors import ConfigError
from app.imports import KINDS, import_file
from app.imports.common import Progress
from app.imports.limits import DEFAULT_MAX_LINE_QUANTITY
from app.imports.reading import FORMATS
from app.messages import _, say, translator
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `import`."""
    parser = subparsers.add_parser(
        "import", help=_("import catalog, boxes, locations, stock, orders, users, carriers, zones or rates (all or nothing)"),
        description=_("Checks the whole file first; if any row is bad, lists every bad row with its "
                    "line number and writes nothing. Importing the same file twice changes nothing. "
                    "Columns: docs/imports.md."))
    parser.add_argument("kind", choices=list(KINDS), help=_("what the file holds"))
    parser.add_argument("file", help=_("the CSV or JSON file"))
    parser.add_argument("--format", choices=FORMATS, help=_("default: from the file name (.json, else csv)"))
    add_database_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """packdesk import; Ctrl-C rolls the whole file back and exits 130."""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    most = max_line_quantity(settings)
    with open_database(args) as db, CtrlC() as ctrl_c:
        try:
            report = import_file(db, args.kind, args.file, args.format,
                                 progress=ctrl_c.checked(ProgressLine(args.kind)), max_line_quantity=most,
                                 order_settings=order_settings(settings))
        except KeyboardInterrupt:
            print("packdesk: " + _("import of %(file)s interrupted; nothing was imported.") % {"file": args.file},
                  file=sys.stderr)
            return 130
    if ctrl_c.interrupted:
        print("packdesk: " + _("interrupted while committing; the import was complete and is kept."), file=sys.stderr)
    print(say(report.summary()))
    for note in report.notes:
        print("  " + say(note))
    return 0


def max_line_quantity(settings: Settings) -> int:
    """[imports] max_line_quantity of the configuration, else the documented default."""
    value = settings.section("imports").get("max_line_quantity", DEFAULT_MAX_LINE_QUANTITY)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(phrase("[imports] max_line_quantity in %(path)s must be a whole number >= 1, not %(value)s",
                                 path=str(settings.config_path), value=repr(value)))
    return value


class CtrlC:
    """SIGINT during an import is remembered and raised as KeyboardInterrupt at the import's
    next progress report (every 500 orders written, and last just before the commit), where
    it rolls everything back. Raised at once instead, it could land in a weakref callback or a
    __del__, where Python only prints "Exception ignored" and carries on to the commit. A
    second Ctrl-C before that report is raised at once."""

    def __init__(self) -> None:
        self.interrupted = False
        self.committing = False  # from here an interrupt waits: the commit may already be under way
        self._previous: Any = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._heard)
            self._unraisable = sys.unraisablehook
            sys.unraisablehook = self._swallowed
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            sys.unraisablehook = self._unraisable

    def _swallowed(self, unraisable: Any) -> None:
        # a second Ctrl-C is remembered too and acted on at the next progress report: no
        # need to show the person a traceback of the callback it happened to land in
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):
            self._unraisable(unraisable)

    def _heard(self, signum: int, frame: Any) -> None:
        again = self.interrupted
        self.interrupted = True
        if again and not self.committing:
            raise KeyboardInterrupt

    def checked(self, progress: Progress) -> Progress:
        """`progress` that first raises KeyboardInterrupt if an interrupt was heard."""
        def report(stage: str, done: int, total: int) -> None:
            if self.interrupted:
                raise KeyboardInterrupt
            self.committing = stage == "committing"
            progress(stage, done, total)
        return report


class ProgressLine:
    """How far an import is, on stderr: "orders: checking 39,953 rows", then "orders: 5,000
    of 20,000 written" at most once a second, and the last one. Files of fewer than
    `min_rows` rows are quick and say nothing but their summary."""

    def __init__(self, kind: str, every_s: float = 1.0, min_rows: int = 1000) -> None:
        self.kind, self.every_s, self.min_rows = kind, every_s, min_rows
        self._last = 0.0
        self._quiet = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "committing":
            return
        if stage == "checking":
            self._quiet = total < self.min_rows
        if self._quiet:
            return
        if stage == "checking":
            print(_("%(kind)s: checking %(total)s rows") % {"kind": self.kind, "total": translator().number(total)},
                  file=sys.stderr, flush=True)
            self._last = time.monotonic()
            return
        now = time.monotonic()
        if done < total and now - self._last < self.every_s:
            return
        self._last = now
        print(_("%(kind)s: %(done)s of %(total)s written") % {"kind": self.kind, "done": translator().number(done),
                                                              "total": translator().number(total)},
              file=sys.stderr, flush=True)
