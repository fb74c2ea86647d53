"""A big order import on SQLite that never starves the stations (issue 17).

SQLite has one write lock per file. The classic import (app/store/imports.py) holds it for the
whole file, and 20,000 orders take longer than a station's busy timeout. Here the file's new
orders are first written, in batched INSERTs with ids the import numbers itself
(app/store/order_rows.py) and at leisure, into a *staging file*: a private SQLite
file beside the database, holding only the tables an order import creates rows in. Nothing of
the central database is locked meanwhile (the checks read a WAL snapshot). Then ONE short
transaction on the central database copies the staged rows across with `INSERT ... SELECT`
(SQLite's C code, a fraction of a second for 20,000 orders), shifting every staged id past the
central table's largest, and makes each copied order's OrderCaptured event. Either that
transaction commits and the whole file is in, or nothing is: all or nothing as before.

Ids in the staging file: staged rows count from 1; a staged order or address that belongs to a
customer already in the central database carries minus that customer's id, so the copy can
tell the two apart.
"""
from __future__ import annotations

import functools
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Column, MetaData, Table, create_engine, event, select
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from app.errors import PackdeskError
from app.orders.status import OrderStatus
from app.store import order_imports, order_rows
from app.store.among import among
from app.store.import_rows import OrderDraft
from app.store.imports import ConcurrentImport
from app.store.models import Base, Customer, Order, OrderEvent, utcnow
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)

# the tables an order import creates rows in, parents first; and each one's references to
# another staged table (column -> table)
STAGED: dict[str, dict[str, str]] = {
    "customers": {},
    "addresses": {"customer_id": "customers"},
    "orders": {"customer_id": "customers", "ship_to_id": "addresses"},
    "order_lines": {"order_id": "orders"},
}
SQLITE = sqlite_dialect()
EVENT_AT = OrderEvent.__table__.c.at
# The publishing transaction waits at most this long for the write lock (a station's unit of
# work holds it for milliseconds).
PUBLISH_BUSY_TIMEOUT_S = 15.0


class StagingFailed(PackdeskError):
    """The staging file could not be written (disk full, directory not writable)."""


@dataclass
class Staged:
    """What the staging file holds, for the publishing transaction."""

    path: Path
    numbers: list[str]
    customer_updates: dict[int, dict[str, Any]] = field(default_factory=dict)


def staging_path(db: Database) -> Path:
    """A new, empty file beside the central SQLite database (same disk, so the copy is local)."""
    database = db.engine.url.database
    directory = Path(database).resolve().parent if database and database != ":memory:" else None
    handle, name = tempfile.mkstemp(prefix=".packdesk-import-", suffix=".sqlite3",
                                    dir=str(directory) if directory else None)
    os.close(handle)
    return Path(name)


def stage_orders(db: Database, drafts: list[OrderDraft], customers: dict[str, tuple[int, str, str | None]],
                 source: str, count: Callable[[bool, bool], None],
                 progress: Callable[[str, int, int], None] | None = None) -> Staged:
    """Writes the new orders of `drafts` into a staging file (nothing of `db` is locked).
    `customers`: e-mail -> (id, name, phone) of the central database's customers."""
    path = staging_path(db)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _scratch)
    try:
        with engine.begin() as connection:
            for ddl in _staging_tables():
                connection.exec_driver_sql(ddl)
        staged = Staged(path, [d.number for d in drafts])
        with Session(engine) as session, session.begin():
            _write(session, drafts, customers, staged, source, count, progress)
        return staged
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise StagingFailed(phrase("The import's staging file %(path)s could not be written (%(error)s); free "
                                   "space on that disk and import again.", path=str(path), error=str(exc))) from exc
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()


def _scratch(dbapi_connection: Any, _record: Any) -> None:
    """The staging file is scratch: should the process die, the import is made again from its
    file, so its writes need no rollback journal on disk and no fsync (publish is what lasts)."""
    dbapi_connection.execute("PRAGMA journal_mode = MEMORY")
    dbapi_connection.execute("PRAGMA synchronous = OFF")


@functools.cache
def _staging_tables() -> tuple[str, ...]:
    """The staged tables' CREATE statements, compiled once: the central tables' columns with
    their types, defaults and NOT NULLs, and their primary keys; no index, unique or foreign key
    (nothing is looked up in the staging file and each index costs every insert; the publishing
    copy into the central tables checks them all)."""
    bare = MetaData()
    return tuple(str(CreateTable(Table(name, bare, *(
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
               server_default=None if c.server_default is None else c.server_default.arg)  # type: ignore[attr-defined]
        for c in Base.metadata.tables[name].columns))).compile(dialect=SQLITE)) for name in STAGED)


