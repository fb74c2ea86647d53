"""Issue 17, failover: a primary and a streaming standby that the test starts on this machine
(initdb, pg_basebackup, a second cluster on a free port). The standby is synchronous
(synchronous_standby_names names it, synchronous_commit = on: a commit returns only once the
standby has flushed it), so nothing a station was told is stored can be lost when the primary
dies. Mid-shift the primary is stopped (immediate: as if killed) and the standby promoted; the
station reconnects through a multi-host URL with target_session_attrs=read-write and packs on.
Every acknowledged scan and pack is on the promoted standby; reports read from the standby."""
from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest

from app.errors import DatabaseUnavailable
from app.orders.claims import claim_next, release
from app.store import migrate
from app.store.models import utcnow
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry
from tests.support.fleet_data import seed_picked_orders
from tests.support.servers import Cluster

pytestmark = pytest.mark.postgres
T = TypeVar("T")


@pytest.fixture
def pair() -> Iterator[tuple[Cluster, Cluster]]:
    if not shutil.which("runuser") or not Path("/usr/lib/postgresql/15/bin/initdb").exists():
        pytest.skip("needs PostgreSQL 15's server binaries and runuser")
    root = Path(tempfile.mkdtemp(prefix="failover-"))
    shutil.chown(root, "postgres", "postgres")
    primary = Cluster.create(root, "primary", "-c synchronous_commit=on")
    started: list[Cluster] = []
    try:
        primary.start()
        started.append(primary)
        with psycopg.connect(host="127.0.0.1", port=primary.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute("CREATE DATABASE packdesk")
        with Database(primary.url("packdesk")) as db:
            migrate.upgrade(db)
        standby = primary.standby(root, "standby", "standby1", "-c synchronous_standby_names=")
        standby.start()
        started.append(standby)
        with psycopg.connect(host="127.0.0.1", port=primary.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:  # from now on a commit waits for the standby's flush
            conn.execute("ALTER SYSTEM SET synchronous_standby_names = 'standby1'")
            conn.execute("SELECT pg_reload_conf()")
            deadline = time.monotonic() + 30
            while conn.execute("SELECT sync_state FROM pg_stat_replication").fetchone() != ("sync",):
                assert time.monotonic() < deadline, "the standby never became synchronous"
                time.sleep(0.2)
        yield primary, standby
    finally:
        for cluster in started:
            try:
                cluster.stop("immediate")
            except Exception:  # noqa: BLE001 - already stopped (the primary, mid-shift)
                pass
        shutil.rmtree(root, ignore_errors=True)


def _until(what: Callable[[], T], timeout_s: float = 30.0) -> T:
    """`what()` again until the database answers (the station's retry after a failover)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return what()
        except DatabaseUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_primary_dies_mid_shift_the_standby_is_promoted_and_no_acknowledged_scan_is_lost(
        pair: tuple[Cluster, Cluster]) -> None:
    primary, standby = pair
    with psycopg.connect(host="127.0.0.1", port=primary.port, user="postgres", dbname="packdesk",
                         autocommit=True) as conn:
        assert conn.execute("SELECT sync_state FROM pg_stat_replication").fetchone() == ("sync",)
        seed_picked_orders(conn, 12)
    url = (f"postgresql+psycopg://postgres@/packdesk?host=127.0.0.1:{primary.port}&host=127.0.0.1:{standby.port}"
           "&target_session_attrs=read-write&connect_timeout=2")
    acknowledged: list[int] = []
    packed: list[str] = []

    def scan(db: Database, order_id: int) -> int:
        with SqlUnitOfWork(db) as uow:
            scan_id = uow.scans.add(ScanEntry(utcnow(), "ST-1", "ann", order_id, "05012345000017", "accepted",
                                              quantity=1))
            uow.commit()
        return scan_id

    def pack_one(db: Database) -> None:
        claim = _until(lambda: claim_next(SqlUnitOfWork(db), "ST-1", "ann", lease_seconds=600))
        assert claim is not None
        for _ in range(3):
            acknowledged.append(_until(lambda: scan(db, claim.order_id)))  # the beep comes after the commit
        _until(lambda: release(SqlUnitOfWork(db), claim.number, "ST-1", "packed", user="ann", reason="done"))
        packed.append(claim.number)

    with Database(url) as db:
        for _ in range(4):
            pack_one(db)
        # the board reads from the standby meanwhile
        with psycopg.connect(host="127.0.0.1", port=standby.port, user="postgres", dbname="packdesk") as board:
            assert board.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
            assert board.execute("SELECT count(*) FROM scans").fetchone()[0] >= 1
        primary.stop("immediate")  # the primary dies mid-shift
        standby.promote()
        for _ in range(4):
            pack_one(db)

    with psycopg.connect(host="127.0.0.1", port=standby.port, user="postgres", dbname="packdesk") as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone() == (False,)
        stored = {r[0] for r in conn.execute("SELECT id FROM scans")}
        assert set(acknowledged) <= stored and len(acknowledged) == 24
        statuses = dict(conn.execute("SELECT number, status FROM orders").fetchall())
        assert all(statuses[n] == "packed" for n in packed) and len(set(packed)) == 8
        doubles = conn.execute("SELECT count(*) FROM (SELECT order_id FROM order_events WHERE to_status = 'packing' "
                               "GROUP BY order_id HAVING count(*) > 1) AS d").fetchone()[0]
        assert doubles == 0
