"""The station's hot statements sent straight to psycopg, in the unit of work's transaction.

Every claim, scan, parcel, label and packed order runs a handful of prebuilt Core statements;
SQLAlchemy's execution of each (an execution context, parameter processing, a cursor result
with metadata read from the cursor's description) cost about 0.15 ms of CPU over psycopg's own
(docs/scaling.md, "CPU per packed order"): on a fleet of stations that is what runs out first.
On PostgreSQL through psycopg such a statement is compiled once and executed on the DBAPI
cursor of the session's own connection - same SQL, same transaction, the server's work
unchanged. Its bound values are constructed by the compiled statement (literals in a WHERE
included) and its columns' Python-side defaults applied, as SQLAlchemy would; a statement whose
types process values on the way in or out, or whose defaults are SQL, keeps SQLAlchemy's path,
and so does every statement on SQLite (its types do convert: times stored as text) or while
anything listens to the engine's statements (echo, tests counting them). A driver error is
handed to SQLAlchemy's own error handling, so a lost connection is invalidated and replaced,
and the unit of work sees the same IntegrityError or OperationalError as before.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, Float, Numeric
from sqlalchemy.engine import Dialect
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


NUMERIC_OID, FLOAT8_OID = 1700, 701
_PLANS: dict[tuple[Any, ...], _Plan | None] = {}


def send(executor: Session | Connection, statement: Executable, params: dict[str, Any]) -> Sent:
    """Runs a prebuilt Core statement (one set of parameters) in the executor's transaction."""
    connection = executor.connection() if isinstance(executor, Session) else executor
    plan = _plan(connection, statement, params) if _straight(connection) else None
    if plan is None:
        result = connection.execute(statement, params)
        return Sent(list(result.tuples()) if result.returns_rows else [], result.rowcount)
    bound = {**plan.fixed, **params}  # (the names of the binds are the parameters': checked in _compile)
    for key, default, call in plan.defaults:
        if key not in params:
            bound[key] = default(None) if call else default
    dbapi = connection.connection.driver_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(plan.sql, bound)
        rows = cursor.fetchall() if plan.returns_rows else []
        return Sent(rows, cursor.rowcount)
    except connection.dialect.loaded_dbapi.Error as exc:
        # SQLAlchemy's own handling: the error wrapped as with connection.execute, a lost
        # connection invalidated (so the pool replaces it), handle_error listeners told
        connection._handle_dbapi_exception(exc, plan.sql, bound, cursor, None)  # noqa: SLF001 (raises)
        raise
    finally:
        cursor.close()


def _straight(connection: Connection) -> bool:
    """True when the statement may skip SQLAlchemy: psycopg, and nobody watching statements."""
    dialect = connection.dialect
    if dialect.name != "postgresql" or dialect.driver != "psycopg":
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
    if (compiled.positiontup is not None or compiled.literal_execute_params or compiled.post_compile_params
            or compiled.escaped_bind_names):
        return None
    if any(bind.expanding or _converts_in(bind.type, dialect) for bind in compiled.binds.values()):
        return None
    if any(_converts_out(entry.type, dialect) for entry in compiled._result_columns):  # noqa: SLF001
        return None
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
    return _Plan(compiled.string, fixed, tuple(defaults), bool(compiled._result_columns))  # noqa: SLF001


def _converts_in(type_: Any, dialect: Dialect) -> bool:
    return type_.dialect_impl(dialect).bind_processor(dialect) is not None


def _converts_out(type_: Any, dialect: Dialect) -> bool:
    # a numeric column's processing depends on the type the server sends: the column's own
    oid = FLOAT8_OID if isinstance(type_, Float) else NUMERIC_OID if isinstance(type_, Numeric) else None
    return type_.dialect_impl(dialect).result_processor(dialect, oid) is not None
