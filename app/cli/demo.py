"""`packdesk demo [--if-empty]`: load the demo data set from resources/demo/."""
from __future__ import annotations

import argparse
import logging

from app.cli.db import add_database_options, open_database
from app.imports.demo import is_empty, load_demo
from app.messages import _, ngettext, say

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `demo`."""
    parser = subparsers.add_parser(
        "demo", help=_("load the demo catalogue, boxes, locations, stock, users and orders"),
        description=_("Imports resources/demo/ and moves the new orders to 'picked' so the stations "
                    "have a queue. Safe to run twice."))
    parser.add_argument("--if-empty", action="store_true",
                        help=_("do nothing if the database already has products or orders"))
    add_database_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """packdesk demo"""
    with open_database(args) as db:
        if args.if_empty and not is_empty(db):
            print(_("database %(url)s already has data; demo not loaded") % {"url": db.safe_url})
            return 0
        report = load_demo(db)
    for item in report.imports:
        print(say(item.summary()))
    print(ngettext("%(count)d order ready to pack", "%(count)d orders ready to pack", report.made_ready)
          % {"count": report.made_ready} + ", " + _("%(held)d on hold") % {"held": report.held})
    if report.for_the_picker:
        print(_("left to pick on the picker screen: %(lists)s") % {"lists": ", ".join(report.for_the_picker)})
    return 0
