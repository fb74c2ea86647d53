"""Box catalogue, bin locations and stock imports."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Box, Location, Product, Stock
from app.imports.common import ImportReport, Uniques, assign
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row

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
}
STOCK_REQUIRED = set(STOCK_COLUMNS)


@dataclass
class Parsed:
    line: int
    key: Any
    values: dict[str, Any]


def prepare_boxes(session: Session, records: list[Record], problems: list[RowProblem]) -> list[Parsed]:
    """Parses and checks every box row."""
    codes, barcodes = Uniques("box code"), Uniques("box barcode")
    parsed = []
    for record in records:
        row = Row(record, problems)
        v: dict[str, Any] = dict(code=row.text("code", required=True, max_len=32),
                                 name=row.text("name", required=True, max_len=100))
        for side in ("length", "width", "height"):
            for part in ("inner", "outer"):
                v[f"{part}_{side}_mm"] = row.integer(f"{part}_{side}_mm", required=True, minimum=1)
            inner, outer = v[f"inner_{side}_mm"], v[f"outer_{side}_mm"]
            if inner and outer and outer < inner:
                row.problem(f"outer_{side}_mm {outer} is smaller than inner_{side}_mm {inner}")
        v.update(tare_g=row.integer("tare_g", required=True, minimum=0),
                 max_load_g=row.integer("max_load_g", required=True, minimum=1),
                 cost=row.decimal("cost", required=True),
                 currency=(row.text("currency", max_len=3, default="EUR") or "EUR").upper(),
                 barcode=row.text("barcode", required=True, max_len=64),
                 enabled=row.boolean("enabled", default=True), stock=row.integer("stock", minimum=0))
        codes.check(row, v["code"])
        barcodes.check(row, v["barcode"])
        parsed.append(Parsed(row.line, v["code"], v))
    taken = dict(session.execute(select(Box.barcode, Box.code).where(
        Box.barcode.in_([p.values["barcode"] for p in parsed if p.values["barcode"]]))).all())
    for p in parsed:
        owner = taken.get(p.values["barcode"])
        if owner is not None and owner != p.key:
            problems.append(RowProblem(p.line, f"box barcode {p.values['barcode']} already belongs to box {owner}"))
    return parsed


def prepare_locations(session: Session, records: list[Record], problems: list[RowProblem]) -> list[Parsed]:
    """Parses and checks every location row."""
    codes = Uniques("location")
    parsed = []
    for record in records:
        row = Row(record, problems)
        v = dict(code=row.text("code", required=True, max_len=32), zone=row.text("zone", max_len=16, default=""),
                 walk_sequence=row.integer("walk_sequence", required=True, minimum=0))
        codes.check(row, v["code"])
        parsed.append(Parsed(row.line, v["code"], v))
    return parsed


def prepare_stock(session: Session, records: list[Record], problems: list[RowProblem]) -> list[Parsed]:
    """Parses every stock row and resolves its SKU and location."""
    products = dict(session.execute(select(Product.sku, Product.id)).all())
    locations = dict(session.execute(select(Location.code, Location.id)).all())
    pairs = Uniques("stock of")
    parsed = []
    for record in records:
        row = Row(record, problems)
        sku, where = row.text("sku", required=True), row.text("location", required=True)
        quantity = row.integer("quantity", required=True, minimum=0)
        if sku and sku not in products:
            row.problem(f"unknown SKU {sku} (import the catalogue first)")
        if where and where not in locations:
            row.problem(f"unknown location {where} (import the locations first)")
        pairs.check(row, (sku, where), f"{sku} at {where}")
        parsed.append(Parsed(row.line, (products.get(sku or ""), locations.get(where or "")),
                             {"quantity": quantity}))
    return parsed


def apply_boxes(session: Session, parsed: list[Parsed], report: ImportReport) -> None:
    """Creates or updates boxes by code."""
    _upsert(session, Box, Box.code, parsed, report)


def apply_locations(session: Session, parsed: list[Parsed], report: ImportReport) -> None:
    """Creates or updates locations by code."""
    _upsert(session, Location, Location.code, parsed, report)


def apply_stock(session: Session, parsed: list[Parsed], report: ImportReport) -> None:
    """Sets the quantity on hand of each SKU at each location."""
    existing = {(s.product_id, s.location_id): s for s in session.scalars(select(Stock))}
    for p in parsed:
        stock = existing.get(p.key)
        if stock is None:
            session.add(Stock(product_id=p.key[0], location_id=p.key[1], quantity=p.values["quantity"], allocated=0))
            report.count(True, True)
        else:
            report.count(False, assign(stock, p.values))


def _upsert(session: Session, model: Any, key_column: Any, parsed: list[Parsed], report: ImportReport) -> None:
    existing = {getattr(o, key_column.key): o for o in session.scalars(
        select(model).where(key_column.in_([p.key for p in parsed])))}
    for p in parsed:
        obj = existing.get(p.key)
        if obj is None:
            session.add(model(**p.values))
            report.count(True, True)
        else:
            report.count(False, assign(obj, p.values))
