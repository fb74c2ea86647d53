"""The batched writes of the stages before packing (validation, allocation, waves) handed to
the driver as tuples: one hand-written statement, executemany, no per-row parameter processing.

SQLAlchemy's executemany builds and processes a dictionary of parameters for every row
(`construct_params`, each value through its type): for the 50,000 events and status changes of
10,000 orders that was most of the time the writes took, where the database's own work is a few
milliseconds (benchmarks/bench_orders.py). The values that do need their type's processing (a
time on SQLite, stored as text) are the same for the whole batch and are processed once."""
from __future__ import annotations

import json
import logging
import operator
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import Session

from app.store.among import one_value
from app.store.models import OrderEvent, utcnow
from app.store.order_reads import ValidationReads
from app.store.repositories import SqlEvents
from app.store.station_statements import send_sql
from app.unit_of_work import NewEvent

log = logging.getLogger(__name__)

EVENT_AT: Column[Any] = OrderEvent.__table__.c.at  # type: ignore[assignment]
EVENTS: Table = OrderEvent.__table__  # type: ignore[assignment]
EVENT_COLUMNS = ["order_id", "at", "kind", "from_status", "to_status", "station", "username", "detail"]
# one statement a batch on either database: the ids as one value (a JSON array, an array)
SET_STATUSES_SQLITE = ("UPDATE orders SET status = ?, version = version + 1 "
                       "WHERE id IN (SELECT value FROM json_each(?))")
SET_STATUSES_PG = "UPDATE orders SET status = %s, version = version + 1 WHERE id = ANY(%s)"  # one statement


def driver_many(session: Session, sql: str, rows: list[tuple[Any, ...]]) -> int:
    """Runs `sql` (with ? placeholders) once per row through the driver's executemany, in the
    session's transaction; the rows it touched, where the driver counts them (else -1)."""
    connection = session.connection()
    if connection.dialect.paramstyle != "qmark":  # psycopg: positional %s
        sql = sql.replace("?", "%s")
    return send_sql(connection, sql, rows, many=True)


def bound(session: Session, column: Column[Any], value: Any) -> Any:
    """`value` as the column's type hands it to this session's driver (a time on SQLite: text)."""
    dialect = session.get_bind().dialect
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process is not None else value


def insert_many(session: Session, table: Table, keys: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Inserts rows (tuples, values in the order of `keys`, as the driver takes them). On
    PostgreSQL: one statement, each column one array (`INSERT ... SELECT FROM unnest(...)`, in the
    rows' order); psycopg's executemany sends a statement a row, ~20 us of Python each. On
    SQLite: executemany (in process, no round trips)."""
    if not rows:
        return
    connection = session.connection()
    names = ", ".join(f'"{key}"' for key in keys)
    if connection.dialect.name != "postgresql":
        driver_many(session, f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(keys))})', rows)
        return
    arrays = ", ".join(f"%b::{table.c[key].type.compile(connection.dialect)}[]" for key in keys)  # binary: no quoting
    send_sql(connection, f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM unnest({arrays}) WITH ORDINALITY '
                         f'AS given({names}, position) ORDER BY position', tuple(list(column) for column in zip(*rows)))


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]], ids: list[int] | None = None) -> None:
    """Inserts rows given as dictionaries (with `ids` as their ids, if given), as the ORM would:
    a key any row has is every row's, a value missing or None where its column has a default
    takes the default, a column no row names takes its Python-side default; each value through
    its column type's processing for this driver, looked up once for the batch (a value the row
    before had, the same object - the batch's one time of day - is processed once)."""
    if not rows:
        return
    keys = list(rows[0])
    keys += sorted(set().union(*rows) - set(keys))  # keys only later rows have (the union in C: a batch is big)
    now = utcnow()
    given_defaults = {}  # for a missing or None value of a key the rows have
    for key in keys:
        default = table.c[key].default
        if default is not None and not default.is_clause_element:
            given_defaults[key] = now if default.is_callable else default.arg  # the only callable: a timestamp
    missing = {column.name: column.default.arg(None) if column.default.is_callable else column.default.arg
               for column in table.c if column.name not in keys and column.name != "id" and column.default is not None
               and not column.default.is_clause_element and not column.default.is_sequence}
    filled = [(i, given_defaults[key]) for i, key in enumerate(keys) if key in given_defaults]
    columns = (["id"] if ids is not None else []) + keys + list(missing)
    first = 1 if ids is not None else 0
    dialect = session.get_bind().dialect
    typed = [(i, process) for i, key in enumerate(columns)
             if (process := table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    pick = operator.itemgetter(*keys)
    missing_values = list(missing.values())
    table_rows: list[list[Any]] = []
    for n, row in enumerate(rows):
        try:
            picked = pick(row)
        except KeyError:  # a row without some key: None, as the defaults below take it
            picked = tuple(row.get(key) for key in keys)
        table_rows.append(([ids[n]] if ids is not None else []) + list(picked if len(keys) > 1 else (picked,))
                          + missing_values)
    for i, default in filled:
        for values in table_rows:
            if values[first + i] is None:
                values[first + i] = default
    for i, process in typed:  # a column at a time; a value the row before had (same object) processed once
        given, stored = object(), None
        for values in table_rows:
            if values[i] is not given:
                given, stored = values[i], process(values[i])
            values[i] = stored
    tuples = [tuple(values) for values in table_rows]
    insert_many(session, table, columns, tuples)


def next_ids(session: Session, table: Table, count: int) -> list[int]:
    """`count` new ids from the PostgreSQL table's id sequence, ascending, in one statement (the
    rows are then inserted with them: no RETURNING of a many-row statement to read back)."""
    found = session.connection().exec_driver_sql(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table.name, count))
    return sorted(int(value) for (value,) in found)


def event_detail(detail: dict[str, Any] | None) -> str | None:
    """An event's detail as stored: JSON with sorted keys, as SqlEvents.add writes it."""
    return json.dumps(detail, default=str, sort_keys=True) if detail else None


class OrderEvents(SqlEvents):
    """The order event log, its batches written as driver tuples."""

    def add_many(self, events: list[NewEvent]) -> None:
        if not events:
            return
        at = bound(self.s, EVENT_AT, utcnow())
        rows, given, text = [], object(), None
        for e in events:
            if e.detail is not given:  # a detail the event before had (the same object: a batch's reason) dumped once
                given, text = e.detail, event_detail(e.detail)
            rows.append((e.order_id, at, e.kind, e.from_status, e.to_status, e.station, e.user, text))
        insert_many(self.s, EVENTS, EVENT_COLUMNS, rows)


class Orders(ValidationReads):
    """The orders, their batched status changes written as driver tuples (allocation's reads
    as tuples too: app/store/order_reads.py)."""

    def set_statuses(self, order_ids: list[int], status: str) -> None:
        if not order_ids:
            return
        connection = self.s.connection()
        # one statement, not a statement an order (executemany): the ids as one value
        sql = SET_STATUSES_PG if connection.dialect.name == "postgresql" else SET_STATUSES_SQLITE
        done = connection.exec_driver_sql(sql, (status, one_value(connection.dialect.name, order_ids))).rowcount
        wanted = len(set(order_ids))
        assert done in (-1, wanted), f"{wanted} orders to move, {done} moved"
        for order_id in order_ids:
            self._told(order_id, status)
