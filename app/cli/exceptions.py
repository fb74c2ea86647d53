"""`packdesk exceptions list|resolve`: the supervisors' exception queue and their decisions
(the same use cases as the review screen)."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
from dataclasses import asdict
from datetime import datetime, timedelta, timezone

from app.cli.db import add_database_options, open_database
from app.cli.orders import shown
from app.config import load_settings
from app.errors import PackdeskError
from app.floor.desk import current_policies, supervision_policies
from app.store.exception_queries import exception_queue
from app.store.uow import SqlUnitOfWork
from app.supervision.decisions import decide
from app.supervision.model import Action, ExceptionFilter, ExceptionItem, ExceptionKind
from app.supervision.words import decision, exception_kind, reason_words
from app.messages import _, say
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `exceptions list` and `exceptions resolve`."""
    parser = subparsers.add_parser("exceptions", help=_("the supervisors' exception queue"))
    sub = parser.add_subparsers(dest="exceptions_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("exceptions, oldest first (open and decided; --open: open only)"))
    listing.add_argument("--open", action="store_true", help=_("only exceptions nobody has decided yet"))
    listing.add_argument("--kind", action="append", metavar="K",
                         help=_("only this kind (repeatable): %(kinds)s")
                         % {"kinds": ", ".join(k.value for k in ExceptionKind)})
    listing.add_argument("--station", help=_("only at this station"))
    listing.add_argument("--packer", help=_("only of this packer (username)"))
    listing.add_argument("--hours", type=float, metavar="H", help=_("only those of the last H hours"))
    listing.add_argument("--older-than", type=float, metavar="MIN", help=_("only those older than MIN minutes"))
    listing.add_argument("--limit", type=int, default=500, help=_("at most this many (default 500)"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array instead of a table"))
    add_database_options(listing)
    listing.set_defaults(func=run_list)
    resolve = sub.add_parser("resolve", help=_("decide an exception, with a reason code (audited)"))
    resolve.add_argument("key", metavar="ID", help=_("the exception's id from `exceptions list` (H-12, S-345 ...)"))
    resolve.add_argument("--action", required=True,
                         help=_("one of: %(choices)s") % {"choices": ", ".join(a.value for a in Action)})
    resolve.add_argument("--reason", required=True, metavar="CODE",
                         help=_("a reason code of [supervision] reason_codes (default customer_request, "
                              "stock_found, address_fixed, damaged, other)"))
    resolve.add_argument("--note", help=_("free text kept with the decision"))
    resolve.add_argument("--user", help=_("who decides (default: your login name)"))
    add_database_options(resolve)
    resolve.set_defaults(func=run_resolve)


def build_filter(args: argparse.Namespace, now: datetime) -> ExceptionFilter:
    """The queue's filter from the command's options (a bad kind or number is refused by name)."""
    kinds = frozenset(ExceptionKind.parse(k).value for k in args.kind) if args.kind else None
    for name in ("hours", "older_than", "limit"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            raise PackdeskError(phrase("--%(option)s must be a positive number, not %(value)s.",
                                       option=name.replace('_', '-'), value=value))
    return ExceptionFilter(kinds, args.station, args.packer,
                           now - timedelta(hours=args.hours) if args.hours else None,
                           now - timedelta(minutes=args.older_than) if args.older_than else None,
                           args.open, args.limit)


def as_json(item: ExceptionItem) -> dict[str, object]:
    """An exception as the --json output shows it (times in ISO 8601, the actions that fit)."""
    out = asdict(item)
    out["at"] = item.at.isoformat()
    out["resolved_at"] = item.resolved_at.isoformat() if item.resolved_at else None
    out["open"], out["actions"] = item.open, list(item.actions)
    return out


def run_list(args: argparse.Namespace) -> int:
    """packdesk exceptions list"""
    now = datetime.now(timezone.utc)
    flt = build_filter(args, now)
    with open_database(args) as db:
        items = exception_queue(db, flt, now)
    if args.json:
        print(json.dumps([as_json(i) for i in items], ensure_ascii=False, indent=1))
        return 0
    heads = (_("ID"), _("KIND"), _("WHEN (UTC)"), _("STATION"), _("PACKER"), _("STATE"), _("WHAT"))
    print(f"{heads[0]:<10} {heads[1]:<22} {heads[2]:<16} {heads[3]:<9} {heads[4]:<9} {heads[5]:<14} {heads[6]}")
    for i in items:
        state = _("open") if i.open else f"{say(decision(i.action or ''))} {i.resolved_by or ''}".strip()
        kind = say(exception_kind(i.kind))
        print(shown(f"{i.key:<10} {kind[:22]:<22} {i.at:%Y-%m-%d %H:%M} {i.station or '-':<9} {i.packer or '-':<9} "
                    f"{state[:14]:<14} {say(i.summary)}"))
    opened = sum(1 for i in items if i.open)
    print(_("%(count)s exception(s), %(open)s open") % {"count": len(items), "open": opened})
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    """packdesk exceptions resolve"""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    rules = supervision_policies(settings)
    with open_database(args) as db:
        done = decide(SqlUnitOfWork(db), args.key, args.action, args.reason, args.user or getpass.getuser(),
                      current_policies(db, rules), args.note)
    print(shown(_("%(key)s: %(action)s (%(reason)s) by %(by)s. %(message)s [audit record %(seq)s]")
                % {"key": done.key, "action": done.action, "reason": say(reason_words(done.reason)), "by": done.by,
                   "message": say(done.message), "seq": done.audit_seq}))
    return 0
