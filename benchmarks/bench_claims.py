"""Claim -> record 3 scans -> confirm, for 2,000 orders, by 1 and 8 station processes.

Ours: app.orders.claims.claim_next, three scans through the unit of work, and
app.orders.claims.release to packed, each in its own unit of work, on a Database per process. Reference: the same three
transactions written directly against the driver (sqlite3; psycopg on PostgreSQL) in the
shortest form a careful person would write: on SQLite one `UPDATE ... WHERE id = (SELECT
... LIMIT 1) RETURNING`, on PostgreSQL one `UPDATE ... FROM (SELECT ... FOR UPDATE SKIP
LOCKED) RETURNING`, each followed by the event row. Both write the same rows (order status,
lease, version, StatusChanged events, scans). Throughput is orders per second of wall time
from the moment every process is connected and ready; each figure is the median of the runs,
and the ratio the median of paired runs' ratios.
PostgreSQL runs when PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL) names a
server; a scratch database is created and dropped.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

GOAL = 0.6
SCAN = ("05012345000017", "accepted", 1)
TS = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps timestamps in SQLite


# --- the two implementations, one station process each ------------------------------------


def ours(url: str, station: str, barrier: Any) -> tuple[float, float, list[str]]:
    """Packdesk's own code: claim_next, the scans through the unit of work, release to packed."""
    from app.orders.claims import claim_next, release
    from app.store.models import utcnow
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork
    from app.unit_of_work import ScanEntry

    numbers: list[str] = []
    with Database(url) as db:
        with SqlUnitOfWork(db):
            pass  # connect before the clock starts
        barrier.wait()
        start = time.perf_counter()
        while (claim := claim_next(SqlUnitOfWork(db), station, "bench", lease_seconds=600)) is not None:
            with SqlUnitOfWork(db) as uow:
                for _ in range(3):
                    uow.scans.add(ScanEntry(utcnow(), station, "bench", claim.order_id, SCAN[0], SCAN[1],
                                            quantity=SCAN[2]))
                uow.commit()
            release(SqlUnitOfWork(db), claim.number, station, "packed", user="bench", reason="pack confirmed")
            numbers.append(claim.number)
        end = time.perf_counter()
    return start, end, numbers


SQLITE_CLAIM = (
    "UPDATE orders SET status = 'packing', claimed_by_station = ?, claimed_by_user = ?, "
    "lease_expires_at = ?, version = version + 1 WHERE id = (SELECT id FROM orders "
    "WHERE status = 'picked' OR (status = 'packing' AND lease_expires_at < ?) "
    "ORDER BY priority DESC, sla_due_at IS NULL, sla_due_at, created_at, id LIMIT 1) "
    "RETURNING id, number, version"
)
PG_CLAIM = (
    "UPDATE orders SET status = 'packing', claimed_by_station = %s, claimed_by_user = %s, "
    "lease_expires_at = %s, version = orders.version + 1 FROM (SELECT id FROM orders "
    "WHERE status = 'picked' OR (status = 'packing' AND lease_expires_at < %s) "
    "ORDER BY priority DESC, sla_due_at ASC NULLS LAST, created_at, id LIMIT 1 "
    "FOR UPDATE SKIP LOCKED) AS c WHERE orders.id = c.id RETURNING orders.id, orders.number, orders.version"
)
EVENT = ("INSERT INTO order_events (order_id, at, kind, from_status, to_status, station, username, "
         "detail) VALUES ({p}, {p}, 'StatusChanged', {p}, {p}, {p}, {p}, {p})")
SCAN_SQL = ("INSERT INTO scans (at, station, username, order_id, data, outcome, quantity) "
            "VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})")
CONFIRM = ("UPDATE orders SET status = 'packed', claimed_by_station = NULL, claimed_by_user = NULL, "
           "lease_expires_at = NULL, version = version + 1 WHERE id = {p} AND status = 'packing' "
           "AND claimed_by_station = {p} RETURNING version")


def reference(url: str, station: str, barrier: Any) -> tuple[float, float, list[str]]:
    """The same work through the raw driver."""
    if url.startswith("sqlite"):
        return _reference_sqlite(url.split("///", 1)[1], station, barrier)
    return _reference_postgres(url, station, barrier)


