"""Box catalogue, bin locations and stock imports."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any

from app.imports.common import ImportReport, Progress, Uniques
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row
from app.store.import_rows import KeyedRow
from app.store.imports import ImportWriter
from app.translator import phrase

log = logging.getLogger(__name__)

BOX_COLUMNS = {
    "code": "text, required, unique (up to 32)", "name": "text, required",
    "inner_length_mm": "integer mm > 0, required", "inner_width_mm": "integer mm > 0, required",
    "inner_height_mm": "integer mm > 0, required",
    "outer_length_mm": "integer mm >= inner, required", "outer_width_mm": "integer mm >= inner, required",
    "outer_height_mm": "integer mm >= inner, required",
    "tare_g": "integer grams >= 0, required", "max_load_g": "integer grams > 0, required",
    "cost": "decimal >= 0, required", "currency": "ISO 4217 code, default EUR",
    "barcode": "text, required, unique: the code printed on the flat box",
    "enabled": "true/false, default true", "stock": "integer >= 0, boxes on hand (empty: not counted)",
}
BOX_REQUIRED = {k for k, v in BOX_COLUMNS.items() if "required" in v}
LOCATION_COLUMNS = {
    "code": "text, required, unique (up to 32), e.g. A-01-02",
    "zone": "text (up to 16)", "walk_sequence": "integer >= 0, required: pick lists walk in this order",
}
LOCATION_REQUIRED = {"code", "walk_sequence"}
STOCK_COLUMNS = {
    "sku": "a SKU of the catalogue, required", "location": "a location code, required",
    "quantity": "integer >= 0, required: units on hand (replaces the stored quantity)",
    "lot": "text: the lot in this bin (lot-tracked products are allocated first expiry first)",
    "expiry": "ISO date (2027-06-30): the lot's expiry",
}
STOCK_REQUIRED = {"sku", "location", "quantity"}


def parse_boxes(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses and checks every box row."""
    codes, barcodes = Uniques(phrase("box code")), Uniques(phrase("box barcode"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        v: dict[str, Any] = dict(code=row.text("code", required=True, column="boxes.code"),
                                 name=row.text("name", required=True, column="boxes.name"))
        for side in ("length", "width", "height"):
            for part in ("inner", "outer"):
                v[f"{part}_{side}_mm"] = row.integer(f"{part}_{side}_mm", required=True, minimum=1,
                                                     column=f"boxes.{part}_{side}_mm")
            inner, outer = v[f"inner_{side}_mm"], v[f"outer_{side}_mm"]
            if inner and outer and outer < inner:
                row.problem(phrase("outer_%(side)s_mm %(outer)s is smaller than inner_%(side)s_mm %(inner)s",
                                   side=side, outer=outer, inner=inner))
        v.update(tare_g=row.integer("tare_g", required=True, minimum=0, column="boxes.tare_g"),
                 max_load_g=row.integer("max_load_g", required=True, minimum=1, column="boxes.max_load_g"),
                 cost=row.decimal("cost", required=True, column="boxes.cost"),
                 currency=(row.text("currency", column="boxes.currency", default="EUR") or "EUR").upper(),
                 barcode=row.text("barcode", required=True, column="boxes.barcode"),
                 enabled=row.boolean("enabled", default=True),
                 stock=row.integer("stock", minimum=0, column="boxes.stock"))
        codes.check(row, v["code"])
        barcodes.check(row, v["barcode"])
        parsed.append(KeyedRow(row.line, v["code"], v))
    return parsed


def check_box_owners(parsed: list[KeyedRow], owners: dict[str, str], problems: list[RowProblem]) -> None:
    """A box barcode that already belongs to another box (owners: barcode -> box code) is a problem."""
    for p in parsed:
        owner = owners.get(p.values["barcode"])
        if owner is not None and owner != p.key:
            problems.append(RowProblem(p.line, phrase("box barcode %(barcode)s already belongs to box %(owner)s",
                                                     barcode=p.values['barcode'], owner=owner)))


def prepare_boxes(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses the box rows and checks their barcodes against the boxes in the database."""
    parsed = parse_boxes(records, problems)
    owners = writer.box_barcode_owners([p.values["barcode"] for p in parsed if p.values["barcode"]])
    check_box_owners(parsed, owners, problems)
    return parsed


def parse_locations(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses and checks every location row."""
    codes = Uniques(phrase("location"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        v = dict(code=row.text("code", required=True, column="locations.code"),
                 zone=row.text("zone", column="locations.zone", default=""),
                 walk_sequence=row.integer("walk_sequence", required=True, minimum=0,
                                           column="locations.walk_sequence"))
        codes.check(row, v["code"])
        parsed.append(KeyedRow(row.line, v["code"], v))
    return parsed


def parse_stock(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses every stock row; its key is (SKU, location code)."""
    pairs = Uniques(phrase("stock of"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        sku = row.text("sku", required=True, column="products.sku")
        where = row.text("location", required=True, column="locations.code")
        quantity = row.integer("quantity", required=True, minimum=0, column="stock.quantity")
        pairs.check(row, (sku, where), f"{sku} at {where}")
        values: dict[str, Any] = {"quantity": quantity}
        if "lot" in record.values:  # a file without lots leaves the stored ones alone
            values["lot"] = row.text("lot", column="stock.lot")
        if "expiry" in record.values:
            values["expiry"] = parse_date(row, "expiry")
        parsed.append(KeyedRow(row.line, (sku, where), values))
    return parsed


def parse_date(row: Row, name: str) -> date | None:
    """An ISO date (2027-06-30) of the row, None when empty; a problem of the row when it is not one."""
    text = row.raw(name)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        row.problem(phrase("%(column)s %(text)s is not a date (write it as 2027-06-30)", column=name, text=repr(text)))
        return None


def check_stock_references(parsed: list[KeyedRow], skus: set[str], locations: set[str],
                           problems: list[RowProblem]) -> None:
    """A SKU or location the database does not know is a problem of its row."""
    for p in parsed:
        sku, where = p.key
        if sku and sku not in skus:
            problems.append(RowProblem(p.line, phrase("unknown SKU %(sku)s (import the catalogue first)", sku=sku)))
        if where and where not in locations:
            problems.append(RowProblem(p.line, phrase("unknown location %(location)s (import the locations first)",
                                                     location=where)))


def prepare_stock(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses the stock rows and checks that their SKUs and locations are in the database."""
    parsed = parse_stock(records, problems)
    check_stock_references(parsed, writer.known_skus(), writer.known_locations(), problems)
    return parsed


def prepare_locations(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Parses the location rows (they refer to nothing else in the database)."""
    return parse_locations(records, problems)


def write_boxes(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                progress: Progress | None = None) -> None:
    """Creates or updates boxes by code."""
    writer.write_boxes(parsed, report.count)


def write_locations(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                    progress: Progress | None = None) -> None:
    """Creates or updates locations by code."""
    writer.write_locations(parsed, report.count)


def write_stock(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                progress: Progress | None = None) -> None:
    """Sets the quantity on hand of each SKU at each location."""
    writer.write_stock(parsed, report.count)
