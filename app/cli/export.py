"""`packdesk export shipments --format csv|json [--date D] [--output FILE]`."""
from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.cli.db import add_database_options, open_database
from app.errors import PackdeskError
from app.store.order_queries import SHIPMENT_COLUMNS, shipments
from app.messages import _
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `export shipments`."""
    parser = subparsers.add_parser("export", help=_("export shipments for carriers and the office"))
    sub = parser.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    ship = sub.add_parser("shipments", help=_("one row per closed parcel, with its order's address"))
    ship.add_argument("--format", choices=("csv", "json"), default="csv")
    ship.add_argument("--date", help=_("only parcels closed on this UTC day (YYYY-MM-DD)"))
    ship.add_argument("--output", metavar="FILE", help=_("write here instead of standard output"))
    add_database_options(ship)
    ship.set_defaults(func=run_shipments)


def write_whole(target: Path, text: str) -> None:
    """`text` to `target` whole or not at all (through TARGET.partial); PackdeskError when the
    folder is missing or not writable, leaving nothing behind."""
    if not target.parent.is_dir():
        raise PackdeskError(phrase("--output %(target)s: the folder %(folder)s does not exist; create it or "
                                   "name another file.", target=str(target), folder=str(target.parent)))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)  # never a half-written export
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PackdeskError(phrase("--output %(target)s cannot be written (%(error)s); nothing was written.",
                                   target=str(target), error=str(exc.strerror or exc))) from None


def run_shipments(args: argparse.Namespace) -> int:
    """packdesk export shipments"""
    day = None
    if args.date:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise PackdeskError(phrase("--date %(date)s is not a date; write it as YYYY-MM-DD.",
                                       date=repr(args.date))) from None
    with open_database(args) as db:
        rows = [asdict(row) for row in shipments(db, day)]
    if args.format == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SHIPMENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
        text = buffer.getvalue()
    if args.output:
        target = Path(args.output)
        write_whole(target, text)
        print(_("%(count)s parcel(s) written to %(file)s") % {"count": len(rows), "file": target}, file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
