"""Imports of catalogue, boxes, locations, stock, orders and users from CSV and JSON files.

An import is all or nothing: the whole file is checked first, every bad row is reported
with its line number and reason (ImportRejected), and nothing is written unless every row
is good. Rows are matched by their natural key (SKU, box code, location code, order number,
username), so importing the same file again changes nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.imports import catalog, orders, places, shopify, users
from app.imports.common import ImportReport, Progress
from app.imports.errors import ImportFormatError, ImportRejected, RowProblem
from app.imports.reading import FORMATS, Record, check_columns, guess_format, read_csv, read_json, read_text
from app.store.imports import ImportWriter, import_transaction
from app.store.session import Database

log = logging.getLogger(__name__)

__all__ = ["KINDS", "ImportRejected", "ImportReport", "import_file"]


@dataclass(frozen=True)
class Kind:
    """One kind of import file: its columns, how its rows are parsed and checked (against the
    database through the writer, in the import's transaction) and how they are written."""

    columns: dict[str, str]
    required: set[str]
    prepare: Callable[[ImportWriter, list[Record], list[RowProblem]], list[Any]]
    write: Callable[[ImportWriter, list[Any], ImportReport, Progress | None], None]


KINDS: dict[str, Kind] = {
    "catalog": Kind(catalog.COLUMNS, catalog.REQUIRED, catalog.prepare, catalog.write),
    "boxes": Kind(places.BOX_COLUMNS, places.BOX_REQUIRED, places.prepare_boxes, places.write_boxes),
    "locations": Kind(places.LOCATION_COLUMNS, places.LOCATION_REQUIRED, places.prepare_locations,
                      places.write_locations),
    "stock": Kind(places.STOCK_COLUMNS, places.STOCK_REQUIRED, places.prepare_stock, places.write_stock),
    "orders": Kind(orders.COLUMNS, orders.REQUIRED, orders.prepare, orders.write),
    "users": Kind(users.COLUMNS, users.REQUIRED, users.prepare, users.write),
}


def import_file(db: Database, kind: str, path: str | Path, fmt: str | None = None,
                progress: Progress | None = None) -> ImportReport:
    """Imports `path` as `kind` in one transaction; ImportRejected lists every bad row.
    `progress(stage, done, total)` hears how far it is (see app.imports.common.Progress)."""
    if kind not in KINDS:
        raise ImportFormatError(f"Cannot import {kind!r}; kinds are: {', '.join(KINDS)}.")
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise ImportFormatError(f"Format {fmt!r} is unknown; use one of {', '.join(FORMATS)}.")
    if fmt == "shopify" and kind != "orders":
        raise ImportFormatError("The Shopify layout is for orders only.")
    spec = KINDS[kind]
    problems: list[RowProblem] = []
    records = _records(path, fmt, spec, problems)
    report = ImportReport(kind=kind, source=path.name, rows=len(records))
    if progress is not None:
        progress("checking", 0, len(records))
    with import_transaction(db) as writer:
        prepared = spec.prepare(writer, records, problems)
        if problems:
            raise ImportRejected(str(path), problems)  # rolls back: nothing was written
        spec.write(writer, prepared, report, progress)
    log.info("%s", report.summary())
    return report


def _records(path: Path, fmt: str, spec: Kind, problems: list[RowProblem]) -> list[Record]:
    text = read_text(path)
    if fmt == "json":
        records = read_json(text, str(path))
        if spec.columns is orders.COLUMNS:
            records = orders.flatten_json(records, problems)
        for record in records:
            for key in sorted(set(record.values) - set(spec.columns)):
                problems.append(RowProblem(record.line, f"unknown field '{key}'"))
        return records
    header, records = read_csv(text)
    if not header:
        raise ImportFormatError(f"{path} is empty; an import file starts with a header row.")
    if fmt == "shopify":
        return shopify.to_records(header, records, problems)
    problems.extend(check_columns(header, set(spec.columns), spec.required))
    for record in records:
        extra = record.values.pop("__extra__", None)
        if extra:
            problems.append(RowProblem(record.line, f"{len(extra)} more value(s) than the header has columns"))
    return records
