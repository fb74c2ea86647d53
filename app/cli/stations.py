"""`packdesk stations leases|give-back`: which station holds which orders for packing (since
when, until when), and a supervisor giving a dead station's orders back to the queue with a
reason (audited in the office's chain). Issue 17: a station that leased orders for an outage and
died would otherwise keep them until the 12-hour lease runs out."""
from __future__ import annotations

import argparse
import getpass
import logging
from datetime import datetime

from app.cli.db import add_database_options, open_database
from app.floor.admin_desk import open_admin
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `stations` command group."""
    parser = subparsers.add_parser("stations", help=_("the orders each station holds; give a dead station's back"))
    sub = parser.add_subparsers(dest="stations_command", metavar="ACTION", required=True)
    listing = sub.add_parser("leases", help=_("the stations that hold orders: how many, since when, until when"))
    give = sub.add_parser("give-back", help=_("give every order a station holds back to the queue (audited)"))
    give.add_argument("station", help=_("the station's code, as `packdesk stations leases` shows it"))
    give.add_argument("--reason", required=True, help=_("why (into the audit log), e.g. 'station PC broken'"))
    give.add_argument("--user", help=_("the supervisor (default: your login name)"))
    for p, func in ((listing, run_leases), (give, run_give_back)):
        add_database_options(p)
        p.set_defaults(func=func)


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def run_leases(args: argparse.Namespace) -> int:
    """packdesk stations leases"""
    with open_database(args) as db:
        held = open_admin(db, getattr(args, "config", None)).station_leases()
    if not held:
        print(_("No station holds orders."))
        return 0
    print(f"{'STATION':<16} {'ORDERS':>6} {'SINCE':<17} {'UNTIL':<17} {'LAST SEEN':<17} NUMBERS")
    for s in held:
        print(f"{s.station:<16} {len(s.orders):>6} {_when(s.since):<17} {_when(s.until):<17} {_when(s.last_seen):<17} "
              f"{' '.join(s.orders)}")
    return 0


def run_give_back(args: argparse.Namespace) -> int:
    """packdesk stations give-back STATION --reason TEXT"""
    with open_database(args) as db:
        numbers = open_admin(db, getattr(args, "config", None)).give_back_leases(
            args.station, args.reason, args.user or getpass.getuser())
    print(_("%(count)s orders of station %(station)s given back to the queue: %(orders)s")
          % {"count": len(numbers), "station": args.station.strip(), "orders": " ".join(numbers)})
    return 0
