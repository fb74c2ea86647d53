"""`packdesk import KIND FILE [--format csv|json|shopify]`."""
from __future__ import annotations

import argparse
import logging

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
        report = import_file(db, args.kind, args.file, args.format)
    print(report.summary())
    return 0
