"""`packdesk documents ...`: reprint any document from the database, or the command sheet and
badges without one. The only module of printing/ that reads the database (through app/).
"""
from __future__ import annotations

import argparse
import csv
import logging
import sys
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from app.cli.db import add_database_options
from app.errors import PackdeskError
from app.paths import resource
from printing.errors import PrintingError
from printing.model import Badge, Company, LabelSize, PaperSize

log = logging.getLogger(__name__)

FORMATS = ("pdf", "zpl")


class CliError(PrintingError):
    """A documents command was asked for something it cannot do."""


# --- registration ----------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `documents` and its subcommands to the packdesk CLI."""
    group = subparsers.add_parser("documents", help="print labels, slips, invoices, pick lists, "
                                  "manifests, the command sheet and badges to a file")
    sub = group.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str,
            target: str | None, formats: tuple[str, ...] = ("pdf",)) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if target:
            p.add_argument("target", metavar=target)
        p.add_argument("--out", required=True, type=Path, help="the file to write ('-' for stdout)")
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("--paper", choices=[p.value for p in PaperSize], default="A4")
        add_database_options(p)
        p.set_defaults(func=func)
        return p

    p = add("label", _label, "shipping labels of an order's parcels (or one parcel by id); an "
            "order not packed yet gets one pre-printed label with its estimated weight",
            "ORDER-OR-PARCEL-ID", FORMATS)
    p.add_argument("--parcel", type=int, help="only parcel N of the order")
    p.add_argument("--dpi", type=int, choices=(203, 300), default=203, help="ZPL resolution")
    p.add_argument("--size", choices=[s.value for s in LabelSize], default="4x6")
    p = add("slip", _slip, "the packing slip of an order (or of one parcel)", "ORDER")
    p.add_argument("--parcel", type=int, help="the slip of parcel N")
    p.add_argument("--return-instructions", default=RETURNS)
    add("invoice", _invoice, "the order's invoice; its number comes from the invoice sequence "
        "the first time and is kept for reprints", "ORDER")
    add("picklist", _picklist, "a pick list for orders (comma-separated numbers, a tote, or "
        "'ready' for every order ready to pick), in walking order", "ORDERS")
    p = add("manifest", _manifest, "the end-of-day manifest of a carrier", "CARRIER")
    p.add_argument("--date", type=date.fromisoformat, help="the ship date (default: today, UTC)")
    p = add("command-sheet", _command_sheet, "the station's command barcodes", None)
    p.add_argument("--station", default="", help="station name printed in the title")
    p = add("badges", _badges, "badge cards of the users (from the database, or --users CSV)",
            None)
    p.add_argument("--users", type=Path, help="CSV with display_name (or name), badge_code "
                   "(or badge) and role columns; default: the database's users, else the demo's")
    p = add("printer-fonts", _printer_fonts, "the ~DY job that stores the label fonts on a "
            "ZPL printer (send it once per printer)", None, ("zpl",))


RETURNS = ("To return an item, write your order number on this slip, put it in the parcel "
           "and contact us within 30 days.")


# --- output ----------------------------------------------------------------------------------


