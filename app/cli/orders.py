"""`packdesk orders list|show|validate|allocate|hold|release|cancel|documents|archive`: the
orders, and the supervisor's decisions on them (the same use cases as the supervisors' screen)."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from dataclasses import asdict

from app import words
from app.cli.db import add_database_options, open_database
from app.config import load_settings, order_settings
from app.errors import PackdeskError
from app.orders import hold_words, holds, pipeline
from app.orders.errors import OrderNotFound
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.store.order_queries import OrderDetail, list_orders, show_order
from app.store.uow import SqlUnitOfWork
from app.supervision.words import hold_kind_words
from app.messages import _, say
from app.translator import Lines, phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `orders list` and `orders show`."""
    parser = subparsers.add_parser("orders", help=_("list and show orders"))
    sub = parser.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help=_("orders in queue order (priority, SLA, age)"))
    listing.add_argument("--status", help=_("only orders in this status: %(statuses)s")
                         % {"statuses": ", ".join(s.value for s in OrderStatus)})
    listing.add_argument("--limit", type=at_least_one, help=_("at most this many (1 or more)"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array instead of a table"))
    listing.add_argument("--archived", action="store_true", help=_("archived orders too (`orders archive`)"))
    add_database_options(listing)
    listing.set_defaults(func=run_list)
    show = sub.add_parser("show", help=_("one order: address, lines, parcels, events"))
    show.add_argument("number", help=_("the order number (a Shopify order's name, #1001, too)"))
    show.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
    add_database_options(show)
    show.set_defaults(func=run_show)
    documents = sub.add_parser("documents", help=_("write every document printed for an order into a folder"))
    documents.add_argument("number", help=_("the order number"))
    documents.add_argument("--out", required=True, help=_("the folder to write them into (created if needed)"))
    add_database_options(documents)
    documents.set_defaults(func=run_documents)
    archive = sub.add_parser("archive", help=_("archive completed orders older than [orders] archive_after_days"))
    archive.add_argument("--before", help=_("archive orders completed before this day, 2025-01-31 (UTC; default: "
                           "today minus [orders] archive_after_days)"))
    archive.add_argument("--dry-run", action="store_true", help=_("only count and name them"))
    add_database_options(archive)
    archive.set_defaults(func=run_archive)
    for name, what, run in (("validate", _("validate captured orders (and re-check held ones); those that pass "
                                           "are allocated"), run_validate),
                            ("allocate", _("hold stock for validated and backordered orders, by priority then SLA"),
                             run_allocate)):
        action = sub.add_parser(name, help=what)
        action.add_argument("numbers", nargs="*", metavar="NUMBER", help=_("these orders"))
        action.add_argument("--all", action="store_true", help=_("every order waiting for this stage"))
        add_database_options(action)
        action.set_defaults(func=run)
    for name, what, run in (("hold", _("put an order on hold for a supervisor"), run_hold),
                            ("release", _("release an order on hold (it goes on where its work resumes)"),
                             run_release),
                            ("cancel", _("cancel an order not yet being packed (its stock holds are released)"),
                             run_cancel)):
        action = sub.add_parser(name, help=what)
        action.add_argument("number", help=_("the order number"))
        action.add_argument("--reason", required=True, help=_("why (it goes into the order's log)"))
        action.add_argument("--user", default=None, help=_("who decides (default: your login name)"))
        add_database_options(action)
        action.set_defaults(func=run)


def at_least_one(text: str) -> int:
    """An argparse type: a whole number from 1 to 2,147,483,647 (argparse says which option is wrong)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("%(text)s is not a whole number") % {"text": repr(text)}) from None
    if not 1 <= value <= 2**31 - 1:
        raise argparse.ArgumentTypeError(_("%(text)s is not between 1 and 2147483647") % {"text": text})
    return value


def run_documents(args: argparse.Namespace) -> int:
    """packdesk orders documents (the archive of issue 15: app/shipping/archive.py)"""
    from pathlib import Path

    from app.shipping.archive import write_documents

    with open_database(args) as db:
        written = write_documents(SqlUnitOfWork(db), args.number, Path(args.out))
    for w in written:
        print(f"{w.kind:<12} {w.sha256[:12]}  {w.path}")
    print(_("%(count)s document(s) of order %(order)s written to %(folder)s")
          % {"count": len(written), "order": args.number, "folder": args.out})
    return 0


def run_archive(args: argparse.Namespace) -> int:
    """packdesk orders archive (app/shipping/archive.py); progress on stderr for long runs."""
    from datetime import date, datetime, time, timedelta, timezone

    from app.shipping.archive import archive_orders
    from app.shipping.settings import AfterDelivery

    now = datetime.now(timezone.utc)
    if args.before:
        try:
            before = datetime.combine(date.fromisoformat(args.before), time(0), timezone.utc)
        except ValueError:
            raise PackdeskError(phrase("--before %(day)s is no day; write it as 2025-01-31.",
                                       day=repr(args.before))) from None
    else:
        settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
        days = AfterDelivery.from_raw(settings.raw, settings.config_path or "the built-in defaults").archive_after_days
        before = now - timedelta(days=days)

    def progress(done: int, total: int) -> None:
        print("  " + _("%(done)s of %(total)s orders") % {"done": done, "total": total}, file=sys.stderr, flush=True)

    with open_database(args) as db:
        run = archive_orders(lambda: SqlUnitOfWork(db), before, now, dry_run=args.dry_run, progress=progress)
    print(run.summary())
    return 0


def run_list(args: argparse.Namespace) -> int:
    """packdesk orders list"""
    if args.status and args.status not in {s.value for s in OrderStatus}:
        raise PackdeskError(phrase("'%(status)s' is not an order status; use one of: %(statuses)s",
                                   status=args.status, statuses=", ".join(s.value for s in OrderStatus)))
    with open_database(args) as db:
        orders = list_orders(db, args.status, args.limit, archived=args.archived)
    if args.json:
        print(json.dumps([asdict(o) for o in orders], ensure_ascii=False, indent=1))
        return 0
    heads = (_("NUMBER"), _("STATUS"), _("PRI"), _("UNITS"), _("SLA DUE"), _("CARRIER"), _("HELD BY"))
    print(f"{heads[0]:<14} {heads[1]:<19} {heads[2]:>3} {heads[3]:>5} {heads[4]:<20} {heads[5]:<8} {heads[6]}")
    for o in orders:
        print(shown(f"{o.number:<14} {_status(o.status)[:19]:<19} {o.priority:>3} {o.units:>5} "
              f"{(o.sla_due_at or '')[:16]:<20} {o.carrier or '':<8} {o.claimed_by_station or ''}"))
    print(_("%(count)s order(s)") % {"count": len(orders)})
    return 0


def run_show(args: argparse.Namespace) -> int:
    """packdesk orders show"""
    with open_database(args) as db:
        try:
            order = show_order(db, args.number)
        except OrderNotFound:
            if not args.number.startswith("#"):
                raise
            order = show_order(db, args.number[1:])  # a Shopify order's name: its number is stored without #
    if args.json:
        print(json.dumps(asdict(order), ensure_ascii=False, indent=1))
        return 0
    print(shown_lines(_as_text(order)))
    return 0


def _settings(args: argparse.Namespace) -> OrderSettings:
    return order_settings(load_settings(getattr(args, "config", None), getattr(args, "database", None)))


def _numbers(args: argparse.Namespace) -> list[str] | None:
    if args.all == bool(args.numbers):
        raise PackdeskError(phrase("Name the orders to %(action)s or give --all (not both).",
                                   action=args.orders_command))
    return None if args.all else args.numbers


def _user(args: argparse.Namespace) -> str:
    return args.user or getpass.getuser()


def run_validate(args: argparse.Namespace) -> int:
    """packdesk orders validate"""
    numbers, settings = _numbers(args), _settings(args)
    with open_database(args) as db:
        outcome = pipeline.validate(SqlUnitOfWork(db), numbers, settings, user=getpass.getuser())
    print(say(outcome.summary()))
    for number, reasons in outcome.held.items():
        print(shown("  " + _("%(order)s on hold: %(reasons)s") % {"order": number, "reasons": "; ".join(say(r) for r in reasons)}))
    return 0


def run_allocate(args: argparse.Namespace) -> int:
    """packdesk orders allocate"""
    numbers, settings = _numbers(args), _settings(args)
    with open_database(args) as db:
        done = pipeline.allocate(SqlUnitOfWork(db), numbers, settings, user=getpass.getuser())
    for result in done:
        short = ", ".join(f"{g.short} x {g.sku}" + (" " + _("(restock %(date)s)") % {"date": g.restock_date}
                                                     if g.restock_date else "") for g in result.short)
        print(shown(f"{result.number:<14} {result.status:<11} {result.held:>4} " + _("unit(s) held")
                    + ("; " + _("short: %(short)s") % {"short": short} if short else "")))
    print(_("%(count)s order(s) allocated or waiting for stock") % {"count": len(done)})
    return 0


def run_hold(args: argparse.Namespace) -> int:
    """packdesk orders hold"""
    with open_database(args) as db:
        holds.hold(SqlUnitOfWork(db), args.number, args.reason, user=_user(args))
    print(_("order %(order)s is on hold") % {"order": args.number})
    return 0


def run_release(args: argparse.Namespace) -> int:
    """packdesk orders release"""
    settings = _settings(args)
    with open_database(args) as db:
        status = holds.release(SqlUnitOfWork(db), args.number, args.reason, settings, user=_user(args))
    print(_("order %(order)s released; it is %(status)s") % {"order": args.number, "status": OrderStatus(status).label})
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    """packdesk orders cancel"""
    with open_database(args) as db:
        holds.cancel(SqlUnitOfWork(db), args.number, args.reason, user=_user(args))
    print(_("order %(order)s is cancelled") % {"order": args.number})
    return 0


def shown(value: object) -> str:
    """Text as a terminal may print it: control characters (an ANSI escape, a carriage return)
    written as \\x1b, \\r and so on, so a field can never recolour or rewrite the screen."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown_lines(text: str) -> str:
    """`shown` line by line (the text's own line breaks stay)."""
    return "\n".join(shown(line) for line in text.split("\n"))


def _why(detail: object, held: dict[str, str] | None = None) -> str:
    """The reason(s) an event carries, for the text form: a hold's typed reasons (their kind and
    text in the reader's language), a decision's reason; a status change's reason said as the
    hold's reasons it joins (`held`) or as the system's message it was made from (a wave's)."""
    if not isinstance(detail, dict):
        return ""
    if isinstance(detail.get("reasons"), list):
        said = [f"{say(hold_kind_words(str(r.get('kind'))))}: "
                f"{say(hold_words.said(str(r.get('detail')), str(r.get('kind'))))}"
                for r in detail["reasons"] if isinstance(r, dict)]
        return "  " + "; ".join(said)
    why = detail.get("reason")  # a person's words, or a system's English said in the reader's language
    if not why:
        return ""
    return f"  ({say((held or {}).get(str(why)) or hold_words.read_back(str(why), hold_words.STATUS_REASONS))})"


def _held(o: OrderDetail) -> dict[str, str]:
    """Each hold's reasons as its status change joined them (app/orders/holds.py), read by their kind."""
    held = {}
    for e in o.events:
        reasons = e.detail.get("reasons") if isinstance(e.detail, dict) else None
        if isinstance(reasons, list) and all(isinstance(r, dict) for r in reasons):
            held["; ".join(str(r.get("detail")) for r in reasons)] = Lines(
                [hold_words.said(str(r.get("detail")), str(r.get("kind"))) for r in reasons], "; ")
    return held


def _status(code: str | None) -> str:
    """An order's status as its reader says it ("on hold", "zurückgehalten"); none: empty."""
    return say(words.status_name(code)) if code else ""


def _as_text(o: OrderDetail) -> str:
    ship = o.ship_to
    out = [_("Order %(order)s  %(status)s  priority %(priority)s  %(carrier)s %(service)s")
           % {"order": o.number, "status": _status(o.status), "priority": o.priority, "carrier": o.carrier or "",
              "service": o.service_level},
           "  " + _("created %(created)s  SLA due %(due)s  tote %(tote)s")
           % {"created": o.created_at, "due": o.sla_due_at or "-", "tote": o.tote or "-"}]
    if o.archived_at:
        out.append("  " + _("ARCHIVED %(when)s (its documents: packdesk orders documents %(order)s --out DIR)")
                   % {"when": o.archived_at, "order": o.number})
    if o.claimed_by_station:
        out.append("  " + _("held by %(station)s (%(user)s) until %(until)s")
                   % {"station": o.claimed_by_station, "user": o.claimed_by_user, "until": o.lease_expires_at})
    parts = () if ship is None else (ship.name, ship.company, ship.line1, ship.line2, ship.postcode,
                                     ship.city, ship.region, ship.country)
    out.append("  " + _("ship to: %(address)s") % {"address": ", ".join(str(part) for part in parts if part)})
    if o.gift_wrap:
        out.append("  " + _("gift wrap; message: %(message)s") % {"message": o.gift_message or "-"})
    if o.special_packaging:
        out.append("  " + _("special packaging: %(packaging)s") % {"packaging": o.special_packaging})
    if o.notes:
        out.append("  " + _("notes: %(notes)s") % {"notes": say(hold_words.read_back(o.notes, hold_words.NOTES))})
    out.append("  " + _("lines:"))
    packed = _("packed %(count)s")
    out += [f"    {l.line_no:>2}. {l.quantity:>3} x {l.sku:<14} {l.name}  ({packed % {'count': l.packed_quantity}})"
            for l in o.lines]
    out.append("  " + _("total %(total)s %(currency)s") % {"total": o.total, "currency": o.currency})
    if o.parcels:
        out.append("  " + _("parcels:"))
        out += [f"    {p.seq}. {p.status} {p.box or ''} {p.sscc or ''} {p.tracking_number or ''}"
                for p in o.parcels]
    for r in o.returns:
        if r.order == o.number:
            out.append("  " + _("return %(rma)s %(status)s") % {"rma": r.rma, "status": r.status}
                       + (", " + _("exchange order %(order)s") % {"order": r.exchange_order} if r.exchange_order
                          else ""))
        else:
            out.append("  " + _("exchange for return %(rma)s of order %(order)s") % {"rma": r.rma, "order": r.order})
    out.append("  " + _("events:"))
    held = _held(o)
    out += [f"    {(e.at or '')[:19]} {say(words.event(e.kind))} {_status(e.from_status)}{' -> ' if e.to_status else ''}"
            f"{_status(e.to_status)} {e.station or ''} {e.user or ''}{_why(e.detail, held)}" for e in o.events]
    return "\n".join(out)
