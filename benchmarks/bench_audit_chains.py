"""The audit log's lock under many stations' claims (issue 16/17): `python -m benchmarks audit_chains`.

Every claim and every packed order is a person's status change, so it is appended to the
hash-chained audit log under a transaction-scoped advisory lock. With ONE chain every station
queues on that one lock until the holder commits; with a chain per station (migration 0015,
docs/supervisors.md) a station only ever waits for itself. Both variants run Packdesk's own
code (claim_next, release_in to packed, the audit append) in PROCESSES station processes, each
claiming and packing as fast as it can, directly on PostgreSQL. "One chain" is the same code
with every record sent to the office's chain "" (as before 0015: one lock key). The runs
alternate (one chain, per station, one chain, ...) so the shared machine's load falls on both;
the figures are medians over the runs and the ratio of the medians. `audit verify` must pass
after each run.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import statistics
import time
from collections.abc import Iterable
from typing import Any

log = logging.getLogger(__name__)

PROCESSES = 8


def _stations(url: str, station: str, one_chain: bool, seconds: float, ready: Any, go: Any, out: Any) -> None:
    from app.orders.claims import claim_next, release_in
    from app.store.audit_log import SqlAuditLog
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork

    if one_chain:  # every record into the office's chain: one lock for every station, as before 0015
        append = SqlAuditLog.append
        SqlAuditLog.append = lambda self, *a, chain="", **k: append(self, *a, chain="", **k)  # type: ignore[method-assign]
    db = Database(url, pool_size=1, max_overflow=0)
    with db.read() as session:  # connected before the clock starts
        session.connection()
    latencies: list[float] = []
    ready.put(station)
    go.wait()
    end = time.time() + seconds
    while time.time() < end:
        t = time.perf_counter()
        claim = claim_next(SqlUnitOfWork(db), station, "bench", lease_seconds=3600)
        if claim is None:
            break
        with SqlUnitOfWork(db) as uow:
            release_in(uow, claim.number, station, "packed", user="bench", reason="pack confirmed")
            uow.commit()
        latencies.append(time.perf_counter() - t)
    db.close()
    out.put(latencies)


def _run(url: str, one_chain: bool, seconds: float) -> dict[str, float]:
    ctx = multiprocessing.get_context("spawn")
    out, ready, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_stations, args=(url, f"ST-{i:02d}", one_chain, seconds, ready, go, out))
             for i in range(PROCESSES)]
    for p in procs:
        p.start()
    for _ in procs:  # every process imported and connected before the clock starts
        ready.get(timeout=180)
    go.set()
    every: list[float] = []
    for _ in procs:
        every += out.get(timeout=seconds + 120)
    for p in procs:
        p.join(timeout=30)
    every.sort()
    return {"orders_per_s": len(every) / seconds,
            "p50_ms": every[len(every) // 2] * 1000 if every else 0.0,
            "p99_ms": every[min(len(every) - 1, int(len(every) * 0.99))] * 1000 if every else 0.0}


def run(quick: bool) -> Iterable[dict[str, Any]]:
    from benchmarks.bench_fleet import _database
    from app.store.audit_log import verify_audit
    from app.store.session import Database

    server = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not server:
        yield {"name": "audit_chains", "skipped": "set PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL)"}
        return
    runs, seconds = (3, 6.0) if quick else (5, 15.0)
    figures: dict[str, list[dict[str, float]]] = {"one_chain": [], "per_station": []}
    url, drop = _database(server, 10_000 if quick else 30_000)
    try:
        for _ in range(runs):
            for name in ("one_chain", "per_station"):
                figures[name].append(_run(url, name == "one_chain", seconds))
                with Database(url) as db:
                    checked, broken = verify_audit(db)
                assert broken is None, f"audit verify after {name}: {broken}"
    finally:
        drop()

    def median(name: str, key: str) -> float:
        return round(statistics.median(f[key] for f in figures[name]), 1)

    for key, unit in (("orders_per_s", "claimed and packed orders/s"), ("p99_ms", "ms, claim + release")):
        ours, ref = median("per_station", key), median("one_chain", key)
        yield {"name": f"audit_chains.{key}", "unit": unit, "processes": PROCESSES, "runs": runs,
               "ours": ours, "reference": ref, "reference_is": "the same code with one audit chain (one lock)",
               "ratio": round(ours / ref, 2) if ref else None,
               "p50_ms": {"ours": median("per_station", "p50_ms"), "reference": median("one_chain", "p50_ms")},
               "audit_records_verified": checked}
