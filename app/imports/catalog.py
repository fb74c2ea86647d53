"""Catalogue import: products by SKU, with their unit GTIN and an optional case GTIN."""
from __future__ import annotations

import logging
import re
from decimal import Decimal

from app.imports.common import ImportReport, Progress, Uniques
from app.imports.errors import RowProblem
from app.imports.places import parse_date
from app.imports.reading import Record, Row
from app.store.import_rows import ProductRow
from app.store.imports import ImportWriter
from app.translator import phrase

log = logging.getLogger(__name__)

COLUMNS = {
    "sku": "text, required, unique (up to 64)",
    "name": "text, required",
    "gtin": "GTIN-8/12/13/14 of one unit, check digit verified",
    "case_gtin": "GTIN-14 of a case (outer carton)",
    "case_quantity": "units in a case, 2 or more; required with case_gtin",
    "length_mm": "integer mm >= 0", "width_mm": "integer mm >= 0", "height_mm": "integer mm >= 0",
    "weight_g": "integer grams >= 0",
    "price": "decimal >= 0", "currency": "ISO 4217 code, default EUR",
    "lot_tracked": "true/false", "serial_tracked": "true/false",
    "image": "path under resources/ or a URL",
    "upright": "true/false (this side up)", "own_container": "true/false (ships in its own box)",
    "padding_mm": "integer mm >= 0 of padding around it in a box",
    "compat_class": "text: items of different classes are not boxed together (e.g. food, chemical)",
    "active": "true/false, default true",
    "restock_date": "ISO date the next delivery is expected: an order short of it says when (empty: unknown)",
    "serial_pattern": "regular expression every serial number of a serial_tracked product matches (empty: any)",
    "bulk_max_quantity": "integer >= 2: a bulk product, scanned once and then its quantity typed, up to this",
}
REQUIRED = {"sku", "name"}


def _kind(code: str) -> str:
    return {8: "ean", 12: "upc", 13: "ean", 14: "gtin14"}[len(code)]


def _serial_pattern(row: Row) -> str | None:
    """The serial_pattern column: a regular expression that compiles, or a problem of the row."""
    pattern = row.text("serial_pattern", column="products.serial_pattern")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            row.problem(phrase("serial_pattern %(pattern)s is not a regular expression (%(error)s); "
                               "write it like SN-[0-9]{8}, or leave it empty", pattern=repr(pattern), error=str(exc)))
            return None
    return pattern or None


def parse(records: list[Record], problems: list[RowProblem]) -> list[ProductRow]:
    """Parses and checks every row on its own and against the other rows of the file."""
    skus, codes = Uniques(phrase("SKU")), Uniques(phrase("barcode"))
    parsed: list[ProductRow] = []
    for record in records:
        row = Row(record, problems)
        sku = row.text("sku", required=True, column="products.sku")
        values = dict(
            sku=sku, name=row.text("name", required=True, column="products.name"),
            length_mm=row.integer("length_mm", minimum=0, default=0, column="products.length_mm"),
            width_mm=row.integer("width_mm", minimum=0, default=0, column="products.width_mm"),
            height_mm=row.integer("height_mm", minimum=0, default=0, column="products.height_mm"),
            weight_g=row.integer("weight_g", minimum=0, default=0, column="products.weight_g"),
            price=row.decimal("price", default=Decimal(0), column="products.price"),
            currency=(row.text("currency", column="products.currency", default="EUR") or "EUR").upper(),
            lot_tracked=row.boolean("lot_tracked"), serial_tracked=row.boolean("serial_tracked"),
            image=row.text("image", column="products.image"), upright=row.boolean("upright"),
            own_container=row.boolean("own_container"),
            padding_mm=row.integer("padding_mm", minimum=0, default=0, column="products.padding_mm"),
            compat_class=row.text("compat_class", column="products.compat_class"),
            active=row.boolean("active", default=True),
        )
        if "restock_date" in record.values:  # a catalogue without it leaves the stored date alone
            values["restock_date"] = parse_date(row, "restock_date")
        if "serial_pattern" in record.values:
            values["serial_pattern"] = _serial_pattern(row)
        if "bulk_max_quantity" in record.values:
            values["bulk_max_quantity"] = row.integer("bulk_max_quantity", minimum=2,
                                                      column="products.bulk_max_quantity")
        barcodes: list[tuple[str, str, int]] = []
        gtin = row.gtin("gtin")
        if gtin:
            barcodes.append((gtin, _kind(gtin), 1))
        case = row.gtin("case_gtin")
        case_qty = row.integer("case_quantity", minimum=2, column="product_barcodes.quantity")
        if case and len(case) != 14:
            row.problem(phrase("case_gtin %(gtin)s must be a GTIN-14", gtin=case))
        elif case and case_qty is None and row.ok:
            row.problem(phrase("case_quantity is missing (units in the case of case_gtin)"))
        elif case and case_qty:
            barcodes.append((case, "case", case_qty))
        skus.check(row, sku)
        for code, _, _ in barcodes:
            codes.check(row, code)
        parsed.append(ProductRow(row.line, values, barcodes))
    return parsed


def check_owners(parsed: list[ProductRow], owners: dict[str, str], problems: list[RowProblem]) -> None:
    """A barcode of the file that already belongs to another SKU (owners: code -> SKU) is a problem."""
    wanted = {code: p for p in parsed for code, _, _ in p.barcodes}
    for code, owner in owners.items():
        row = wanted.get(code)
        if row is not None and owner != row.values["sku"]:
            problems.append(RowProblem(row.line, phrase("barcode %(code)s already belongs to SKU %(owner)s",
                                                       code=code, owner=owner)))


def prepare(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[ProductRow]:
    """Parses the rows and checks their barcodes against the catalogue in the database."""
    parsed = parse(records, problems)
    check_owners(parsed, writer.barcode_owners({code for p in parsed for code, _, _ in p.barcodes}), problems)
    return parsed


def write(writer: ImportWriter, parsed: list[ProductRow], report: ImportReport,
          progress: Progress | None = None) -> None:
    """Creates or updates products; a product's barcodes become those of its row."""
    writer.write_products(parsed, report.count)
