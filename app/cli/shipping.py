"""`packdesk dispatch scan|manifest` (the dock), `packdesk shipping override` (a supervisor's
change of a parcel's service), `packdesk payments capture|list` and the later stages' commands.
docs/shipping.md."""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import signal
import sys
import time
from dataclasses import asdict
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from app.cli.db import add_database_options, open_database
from app.config import load_settings, order_settings
from app.errors import DatabaseUnavailable, PackdeskError
from app.shipping.capture import capture_pending
from app.shipping.archive import keep_manifest, manifest_name, write_manifests
from app.shipping.dispatch import DockDay, DockParcel, dock_day, scan_at_dock
from app.shipping.override import override_service
from app.shipping.mail import SmtpTransport
from app.shipping.outbox import Attach, Attachment, requeue, send_due
from app.shipping.return_label import FORMATS, label_facts, print_return_label, renderer
from app.shipping.returns import (
    ReturnView, create_return, inspect_return, parse_lines, receive_return, refund_return, show_return,
)
from app.shipping.settings import AfterDelivery, MailSettings, ShippingSettings
from app.unit_of_work import CarrierRecord
from app.shipping.tracking import complete_due, flag_late, import_tracking, read_reports
from app.store.uow import SqlUnitOfWork
from app.messages import _, say, translator
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `dispatch` and `shipping`."""
    dispatch = subparsers.add_parser("dispatch", help=_("hand parcels to the carrier at the dock; the day's list"))
    sub = dispatch.add_subparsers(dest="dispatch_command", metavar="ACTION", required=True)
    scan = sub.add_parser("scan", help=_("parcels handed to the carrier (an order ships with its last parcel)"))
    scan.add_argument("barcodes", nargs="+", metavar="BARCODE", help=_("the SSCC or tracking number on the label"))
    scan.add_argument("--user", help=_("who hands over (default: your login name)"))
    scan.add_argument("--station", default="DOCK", help=_("the dock's name in the order log (default DOCK)"))
    scan.add_argument("--json", action="store_true", help=_("one JSON object per scan"))
    add_database_options(scan)
    scan.set_defaults(func=run_scan)
    day = sub.add_parser("manifest", help=_("a carrier's parcels handed over on a day, and those not scanned"))
    day.add_argument("carrier", nargs="?", help=_("the carrier code (default: every carrier)"))
    day.add_argument("--date", help=_("the day, 2025-03-14 (default: today in [shipping] timezone)"))
    day.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
    add_database_options(day)
    day.set_defaults(func=run_manifest)
    kept = sub.add_parser("manifests", help=_("write the manifests printed on a day (kept in the archive) into a folder"))
    kept.add_argument("carrier", nargs="?", help=_("the carrier code (default: every manifest of the day)"))
    kept.add_argument("--day", required=True, help=_("the day the manifests are for, 2025-03-14"))
    kept.add_argument("--out", required=True, help=_("the folder to write them into (created if needed)"))
    add_database_options(kept)
    kept.set_defaults(func=run_manifests)

    shipping = subparsers.add_parser("shipping", help=_("a supervisor's change of a parcel's carrier service"))
    sub = shipping.add_subparsers(dest="shipping_command", metavar="ACTION", required=True)
    override = sub.add_parser("override", help=_("send a labelled parcel with another service, with a reason"))
    override.add_argument("number", help=_("the order number"))
    override.add_argument("--parcel", type=int, default=1, help=_("the parcel's number in the order (default 1)"))
    override.add_argument("--carrier", required=True, help=_("the carrier code"))
    override.add_argument("--service", required=True, help=_("the service code of that carrier"))
    override.add_argument("--reason", required=True, help=_("why (it goes into the order's log)"))
    override.add_argument("--user", help=_("the supervisor (default: your login name)"))
    add_database_options(override)
    override.set_defaults(func=run_override)

    tracking = subparsers.add_parser("tracking", help=_("the carriers' reports: in transit, delivered, exceptions"))
    sub = tracking.add_subparsers(dest="tracking_command", metavar="ACTION", required=True)
    load = sub.add_parser("import", help=_("import a carrier's tracking file (CSV or JSON; all or nothing)"))
    load.add_argument("file", help=_("rows of tracking_number, status, time, location"))
    add_database_options(load)
    load.set_defaults(func=run_tracking_import)
    complete = sub.add_parser("complete", help=_("complete the delivered orders [orders] complete_after_days allows"))
    add_database_options(complete)
    complete.set_defaults(func=run_complete)
    late = sub.add_parser("late", help=_("flag (once) the orders not shipped by their SLA due time"))
    late.add_argument("--json", action="store_true", help=_("a JSON array of the orders flagged now"))
    add_database_options(late)
    late.set_defaults(func=run_late)

    notify = subparsers.add_parser("notify", help=_("customer messages: send the outbox over SMTP ([mail])"))
    sub = notify.add_subparsers(dest="notify_command", metavar="ACTION", required=True)
    send = sub.add_parser("send", help=_("send the messages that are due (each at most once)"))
    send.add_argument("--worker", action="store_true", help=_("keep running, sending every --interval seconds"))
    send.add_argument("--interval", type=float, default=30.0, help=_("seconds between runs of the worker"))
    send.add_argument("--limit", type=int, default=500, help=_("at most this many messages a run"))
    add_database_options(send)
    send.set_defaults(func=run_send)
    again = sub.add_parser("requeue", help=_("send a failed or in-doubt message again (after checking the mailbox)"))
    again.add_argument("id", type=int, help=_("the message's id"))
    add_database_options(again)
    again.set_defaults(func=run_requeue)

    payments = subparsers.add_parser("payments", help=_("the payment captures of shipped orders"))
    sub = payments.add_subparsers(dest="payments_command", metavar="ACTION", required=True)
    capture = sub.add_parser("capture", help=_("capture the shipped orders' payments that are due (failed ones again)"))
    capture.add_argument("--pending", action="store_true", help=_("every capture queued at hand-over and due now"))
    capture.add_argument("--limit", type=int, default=500, help=_("at most this many captures a run"))
    add_database_options(capture)
    capture.set_defaults(func=run_capture)
    waiting = sub.add_parser("list", help=_("the captures not made yet, with their last error"))
    waiting.add_argument("--json", action="store_true", help=_("a JSON array instead of text"))
    add_database_options(waiting)
    waiting.set_defaults(func=run_captures)

    returns = subparsers.add_parser("returns", help=_("customer returns: RMA, receive, inspect, refund"))
    sub = returns.add_subparsers(dest="returns_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", help=_("an RMA and a return tracking number for units of a delivered order"))
    create.add_argument("order", help=_("the order number"))
    create.add_argument("--line", action="append", default=[], metavar="SKU:QTY", help=_("what comes back (repeat)"))
    create.add_argument("--reason", required=True, help=_("why, e.g. \"wrong size\""))
    create.add_argument("--exchange", action="append", default=[], metavar="SKU:QTY",
                        help=_("send these instead of a refund: a new order at no charge, linked to the RMA (repeat)"))
    create.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
    add_database_options(create)
    create.set_defaults(func=run_return_create)
    label = sub.add_parser("label", help=_("the return label again (PDF or ZPL), kept in the order's documents"))
    label.add_argument("rma", help=_("the RMA, e.g. RMA-000001"))
    label.add_argument("--out", required=True, help=_("the file to write ('-' for stdout)"))
    label.add_argument("--format", choices=FORMATS, default="pdf")
    label.add_argument("--dpi", type=int, choices=(203, 300), default=203, help=_("ZPL resolution"))
    add_database_options(label)
    label.set_defaults(func=run_return_label)
    for name, what in (("receive", _("the return's parcel arrived at the returns station")),
                       ("refund", _("refund an inspected return through the payment port")),
                       ("show", _("one return and its lines"))):
        action = sub.add_parser(name, help=what)
        action.add_argument("rma", help=_("the RMA, e.g. RMA-000001"))
        action.add_argument("--user", help=_("who (default: your login name)"))
        action.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
        add_database_options(action)
        action.set_defaults(func=run_return_step)
    inspect = sub.add_parser("inspect", help=_("what happens to each returned line: restock to a bin, write off, damaged"))
    inspect.add_argument("rma", help=_("the RMA"))
    inspect.add_argument("--line", action="append", default=[], metavar="SKU:OUTCOME[:BIN]",
                         help=_("SKU:restock:BIN, SKU:write_off, SKU:damaged or SKU:exchange[:BIN] (the same goods "
                                "sent again on an exchange order; every line once)"))
    inspect.add_argument("--photo", help=_("a photo of the returned goods (a path)"))
    inspect.add_argument("--user", help=_("who inspected (default: your login name)"))
    inspect.add_argument("--json", action="store_true", help=_("a JSON object instead of text"))
    add_database_options(inspect)
    inspect.set_defaults(func=run_return_inspect)


def _shipping_settings(args: argparse.Namespace) -> ShippingSettings:
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    return ShippingSettings.from_raw(settings.raw, settings.config_path or "the built-in defaults")


def _builtin_carrier(args: argparse.Namespace) -> str:
    """The [carrier] the stations number parcels with when no rate table takes them."""
    from app.packing.settings import PackingSettings

    return PackingSettings.from_raw(load_settings(getattr(args, "config", None),
                                                  getattr(args, "database", None)).raw).carrier.name


def run_scan(args: argparse.Namespace) -> int:
    """packdesk dispatch scan: exit 2 when any scan was refused (the others are kept)."""
    user = args.user or getpass.getuser()
    refused = 0
    shipped: list[str] = []
    with open_database(args) as db:
        for barcode in args.barcodes:
            result = scan_at_dock(SqlUnitOfWork(db), barcode, datetime.now(timezone.utc), user=user,
                                  station=args.station)
            refused += not result.ok
            if result.order_shipped and not result.already and result.order_number:
                shipped.append(result.order_number)
            if args.json:
                print(json.dumps(asdict(result), ensure_ascii=False))
            else:
                print(say(result.message), file=sys.stdout if result.ok else sys.stderr)
        if shipped:  # after the hand-overs committed: a failing gateway never undoes a scan
            run = capture_pending(lambda: SqlUnitOfWork(db), datetime.now(timezone.utc), order_numbers=shipped)
            for number, why in run.failed:
                print(_("The payment of order %(order)s was not captured (%(why)s); it is retried by "
                        "`packdesk payments capture --pending` and the notify worker.") % {"order": number, "why": why},
                      file=sys.stderr)
    return 2 if refused else 0


def run_capture(args: argparse.Namespace) -> int:
    """packdesk payments capture --pending: exit 1 when a capture failed (it stays queued)."""
    if not args.pending:
        raise PackdeskError(phrase("Say which captures: `packdesk payments capture --pending` makes every one that "
                                   "is due."))
    with open_database(args) as db:
        run = capture_pending(lambda: SqlUnitOfWork(db), datetime.now(timezone.utc), limit=args.limit)
    print(run.summary())
    return 1 if run.failed else 0


def run_captures(args: argparse.Namespace) -> int:
    """packdesk payments list: the captures not made yet."""
    with open_database(args) as db:
        uow = SqlUnitOfWork(db)
        with uow:
            waiting = [(r, uow.orders.get_by_id(r.order_id)) for r in uow.captures.open()]
    rows = [{"order": o.number if o else r.order_id, "amount": str(r.amount), "currency": r.currency,
             "state": r.state, "attempts": r.attempts,
             "next_attempt_at": r.next_attempt_at.isoformat() if r.next_attempt_at else None,
             "last_error": r.last_error} for r, o in waiting]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not rows:
        print(_("Every payment of a shipped order is captured."))
    for row in [] if args.json else rows:
        print(f"{row['order']}  {row['amount']} {row['currency']}  {row['state']}, {row['attempts']} attempt(s)"
              + (f", next {row['next_attempt_at']}: {row['last_error']}" if row["last_error"] else ""))
    return 0


def run_manifest(args: argparse.Namespace) -> int:
    """packdesk dispatch manifest: printed, and kept in the archive as printed (app/shipping/archive.py)."""
    settings = _shipping_settings(args)
    day = _day(args.date, "--date") if args.date else datetime.now(settings.zone).date()
    with open_database(args) as db:  # the list the manifest PDF prints (app.documents.manifest)
        listing = dock_day(SqlUnitOfWork(db), args.carrier, day, settings.zone, builtin=_builtin_carrier(args))
        text = (json.dumps(_listing_dict(listing), default=str, ensure_ascii=False, indent=1) if args.json
                else _manifest_text(listing, args.carrier, day))
        print(text)
        keep_manifest(SqlUnitOfWork(db), args.carrier, day,
                      manifest_name(args.carrier, day, "json" if args.json else "txt"), (text + "\n").encode(),
                      datetime.now(timezone.utc))
    return 0


def _listing_dict(listing: DockDay) -> dict[str, Any]:
    """The day's list as JSON takes it (its parcels are named tuples: objects, not arrays)."""
    return {"carrier": listing.carrier, "day": listing.day,
            "handed_over": [p._asdict() for p in listing.handed_over],
            "not_scanned": [p._asdict() for p in listing.not_scanned]}


