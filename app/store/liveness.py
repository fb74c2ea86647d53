"""Noticing a dead PostgreSQL connection before a scan is sent on it, without a round trip.

SQLAlchemy's `pool_pre_ping` sends a statement and waits for its answer on every checkout: one
round trip more on every transaction (a scan is BEGIN, INSERT, COMMIT: a fourth). A server that
closes a connection (restarted, failed over, PgBouncer restarted, the session terminated) sends
its goodbye - an error message, then the end of the stream - so the socket of a dead idle
connection is readable, while a live idle one has nothing to say. On checkout the socket is
asked, without waiting, whether anything is pending; only then is the connection pinged, and a
failed ping makes the pool replace it (DisconnectionError: the documented way for a checkout
handler to reject a connection), so the scan goes out on a fresh one. A notification or notice
pending on a live connection costs one ping, as before.
"""
from __future__ import annotations

import logging
import select
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DisconnectionError

log = logging.getLogger(__name__)


def has_news(dbapi_connection: Any) -> bool:
    """True when the connection is closed or the server has sent something unasked for."""
    if dbapi_connection.closed:
        return True
    try:
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def still_alive(connection: Connection) -> bool:
    """Whether a connection kept out of the pool between transactions (app.store.session) may
    carry the next one: the same check as on a checkout, for PostgreSQL; False lets it go."""
    if connection.dialect.name != "postgresql":
        return True
    dbapi_connection = connection.connection.driver_connection
    if not has_news(dbapi_connection):
        return True
    try:
        return bool(connection.dialect.do_ping(dbapi_connection))
    except connection.dialect.loaded_dbapi.Error as exc:
        log.info("a kept connection to %s is gone (%s); taking a fresh one", connection.engine.url.host, exc)
        connection.invalidate(exc)
        return False


def check_on_checkout(engine: Engine) -> None:
    """Rejects a pooled connection the server has closed; pings only when the socket has news."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkout")
    def _alive(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not has_news(dbapi_connection):
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            log.info("a pooled connection to %s is gone (%s); taking a fresh one", engine.url.host, exc)
            raise DisconnectionError(str(exc)) from exc
        if not alive:
            raise DisconnectionError("the server did not answer the ping")
