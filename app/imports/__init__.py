"""Imports of catalogue, boxes, locations, stock, orders and users from CSV and JSON files.

An import is all or nothing: the whole file is checked first, every bad row is reported
with its line number and reason (ImportRejected), and nothing is written unless every row
is good. Rows are matched by their natural key (SKU, box code, location code, order number,
username), so importing the same file again changes nothing.
"""
from __future__ import annotations

import functools
import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app import heap
from app.imports import carriers, catalog, orders, places, shopify, staged, users
from app.imports.common import ImportReport, Progress
from app.imports.errors import ImportFormatError, ImportRejected, RowProblem
from app.imports.limits import DEFAULT_MAX_LINE_QUANTITY
from app.orders.settings import OrderSettings
from app.imports.reading import (
    FORMATS, Record, check_columns, duplicate_columns, guess_format, read_csv, read_json, read_text,
)
from app.store.imports import ConcurrentImport, ImportWriter, import_transaction
from app.store.session import Database
from app.translator import phrase, plural_phrase

log = logging.getLogger(__name__)

__all__ = ["KINDS", "ImportRejected", "ImportReport", "import_file"]

STAGE_ON_SQLITE = True  # orders files on SQLite go the staged way (app/imports/staged.py)
ATTEMPTS = 3  # an import that met another one writing the same keys is checked and written again


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
    "carriers": Kind(carriers.CARRIER_COLUMNS, carriers.CARRIER_REQUIRED, carriers.prepare_carriers,
                     carriers.write_carriers),
    "zones": Kind(carriers.ZONE_COLUMNS, carriers.ZONE_REQUIRED, carriers.prepare_zones, carriers.write_zones),
    "rates": Kind(carriers.RATE_COLUMNS, carriers.RATE_REQUIRED, carriers.prepare_rates, carriers.write_rates),
}


@heap.batch()  # the file's rows and records live until it is in: no collector passes meanwhile
def import_file(db: Database, kind: str, path: str | Path, fmt: str | None = None,
                progress: Progress | None = None,
                max_line_quantity: int = DEFAULT_MAX_LINE_QUANTITY,
                order_settings: OrderSettings | None = None, allocate_waiting: bool = True,
                actor: str | None = None) -> ImportReport:
    """Imports `path` as `kind` in one transaction; ImportRejected lists every bad row.
    `progress(stage, done, total)` hears how far it is (see app.imports.common.Progress), last
    with ("committing", rows, rows) just before the commit: raising there still rolls back.
    An order line may hold at most `max_line_quantity` units. Imported orders are validated and
    allocated in the same transaction, and a stock import allocates backordered orders unless
    `allocate_waiting` is False (`order_settings`, default: the documented defaults). The audit
    record names `actor` (the admin on a station's screen), else the login name."""
    if kind not in KINDS:
        raise ImportFormatError(phrase("Cannot import %(kind)s; kinds are: %(kinds)s.", kind=repr(kind), kinds=", ".join(KINDS)))
    path = Path(path)
    guessed, fmt = fmt is None, fmt or guess_format(path)
    if fmt not in FORMATS:
        raise ImportFormatError(phrase("Format %(format)s is unknown; use one of %(formats)s.", format=repr(fmt), formats=", ".join(FORMATS)))
    if fmt == "shopify" and kind != "orders":
        raise ImportFormatError(phrase("The Shopify layout is for orders only."))
    spec = KINDS[kind]
    problems: list[RowProblem] = []
    notes: list[str] = []
    records = _records(path, fmt, spec, problems, notes, guessed)
    prepare, write = spec.prepare, spec.write
    settings = order_settings or OrderSettings()
    if kind == "orders":
        prepare = functools.partial(orders.prepare, max_line_quantity=max_line_quantity)
        write = functools.partial(orders.write, settings=settings)
    elif kind == "stock" and allocate_waiting:
        write = functools.partial(orders.write_stock, settings=settings)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if kind == "orders" and db.is_sqlite and STAGE_ON_SQLITE:
                # stations keep claiming while a big file goes in (app/imports/staged.py)
                report = ImportReport(kind=kind, source=path.name, rows=len(records), notes=list(notes))
                if progress is not None:
                    progress("checking", 0, len(records))
                if staged.import_orders(db, path, records, list(problems), prepare, report, progress, settings,
                                        actor):
                    log.info("%s", report.summary())
                    return report
            return _import(db, replace(spec, write=write), prepare, path, kind, records, list(problems), progress,
                           notes, actor)
        except ConcurrentImport as exc:
            if attempt == ATTEMPTS:
                raise
            log.info("%s: %s; checking and writing it again (attempt %d)", path, exc, attempt + 1)
    raise AssertionError("unreachable")


def _import(db: Database, spec: Kind, prepare: Callable[..., list[Any]], path: Path, kind: str,
            records: list[Record], problems: list[RowProblem], progress: Progress | None,
            notes: list[str], actor: str | None = None) -> ImportReport:
    report = ImportReport(kind=kind, source=path.name, rows=len(records), notes=list(notes))
    if progress is not None:
        progress("checking", 0, len(records))
    with import_transaction(db, str(path)) as writer:
        prepared = prepare(writer, records, problems)
        if problems:
            raise ImportRejected(str(path), problems)  # rolls back: nothing was written
        spec.write(writer, prepared, report, progress)
        if report.created or report.updated:  # a file that changed nothing changed nothing to audit
            writer.audit(actor or getpass.getuser(), f"{kind.capitalize()}Imported", f"file {path.name}",
                         {"rows": report.rows, "created": report.created, "updated": report.updated,
                          "unchanged": report.unchanged})
        if progress is not None:
            progress("committing", len(records), len(records))
    log.info("%s", report.summary())
    return report


def _records(path: Path, fmt: str, spec: Kind, problems: list[RowProblem], notes: list[str],
             guessed: bool = False) -> list[Record]:
    text = read_text(path)
    if fmt == "json":
        records = read_json(text, str(path))
        if spec.columns is orders.COLUMNS:
            records = orders.flatten_json(records, problems)
        for record in records:
            for key in sorted(set(record.values) - set(spec.columns)):
                problems.append(RowProblem(record.line, phrase("unknown field '%(field)s'", field=key)))
        return records
    header, records = read_csv(text, str(path))
    if not header:
        raise ImportFormatError(phrase("%(path)s is empty; an import file starts with a header row.", path=str(path)))
    if guessed and spec.columns is orders.COLUMNS and shopify.is_shopify_export(header):
        fmt = "shopify"
        notes.append(phrase("read as a Shopify orders export (recognised from its header)"))
    if fmt == "shopify":
        problems.extend(duplicate_columns(header))
        return shopify.to_records(header, records, problems, notes)
    problems.extend(check_columns(header, set(spec.columns), spec.required))
    for record in records:
        extra = record.values.pop("__extra__", None)
        if extra:
            problems.append(RowProblem(record.line, plural_phrase(
                "%(n)s more value(s) than the header has columns", "%(n)s more value(s) than the header has columns",
                len(extra))))
    return records
