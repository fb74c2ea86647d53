"""Engines for the central database: SQLite built in (WAL, synchronous=FULL, foreign keys,
BEGIN IMMEDIATE for writes) or PostgreSQL for many stations."""
from __future__ import annotations

import logging

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from app.errors import PackdeskError

from app.store.errors import check_url
from app.store.liveness import check_on_checkout
from app.store.station_statements import send_sql
from app.translator import phrase

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000
# Each connection's page cache (SQLite's default is 2 MiB). A day's batch reads and rewrites the
# same orders, lines and bins stage after stage; with 2 MiB they were read again from the file
# (the WAL) each time: validating 10,000 orders' status changes took 0.086 s of CPU with it and
# 0.055-0.063 s with this (benchmarks/bench_orders.py). Pages are taken as they are read, up to this.
SQLITE_CACHE_KIB = 65_536
READ_ONLY = "packdesk_read_only"  # execution option: a SQLite read takes no write lock
PREPARE_THRESHOLD = "prepare_threshold"  # a PostgreSQL URL's query: psycopg's server-side prepares


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_database_engine(url: str, *, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
                           **kwargs: object) -> Engine:
    """An engine for `url`, with the settings a station that must not lose a scan needs
    (on SQLite, a write waits up to `sqlite_busy_timeout_ms` for the lock); ConfigError for a URL
    that is not one, or names a database other than SQLite or PostgreSQL."""
    parsed = make_url(check_url(url))
    if parsed.get_backend_name() == "sqlite":
        connect_args = {"timeout": sqlite_busy_timeout_ms / 1000, "check_same_thread": False}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        _configure_sqlite(engine, sqlite_busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3, not psycopg2
    if PREPARE_THRESHOLD in parsed.query:
        # through PgBouncer < 1.21 in transaction mode: ?prepare_threshold=none (docs/operations.md)
        parsed, threshold = _prepare_threshold(parsed)
        kwargs["connect_args"] = {**dict(kwargs.get("connect_args") or {}), "prepare_threshold": threshold}  # type: ignore[arg-type]
    # a dead connection is noticed on checkout without a round trip (app.store.liveness)
    kwargs.setdefault("pool_pre_ping", False)
    engine = create_engine(parsed, **kwargs)
    if not kwargs["pool_pre_ping"]:
        check_on_checkout(engine)
    return engine


def _prepare_threshold(url: URL) -> tuple[URL, int | None]:
    """The URL without ?prepare_threshold=..., and psycopg's prepare_threshold it asks for:
    `none` never prepares on the server (what PgBouncer < 1.21 in transaction mode needs), a
    number prepares a statement on its n-th use (psycopg's default is 5)."""
    value = str(parsed_value := url.query[PREPARE_THRESHOLD]).strip().lower()
    rest = url.difference_update_query([PREPARE_THRESHOLD])
    if value in ("none", "off", ""):
        return rest, None
    if value.isdigit():
        return rest, int(value)
    raise PackdeskError(phrase("The database URL's %(option)s=%(value)s is neither 'none' nor a whole number; use "
                               "prepare_threshold=none behind PgBouncer in transaction mode.",
                               option=PREPARE_THRESHOLD, value=repr(parsed_value)))


def _configure_sqlite(engine: Engine, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # A write transaction takes the write lock up front, so it can never fail half-way
        # with "database is locked" after it has read; reads stay concurrent under WAL.
        # (straight to the driver, as the store's hot statements: app/store/station_statements.py)
        send_sql(conn, "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE", ())
