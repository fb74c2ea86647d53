"""`packdesk report daily --date D --out FILE.pdf [--csv]`: the floor's figures of a day as a PDF
with charts, or as CSV."""
from __future__ import annotations

import argparse
import logging
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from app.cli.db import add_database_options
from app.errors import PackdeskError
from app.floor.desk import daily_figures_at
from app.messages import _
from app.translator import phrase
from printing.daily_report import daily_csv, daily_pdf

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `report daily`."""
    parser = subparsers.add_parser("report", help=_("reports of the floor's figures"))
    sub = parser.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    daily = sub.add_parser("daily", help=_("a day's figures per packer, station and hour (PDF with charts, or CSV)"))
    daily.add_argument("--date", help=_("the day, YYYY-MM-DD (UTC; default: today)"))
    daily.add_argument("--out", metavar="FILE", help=_("where to write (default for --csv: standard output)"))
    daily.add_argument("--csv", action="store_true", help=_("CSV rows instead of the PDF"))
    add_database_options(daily)
    daily.set_defaults(func=run_daily)


def _day(text: str | None) -> date:
    if not text:
        return datetime.now(timezone.utc).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PackdeskError(phrase("--date %(value)s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-04.",
                                   value=repr(text))) from None


def run_daily(args: argparse.Namespace) -> int:
    """packdesk report daily"""
    day = _day(args.date)
    if not args.csv and not args.out:
        raise PackdeskError(phrase("Name the PDF to write with --out FILE.pdf (or give --csv for CSV)."))
    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.exists():
        raise PackdeskError(phrase("The folder %(folder)s does not exist; create it or write the report elsewhere.",
                                   folder=str(out.parent)))
    figures = daily_figures_at(getattr(args, "config", None), getattr(args, "database", None), day)
    if args.csv:
        text = daily_csv(figures)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
    else:
        assert out is not None
        data = daily_pdf(figures)
        partial = out.with_name(out.name + ".part")  # nothing half-written under the real name
        partial.write_bytes(data)
        partial.replace(out)
    if out is not None:
        print(_("figures of %(day)s: %(orders)s order(s), %(packers)s packer(s) -> %(file)s")
              % {"day": day, "orders": figures.total.orders, "packers": len(figures.packers), "file": out})
    return 0
