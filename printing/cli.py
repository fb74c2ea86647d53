"""`packdesk documents ...`: reprint any document from the database, or the command sheet and
badges without one. The data comes from app.documents' use cases as plain read models; this
module only turns them into printing's models and writes the file.
"""
from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from app.cli.db import add_database_options
from app.paths import resource
from app.messages import _, say
from app.translator import phrase
from printing.errors import PrintingError
from printing.model import Address, Badge, Company, LabelSize, PaperSize

log = logging.getLogger(__name__)

FORMATS = ("pdf", "zpl")


class CliError(PrintingError):
    """A documents command was asked for something it cannot do."""


# --- registration ----------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `documents` and its subcommands to the packdesk CLI."""
    group = subparsers.add_parser("documents", help=_("print labels, slips, invoices, pick lists, "
                                  "manifests, the command sheet and badges to a file"))
    sub = group.add_subparsers(dest="document", metavar="DOCUMENT", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str,
            target: str | None, formats: tuple[str, ...] = ("pdf",)) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if target:
            p.add_argument("target", metavar=target)
        p.add_argument("--out", required=True, type=Path, help=_("the file to write ('-' for stdout)"))
        p.add_argument("--format", choices=formats, default=formats[0])
        p.add_argument("--paper", choices=[p.value for p in PaperSize], default="A4")
        add_database_options(p)
        p.set_defaults(func=func)
        return p

    p = add("label", _label, "shipping labels of an order's parcels (or one parcel by id); an "
            "order not packed yet gets one pre-printed label with its estimated weight",
            "ORDER-OR-PARCEL-ID", FORMATS)
    p.add_argument("--parcel", type=int, help=_("only parcel N of the order"))
    p.add_argument("--dpi", type=int, choices=(203, 300), default=203, help=_("ZPL resolution"))
    p.add_argument("--size", choices=[s.value for s in LabelSize], default="4x6")
    p = add("slip", _slip, "the packing slip of an order (or of one parcel)", "ORDER")
    p.add_argument("--parcel", type=int, help=_("the slip of parcel N"))
    p.add_argument("--return-instructions", default=RETURNS)
    add("invoice", _invoice, "the order's invoice; its number comes from the invoice sequence "
        "the first time and is kept for reprints", "ORDER")
    add("picklist", _picklist, "a pick list for orders (comma-separated numbers, a tote, or "
        "'ready' for every order ready to pick), in walking order", "ORDERS")
    p = add("manifest", _manifest, "the end-of-day manifest of a carrier", "CARRIER")
    p.add_argument("--date", type=date.fromisoformat, help=_("the ship date (default: today, UTC)"))
    p = add("command-sheet", _command_sheet, "the station's command barcodes", None)
    p.add_argument("--station", default="", help=_("station name printed in the title"))
    p = add("badges", _badges, "badge cards of the users (from the database, or --users CSV)",
            None)
    p.add_argument("--users", type=Path, help=_("CSV with display_name (or name), badge_code "
                   "(or badge) and role columns; default: the database's users, else the demo's"))
    p = add("printer-fonts", _printer_fonts, "the ~DY job that stores the label fonts on a "
            "ZPL printer (send it once per printer)", None, ("zpl",))


RETURNS = ("To return an item, write your order number on this slip, put it in the parcel "
           "and contact us within 30 days.")


# --- output ----------------------------------------------------------------------------------


