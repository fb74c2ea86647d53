"""Issue 17: a dead pooled connection is noticed before a scan is sent on it, and a live one
costs no round trip more than the scan's own (BEGIN, INSERT, COMMIT): no ping per transaction
(app.store.liveness, in place of SQLAlchemy's pool_pre_ping)."""
from __future__ import annotations

import tempfile
import time

import psycopg
import pytest
from sqlalchemy import event, make_url

from app.store.liveness import has_news
from app.store.models import utcnow
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry

pytestmark = pytest.mark.postgres


def _scan(db: Database) -> int:
    with SqlUnitOfWork(db) as uow:
        scan_id = uow.scans.add(ScanEntry(utcnow(), "ST-1", "ann", None, "05012345000017", "accepted", quantity=1))
        uow.commit()
    return scan_id


def _admin(url: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)


def _backend_pids(db: Database) -> set[int]:
    with _admin(db.url) as conn:
        return {r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid()")}


def test_a_connection_the_server_ended_is_replaced_before_the_scan_goes_out(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a PostgreSQL connection")
    _scan(db)  # the pool now holds one idle connection
    pids = _backend_pids(db)
    assert pids
    with _admin(db.url) as conn:
        for pid in pids:
            conn.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
    second = _scan(db)  # no DatabaseUnavailable: the dead connection was noticed on checkout
    with _admin(db.url) as conn:
        assert conn.execute("SELECT count(*) FROM scans WHERE id = %s", (second,)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM scans").fetchone()[0] == 2
    assert not (_backend_pids(db) & pids)


def test_a_live_idle_connection_has_no_news_and_an_ended_one_has(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a PostgreSQL connection")
    u = make_url(db.url)
    conn = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database)
    try:
        assert not has_news(conn)
        with _admin(db.url) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (conn.info.backend_pid,))
        for _ in range(50):  # the goodbye is on its way
            if has_news(conn):
                break
            time.sleep(0.02)
        assert has_news(conn)
    finally:
        conn.close()
    assert has_news(conn)  # closed


def test_a_scan_on_a_live_connection_sends_no_ping(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a PostgreSQL connection")
    trace = tempfile.TemporaryFile("w+")

    @event.listens_for(db.engine, "connect")
    def _traced(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.pgconn.trace(trace.fileno())

    _scan(db)  # connects
    trace.seek(0)
    trace.truncate()
    _scan(db)  # a pooled, live connection
    trace.flush()
    trace.seek(0)
    sent = [line.split("\t")[3:5] for line in trace.read().splitlines() if line.split("\t")[1:2] == ["F"]]
    queries = [words[1].strip() for words in sent if words[0] == "Query"]
    assert queries == ['"BEGIN"', '"COMMIT"'], sent  # the INSERT goes as Parse/Bind/Execute
    assert sum(1 for words in sent if words[0] in ("Query", "Sync")) == 3  # three round trips, no fourth