def _reference_sqlite(path: str, station: str, barrier: Any) -> tuple[float, float, list[str]]:
    conn = sqlite3.connect(path, isolation_level=None, timeout=15)
    for pragma in ("busy_timeout = 15000", "foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    event, scan, confirm = (s.format(p="?") for s in (EVENT, SCAN_SQL, CONFIRM))
    numbers: list[str] = []
    barrier.wait()
    start = time.perf_counter()
    while True:
        now = datetime.now(timezone.utc)
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute(SQLITE_CLAIM, (station, "bench", (now + timedelta(seconds=600)).strftime(TS),
                                          now.strftime(TS))).fetchone()
        if row is None:
            conn.execute("COMMIT")
            break
        order_id, number, _version = row
        conn.execute(event, (order_id, now.strftime(TS), "picked", "packing", station, "bench",
                             '{"reason": "claimed"}'))
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        at = datetime.now(timezone.utc).strftime(TS)
        conn.executemany(scan, [(at, station, "bench", order_id, *SCAN)] * 3)
        conn.execute("COMMIT")
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute(confirm, (order_id, station)).fetchone() is None:
            raise RuntimeError(f"lost {number}")
        conn.execute(event, (order_id, datetime.now(timezone.utc).strftime(TS), "packing", "packed",
                             station, "bench", '{"reason": "pack confirmed"}'))
        conn.execute("COMMIT")
        numbers.append(number)
    end = time.perf_counter()
    conn.close()
    return start, end, numbers


def _reference_postgres(url: str, station: str, barrier: Any) -> tuple[float, float, list[str]]:
    import psycopg
    from sqlalchemy import make_url

    u = make_url(url)
    conn = psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                           password=u.password or None)
    event, scan, confirm = (s.format(p="%s") for s in (EVENT, SCAN_SQL, CONFIRM))
    numbers: list[str] = []
    barrier.wait()
    start = time.perf_counter()
    while True:
        now = datetime.now(timezone.utc)
        row = conn.execute(PG_CLAIM, (station, "bench", now + timedelta(seconds=600), now)).fetchone()
        if row is None:
            conn.commit()
            break
        order_id, number, _version = row
        conn.execute(event, (order_id, now, "picked", "packing", station, "bench", '{"reason": "claimed"}'))
        conn.commit()
        at = datetime.now(timezone.utc)
        with conn.cursor() as cur:
            cur.executemany(scan, [(at, station, "bench", order_id, *SCAN)] * 3)
        conn.commit()
        if conn.execute(confirm, (order_id, station)).fetchone() is None:
            raise RuntimeError(f"lost {number}")
        conn.execute(event, (order_id, datetime.now(timezone.utc), "packing", "packed", station, "bench",
                             '{"reason": "pack confirmed"}'))
        conn.commit()
        numbers.append(number)
    end = time.perf_counter()
    conn.close()
    return start, end, numbers


# --- set-up and measurement ---------------------------------------------------------------


def _seed(url: str, orders: int) -> None:
    from sqlalchemy import insert, text

    from app.store.models import Order
    from app.store.session import Database

    base = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    if url.startswith("sqlite"):  # the event log is append-only: start from a fresh copy
        path = Path(url.split("///", 1)[1])
        for extra in ("-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        shutil.copy(path.with_name("template.sqlite3"), path)
    with Database(url) as db, db.engine.begin() as conn:
        if not db.is_sqlite:
            conn.execute(text("TRUNCATE orders, order_events, scans RESTART IDENTITY CASCADE"))
        conn.execute(insert(Order.__table__), [
            {"number": f"B-{i:05d}", "status": "picked", "priority": i % 3,
             "created_at": base + timedelta(seconds=i), "version": 1} for i in range(orders)])


def _run_once(fn: Any, url: str, orders: int, processes: int) -> tuple[float, int]:
    """(orders per second, orders claimed more than once)."""
    _seed(url, orders)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Manager().Barrier(processes)
    with ctx.Pool(processes) as pool:
        results = pool.starmap(fn, [(url, f"ST-{i:02d}", barrier) for i in range(processes)])
    elapsed = max(r[1] for r in results) - min(r[0] for r in results)
    claimed = Counter(n for r in results for n in r[2])
    if len(claimed) != orders:
        raise RuntimeError(f"{fn.__name__}: {len(claimed)} of {orders} orders were packed")
    return orders / elapsed, sum(1 for c in claimed.values() if c > 1)


@contextmanager
def _sqlite_url() -> Iterator[str]:
    from app.store import migrate
    from app.store.session import Database

    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    try:
        with Database(f"sqlite:///{folder / 'template.sqlite3'}") as db:
            migrate.upgrade(db)
        yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _postgres_url() -> Iterator[str | None]:
    base = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not base:
        yield None
        return
    import psycopg
    from sqlalchemy import make_url

    from app.store import migrate
    from app.store.session import Database

    u = make_url(base)
    admin = dict(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                 password=u.password or None, autocommit=True)
    name = f"packdesk_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(**admin, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        log.warning("PostgreSQL benchmark skipped: %s", exc)
        yield None
        return
    url = u.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    try:
        with Database(url) as db:
            migrate.upgrade(db)
        yield url
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(quick: bool) -> Iterable[dict[str, Any]]:
    """One figure per backend and number of station processes.

    The machine may be shared, so runs of ours and the reference alternate in pairs (which
    goes first alternates too) and `ratio` is the median of the pairs' ratios.
    """
    orders = 300 if quick else 2000
    repeats = 1 if quick else 5
    for backend, make_url in (("sqlite", _sqlite_url), ("postgresql", _postgres_url)):
        with make_url() as url:
            if url is None:
                continue
            for processes in (1, 8):
                ours_rates, ref_rates, ratios, doubles = [], [], [], 0
                for i in range(repeats):
                    pair = {}
                    for fn in ((ours, reference) if i % 2 == 0 else (reference, ours)):
                        rate, dup = _run_once(fn, url, orders, processes)
                        pair[fn.__name__] = rate
                        doubles += dup
                    ours_rates.append(pair["ours"])
                    ref_rates.append(pair["reference"])
                    ratios.append(pair["ours"] / pair["reference"])
                yield {
                    "name": f"claim_scan_confirm.{backend}.{processes}proc",
                    "ours": round(statistics.median(ours_rates), 1),
                    "reference": round(statistics.median(ref_rates), 1),
                    "ratio": round(statistics.median(ratios), 3),
                    "unit": "orders/s", "goal": GOAL, "orders": orders, "processes": processes,
                    "runs": repeats, "ours_runs": [round(x) for x in ours_rates],
                    "reference_runs": [round(x) for x in ref_rates],
                    "pair_ratios": [round(x, 2) for x in ratios],
                    "reference_impl": "sqlite3" if backend == "sqlite" else "psycopg",
                    "double_claims": doubles,
                }