class Output:
    """Where a document goes (--out): a file is written to a temporary file beside it and
    renamed into place, so it is whole or absent; `undo()` removes it again when what the
    document recorded in the database is not committed after all."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.out: Path = args.out
        self.placed: Path | None = None
        self.said = ""

    def write(self, data: bytes, what: str) -> None:
        """Writes the document (stdout for '-'); CliError naming the path when it cannot."""
        if str(self.out) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        partial = self.out.with_name(f".{self.out.name}.{os.getpid()}.partial")
        try:
            partial.write_bytes(data)
            os.replace(partial, self.out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CliError(phrase("cannot write %(what)s to %(path)s: %(problem)s; "
                                  "choose a writable path with --out", what=what, path=str(self.out),
                                  problem=exc.strerror)) from None
        self.placed = self.out
        self.said = phrase("wrote %(what)s to %(path)s (%(size)s bytes)", what=what, path=str(self.out),
                           size=len(data))

    def undo(self) -> None:
        """Removes the document written, if any."""
        if self.placed is not None:
            self.placed.unlink(missing_ok=True)
            self.placed = None

    def done(self) -> int:
        """Says where the document went; exit status 0."""
        if self.said:
            print(say(self.said), file=sys.stderr)
        return 0


def _write(args: argparse.Namespace, data: bytes, what: str) -> int:
    output = Output(args)
    output.write(data, what)
    return output.done()


def _recorded(output: Output, make: Callable[[], None]) -> int:
    """Runs `make()`, a use case that records numbers or events and writes the document to
    `output` before its commit; if anything fails after the file is in place, the file goes."""
    try:
        make()
    except BaseException:
        output.undo()
        raise
    return output.done()


# --- commands without the database -----------------------------------------------------------


def _command_sheet(args: argparse.Namespace) -> int:
    from printing.command_sheet import command_sheet_pdf

    return _write(args, command_sheet_pdf(paper=PaperSize(args.paper), station=args.station),
                  phrase("the command sheet"))


def _printer_fonts(args: argparse.Namespace) -> int:
    from printing.zpl import font_download

    return _write(args, font_download(), phrase("the printer font download"))


def read_badges_csv(path: Path) -> list[Badge]:
    """Badges from a CSV with name/display_name, badge/badge_code and optional role columns."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise CliError(phrase("cannot read users from %(path)s: %(problem)s", path=str(path),
                              problem=exc.strerror)) from None
    badges = []
    for n, row in enumerate(rows, start=2):
        name = row.get("display_name") or row.get("name") or ""
        value = row.get("badge_code") or row.get("badge") or ""
        if not name or not value:
            raise CliError(phrase("%(path)s line %(n)s: needs a name (display_name) and a badge "
                                  "(badge_code) column", path=str(path), n=n))
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
    return _write(args, badges_pdf(badges, company, PaperSize(args.paper)), phrase("the badges"))


def _badges_from_database(args: argparse.Namespace) -> tuple[list[Badge], Company | None]:
    from app.documents import badge_holders

    # A database that cannot be read (unreachable, never upgraded) is an error, not the demo
    # users' badges: those would be cards for people the station does not know.
    with _open(args) as (db, settings):
        return ([Badge(b.name, b.badge_value, b.role) for b in badge_holders(db)], _company(settings))


# --- the database ----------------------------------------------------------------------------


