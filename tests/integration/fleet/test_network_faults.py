"""Issue 17, faults between a station and PostgreSQL, through a proxy on loopback that the test
controls: the network cut (every connection dropped, new ones refused) and stalled (bytes stop,
connections stay open). After each: no acknowledged scan lost or doubled, and while cut the
station gets one clear message (DatabaseUnavailable), not a traceback."""
from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy import make_url

from app.errors import DatabaseUnavailable
from app.orders.claims import claim_next
from app.store.models import utcnow
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry
from tests.support.fleet_data import seed_picked_orders
from tests.support.servers import LoopbackProxy, through

pytestmark = pytest.mark.postgres


def _scan(db: Database, order_id: int) -> int:
    with SqlUnitOfWork(db) as uow:
        scan_id = uow.scans.add(ScanEntry(utcnow(), "ST-1", "ann", order_id, "05012345000017", "accepted", quantity=1))
        uow.commit()
    return scan_id


def _stored(url: str) -> list[int]:
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM scans ORDER BY id")]


def test_a_cut_network_refuses_scans_with_a_clear_message_and_loses_none_acknowledged(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a network is PostgreSQL's")
    u = make_url(db.url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True) as conn:
        seed_picked_orders(conn, 1)
    proxy = LoopbackProxy(u.port or 5432)
    acknowledged: list[int] = []
    refused: list[str] = []
    try:
        with Database(through(db.url, proxy.port, connect_timeout="2")) as station:
            claim = claim_next(SqlUnitOfWork(station), "ST-1", "ann")
            assert claim is not None
            for i in range(12):
                if i == 4:
                    proxy.cut()
                if i == 8:
                    proxy.restore()
                try:
                    acknowledged.append(_scan(station, claim.order_id))
                except DatabaseUnavailable as exc:
                    refused.append(str(exc))
    finally:
        proxy.close()
    assert len(refused) == 4 and len(acknowledged) == 8
    assert all("cannot be reached" in m and "Check that the server is running" in m for m in refused), refused
    assert _stored(db.url) == sorted(acknowledged)  # every acknowledged scan, nothing else


def test_a_stalled_network_holds_the_scan_until_it_flows_again_and_stores_it_once(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a network is PostgreSQL's")
    u = make_url(db.url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database, autocommit=True) as conn:
        seed_picked_orders(conn, 1)
    proxy = LoopbackProxy(u.port or 5432)
    try:
        with Database(through(db.url, proxy.port)) as station:
            claim = claim_next(SqlUnitOfWork(station), "ST-1", "ann")
            assert claim is not None
            first = _scan(station, claim.order_id)
            proxy.stall()
            result: list[int] = []
            worker = threading.Thread(target=lambda: result.append(_scan(station, claim.order_id)))
            worker.start()
            time.sleep(1.5)
            assert worker.is_alive() and not result  # not acknowledged while the network stalls
            proxy.restore()
            worker.join(timeout=30)
            assert len(result) == 1
    finally:
        proxy.close()
    assert _stored(db.url) == [first, result[0]]
