"""`packdesk logs [--path | --crashes | --lines N]`: where the station's log is, and what it says."""
from __future__ import annotations

import argparse
import logging

from app.logging_setup import crash_reports, last_lines, log_path
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `logs` command."""
    parser = subparsers.add_parser("logs", help=_("the station's log file and crash reports"),
                                   description=_("Show the end of the station's log file, its path, or its crash reports."))
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--path", action="store_true", help=_("print the log file's path only"))
    which.add_argument("--crashes", action="store_true", help=_("list the crash reports, newest last"))
    parser.add_argument("--lines", "-n", type=int, default=50, help=_("how many of the last lines to show (default 50)"))
    parser.set_defaults(func=run_logs)


def run_logs(args: argparse.Namespace) -> int:
    """packdesk logs"""
    if args.path:
        print(log_path())
        return 0
    if args.crashes:
        for report in crash_reports():
            print(report)
        return 0
    lines = last_lines(args.lines)
    if not lines:
        print(_("No log yet at %(path)s (the station writes it when it runs).") % {"path": log_path()})
        return 0
    print("\n".join(lines))
    return 0
