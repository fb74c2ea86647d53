"""`packdesk import KIND FILE [--format csv|json|shopify]`."""
from __future__ import annotations

import argparse
import logging
import sys
import time

from app.cli.db import add_database_options, open_database
from app.imports import KINDS, import_file
from app.imports.reading import FORMATS

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `import`."""
    parser = subparsers.add_parser(
        "import", help="import catalog, boxes, locations, stock, orders or users (all or nothing)",
        description="Checks the whole file first; if any row is bad, lists every bad row with its "
                    "line number and writes nothing. Importing the same file twice changes nothing. "
                    "Columns: docs/imports.md.")
    parser.add_argument("kind", choices=list(KINDS), help="what the file holds")
    parser.add_argument("file", help="the CSV or JSON file")
    parser.add_argument("--format", choices=FORMATS, help="default: from the file name (.json, else csv)")
    add_database_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """packdesk import"""
    with open_database(args) as db:
        report = import_file(db, args.kind, args.file, args.format, progress=ProgressLine(args.kind))
    print(report.summary())
    return 0


class ProgressLine:
    """How far an import is, on stderr: "orders: checking 39,953 rows", then "orders: 5,000
    of 20,000 written" at most once a second, and the last one. Files of fewer than
    `min_rows` rows are quick and say nothing but their summary."""

    def __init__(self, kind: str, every_s: float = 1.0, min_rows: int = 1000) -> None:
        self.kind, self.every_s, self.min_rows = kind, every_s, min_rows
        self._last = 0.0
        self._quiet = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "checking":
            self._quiet = total < self.min_rows
        if self._quiet:
            return
        if stage == "checking":
            print(f"{self.kind}: checking {total:,} rows", file=sys.stderr, flush=True)
            self._last = time.monotonic()
            return
        now = time.monotonic()
        if done < total and now - self._last < self.every_s:
            return
        self._last = now
        print(f"{self.kind}: {done:,} of {total:,} written", file=sys.stderr, flush=True)
