"""The database handle and its units of work: a write rolls back unless it completes."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.store.engine import READ_ONLY, create_database_engine, is_sqlite
from app.store.errors import UNREACHABLE, database_problem
from app.store.liveness import still_alive

log = logging.getLogger(__name__)


class Database:
    """One engine and its session factories; build one per process, close it on exit."""

    def __init__(self, url: str, **engine_kwargs: object) -> None:
        self.url = url
        self.engine: Engine = create_database_engine(url, **engine_kwargs)
        self.is_sqlite = is_sqlite(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._kept: Connection | None = None  # the units of work's connection between them
        self._kept_lock = threading.Lock()
        pool = self.engine.pool
        # kept only where the pool has a connection more for everything else (a read, a probe)
        self._keeps = (isinstance(pool, QueuePool) and not getattr(pool, "_pre_ping", False)
                       and (pool._max_overflow < 0 or pool.size() + pool._max_overflow >= 2))  # noqa: SLF001

    def unit_connection(self) -> Connection:
        """A connection for a unit of work: the one the last unit gave back when it is still
        alive (a station's transactions follow one another: taking a pooled connection and
        giving it back cost more CPU than a scan's SQL), else one from the pool."""
        with self._kept_lock:
            kept, self._kept = self._kept, None
        if kept is not None:
            if not kept.invalidated and still_alive(kept):
                return kept
            kept.close()
        return self.engine.connect()

    def give_back(self, connection: Connection) -> None:
        """A unit of work's connection after the unit: kept for the next unit when its
        transaction was committed, else rolled back into the pool (one is kept at a time; a
        connection that was invalidated never)."""
        if connection.invalidated or connection.in_transaction() or not self._keeps:
            connection.close()
            return
        with self._kept_lock:
            if self._kept is None:
                self._kept, connection = connection, None  # type: ignore[assignment]
        if connection is not None:
            connection.close()

    def let_go(self) -> None:
        """The kept connection back into the pool (before the pool is disposed or closed)."""
        with self._kept_lock:
            kept, self._kept = self._kept, None
        if kept is not None:
            kept.close()

    def session(self) -> Session:
        """A new ORM session on the engine (a unit of work binds its own to its connection: app.store.uow)."""
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work: commits when the block completes, rolls back on any error."""
        with self.translate_errors(), self._sessions() as session:
            with session.begin():
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (on SQLite it takes no write lock)."""
        with self.translate_errors(), self._sessions() as session:
            # Closing (not rolling back) ends the transaction but keeps loaded objects usable.
            session.connection(execution_options={READ_ONLY: True})
            yield session

    @contextmanager
    def translate_errors(self) -> Iterator[None]:
        """The database's known troubles (unreachable, never upgraded, read-only) raised as
        the PackdeskError that says what to do (app.store.errors); other errors unchanged."""
        try:
            yield
        except DBAPIError as exc:
            problem = database_problem(exc, self.safe_url)
            if problem is None:
                raise
            raise problem from exc

    @property
    def safe_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Closes every connection."""
        self.let_go()
        self.engine.dispose()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_connection_problem(exc: OperationalError) -> bool:
    """True when the error says the database cannot be reached (not a bad statement)."""
    text = str(exc.orig).lower()
    return exc.connection_invalidated or any(needle in text for needle in UNREACHABLE)
