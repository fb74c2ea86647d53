"""Statements SQLAlchemy cannot cache, compiled once per dialect and executed compiled.

SQLAlchemy 2.0 compiles an `INSERT ... ON CONFLICT` at every execution: the construct has no
cache key, so the compiled-statement cache never holds it (~0.4 ms a call, three calls at every
dock hand-over: the invoice counter, the capture request, the shipped mail). Such a statement is
built and compiled here once per kind of database and executed in its compiled form; bind types
and Python-side column defaults apply as they would to the statement itself.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Compiled, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from app.store.station_statements import Sent, send

log = logging.getLogger(__name__)

_BUILT: dict[tuple[Any, ...], tuple[Executable, Compiled]] = {}


def execute_compiled(executor: Session | Connection, name: Hashable, build: Callable[[Dialect], Executable],
                     params: dict[str, Any], column_keys: list[str] | None = None) -> Sent:
    """Executes the statement `build(dialect)` makes, built and compiled once per `name`, dialect
    and column keys: straight to the driver as a prebuilt statement (app/store/station_statements.py),
    else (a listener watching statements, or types psycopg leaves to SQLAlchemy) in its compiled form."""
    connection = executor.connection() if isinstance(executor, Session) else executor
    dialect = connection.dialect
    key = (name, dialect.name, dialect.driver, dialect.paramstyle, dialect.server_version_info,
           tuple(column_keys or ()))
    built = _BUILT.get(key)
    if built is None:
        statement = build(dialect)
        built = _BUILT[key] = statement, statement.compile(dialect=dialect, column_keys=column_keys)  # type: ignore[attr-defined]
    statement, compiled = built
    return send(connection, statement, params, compiled=compiled)