def _write(session: Session, drafts: list[OrderDraft], customers: dict[str, tuple[int, str, str | None]],
           staged: Staged, source: str, count: Callable[[bool, bool], None],
           progress: Callable[[str, int, int], None] | None) -> None:
    # a central customer's rows carry minus its id (see the module's doc); staged rows count from 1
    found = order_rows.owners(drafts, {email: (-cid, name, phone) for email, (cid, name, phone) in customers.items()})
    staged.customer_updates = {-cid: wanted for cid, wanted in found.updates.items()}
    order_rows.insert_orders(order_rows.RowWriter(session, numbered=True), drafts, found, source, count,
                             order_imports.WRITE_CHUNK,  # as many a batch as the classic writer
                             None if progress is None else lambda done: progress("writing", done, len(drafts)),
                             events=False)  # publish makes them


def publish(db: Database, staged: Staged, source: str, busy_timeout_s: float = PUBLISH_BUSY_TIMEOUT_S) -> None:
    """ONE short write transaction: the staged rows into the central database, ids shifted.
    An order number that appeared centrally since the check is ConcurrentImport (nothing
    written; the caller checks and stages again). The staging file is removed either way."""
    database = db.engine.url.database
    assert database, "publish is for a SQLite file"
    connection = sqlite3.connect(database, timeout=busy_timeout_s, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("ATTACH DATABASE ? AS staged", (str(staged.path),))
        connection.execute("BEGIN IMMEDIATE")
        began = time.perf_counter()
        try:
            _copy(connection, staged, source)
            connection.execute("COMMIT")
            log.info("%s: %d orders published in one transaction of %.3f s", source, len(staged.numbers),
                     time.perf_counter() - began)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.IntegrityError as exc:
        raise ConcurrentImport(source) from exc
    finally:
        connection.close()
        staged.path.unlink(missing_ok=True)


def _copy(connection: sqlite3.Connection, staged: Staged, source: str) -> None:
    taken = connection.execute(
        "SELECT count(*) FROM main.orders WHERE number IN (SELECT number FROM staged.orders)").fetchone()[0]
    if taken:
        raise ConcurrentImport(source)
    offsets = {name: connection.execute(f'SELECT coalesce(max(id), 0) FROM main."{name}"').fetchone()[0]
               for name in STAGED}
    for name, references in STAGED.items():
        columns = [c.name for c in Base.metadata.tables[name].columns]
        values = []
        for column in columns:
            if column == "id":
                values.append(f"id + {int(offsets[name])}")
            elif column in references:
                shift = int(offsets[references[column]])
                # minus an id: a row already in the central database; else a staged row
                values.append(f'CASE WHEN "{column}" < 0 THEN -"{column}" ELSE "{column}" + {shift} END')
            else:
                values.append(f'"{column}"')
        names = ", ".join(f'"{c}"' for c in columns)
        connection.execute(f'INSERT INTO main."{name}" ({names}) SELECT {", ".join(values)} FROM staged."{name}"')
    # each copied order's OrderCaptured event, made here: at the moment it became an order here
    at = EVENT_AT.type.dialect_impl(SQLITE).bind_processor(SQLITE)(utcnow())
    connection.execute(f"INSERT INTO main.order_events (order_id, at, kind, to_status, detail) "
                       f"SELECT id + {int(offsets['orders'])}, ?, 'OrderCaptured', ?, ? FROM staged.orders ORDER BY id",
                       (at, OrderStatus.CAPTURED.value, order_rows.captured_detail(source)))
    for customer, wanted in staged.customer_updates.items():
        connection.execute("UPDATE main.customers SET name = ?, phone = ? WHERE id = ?",
                           (wanted["name"], wanted["phone"], customer))


def central_customers(session: Session, emails: Iterable[str]) -> dict[str, tuple[int, str, str | None]]:
    """E-mail -> (id, name, phone) of the central database's customers among `emails`."""
    rows = session.execute(select(Customer.email, Customer.id, Customer.name, Customer.phone)
                           .where(among(session, Customer.email, set(emails))))
    return {email: (cid, name, phone) for email, cid, name, phone in rows}


def stored_numbers(session: Session, numbers: list[str]) -> set[str]:
    """The order numbers among `numbers` the central database already holds."""
    return set(session.scalars(select(Order.number).where(among(session, Order.number, numbers))))