def _write(args: argparse.Namespace, data: bytes, what: str) -> int:
    if str(args.out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            args.out.write_bytes(data)
        except OSError as exc:
            raise CliError(f"cannot write {what} to {args.out}: {exc.strerror}; "
                           "choose a writable path with --out") from None
        print(f"wrote {what} to {args.out} ({len(data)} bytes)", file=sys.stderr)
    return 0


# --- commands without the database -----------------------------------------------------------


def _command_sheet(args: argparse.Namespace) -> int:
    from printing.command_sheet import command_sheet_pdf

    return _write(args, command_sheet_pdf(paper=PaperSize(args.paper), station=args.station),
                  "the command sheet")


def _printer_fonts(args: argparse.Namespace) -> int:
    from printing.zpl import font_download

    return _write(args, font_download(), "the printer font download")


def read_badges_csv(path: Path) -> list[Badge]:
    """Badges from a CSV with name/display_name, badge/badge_code and optional role columns."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise CliError(f"cannot read users from {path}: {exc.strerror}") from None
    badges = []
    for n, row in enumerate(rows, start=2):
        name = row.get("display_name") or row.get("name") or ""
        value = row.get("badge_code") or row.get("badge") or ""
        if not name or not value:
            raise CliError(f"{path} line {n}: needs a name (display_name) and a badge "
                           "(badge_code) column")
        if str(row.get("active", "true")).strip().lower() in ("false", "0", "no"):
            continue
        badges.append(Badge(name, value, row.get("role", "")))
    return badges


def _badges(args: argparse.Namespace) -> int:
    from printing.command_sheet import badges_pdf

    company = None
    if args.users:
        badges = read_badges_csv(args.users)
    else:
        badges, company = _badges_from_database(args)
        if not badges:
            demo = resource("demo", "users.csv")
            log.info("no users in the database; badges for the demo users in %s", demo)
            badges = read_badges_csv(demo)
    return _write(args, badges_pdf(badges, company, PaperSize(args.paper)), "the badges")


def _badges_from_database(args: argparse.Namespace) -> tuple[list[Badge], Company | None]:
    try:
        with _open(args) as (db, settings):
            from sqlalchemy import select

            from app.store.models import User

            with db.read() as session:
                users = session.scalars(select(User).where(User.active.is_(True))
                                        .order_by(User.role, User.display_name)).all()
                return ([Badge(u.display_name, u.badge_code, u.role) for u in users],
                        _company(settings))
    except PackdeskError as exc:
        log.info("users not read from the database: %s", exc)
    except Exception as exc:  # an empty or unmigrated database has no users table
        log.info("users not read from the database: %s", exc)
    return [], None


# --- the database ----------------------------------------------------------------------------


class _open:
    """The database and the packing settings named by --config / --database-url."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def __enter__(self):  # type: ignore[no-untyped-def]
        from app.config import load_settings
        from app.store.session import Database
        from app.packing.settings import PackingSettings

        settings = load_settings(getattr(self.args, "config", None),
                                 getattr(self.args, "database", None))
        self.db = Database(settings.database_url)
        return self.db, PackingSettings.from_raw(settings.raw)

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def _company(settings: Any) -> Company:
    return Company(name=settings.company_name, address=_address_data(settings.ship_from))


def _address_data(a: Any):  # type: ignore[no-untyped-def]
    from printing.model import Address

    return Address(name=a.name, address_lines=tuple(a.lines), postcode=a.postcode, city=a.city,
                   country=a.country, company=a.company, phone=a.phone, email=a.email)


def _address_row(a: Any, fallback_name: str = ""):  # type: ignore[no-untyped-def]
    from printing.model import Address

    if a is None:
        return Address(fallback_name or "(no address)", (), "", "", "")
    return Address(name=a.name, address_lines=tuple(x for x in (a.line1, a.line2) if x),
                   postcode=a.postcode or "", city=a.city, country=a.country,
                   company=a.company or "", phone=a.phone or "")


def _find_order(session: Any, key: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import Order
    from app.orders.errors import OrderNotFound

    order = session.scalars(select(Order).where(Order.number == key)).one_or_none()
    if order is None:
        order = session.scalars(select(Order).where(Order.tote == key)).first()
    if order is None:
        raise OrderNotFound(key)
    return order


def _parcels(session: Any, order: Any, seq: int | None) -> list:
    from sqlalchemy import select

    from app.store.models import Parcel

    query = select(Parcel).where(Parcel.order_id == order.id, Parcel.status != "voided")
    if seq is not None:
        query = query.where(Parcel.seq == seq)
    parcels = list(session.scalars(query.order_by(Parcel.seq)))
    if seq is not None and not parcels:
        raise CliError(f"order {order.number} has no parcel {seq}; leave out --parcel to see all")
    return parcels


# --- label and slip --------------------------------------------------------------------------


def _label(args: argparse.Namespace) -> int:
    from printing.label_pdf import labels_pdf
    from printing.label_zpl import label_zpl

    with _open(args) as (db, settings):
        labels = load_labels(db, settings, args.target, args.parcel, LabelSize(args.size))
    if args.format == "zpl":
        data = b"".join(label_zpl(label, dpi=args.dpi) for label in labels)
    else:
        data = labels_pdf(labels)
    return _write(args, data, f"{len(labels)} label(s)")


def load_labels(db: Any, settings: Any, key: str, seq: int | None, size: LabelSize) -> list:
    """LabelData of the order's parcels (or the parcel with id key); for an order with no
    parcel yet, one pre-printed label with a fresh SSCC and tracking number."""
    from sqlalchemy import select

    from app.store.models import Box, Order, Parcel
    from app.orders.errors import OrderNotFound
    from printing.model import LabelData

    with db.write() as session:
        try:
            order = _find_order(session, key)
            parcels = _parcels(session, order, seq)
        except OrderNotFound:
            parcel = session.get(Parcel, int(key)) if key.isdigit() else None
            if parcel is None:
                raise
            order, parcels = session.get(Order, parcel.order_id), [parcel]
        ship_to = _address_row(order.ship_to)
        common = dict(ship_from=_address_data(settings.ship_from), ship_to=ship_to,
                      carrier=order.carrier or settings.carrier.name,
                      service=order.service_level or settings.carrier.service,
                      order_number=order.number, reference=order.number,
                      ship_date=datetime.now(timezone.utc).date(), size=size)
        if not parcels:
            return [LabelData(weight_g=estimated_weight(order), **_preprint(session, order,
                                                                             settings), **common)]
        total = len(_parcels(session, order, None))
        out = []
        for p in parcels:
            if not p.sscc or not p.tracking_number:
                raise CliError(f"parcel {p.seq} of order {order.number} is still open and has "
                               "no SSCC yet; close it at the station first")
            box = session.get(Box, p.box_id) if p.box_id else None
            out.append(LabelData(
                weight_g=p.actual_weight_g or p.expected_weight_g or 0,
                tracking_number=p.tracking_number, sscc=p.sscc, parcel_index=p.seq,
                parcel_count=max(total, p.seq),
                dimensions_mm=(box.outer_length_mm, box.outer_width_mm, box.outer_height_mm)
                if box else None, **common))
        return out


def estimated_weight(order: Any) -> int:
    """The order's units' catalogue weights in grams (the box is not known yet)."""
    return sum((line.product.weight_g if line.product else 0) * line.quantity
               for line in order.lines)


def _preprint(session: Any, order: Any, settings: Any) -> dict[str, Any]:
    from app.store.counters import next_value
    from app.identifiers import s10, sscc
    from app.store.order_log import record_event

    serial = sscc(settings.sscc_extension_digit, settings.gs1_company_prefix,
                  next_value(session, "sscc_serial"))
    tracking = s10(settings.carrier.s10_service_indicator,
                   next_value(session, "s10_serial") % 10**8, settings.carrier.s10_country)
    record_event(session, order, "LabelPreprinted", sscc=serial, tracking_number=tracking)
    log.info("pre-printed label for %s: SSCC %s, tracking %s", order.number, serial, tracking)
    return {"sscc": serial, "tracking_number": tracking}


def _slip(args: argparse.Namespace) -> int:
    from printing.slip import slip_pdf

    with _open(args) as (db, settings):
        data = load_slip(db, settings, args.target, args.parcel, PaperSize(args.paper),
                         args.return_instructions)
    return _write(args, slip_pdf(data), "the packing slip")


def load_slip(db: Any, settings: Any, key: str, seq: int | None, paper: PaperSize,
              returns: str = RETURNS):
    """SlipData of an order: the contents of parcel seq, or of the whole order."""
    from sqlalchemy import select

    from app.store.models import ParcelItem
    from printing.model import SlipData, SlipLine

    with db.read() as session:
        order = _find_order(session, key)
        parcels = _parcels(session, order, seq) if seq is not None else []
        in_parcel: dict[int, int] = {}
        if parcels:
            for item in session.scalars(select(ParcelItem).where(
                    ParcelItem.parcel_id == parcels[0].id)):
                in_parcel[item.order_line_id] = in_parcel.get(item.order_line_id, 0) + item.quantity
        lines = tuple(SlipLine(
            sku=line.sku, name=line.name, ordered=line.quantity,
            in_parcel=in_parcel.get(line.id, 0) if parcels else
            (line.packed_quantity or line.quantity - line.backordered_quantity),
            backordered=line.backordered_quantity, unit_price=Decimal(line.unit_price))
            for line in order.lines if not parcels or line.id in in_parcel)
        total = len(_parcels(session, order, None))
        return SlipData(
            company=_company(settings), order_number=order.number,
            order_date=order.created_at.date(), ship_to=_address_row(order.ship_to),
            lines=lines, currency=order.currency, gift_message=order.gift_message or "",
            is_gift=bool(order.gift_wrap or order.gift_message), return_instructions=returns,
            parcel_index=parcels[0].seq if parcels else 1,
            parcel_count=max(total, 1), paper=paper)


# --- invoice ---------------------------------------------------------------------------------


def _invoice(args: argparse.Namespace) -> int:
    from printing.invoice import invoice_pdf

    with _open(args) as (db, settings):
        data = load_invoice(db, settings, args.target, PaperSize(args.paper))
    return _write(args, invoice_pdf(data), f"invoice {data.invoice_number}")


def load_invoice(db: Any, settings: Any, key: str, paper: PaperSize):
    """InvoiceData of an order; the number is taken from the 'invoice' sequence once and kept
    in the order's event log, so a reprint shows the same number."""
    import json

    from sqlalchemy import select

    from app.store.counters import next_value
    from app.store.models import OrderEvent
    from app.store.order_log import record_event
    from printing.model import InvoiceData, InvoiceLine

    with db.write() as session:
        order = _find_order(session, key)
        issued = session.scalars(select(OrderEvent).where(
            OrderEvent.order_id == order.id, OrderEvent.kind == "InvoiceIssued")
            .order_by(OrderEvent.id)).first()
        if issued is not None:
            number = json.loads(issued.detail)["invoice_number"]
            day = issued.at.date()
        else:
            day = datetime.now(timezone.utc).date()
            number = f"INV-{day.year}-{next_value(session, 'invoice'):06d}"
            record_event(session, order, "InvoiceIssued", invoice_number=number)
        lines = tuple(InvoiceLine(line.sku, line.name, line.quantity, Decimal(line.unit_price),
                                  Decimal(line.tax_rate), Decimal(line.discount))
                      for line in order.lines)
        rate = max((line.tax_rate for line in lines), default=Decimal("0"))
        return InvoiceData(
            invoice_number=number, invoice_date=day, order_number=order.number,
            seller=_company(settings), buyer=_address_row(order.ship_to), lines=lines,
            currency=order.currency, shipping=Decimal(order.shipping_total or 0),
            shipping_tax_rate=rate, paper=paper)


# --- pick list and manifest ------------------------------------------------------------------


def _picklist(args: argparse.Namespace) -> int:
    from printing.picklist import picklist_pdf

    with _open(args) as (db, _settings):
        data = load_picklist(db, args.target, PaperSize(args.paper))
    return _write(args, picklist_pdf(data), f"pick list {data.pick_list_id}")


def load_picklist(db: Any, target: str, paper: PaperSize):
    """PickListData for the named orders, each line at the bin that holds the most stock."""
    from sqlalchemy import select

    from app.store.counters import next_value
    from app.store.models import Order, PickList, PickListOrder, Stock
    from printing.model import PickLine, PickListData

    with db.write() as session:
        if target == "ready":
            orders = list(session.scalars(select(Order).where(Order.status == "ready")
                                          .order_by(Order.priority.desc(), Order.id)))
        else:
            orders = [_find_order(session, key.strip()) for key in target.split(",") if key.strip()]
        if not orders:
            raise CliError(f"no orders to pick for {target!r}")
        lines = []
        for order in orders:
            for line in order.lines:
                stock = None
                if line.product_id:
                    stock = session.scalars(select(Stock).where(Stock.product_id == line.product_id)
                                            .order_by(Stock.quantity.desc())).first()
                product = line.product
                code = product.barcodes[0].code if product and product.barcodes else line.sku
                lines.append(PickLine(
                    location=stock.location.code if stock else "UNKNOWN", sku=line.sku,
                    name=line.name, quantity=line.quantity, order_number=order.number,
                    tote=order.tote or "", barcode=code,
                    walk_sequence=stock.location.walk_sequence if stock else None))
        number = next_value(session, "picklist")
        code = f"PL-{number:06d}"
        # kept, so that a packing station scanning the sheet's barcode takes its orders in turn
        session.add(PickList(code=code, orders=[PickListOrder(order_id=order.id, seq=seq)
                                                for seq, order in enumerate(orders, 1)]))
        return PickListData(pick_list_id=code,
                            created=datetime.now(timezone.utc).date(), lines=tuple(lines),
                            totes={o.number: o.tote for o in orders if o.tote}, paper=paper)


def _manifest(args: argparse.Namespace) -> int:
    from printing.manifest import manifest_pdf

    with _open(args) as (db, settings):
        data = load_manifest(db, settings, args.target, args.date or
                             datetime.now(timezone.utc).date(), PaperSize(args.paper))
    return _write(args, manifest_pdf(data), f"manifest {data.manifest_id}")


def load_manifest(db: Any, settings: Any, carrier: str, day: date, paper: PaperSize):
    """ManifestData: the carrier's closed or confirmed parcels of the day (UTC)."""
    from sqlalchemy import select

    from app.store.models import Order, Parcel
    from app.orders.queries import utc_day
    from printing.model import ManifestData, ManifestParcel

    start, end = utc_day(day)
    with db.read() as session:
        rows = session.execute(
            select(Parcel, Order).join(Order, Order.id == Parcel.order_id)
            .where(Parcel.status.in_(("closed", "confirmed")), Parcel.closed_at >= start,
                   Parcel.closed_at <= end).order_by(Parcel.closed_at, Parcel.id)).all()
        parcels = tuple(
            ManifestParcel(tracking_number=p.tracking_number or "", order_number=o.number,
                           weight_g=p.actual_weight_g or p.expected_weight_g or 0,
                           destination=_destination(o.ship_to),
                           service=o.service_level or settings.carrier.service, sscc=p.sscc or "")
            for p, o in rows
            if (o.carrier or settings.carrier.name).casefold() == carrier.casefold())
    code = "".join(c for c in carrier.upper() if c.isalnum())[:12] or "CARRIER"
    return ManifestData(manifest_id=f"MF-{day:%Y%m%d}-{code}", carrier=carrier, ship_date=day,
                        shipper=_company(settings), parcels=parcels, paper=paper)


def _destination(a: Any) -> str:
    return "" if a is None else f"{a.postcode} {a.city}, {a.country}".strip()


__all__ = ["register", "load_labels", "load_slip", "load_invoice", "load_picklist",
           "load_manifest", "read_badges_csv"]
