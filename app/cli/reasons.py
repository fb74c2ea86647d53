"""`packdesk reasons list|add|retire`: the reason codes a supervisor's decision carries (the
configuration's [supervision] reason_codes, as an administrator changed them; audited)."""
from __future__ import annotations

import argparse
import getpass
import logging

from app.cli.db import add_database_options, open_database
from app.floor.admin_desk import open_admin
from app.messages import _

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `reasons` command group."""
    parser = subparsers.add_parser("reasons", help=_("the reason codes of supervisors' decisions (audited)"))
    sub = parser.add_subparsers(dest="reasons_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("every code, active and retired, and who changed it"))
    add = sub.add_parser("add", help=_("add a code (lower case, digits, _)"))
    retire = sub.add_parser("retire", help=_("retire a code (kept for the decisions that carry it)"))
    for p in (add, retire):
        p.add_argument("code")
        p.add_argument("--user", help=_("who makes the change (default: your login name)"))
    for p, func in ((listing, run_list), (add, run_add), (retire, run_retire)):
        add_database_options(p)
        p.set_defaults(func=func)


def _desk(args: argparse.Namespace, db):  # type: ignore[no-untyped-def]
    return open_admin(db, getattr(args, "config", None))


def run_list(args: argparse.Namespace) -> int:
    """packdesk reasons list"""
    with open_database(args) as db:
        codes = _desk(args, db).reasons()
    print(f"{'CODE':<24} {'STATE':<8} {'FROM':<14} CHANGED")
    for r in codes:
        when = f"{r.changed_by} {r.changed_at:%Y-%m-%d %H:%M}" if r.changed_at else "-"
        print(f"{r.code:<24} {'active' if r.active else 'retired':<8} {r.source:<14} {when}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    """packdesk reasons add"""
    with open_database(args) as db:
        done = _desk(args, db).add_reason(args.code, args.user or getpass.getuser())
    print(_("reason code %(code)s added") % {"code": done.code})
    return 0


def run_retire(args: argparse.Namespace) -> int:
    """packdesk reasons retire"""
    with open_database(args) as db:
        done = _desk(args, db).retire_reason(args.code, args.user or getpass.getuser())
    print(_("reason code %(code)s retired") % {"code": done.code})
    return 0
