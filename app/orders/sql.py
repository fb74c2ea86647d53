"""Core statements compiled once per dialect and run on a station's own DBAPI connection.

The hot paths that every station shares (claim, scans, confirm) are written as SQLAlchemy
Core statements, but running them through a Connection costs about five times the work
itself (result objects, per-execute compilation lookups, pool checkout with a pre-ping on
PostgreSQL). Here a statement is compiled once for the dialect, its bind processors are
looked up once, and it runs on one long-lived DBAPI connection per Database and thread.
"""
from __future__ import annotations

import logging
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import SAWarning
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement

from app.store.session import Database
from app.errors import DatabaseUnavailable

log = logging.getLogger(__name__)
_REQUIRED = object()  # a bind parameter without a default


class Prepared:
    """One Core statement compiled for one dialect, with its bind processors."""

    __slots__ = ("sql", "positional", "order", "defaults", "processors", "_plan")

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)  # no IN (...): it would need post-compilation
        self.sql: str = compiled.string
        self.positional: bool = compiled.positional
        self.order: tuple[str, ...] = tuple(compiled.positiontup or ())
        self.defaults: dict[str, Any] = {}
        self.processors: dict[str, Callable[[Any], Any]] = {}
        for bind, name in compiled.bind_names.items():
            if not bind.required:
                self.defaults[name] = bind.effective_value
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                self.processors[name] = processor
        # each positional parameter: its name, its default (_REQUIRED: none) and its processor
        self._plan = tuple((name, self.defaults.get(name, _REQUIRED), self.processors.get(name))
                           for name in self.order)

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """The DBAPI parameters for `values` (named like the statement's bindparams)."""
        if self.positional:  # SQLite: one pass over the statement's parameters, in order
            out = []
            for name, default, processor in self._plan:
                value = values[name] if name in values or default is _REQUIRED else default
                out.append(processor(value) if processor is not None and value is not None else value)
            return tuple(out)
        merged = {**self.defaults, **values}
        for name, processor in self.processors.items():
            if merged.get(name) is not None:
                merged[name] = processor(merged[name])
        return merged


class StatementCache:
    """Prepared statements of one module, built lazily per dialect."""

    def __init__(self, builders: Mapping[str, Callable[[], ClauseElement]]) -> None:
        self._builders = dict(builders)
        self._by_dialect: dict[str, dict[str, Prepared]] = {}

    def get(self, dialect: Dialect, name: str) -> Prepared:
        """The statement `name` compiled for `dialect`."""
        per = self._by_dialect.setdefault(dialect.name, {})
        prepared = per.get(name)
        if prepared is None:
            prepared = per[name] = Prepared(self._builders[name](), dialect)
        return prepared


class Link:
    """A station's own DBAPI connection to the central database, used one transaction at a time."""

    def __init__(self, db: Database) -> None:
        # No reference to `db` itself: the link lives in a WeakKeyDictionary keyed by it.
        self.dialect = db.engine.dialect
        self.is_sqlite = db.is_sqlite
        self._fairy = db.engine.raw_connection()
        self.dbapi = self._fairy.driver_connection

    @contextmanager
    def transaction(self) -> Iterator["Link"]:
        """A write transaction (BEGIN IMMEDIATE on SQLite): commits, or rolls back on error."""
        conn = self.dbapi
        if self.is_sqlite:
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()

    def one(self, prepared: Prepared, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row of the statement's result, or None."""
        cursor = self.dbapi.execute(prepared.sql, prepared.parameters(values))
        row = cursor.fetchone()
        cursor.close()
        return row

    def all(self, prepared: Prepared, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row of the statement's result."""
        cursor = self.dbapi.execute(prepared.sql, prepared.parameters(values))
        rows = cursor.fetchall()
        cursor.close()
        return rows

    def run(self, prepared: Prepared, values: Mapping[str, Any]) -> int:
        """Runs a statement without a result; the number of rows it touched."""
        cursor = self.dbapi.execute(prepared.sql, prepared.parameters(values))
        count = cursor.rowcount
        cursor.close()
        return count

    def many(self, prepared: Prepared, rows: Sequence[Mapping[str, Any]]) -> None:
        """Runs a statement once per row of parameters."""
        cursor = self.dbapi.cursor()
        cursor.executemany(prepared.sql, [prepared.parameters(r) for r in rows])
        cursor.close()

    def close(self) -> None:
        """Closes the connection for good (never handed back to the pool in an unknown state)."""
        try:
            with warnings.catch_warnings():  # "already-closed" when the server cut it: expected
                warnings.simplefilter("ignore", SAWarning)
                self._fairy.invalidate()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too
            log.debug("closing a station link failed", exc_info=True)


_links: "weakref.WeakKeyDictionary[Database, threading.local]" = weakref.WeakKeyDictionary()
_open: "weakref.WeakKeyDictionary[Database, list[Link]]" = weakref.WeakKeyDictionary()
_links_lock = threading.Lock()


def _local(db: Database) -> threading.local:
    with _links_lock:
        local = _links.get(db)
        if local is None:
            local = _links[db] = threading.local()
            _open[db] = []
            # Database.close() disposes the engine; the links must go with it.
            event.listen(db.engine, "engine_disposed", lambda _engine: close_links(db))
        return local


@contextmanager
def write(db: Database) -> Iterator[Link]:
    """A write transaction on this thread's link to `db`; a broken link is replaced next time."""
    local = _local(db)
    link: Link | None = getattr(local, "link", None)
    if link is None:
        try:
            link = Link(db)
        except Exception as exc:
            raise _unavailable(db, exc) from exc
        local.link = link
        with _links_lock:
            _open[db].append(link)
    try:
        with link.transaction():
            yield link
    except db.engine.dialect.loaded_dbapi.OperationalError as exc:
        if _is_broken(link, exc):
            local.link = None
            link.close()
            raise _unavailable(db, exc) from exc
        raise
    db.committed()


def close_links(db: Database) -> None:
    """Closes every link to `db` (called when the Database is closed)."""
    with _links_lock:
        links = _open.get(db, [])
        _open[db] = []
        _links.pop(db, None)
    for link in links:
        link.close()


def _is_broken(link: Link, exc: BaseException) -> bool:
    if link.is_sqlite:
        text = str(exc).lower()
        return "unable to open" in text or "disk i/o" in text or "locked" in text
    return bool(getattr(link.dbapi, "closed", False) or getattr(link.dbapi, "broken", False))


def _unavailable(db: Database, exc: BaseException) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"The database at {db.safe_url} failed during a station write ({exc}). "
        "Check that it is running; the station retries with a new connection."
    )
