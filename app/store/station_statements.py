"""The store's hot statements sent straight to the driver, in the unit of work's transaction.

Every claim, scan, parcel, label, packed order and dock hand-over runs a handful of prebuilt
Core statements; SQLAlchemy's execution of each (an execution context, parameter processing, a
cursor result with metadata read from the cursor's description) cost about 0.15 ms of CPU over
the driver's own call (docs/scaling.md, "CPU per packed order"; on SQLite half of a dock scan's
CPU, docs/shipping.md): on a fleet of stations, and at a dock, that is what runs out first.
Such a statement is compiled once per shape (statement, dialect, the parameters' names) and
executed on the DBAPI cursor of the session's own connection - same SQL, same transaction, the
database's work unchanged. What SQLAlchemy would do to the values is looked up once for the
shape and done here: its bound values constructed by the compiled statement (literals in a WHERE
or a LIMIT included), its columns' Python-side defaults applied, each value and each column
through its type's processing for the driver (on SQLite a time is stored as text and read back
as a datetime, an amount read as a Decimal, a flag as a bool). On PostgreSQL (psycopg adapts the
types itself) a statement whose types do process values keeps SQLAlchemy's path, as before; on
either database so does a statement the plan cannot take (expanding IN lists, SQL defaults,
escaped bind names), and every statement while anything listens to the engine's statements
(echo, tests counting them). A driver error is handed to SQLAlchemy's own error handling, so a
lost connection is invalidated and replaced, and the unit of work sees the same IntegrityError
or OperationalError as before.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, NamedTuple

from sqlalchemy import Connection, DateTime, Float, Numeric
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Compiled, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.sql.crud import REQUIRED  # the value of an INSERT's or UPDATE's column the call must give

log = logging.getLogger(__name__)


class Sent(NamedTuple):
    """What a statement returned: its rows as tuples, and how many rows it touched."""

    rows: list[tuple[Any, ...]]
    rowcount: int

    def first(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    def one(self) -> tuple[Any, ...]:
        assert len(self.rows) == 1, f"one row expected, {len(self.rows)} returned"
        return self.rows[0]


@dataclass(frozen=True)
class _Plan:
    """A statement compiled for the driver: its SQL, and the Python-side defaults it needs."""

    sql: str
    fixed: dict[str, Any]  # the statement's own bound values (a literal in a WHERE), the rest None
    defaults: tuple[tuple[str, Any, bool], ...]  # (parameter, default, callable)
    returns_rows: bool
    positions: tuple[str, ...] | None = None  # the binds in order, for a positional driver (sqlite3's ?)
    bind_processors: tuple[tuple[str, Any], ...] = ()  # (bind, its type's processing for the driver)
    result_processors: tuple[tuple[int, Any], ...] = ()  # (column, its type's processing of what is read)


NUMERIC_OID, FLOAT8_OID = 1700, 701
_SQLITE_DATETIME = DateTime().dialect_impl(sqlite.dialect()).result_processor(sqlite.dialect(), None)
_PLANS: dict[tuple[Any, ...], _Plan | None] = {}


def send(executor: Session | Connection, statement: Executable, params: dict[str, Any], *,
         compiled: Compiled | None = None) -> Sent:
    """Runs a prebuilt Core statement (one set of parameters) in the executor's transaction;
    `compiled`: the statement compiled, for SQLAlchemy's path when it cannot cache the statement."""
    connection = executor.connection() if isinstance(executor, Session) else executor
    plan = _plan(connection, statement, params) if _straight(connection) else None
    if plan is None:
        result = connection.execute(compiled if compiled is not None else statement, params)  # type: ignore[call-overload]
        return Sent(list(result.tuples()) if result.returns_rows else [], result.rowcount)
    bound = {**plan.fixed, **params}  # (the names of the binds are the parameters': checked in _compile)
    for key, default, call in plan.defaults:
        if key not in params:
            bound[key] = default(None) if call else default
    for key, process in plan.bind_processors:
        bound[key] = process(bound[key])
    values: Any = bound if plan.positions is None else tuple([bound[key] for key in plan.positions])
    rows, rowcount = _on_driver(connection, plan.sql, values, many=False, returns_rows=plan.returns_rows)
    if plan.result_processors:  # each row replaced in place: a day's 10,000 rows are not held twice
        for i, row in enumerate(rows):
            rows[i] = _processed(row, plan.result_processors)
    return Sent(rows, rowcount)


def send_sql(executor: Session | Connection, sql: str, params: Any, *, many: bool = False) -> int:
    """Runs hand-written SQL (in the driver's own placeholders; `many`: once per row of
    `params`) in the executor's transaction, straight to the driver as `send` does; the rows it
    touched, where the driver counts them (else -1)."""
    connection = executor.connection() if isinstance(executor, Session) else executor
    if not _straight(connection):
        result = connection.exec_driver_sql(sql, params)
        return int(result.rowcount) if not many or result.supports_sane_multi_rowcount() else -1
    rowcount = _on_driver(connection, sql, params, many=many, returns_rows=False)[1]
    return rowcount if not many or connection.dialect.supports_sane_multi_rowcount else -1


