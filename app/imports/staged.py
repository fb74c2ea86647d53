"""An order import on SQLite in three steps, so that stations keep claiming while it runs
(issue 17): check the file against a snapshot (no lock), stage its new orders in a private
file (no lock), publish them in one short transaction (app/store/staged_import.py), then
validate and allocate them a slice at a time, each slice its own short transaction with a
pause after it in which a waiting station gets the lock.

All or nothing holds for the file's rows: they arrive in the one publishing transaction or not
at all. Validation and allocation come after it, as with `packdesk orders validate`: should the
process die in between, the rest of the orders wait as captured, and `packdesk orders validate`
(or the next import) takes them on.

A file that changes or withdraws orders already stored goes the classic way (one transaction
for everything, app/store/imports.py): those are few, and their rules need the stored rows.
"""
from __future__ import annotations

import getpass
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.imports.common import ImportReport, Progress, settled, skipped
from app.imports.errors import ImportRejected, RowProblem
from app.imports.reading import Record
from app.orders import pipeline
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.store.import_rows import OrderDraft
from app.store.imports import ImportWriter
from app.store.session import Database
from app.store.staged_import import central_customers, publish, stage_orders, stored_numbers
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

# A slice of validation and allocation holds the write lock about this long, then lets go for
# PAUSE_S: longer than the longest sleep of SQLite's busy handler (100 ms), so a station that
# waits for the lock always wakes inside a pause and gets it.
SLICE_S = 0.2
PAUSE_S = 0.12
# At most this many orders a slice (the time above is what bounds a slice; a slice at most doubles
# the last one's size). Was 500: on a quiet machine a 500-order slice took 0.05 s, so 10,000
# orders were 20 slices a stage, each with its own commit and reads, where 4 or 5 would do.
MAX_SLICE = 5000
# The first slice's size: well inside SLICE_S (1,000 orders took 61-69 ms to validate or allocate here
# at load 2-3, first use included: a machine three times slower stays within it), big enough that a
# 10,000-order file needs 4 or 5 slices a stage, not 10 (each slice is a transaction with its
# commit and its reads: 0.12-0.14 s of CPU for the 14-16 commits of 10,000 orders at 200 a first slice).
FIRST_SLICE = 1000

WAITING = (OrderStatus.VALIDATED.value, OrderStatus.BACKORDERED.value)


def import_orders(db: Database, path: Path, records: list[Record], problems: list[RowProblem],
                  prepare: Callable[[ImportWriter, list[Record], list[RowProblem]], list[OrderDraft]],
                  report: ImportReport, progress: Progress | None, settings: OrderSettings,
                  actor: str | None = None) -> bool:
    """The staged import of an orders file; False (nothing done) when the file changes or
    withdraws stored orders and must go the classic way. The audit record names `actor`, else
    the login name, as the classic import's does."""
    with db.read() as session:
        drafts = prepare(ImportWriter(session), records, problems)
        if problems:
            raise ImportRejected(str(path), problems)
        stored = stored_numbers(session, [d.number for d in drafts])
        mine = [d for d in drafts if d.number in stored]
        if any(d.not_work for d in mine) or ImportWriter(session).changed_orders(mine):
            return False
        # stored in the queue's order: allocation's slices go in that order, and each then
        # rewrites its own pages of the orders' table (in the file's order every slice of a big
        # file rewrote most of them)
        fresh = sorted((d for d in drafts if d.number not in stored and not d.not_work), key=_queue_place)
        customers = central_customers(session, (d.customer["email"] for d in fresh if d.customer.get("email")))
    report.notes += [skipped(d.number, d.not_work) for d in drafts if d.not_work and d.number not in stored]
    for _ in mine:
        report.count(False, False)
    staged = stage_orders(db, fresh, customers, report.source, report.count, progress)
    if progress is not None:
        progress("committing", len(records), len(records))  # from here an interrupt waits
    publish(db, staged, report.source)
    report.created_numbers = [d.number for d in fresh]
    if fresh:  # the file's record in the audit log, as every import has (publish wrote with sqlite3 itself)
        with db.write() as session:
            ImportWriter(session).audit(actor or getpass.getuser(), "OrdersImported", f"file {path.name}",
                                        {"rows": report.rows, "created": report.created, "updated": report.updated,
                                         "unchanged": report.unchanged})
    # in the order stored: a slice of validation then rewrites its own pages too
    outcome = settle(db, [d.number for d in fresh + mine], settings)
    report.notes += settled(outcome.summary(), outcome.held)
    return True


def _queue_place(draft: OrderDraft) -> tuple[Any, ...]:
    """Where a new order stands in the station's queue (app/store/order_reads.py QUEUE_ORDER):
    priority first, then SLA (none last), then age; the file's order among equals (a stable sort)."""
    sla = draft.fields.get("sla_due_at")
    created = draft.created_at
    return (-(draft.fields.get("priority") or 0), sla is None, sla or 0, created is None, created or 0)


def settle(db: Database, numbers: list[str], settings: OrderSettings, slice_s: float = SLICE_S,
           pause_s: float = PAUSE_S) -> pipeline.Outcome:
    """Validates the captured orders among `numbers`, then allocates those waiting for stock in
    queue order, a slice of about `slice_s` at a time with `pause_s` between slices."""
    outcome = pipeline.Outcome()

    def captured(uow: SqlUnitOfWork) -> list[str]:
        # those still captured (a file of orders stored already has none: no slices, no pauses),
        # in the file's order, the order its new orders were stored in: a slice then rewrites its
        # own pages of the orders' table and indexes (in queue order every slice rewrote most of
        # them; validation takes no stock, so that order does not matter to it)
        found = set(uow.orders.numbers_in_status((OrderStatus.CAPTURED.value,), numbers))
        return [number for number in numbers if number in found]

    def validate(uow: SqlUnitOfWork, chunk: list[str]) -> None:
        pipeline.validate_captured_in(uow, chunk, settings, outcome, user="import")

    def waiting(uow: SqlUnitOfWork) -> list[str]:
        return uow.orders.numbers_in_status(WAITING, numbers)

    def allocate(uow: SqlUnitOfWork, chunk: list[str]) -> None:
        outcome.statuses.update(pipeline.allocate_in_turn(uow, chunk, settings, user="import").statuses)

    _in_slices(db, captured, validate, slice_s, pause_s)
    _in_slices(db, waiting, allocate, slice_s, pause_s)
    return outcome


def _in_slices(db: Database, todo: Callable[[SqlUnitOfWork], list[str]],
               work: Callable[[SqlUnitOfWork, list[str]], Any], slice_s: float, pause_s: float) -> None:
    with db.read() as session:  # the list is long: read from a snapshot, not under the write lock
        numbers = todo(SqlUnitOfWork.joining(session))
    size, start = FIRST_SLICE, 0
    while start < len(numbers):
        chunk = numbers[start:start + size]
        began = time.perf_counter()
        with SqlUnitOfWork(db) as uow:
            work(uow, chunk)
            uow.commit()
        took = time.perf_counter() - began
        start += len(chunk)
        log.debug("slice of %d orders took %.3f s", len(chunk), took)
        # the next slice sized to take about slice_s, as this one went
        size = max(1, min(MAX_SLICE, 2 * len(chunk), int(len(chunk) * slice_s / max(took, 1e-3))))
        if start < len(numbers):
            time.sleep(pause_s)
