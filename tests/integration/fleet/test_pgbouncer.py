"""Issue 17: stations through PgBouncer (the Debian package) in transaction mode, started by
the test on a free port in front of the local PostgreSQL. psycopg prepares a statement on the
server after 5 uses; behind a transaction-mode PgBouncer older than 1.21 the next transaction
may land on another server connection that never saw it. `?prepare_threshold=none` on the
database URL (app/store/engine.py) turns that off, and stations pack through the pooler."""
from __future__ import annotations

import threading
from collections import Counter

import psycopg
import pytest
from sqlalchemy import make_url

from app.orders.claims import claim_next, release
from app.store.models import utcnow
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry
from tests.support.fleet_data import seed_picked_orders
from tests.support.servers import pgbouncer, pgbouncer_version, through

pytestmark = pytest.mark.postgres


def _kw(url: str) -> dict[str, object]:
    u = make_url(url)
    return dict(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True)


def _one_server_connection_taken_away(url: str, prepare_threshold: int | None) -> None:
    """Client A uses a statement 6 times (psycopg prepares it on server connection S1), client B
    then holds S1 in a transaction, and A runs the statement again: on S2."""
    with psycopg.connect(**_kw(url), prepare_threshold=prepare_threshold) as a, \
            psycopg.connect(**_kw(url)) as b:
        for _ in range(6):
            assert a.execute("SELECT count(*) FROM orders WHERE status = %s", ("picked",)).fetchone() is not None
        b.autocommit = False
        b.execute("SELECT 1")  # B's transaction now holds the server connection A used
        try:
            a.execute("SELECT count(*) FROM orders WHERE status = %s", ("picked",)).fetchone()
        finally:
            b.rollback()


def test_psycopg_prepared_statements_break_through_transaction_pooling_unless_turned_off(
        postgres_server_url: str) -> None:
    if pgbouncer_version() >= (1, 21):
        pytest.skip("PgBouncer >= 1.21 tracks prepared statements itself (max_prepared_statements)")
    with pgbouncer(postgres_server_url, ["postgres"], pool_size=2) as port:
        url = through(postgres_server_url, port)
        with pytest.raises(psycopg.errors.InvalidSqlStatementName):  # "prepared statement _pg3_0 does not exist"
            _one_server_connection_taken_away(url, prepare_threshold=5)
        _one_server_connection_taken_away(url, prepare_threshold=None)


def test_eight_stations_pack_every_order_once_through_pgbouncer_with_two_server_connections(
        db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("PgBouncer is PostgreSQL's")
    with psycopg.connect(**_kw(db.url)) as conn:
        seed_picked_orders(conn, 120)
    packed: list[str] = []
    errors: list[BaseException] = []

    def station(code: str, url: str) -> None:
        try:
            with Database(url, pool_size=1) as database:
                while (claim := claim_next(SqlUnitOfWork(database), code, "ann", lease_seconds=600)) is not None:
                    for _ in range(3):
                        with SqlUnitOfWork(database) as uow:
                            uow.scans.add(ScanEntry(utcnow(), code, "ann", claim.order_id, "05012345000017",
                                                    "accepted", quantity=1))
                            uow.commit()
                    release(SqlUnitOfWork(database), claim.number, code, "packed", user="ann", reason="done")
                    packed.append(claim.number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    with pgbouncer(db.url, ["postgres"], pool_size=2) as port:
        url = through(db.url, port, prepare_threshold="none")
        threads = [threading.Thread(target=station, args=(f"ST-{i}", url)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
    assert not errors, errors
    assert len(packed) == 120 and Counter(packed).most_common(1)[0][1] == 1  # none claimed twice
    with psycopg.connect(**_kw(db.url)) as conn:
        assert conn.execute("SELECT count(*) FROM orders WHERE status = 'packed'").fetchone()[0] == 120
        assert conn.execute("SELECT count(*) FROM scans").fetchone()[0] == 360