def _on_driver(connection: Connection, sql: str, values: Any, *, many: bool,
               returns_rows: bool) -> tuple[list[tuple[Any, ...]], int]:
    """The statement on the DBAPI cursor of the connection: its rows (if it returns rows) and rowcount."""
    dbapi = connection.connection.driver_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        if many:
            cursor.executemany(sql, values)
        else:
            cursor.execute(sql, values)
        return (cursor.fetchall() if returns_rows else []), cursor.rowcount
    except connection.dialect.loaded_dbapi.Error as exc:
        # SQLAlchemy's own handling: the error wrapped as with connection.execute, a lost
        # connection invalidated (so the pool replaces it), handle_error listeners told
        connection._handle_dbapi_exception(exc, sql, values, cursor, None)  # noqa: SLF001 (raises)
        raise
    finally:
        cursor.close()


def _processed(row: tuple[Any, ...], processors: tuple[tuple[int, Any], ...]) -> tuple[Any, ...]:
    values = list(row)
    for i, process in processors:
        values[i] = process(values[i])
    return tuple(values)


DRIVERS = {("postgresql", "psycopg"), ("sqlite", "pysqlite")}


def _straight(connection: Connection) -> bool:
    """True when the statement may skip SQLAlchemy: psycopg or sqlite3, and nobody watching statements."""
    dialect = connection.dialect
    if (dialect.name, dialect.driver) not in DRIVERS:
        return False
    watched = connection.engine.dispatch  # (the listeners an engine's connections share)
    return not (connection._echo or watched.before_cursor_execute or watched.after_cursor_execute  # noqa: SLF001
                or watched.before_execute or watched.after_execute)


def _plan(connection: Connection, statement: Executable, params: dict[str, Any]) -> _Plan | None:
    dialect = connection.dialect
    key = (id(statement), dialect.name, dialect.driver, dialect.server_version_info, tuple(params))
    if key in _PLANS:
        return _PLANS[key]
    plan = _PLANS[key] = _compile(statement, dialect, list(params))
    if plan is None:
        log.debug("keeping SQLAlchemy's execution for %s", statement)
    return plan


def _compile(statement: Executable, dialect: Dialect, keys: list[str]) -> _Plan | None:
    """The statement compiled for the driver, or None when SQLAlchemy must run it."""
    compiled = statement.compile(dialect=dialect, column_keys=keys)  # type: ignore[attr-defined]
    if compiled.isplaintext:  # text() without its columns: whether it returns rows is known only after
        return None
    positional = dialect.name == "sqlite"  # sqlite3 takes ? in order; psycopg takes %(name)s
    if ((compiled.positiontup is not None) != positional or compiled.literal_execute_params
            or compiled.post_compile_params or compiled.escaped_bind_names):
        return None
    if any(bind.expanding for bind in compiled.binds.values()):
        return None
    bind_processors = {name: process for bind, name in compiled.bind_names.items()
                       if (process := _bind_processor(bind.type, dialect)) is not None}
    result_processors = tuple((i, process) for i, entry in enumerate(compiled._result_columns)  # noqa: SLF001
                              if (process := _result_processor(entry.type, dialect)) is not None)
    if not positional and (bind_processors or result_processors):
        return None  # psycopg adapts the types itself: what SQLAlchemy adds there keeps its path
    if compiled.update_prefetch or (getattr(compiled, "postfetch", None) and not compiled.effective_returning):
        return None
    defaults = []
    for column in compiled.insert_prefetch:
        default = column.default
        if default is None or default.is_clause_element or default.is_sequence:
            return None
        defaults.append((column.key, default.arg, bool(default.is_callable)))
    # each bind's value when the call gives none: a literal's (status = 'packing'); a required
    # bind has none, and a call without it fails in the driver
    fixed = {name: value for name, value in compiled.construct_params(_check=False).items() if value is not REQUIRED}
    if not set(keys) <= set(compiled.bind_names.values()):
        return None  # a parameter that is not a bind of the same name: SQLAlchemy maps it
    return _Plan(compiled.string, fixed, tuple(defaults), bool(compiled._result_columns),  # noqa: SLF001
                 None if compiled.positiontup is None else tuple(compiled.positiontup),
                 tuple(bind_processors.items()), result_processors)


def _bind_processor(type_: Any, dialect: Dialect) -> Any:
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _result_processor(type_: Any, dialect: Dialect) -> Any:
    if dialect.name == "sqlite" and isinstance(type_, DateTime) and type_.timezone:
        return _utc_from_text
    # a numeric column's processing depends on the type the server sends: the column's own
    oid = FLOAT8_OID if isinstance(type_, Float) else NUMERIC_OID if isinstance(type_, Numeric) else None
    return type_.dialect_impl(dialect).result_processor(dialect, oid)


def _utc_from_text(value: str | None) -> datetime | None:
    """A time SQLite keeps as text (UTC, without its zone) read back in UTC, as psycopg reads a
    timestamptz: every reader takes aware times already (as_utc), and attaching the zone to
    SQLAlchemy's naive datetime (`replace(tzinfo=...)`) cost 0.75 us, more than the parse; a day at
    the dock reads 10,000 of them."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value + "+00:00")
    except ValueError:  # a text SQLAlchemy writes otherwise, or with its zone: SQLAlchemy's reading
        parsed = _SQLITE_DATETIME(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