def _manifest_text(listing: DockDay, carrier: str | None, day: date) -> str:
    total = sum(p.weight_g for p in listing.handed_over)
    lines = [_("Manifest of %(carrier)s for %(day)s: %(count)s parcel(s) handed over, %(kg)s kg")
             % {"carrier": carrier or _("every carrier"), "day": day.isoformat(), "count": len(listing.handed_over),
                "kg": _kg(total)}]
    lines += ["  " + _row(p) for p in listing.handed_over]
    if listing.not_scanned:
        lines.append(_("NOT HANDED OVER: %(count)s labelled parcel(s) were never scanned at the dock:")
                     % {"count": len(listing.not_scanned)})
        lines += ["  " + _row(p) for p in listing.not_scanned]
    return "\n".join(lines)


def run_manifests(args: argparse.Namespace) -> int:
    """packdesk dispatch manifests: the day's kept manifests written into a folder."""
    from pathlib import Path

    day = _day(args.day, "--day")
    with open_database(args) as db:
        written = write_manifests(SqlUnitOfWork(db), day, args.carrier, Path(args.out))
    for w in written:
        print(f"{w.sha256[:12]}  {w.path}")
    print(_("%(count)s manifest(s) of %(day)s written to %(folder)s")
          % {"count": len(written), "day": day.isoformat(), "folder": args.out})
    return 0


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PackdeskError(phrase("%(option)s %(text)s is not a date; write it as 2025-03-14.",
                                   option=option, text=repr(text))) from None


