"""`packdesk audit verify|list`: the chained audit log of every change a person made."""
from __future__ import annotations

import argparse
import json
import logging

from app.cli.db import add_database_options, open_database
from app.cli.orders import shown
from app.store.audit_log import recent_entries, verify_audit
from app.messages import _, say

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `audit verify` and `audit list`."""
    parser = subparsers.add_parser("audit", help=_("the audit log of every change a person made"))
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help=_("check the hash chain; exit 1 naming the first record edited, "
                                           "deleted or reordered"))
    add_database_options(verify)
    verify.set_defaults(func=run_verify)
    listing = sub.add_parser("list", help=_("the newest records"))
    listing.add_argument("--limit", type=int, default=50, help=_("how many (default 50)"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array instead of text"))
    add_database_options(listing)
    listing.set_defaults(func=run_list)


def run_verify(args: argparse.Namespace) -> int:
    """packdesk audit verify"""
    with open_database(args) as db:
        checked, broken = verify_audit(db)
    if broken is not None:
        where = (_(" of station %(station)s's chain") % {"station": broken.chain}) if broken.chain else ""
        print(shown("packdesk: " + _("the audit log was tampered with: %(broken)s. Records before %(seq)s%(where)s are "
                                     "intact.") % {"broken": say(str(broken)), "seq": broken.seq, "where": where}))
        return 1
    print(_("audit log intact: %(count)s record(s), each chained to the one before") % {"count": checked})
    return 0


def run_list(args: argparse.Namespace) -> int:
    """packdesk audit list"""
    with open_database(args) as db:
        entries = recent_entries(db, max(1, args.limit))
    if args.json:
        print(json.dumps([{"chain": e.chain, "seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                           "subject": e.subject, "detail": json.loads(e.detail) if e.detail else None,
                           "hash": e.hash} for e in entries], ensure_ascii=False, indent=1))
        return 0
    for e in entries:
        print(shown(f"{(e.chain + '/' if e.chain else '') + str(e.seq):>12} {e.at:%Y-%m-%d %H:%M:%S} {e.actor:<12} {e.action:<20} {e.subject}  {e.detail or ''}"))
    return 0