class _open:
    """The database and the packing settings named by --config / --database."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def __enter__(self):  # type: ignore[no-untyped-def]
        from app.cli.db import open_database
        from app.config import load_settings
        from app.packing.settings import PackingSettings

        settings = load_settings(getattr(self.args, "config", None), getattr(self.args, "database", None))
        self.db = open_database(self.args)
        return self.db, PackingSettings.from_raw(settings.raw)

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def _company(settings: Any) -> Company:
    return Company(name=settings.company_name, address=Address.of(settings.ship_from))


# --- label and slip --------------------------------------------------------------------------


def _label(args: argparse.Namespace) -> int:
    from printing.label_pdf import labels_pdf
    from printing.label_zpl import label_zpl

    output = Output(args)

    printed: list = []

    def render(labels: list) -> None:
        data = (b"".join(label_zpl(label, dpi=args.dpi) for label in labels) if args.format == "zpl"
                else labels_pdf(labels))
        output.write(data, phrase("%(n)s label(s)", n=len(labels)))
        printed[:] = [(labels[0].order_number, data)] if labels else []

    def make() -> None:
        with _open(args) as (db, settings):
            load_labels(db, settings, args.target, args.parcel, LabelSize(args.size), deliver=render)
            for number, data in printed:  # the archive of the order's documents (issue 15)
                _archive(db, number, "label", f"label-{number}-{args.parcel or 'all'}.{args.format}", data)

    return _recorded(output, make)


def _archive(db: Any, order_number: str, kind: str, name: str, data: bytes) -> None:
    """Keeps a printed document of an order (app/shipping/archive.py)."""
    from app.shipping.archive import keep_printed

    keep_printed(db, order_number, kind, name, data)


def load_labels(db: Any, settings: Any, key: str, seq: int | None, size: LabelSize,
                deliver: Callable[[list], None] | None = None) -> list:
    """LabelData of the order's parcels (or the parcel with id key); for an order with no
    parcel yet, one pre-printed label with a fresh SSCC and tracking number, whose numbers
    are kept only if `deliver` (rendering and writing them, before the commit) succeeds."""
    from app.documents import labels

    today = datetime.now(timezone.utc).date()
    made: list = []

    def convert(found: list) -> None:
        made[:] = [_label_data(settings, label, size, today) for label in found]
        if deliver is not None:
            deliver(made)

    labels(db, settings, key, seq, deliver=convert)
    return made


def _label_data(settings: Any, label: Any, size: LabelSize, today: date):  # type: ignore[no-untyped-def]
    from printing.model import LabelData

    return LabelData(ship_from=Address.of(settings.ship_from), ship_to=Address.of(label.ship_to),
                     carrier=label.carrier, service=label.service, weight_g=label.weight_g,
                     tracking_number=label.tracking_number, sscc=label.sscc, order_number=label.order_number,
                     parcel_index=label.parcel_index, parcel_count=label.parcel_count,
                     dimensions_mm=label.dimensions_mm, reference=label.order_number, ship_date=today, size=size)


def _slip(args: argparse.Namespace) -> int:
    from printing.slip import slip_pdf

    with _open(args) as (db, settings):
        data = load_slip(db, settings, args.target, args.parcel, PaperSize(args.paper),
                         args.return_instructions)
        pdf = slip_pdf(data)
        written = _write(args, pdf, phrase("the packing slip"))
        _archive(db, data.order_number, "slip", f"slip-{data.order_number}-{args.parcel or 'all'}.pdf", pdf)
    return written


def load_slip(db: Any, settings: Any, key: str, seq: int | None, paper: PaperSize,
              returns: str = RETURNS):
    """SlipData of an order: the contents of parcel seq, or of the whole order."""
    from app.documents import packing_slip
    from printing.model import SlipData, SlipLine

    slip = packing_slip(db, key, seq)
    return SlipData(
        company=_company(settings), order_number=slip.order_number, order_date=slip.order_date,
        ship_to=Address.of(slip.ship_to),
        lines=tuple(SlipLine(sku=l.sku, name=l.name, ordered=l.ordered, in_parcel=l.in_parcel,
                             backordered=l.backordered, unit_price=l.unit_price) for l in slip.lines),
        currency=slip.currency, gift_message=slip.gift_message, is_gift=slip.is_gift,
        return_instructions=returns, parcel_index=slip.parcel_index, parcel_count=slip.parcel_count,
        paper=paper)


# --- invoice ---------------------------------------------------------------------------------


def _invoice(args: argparse.Namespace) -> int:
    from printing.invoice import invoice_pdf

    output = Output(args)

    printed: list = []

    def deliver(data: Any) -> None:
        pdf = invoice_pdf(data)
        output.write(pdf, phrase("invoice %(number)s", number=data.invoice_number))
        printed[:] = [(data.order_number, data.invoice_number, pdf)]

    def make() -> None:
        with _open(args) as (db, settings):
            load_invoice(db, settings, args.target, PaperSize(args.paper), deliver=deliver)
            for number, invoice_number, pdf in printed:
                _archive(db, number, "invoice", f"invoice-{invoice_number}.pdf", pdf)

    return _recorded(output, make)


def load_invoice(db: Any, settings: Any, key: str, paper: PaperSize,
                 deliver: Callable[[Any], None] | None = None):  # type: ignore[no-untyped-def]
    """InvoiceData of an order; the number is taken from the 'invoice' sequence once and kept
    in the order's event log (if `deliver`, before the commit, succeeds), so a reprint shows
    the same number."""
    from app.documents import invoice

    made: list = []

    def convert(inv: Any) -> None:
        made.append(_invoice_data(settings, inv, paper))
        if deliver is not None:
            deliver(made[0])

    invoice(db, key, deliver=convert)
    return made[0]


def _invoice_data(settings: Any, inv: Any, paper: PaperSize):  # type: ignore[no-untyped-def]
    from printing.model import InvoiceData, InvoiceLine

    return InvoiceData(
        invoice_number=inv.number, invoice_date=inv.day, order_number=inv.order_number,
        seller=_company(settings), buyer=Address.of(inv.buyer),
        lines=tuple(InvoiceLine(l.sku, l.description, l.quantity, l.unit_price, l.tax_rate, l.discount)
                    for l in inv.lines),
        currency=inv.currency, shipping=inv.shipping, shipping_tax_rate=inv.shipping_tax_rate, paper=paper)


# --- pick list and manifest ------------------------------------------------------------------


def _picklist(args: argparse.Namespace) -> int:
    from printing.picklist import picklist_pdf

    output = Output(args)

    def make() -> None:
        with _open(args) as (db, _settings):
            load_picklist(db, args.target, PaperSize(args.paper),
                          deliver=lambda data: output.write(picklist_pdf(data), phrase("pick list %(id)s", id=data.pick_list_id)))

    return _recorded(output, make)


def load_picklist(db: Any, target: str, paper: PaperSize,
                  deliver: Callable[[Any], None] | None = None):  # type: ignore[no-untyped-def]
    """PickListData for the named orders, each line at the bin that holds the most stock; the
    pick list is kept for the stations only if `deliver` (before the commit) succeeds."""
    from app.documents import pick_list

    made: list = []

    def convert(picks: Any) -> None:
        made.append(_picklist_data(picks, paper))
        if deliver is not None:
            deliver(made[0])

    pick_list(db, target, deliver=convert)
    return made[0]


def _picklist_data(picks: Any, paper: PaperSize):  # type: ignore[no-untyped-def]
    from printing.model import PickLine, PickListData

    return PickListData(
        pick_list_id=picks.code, created=picks.created,
        lines=tuple(PickLine(location=l.location, sku=l.sku, name=l.name, quantity=l.quantity,
                             order_number=l.order_number, tote=l.tote, barcode=l.barcode,
                             walk_sequence=l.walk_sequence) for l in picks.lines),
        totes=dict(picks.totes), paper=paper)


def _manifest(args: argparse.Namespace) -> int:
    from app.shipping.archive import keep_printed_manifest
    from printing.manifest import manifest_pdf

    output = Output(args)

    def make() -> None:
        zone = _shipping_zone(args)
        day = args.date or datetime.now(zone).date()  # the dock's day: local, as `dispatch manifest`
        with _open(args) as (db, settings):
            data = load_manifest(db, settings, args.target, day, PaperSize(args.paper), zone)
            pdf = manifest_pdf(data)
            output.write(pdf, phrase("manifest %(id)s", id=data.manifest_id))
            keep_printed_manifest(db, args.target, day, pdf, "pdf")  # the archive (issue 15)

    return _recorded(output, make)


def _shipping_zone(args: argparse.Namespace) -> ZoneInfo:
    """[shipping] timezone of the configuration: the zone of the dock's days."""
    from app.config import load_settings
    from app.shipping.settings import ShippingSettings

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    return ShippingSettings.from_raw(settings.raw, settings.config_path or "the built-in defaults").zone


def load_manifest(db: Any, settings: Any, carrier: str, day: date, paper: PaperSize,
                  zone: ZoneInfo | None = None):
    """ManifestData: the dock's list of the carrier's local day (`zone`, default UTC): the parcels
    handed over, and those labelled but never scanned."""
    from app.documents import manifest
    from printing.model import ManifestData, ManifestParcel

    m = manifest(db, settings, carrier, day, zone or ZoneInfo("UTC"))

    def parcels(items: Any) -> tuple[ManifestParcel, ...]:
        return tuple(ManifestParcel(tracking_number=p.tracking_number, order_number=p.order_number,
                                    weight_g=p.weight_g, destination=p.destination, service=p.service,
                                    sscc=p.sscc) for p in items)

    return ManifestData(manifest_id=m.manifest_id, carrier=m.carrier, ship_date=m.ship_date,
                        shipper=_company(settings), parcels=parcels(m.parcels), paper=paper,
                        not_handed_over=parcels(m.not_handed_over))


__all__ = ["register", "load_labels", "load_slip", "load_invoice", "load_picklist",
           "load_manifest", "read_badges_csv"]