def _row(p: DockParcel) -> str:
    at = f"{p.handed_over_at:%H:%M}" if p.handed_over_at else "--:--"
    return (f"{at} {p.tracking_number:<14} {p.order_number:<12} #{p.seq} {p.carrier:<8} {p.service:<10} "
            f"{_kg(p.weight_g):>6} kg  {p.destination}")


def _kg(grams: int) -> str:
    """Grams as kilograms to 10 g, half up from the whole grams, so that a row and the heading's
    sum round alike (float formatting rounded 225 g up, Babel's half-even sum down)."""
    return translator().number(Decimal((grams + 5) // 10) / 100, "0.00")


def run_override(args: argparse.Namespace) -> int:
    """packdesk shipping override"""
    with open_database(args) as db:
        done = override_service(SqlUnitOfWork(db), args.number, args.parcel, args.carrier, args.service,
                                args.reason, args.user or getpass.getuser(), datetime.now(timezone.utc))
    print(say(done.message))
    return 0


def _after_delivery(args: argparse.Namespace) -> AfterDelivery:
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    return AfterDelivery.from_raw(settings.raw, settings.config_path or "the built-in defaults")


def run_tracking_import(args: argparse.Namespace) -> int:
    """packdesk tracking import"""
    after = _after_delivery(args)
    reports = read_reports(args.file)
    with open_database(args) as db:
        outcome = import_tracking(SqlUnitOfWork(db), reports, datetime.now(timezone.utc), after, args.file)
    print(say(outcome.summary()))
    for line in outcome.exceptions:
        print("  " + _("exception: %(line)s") % {"line": line})
    for note in outcome.notes:
        print(f"  {note}")
    return 0


def run_complete(args: argparse.Namespace) -> int:
    """packdesk tracking complete"""
    after = _after_delivery(args)
    with open_database(args) as db:
        done = complete_due(SqlUnitOfWork(db), datetime.now(timezone.utc), after)
    print(_("%(count)s order(s) completed: %(orders)s") % {"count": len(done), "orders": ", ".join(done)} if done
          else _("%(count)s order(s) completed") % {"count": 0})
    return 0


def run_late(args: argparse.Namespace) -> int:
    """packdesk tracking late"""
    with open_database(args) as db:
        late = flag_late(SqlUnitOfWork(db), datetime.now(timezone.utc))
    if args.json:
        print(json.dumps([{"number": o.number, "status": o.status, "sla_due_at": o.sla_due_at.isoformat()
                           if o.sla_due_at else None} for o in late], ensure_ascii=False))
        return 0
    for o in late:
        print(f"{o.number:<14} {o.status:<11} " + _("due %(due)s") % {"due": f"{o.sla_due_at:%Y-%m-%d %H:%M}"})
    print(_("%(count)s order(s) newly flagged as late") % {"count": len(late)})
    return 0


def run_send(args: argparse.Namespace) -> int:
    """packdesk notify send [--worker]. In worker mode SIGTERM or Ctrl-C lets the batch being
    sent finish (a message is never cut off between the server's answer and its record) and
    then ends the worker; a database outage is waited out, not an exit."""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    where = settings.config_path or "the built-in defaults"
    mail = MailSettings.from_raw(settings.raw, where)
    mail.check(where)
    transport = SmtpTransport(mail)
    stop: list[int] = []
    if args.worker:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda number, _frame: stop.append(number))
    with open_database(args) as db:
        attach = plugged_attachments(db, settings.raw)
        while True:
            try:
                captured = capture_pending(lambda: SqlUnitOfWork(db), datetime.now(timezone.utc), limit=args.limit)
                if captured.captured or captured.failed:
                    print(captured.summary(), flush=True)
                report = send_due(lambda: SqlUnitOfWork(db), transport, mail, lambda: datetime.now(timezone.utc),
                                  args.limit, attach=attach)
                print(say(report.summary()), flush=True)
            except DatabaseUnavailable as exc:
                if not args.worker:
                    raise
                print("packdesk: " + _("%(problem)s - trying again in %(seconds)s s")
                      % {"problem": say(str(exc)), "seconds": f"{args.interval:g}"}, file=sys.stderr, flush=True)
            if not args.worker:
                return 0
            slept = 0.0
            while not stop and slept < args.interval:
                time.sleep(min(0.2, args.interval - slept))
                slept += 0.2
            if stop:
                print(_("notify worker stopped"), flush=True)
                return 0


def run_requeue(args: argparse.Namespace) -> int:
    """packdesk notify requeue"""
    with open_database(args) as db:
        message = requeue(SqlUnitOfWork(db), args.id, datetime.now(timezone.utc))
    print(_("message %(id)s (%(key)s) is queued again") % {"id": message.id, "key": message.key})
    return 0


def _print_return(view: ReturnView, as_json: bool) -> None:
    if as_json:
        print(json.dumps(asdict(view), ensure_ascii=False, indent=1))
        return
    if view.message:
        print(say(view.message))
    print(_("%(rma)s  order %(order)s  %(status)s  tracking %(tracking)s")
          % {"rma": view.rma, "order": view.order_number, "status": view.status,
             "tracking": view.tracking_number or "-"}
          + ("  " + _("refunded %(amount)s") % {"amount": view.refund_amount} if view.refund_amount else ""))
    if view.exchange_order:
        print("  " + _("exchange order %(order)s") % {"order": view.exchange_order})
    for line in view.lines:
        print(f"  {line['quantity']:>3} x {line['sku']:<16} {line['outcome'] or ''} {line['location'] or ''}")


def _quantities(values: list[str], option: str) -> list[tuple[str, int]]:
    wanted = []
    for sku, quantity in parse_lines(values, 2):
        if not quantity.isdigit():
            raise PackdeskError(phrase("%(option)s %(sku)s:%(quantity)s: the quantity must be a whole number.",
                                       option=option, sku=sku, quantity=quantity))
        wanted.append((sku, int(quantity)))
    return wanted


def _own_carrier(raw: dict) -> CarrierRecord:
    """The station's built-in carrier ([carrier]), for returns of orders without a parcel's carrier."""
    from app.packing.settings import PackingSettings

    own = PackingSettings.from_raw(raw).carrier
    return CarrierRecord("RETURNS", own.name, s10_service_indicator=own.s10_service_indicator,
                         s10_country=own.s10_country)


def run_return_create(args: argparse.Namespace) -> int:
    """packdesk returns create: the RMA, its exchange order if asked, and its label (PDF and ZPL) kept"""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    where = settings.config_path or "the built-in defaults"
    after = AfterDelivery.from_raw(settings.raw, where)
    fallback = _own_carrier(settings.raw)
    wanted, swap = _quantities(args.line, "--line"), _quantities(args.exchange, "--exchange")
    now = datetime.now(timezone.utc)
    draw = renderer()  # before anything is made: a return without its label would be half done
    with open_database(args) as db:
        view = create_return(SqlUnitOfWork(db), args.order, wanted, args.reason, now, after, fallback, swap,
                             order_settings(settings), getpass.getuser())
        facts = label_facts(SqlUnitOfWork(db), view.rma, fallback.name)
        kept = [print_return_label(lambda: SqlUnitOfWork(db), settings.raw, facts, fmt, now, draw=draw)[0]
                for fmt in FORMATS]
    _print_return(view, args.json)
    if not args.json:
        print(_("return label kept with order %(order)s's documents: %(kept)s (packdesk returns label %(rma)s "
                "--out FILE)") % {"order": view.order_number, "kept": ", ".join(kept), "rma": view.rma})
    return 0


def run_return_label(args: argparse.Namespace) -> int:
    """packdesk returns label: the return label printed again"""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    with open_database(args) as db:
        facts = label_facts(SqlUnitOfWork(db), args.rma, _own_carrier(settings.raw).name)
        _name, content = print_return_label(lambda: SqlUnitOfWork(db), settings.raw, facts, args.format,
                                            datetime.now(timezone.utc), args.dpi)
    if args.out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return 0
    try:
        with open(args.out, "wb") as out:
            out.write(content)
    except OSError as exc:
        raise PackdeskError(phrase("Cannot write the return label to %(path)s: %(error)s; choose another --out.",
                                   path=str(args.out), error=str(exc.strerror))) from None
    print(_("wrote the return label of %(rma)s (%(format)s) to %(path)s (%(size)s bytes)")
          % {"rma": facts.rma, "format": args.format, "path": args.out, "size": len(content)}, file=sys.stderr)
    return 0


def run_return_step(args: argparse.Namespace) -> int:
    """packdesk returns receive|refund|show"""
    user, now = args.user or getpass.getuser(), datetime.now(timezone.utc)
    with open_database(args) as db:
        uow = SqlUnitOfWork(db)
        if args.returns_command == "receive":
            view = receive_return(uow, args.rma, now, user)
        elif args.returns_command == "refund":
            view = refund_return(uow, args.rma, now, user)
        else:
            view = show_return(uow, args.rma)
    _print_return(view, args.json)
    return 0


def run_return_inspect(args: argparse.Namespace) -> int:
    """packdesk returns inspect"""
    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    with open_database(args) as db:
        view = inspect_return(SqlUnitOfWork(db), args.rma, parse_lines(args.line, 3), datetime.now(timezone.utc),
                              args.user or getpass.getuser(), args.photo, order_settings(settings))
    _print_return(view, args.json)
    return 0


ATTACHMENTS = "packdesk.attachments"


def plugged_attachments(db: object, raw: dict) -> Attach:
    """Every `packdesk.attachments` entry point's files for a message (printing/ adds the invoice
    PDF to the shipped mail), so app/ never imports the layer that draws them."""
    from importlib.metadata import entry_points

    makers = []
    for ep in sorted(entry_points(group=ATTACHMENTS), key=lambda e: e.name):
        try:
            makers.append(ep.load())
        except ImportError as exc:
            log.warning("attachments %s unavailable: %s", ep.name, exc)

    def attach(message: object) -> list[Attachment]:
        return [a for make in makers for a in make(db, raw, message)]

    return attach
