"""1,000 simulated stations through PgBouncer (issue 17): `python -m benchmarks fleet [--quick]`.

Each station packs orders in a cycle: claim, three scans, close the parcel (parcel + pending
label), confirm the label (label printed, parcel confirmed, order packed), with a packer's think
time between steps: 30 orders an hour (a packer does 18-40), so 20 s on average between steps
(uniform 10-30 s). The stations are multiplexed: WORKERS threads in PROCESSES processes, each thread with its share of the
stations in a heap by next due time, each with one connection through PgBouncer (transaction
mode, SERVER_CONNECTIONS to PostgreSQL). A step's latency runs from when it was due to when its
transaction committed, so a fleet that cannot keep up shows it (queueing counts).

Ours and the reference run side by side, each with its own scratch database behind one
PgBouncer, and take turns: at each step (1x = a packer's pace, then 1.41x, 2x, 2.83x, ... time
compressed by sqrt(2) a step) ours and the reference run a turn of the same length back to
back, `repeats` times, who goes first alternating, so both meet the same load of whatever else
runs on the machine; the other side's stations wait meanwhile (their think time kept). Each
step reports per side the median over the turns of orders/s, p50 and p99 of claims and scans.
A side drops out after the first step whose median p99 (claims or scans) passes 50 ms; its
headroom is the highest compression below that (the offered rate served in time, as a multiple
of the fleet's human demand, 1,000 x 30 / 3,600 = 8.3 orders/s). Ours: Packdesk's code
(claim_next, the unit of work's scans, parcels and labels, release_in). Reference: the same
statements through the raw psycopg driver (the audit append included: a claim and a pack are
a person's status changes, issue 16; the label and parcel read before they are saved, as ours
reads them). Both backlogs are topped up after each turn, so both claims sort the same queue.
Double claims (an order moved to packing twice) and lost scans (acknowledged, not in the table)
are counted in the database at the end.

Needs PACKDESK_BENCH_POSTGRES_URL or PACKDESK_TEST_POSTGRES_URL and the pgbouncer binary; a
scratch database is created and dropped. On this 2-core machine the stations' Python, PgBouncer
and PostgreSQL share the cores: the headroom is the whole stack's on one small box.
"""
from __future__ import annotations

import heapq
import logging
import os
import random
import statistics
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

log = logging.getLogger(__name__)

STATIONS = 1_000
ORDERS_PER_HOUR = 30
STEPS_PER_ORDER = 6  # claim, 3 scans, close, confirm
MEAN_GAP_S = 3600 / ORDERS_PER_HOUR / STEPS_PER_ORDER  # 20 s of think time before each step
WORKERS = 16
WARM_UP_S = 40.0  # per side, not counted: cold processes, and the stations' cycles spread out
# 40 s at 2x is two thirds of an order's cycle (120 s): most steps under way, at a rate both
# sides keep up with (at 4x the slower side ended its warm-up behind and began its first turn
# with a burst of overdue steps)
WARM_UP_COMPRESSION = 2.0
PROCESSES = 4  # the workers spread over processes, as real stations are processes of their own
SERVER_CONNECTIONS = 8
P99_GOAL_MS = 50.0
GOAL = 0.6
STEP_FACTOR = 2 ** 0.5  # 1x, 1.41x, 2x, 2.83x, 4x ...: fine enough that a ratio of 0.6 can show
KINDS = ("claim", "scan", "scan", "scan", "close", "confirm")
SCAN = ("05012345000017", "accepted", 1)


@dataclass
class Station:
    code: str
    step: int = 0
    order_id: int | None = None
    number: str | None = None
    parcel_id: int | None = None
    label_id: int | None = None


@dataclass
class Tally:
    """What one run saw: latencies by (phase, kind), orders packed by phase, claims, scans."""

    latencies: dict[tuple[int, str], list[float]] = field(default_factory=lambda: defaultdict(list))
    packed: Counter[int] = field(default_factory=Counter)
    claimed: list[str] = field(default_factory=list)
    scans: int = 0
    idle: int = 0  # claims that found no order
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


# --- the two implementations of the station's steps --------------------------------------------


class Ours:
    """Packdesk's use cases and unit of work, one Database (one connection) per worker."""

    def __init__(self, url: str) -> None:
        from app.store.session import Database

        # one connection, kept between its units of work (app.store.session); the pool may open
        # a second only for something else, as a station's pool does (nothing else runs here)
        self.db = Database(url, pool_size=1, max_overflow=1)

    def close(self) -> None:
        self.db.close()

    def step(self, kind: str, s: Station) -> bool:
        from app.orders.claims import claim_next, release_in
        from app.store.models import utcnow
        from app.store.uow import SqlUnitOfWork
        from app.unit_of_work import LabelRecord, ParcelRecord, ScanEntry

        if kind == "claim":
            claim = claim_next(SqlUnitOfWork(self.db), s.code, "bench", lease_seconds=3600)
            if claim is None:
                return False
            s.order_id, s.number = claim.order_id, claim.number
            return True
        with SqlUnitOfWork(self.db) as uow:
            now = utcnow()
            if kind == "scan":
                uow.scans.add(ScanEntry(now, s.code, "bench", s.order_id, SCAN[0], SCAN[1], quantity=SCAN[2]))
            elif kind == "close":
                s.parcel_id = uow.parcels.add(ParcelRecord(0, s.order_id, 1, status="closed", opened_at=now,
                                                           closed_at=now, sscc=f"{s.order_id:018d}"))
                s.label_id = uow.labels.add(LabelRecord(0, s.parcel_id, 1, "zpl", created_at=now))
            else:  # confirm
                label = uow.labels.get(s.label_id)
                parcel = uow.parcels.get(s.parcel_id)
                assert label is not None and parcel is not None
                uow.labels.save(_replace(label, status="printed", printed_at=now, printer="tcp://bench"))
                uow.parcels.save(_replace(parcel, status="confirmed", confirmed_at=now))
                release_in(uow, s.number, s.code, "packed", user="bench", reason="pack confirmed")
            uow.commit()
        return True


def _replace(record: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(record, **changes)


PG_CLAIM = (
    "UPDATE orders SET status = 'packing', claimed_by_station = %s, claimed_by_user = %s, "
    "lease_expires_at = %s, version = orders.version + 1 FROM (SELECT id FROM orders "
    "WHERE status = 'picked' OR (status = 'packing' AND lease_expires_at < %s) "
    "ORDER BY priority DESC, sla_due_at ASC NULLS LAST, created_at, id LIMIT 1 "
    "FOR UPDATE SKIP LOCKED) AS c WHERE orders.id = c.id RETURNING orders.id, orders.number")
EVENT = ("INSERT INTO order_events (order_id, at, kind, from_status, to_status, station, username, detail) "
         "VALUES (%s, %s, 'StatusChanged', %s, %s, %s, 'bench', %s)")
SCAN_SQL = ("INSERT INTO scans (at, station, username, order_id, data, outcome, quantity) "
            "VALUES (%s, %s, 'bench', %s, %s, %s, %s)")
PARCEL = ("INSERT INTO parcels (order_id, seq, status, sscc, opened_at, closed_at) "
          "VALUES (%s, 1, 'closed', %s, %s, %s) RETURNING id")
LABEL = ("INSERT INTO labels (parcel_id, version, format, status, created_at) "
         "VALUES (%s, 1, 'zpl', 'pending', %s) RETURNING id")
# a person's status change (the claim, the pack) is audited as ours audits it: the station's own
# chain, its advisory lock and the last record (one call of migration 0018's function), the new
# record carrying its hash (docs/supervisors.md)
AUDIT_END = "SELECT seq, hash FROM packdesk_audit_chain_end(%s, %s)"
AUDIT_ADD = ("INSERT INTO audit_log (chain, seq, at, actor, action, subject, detail, prev_hash, hash) "
             "VALUES (%s, %s, %s, 'bench', 'StatusChanged', %s, %s, %s, %s)")
LABEL_ROW = "SELECT * FROM labels WHERE id = %s"
PARCEL_ROW = "SELECT * FROM parcels WHERE id = %s"
CONFIRM = ("UPDATE orders SET status = 'packed', claimed_by_station = NULL, claimed_by_user = NULL, "
           "lease_expires_at = NULL, version = version + 1 WHERE id = %s AND status = 'packing' "
           "AND claimed_by_station = %s RETURNING id")


class Reference:
    """The same statements through the raw psycopg driver, one connection per worker."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy import make_url

        u = make_url(url)
        self.conn = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database,
                                    prepare_threshold=None)

    def close(self) -> None:
        self.conn.close()

    def _audit(self, s: Station, now: datetime, previous: str, to: str, reason: str) -> None:
        from app.audit.chain import GENESIS, detail_text, record_hash
        from app.store.audit_log import APPEND_LOCK

        conn = self.conn
        last = conn.execute(AUDIT_END, (APPEND_LOCK, s.code)).fetchone()
        seq, prev = (last[0] + 1, last[1]) if last is not None and last[0] is not None else (1, GENESIS)
        detail = detail_text({"from": previous, "to": to, "station": s.code, "reason": reason})
        subject = f"order {s.number}"
        digest = record_hash(prev, seq, now, "bench", "StatusChanged", subject, detail, s.code)
        conn.execute(AUDIT_ADD, (s.code, seq, now, subject, detail, prev, digest))

    def step(self, kind: str, s: Station) -> bool:
        conn = self.conn
        now = datetime.now(timezone.utc)
        if kind == "claim":
            row = conn.execute(PG_CLAIM, (s.code, "bench", now + timedelta(hours=1), now)).fetchone()
            if row is None:
                conn.commit()
                return False
            s.order_id, s.number = row
            conn.execute(EVENT, (s.order_id, now, "picked", "packing", s.code, '{"reason": "claimed"}'))
            self._audit(s, now, "picked", "packing", "claimed")
        elif kind == "scan":
            conn.execute(SCAN_SQL, (now, s.code, s.order_id, *SCAN))
        elif kind == "close":
            s.parcel_id = conn.execute(PARCEL, (s.order_id, f"{s.order_id:018d}", now, now)).fetchone()[0]
            s.label_id = conn.execute(LABEL, (s.parcel_id, now)).fetchone()[0]
        else:  # the label and parcel read before they are saved, as ours reads them (their status checked)
            conn.execute(LABEL_ROW, (s.label_id,)).fetchone()
            conn.execute(PARCEL_ROW, (s.parcel_id,)).fetchone()
            conn.execute("UPDATE labels SET status = 'printed', printed_at = %s, printer = 'tcp://bench' "
                         "WHERE id = %s", (now, s.label_id))
            conn.execute("UPDATE parcels SET status = 'confirmed', confirmed_at = %s WHERE id = %s",
                         (now, s.parcel_id))
            if conn.execute(CONFIRM, (s.order_id, s.code)).fetchone() is None:
                raise RuntimeError(f"lost the lease of {s.number}")
            conn.execute(EVENT, (s.order_id, now, "packing", "packed", s.code, '{"reason": "pack confirmed"}'))
            self._audit(s, now, "packing", "packed", "pack confirmed")
        conn.commit()
        return True


# --- the fleet -----------------------------------------------------------------------------------


def _resume(heap: list[tuple[float, int]], paused_at: float, scheduled_at: float, clock: Any,
            rng: random.Random) -> list[tuple[float, int]]:
    """The stations' due times after a pause: each keeps the think time it had left, rescaled to
    the compression now in force (a station due in 20 s at 1x is due in 5 s at 4x), so that a
    turn offers its full rate from its first second. A step left overdue when the turn ended is
    due again within one think time: each turn starts without the previous one's backlog (a
    side that cannot keep up falls behind within the turn, where it is measured)."""
    now, scale, gap = time.monotonic(), scheduled_at / clock.compression, MEAN_GAP_S / clock.compression
    resumed = [(now + (d - paused_at) * scale if d > paused_at else now + rng.uniform(0, gap), i) for d, i in heap]
    heapq.heapify(resumed)
    return resumed


def _worker(make: Callable[[], Any], stations: list[Station], clock: Any, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    impl = make()
    try:
        now = time.monotonic()
        # stations start their first order anywhere in one order's time, so that claims come at
        # the steady rate (1,000 / 120 s) from the start rather than all at once
        cycle = MEAN_GAP_S * len(KINDS)
        scheduled_at = clock.compression
        heap = [(now + rng.uniform(0, cycle) / scheduled_at, i) for i in range(len(stations))]
        heapq.heapify(heap)
        while not clock.stop.is_set():
            if not clock.active:  # the other fleet's turn: this one's stations wait, unhurried
                paused_at = time.monotonic()
                while not clock.active and not clock.stop.is_set():
                    clock.stop.wait(0.02)
                heap = _resume(heap, paused_at, scheduled_at, clock, rng)
                scheduled_at = clock.compression
                continue
            due, i = heap[0]
            wait = due - time.monotonic()
            if wait > 0:
                clock.stop.wait(min(wait, 0.02))
                continue
            heapq.heappop(heap)
            s = stations[i]
            kind = KINDS[s.step]
            phase = clock.phase
            try:
                worked = impl.step(kind, s)
            except Exception as exc:  # noqa: BLE001 - counted, the station starts over
                with tally.lock:
                    tally.errors.append(f"{kind}: {exc}")
                s.step = 0
                heapq.heappush(heap, (time.monotonic() + 1.0, i))
                continue
            done = time.monotonic()
            with tally.lock:
                if worked:
                    tally.latencies[(phase, kind)].append(done - due)
                    if kind == "claim":
                        tally.claimed.append(s.number or "")
                    elif kind == "scan":
                        tally.scans += 1
                    elif kind == "confirm":
                        tally.packed[phase] += 1
                else:
                    tally.idle += 1
            s.step = (s.step + 1) % len(KINDS) if worked else 0
            gap = rng.uniform(0.5, 1.5) * MEAN_GAP_S / scheduled_at
            heapq.heappush(heap, (done + gap, i))
    finally:
        impl.close()


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 1)


class SharedClock:
    """The Clock of a station process: compression, segment and turn set by the parent."""

    def __init__(self, compression: Any, phase: Any, active: Any, stop: Any) -> None:
        self._compression, self._phase, self._active, self.stop = compression, phase, active, stop

    @property
    def compression(self) -> float:
        return float(self._compression.value)

    @property
    def phase(self) -> int:
        return int(self._phase.value)

    @property
    def active(self) -> bool:
        return bool(self._active.value)


def _drain(tally: Tally) -> dict[str, Any]:
    with tally.lock:
        report = {"latencies": dict(tally.latencies), "packed": dict(tally.packed), "claimed": tally.claimed,
                  "scans": tally.scans, "idle": tally.idle, "errors": tally.errors}
        tally.latencies, tally.packed, tally.claimed = defaultdict(list), Counter(), []
        tally.scans, tally.idle, tally.errors = 0, 0, []
    return report


def _station_process(name: str, url: str, codes: list[str], threads: int, compression: Any, phase: Any,
                     active: Any, stop: Any, out: Any, seed: int) -> None:
    """One process of stations (as real stations are processes: no GIL shared by them all)."""
    clock, tally = SharedClock(compression, phase, active, stop), Tally()
    kind = Ours if name == "ours" else Reference
    stations = [Station(c) for c in codes]
    workers = [threading.Thread(target=_worker, args=(lambda: kind(url), stations[w::threads], clock, tally,
                                                      seed * 100 + w), daemon=True) for w in range(threads)]
    for w in workers:
        w.start()
    while not stop.is_set():
        stop.wait(0.5)
        out.put((name, _drain(tally)))
    for w in workers:
        w.join(timeout=60)
    out.put((name, _drain(tally)))
    out.put((name, None))


def _merge(tally: Tally, report: dict[str, Any]) -> None:
    for key, values in report["latencies"].items():
        tally.latencies[key].extend(values)
    tally.packed.update(report["packed"])
    tally.claimed += report["claimed"]
    tally.scans += report["scans"]
    tally.idle += report["idle"]
    tally.errors += report["errors"]


@dataclass
class Plan:
    """How long each turn lasts and how often each step is repeated."""

    pace_s: float  # one turn at a packer's pace
    step_s: float  # one turn at a compressed step
    repeats: int  # turns per side and step, ours and the reference alternating
    max_steps: int  # 1x, 2x, 4x, ... at most
    backlog: int  # picked orders kept in each queue (topped up after every turn)


class Fleet:
    """One side's station processes, paused while the other side has its turn."""

    def __init__(self, ctx: Any, name: str, url: str, stations: int, out: Any, stop: Any) -> None:
        self.name, self.url = name, url
        self.compression, self.phase, self.active = ctx.Value("d", 1.0), ctx.Value("i", -1), ctx.Value("i", 0)
        codes = [f"ST-{i:04d}" for i in range(stations)]
        self.processes = [ctx.Process(target=_station_process,
                                      args=(name, url, codes[p::PROCESSES], WORKERS // PROCESSES, self.compression,
                                            self.phase, self.active, stop, out, p), daemon=True)
                          for p in range(PROCESSES)]
        self.tally = Tally()
        self.claimed_seen = 0
        for p in self.processes:
            p.start()


def _figure(tally: Tally, segment: int, compression: float, length: float, demand: float) -> dict[str, Any]:
    claims = list(tally.latencies.get((segment, "claim"), []))
    scans = list(tally.latencies.get((segment, "scan"), []))
    figure = {"compression": compression, "orders_per_s": round(len(claims) / length, 2),
              "demand_orders_per_s": round(demand * compression, 2), "packed": tally.packed[segment],
              "claims": len(claims), "claim_p50_ms": _percentile(claims, 0.5), "claim_p99_ms": _percentile(claims, 0.99),
              "scans": len(scans), "scan_p50_ms": _percentile(scans, 0.5), "scan_p99_ms": _percentile(scans, 0.99)}
    figure["worst_p99_ms"] = max(figure["claim_p99_ms"] or 0, figure["scan_p99_ms"] or 0)
    return figure


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 1) if present else None


def _step_medians(turns: list[dict[str, Any]]) -> dict[str, Any]:
    """One side's turns at one compression: the median of each figure over the repeats."""
    keys = ("orders_per_s", "claim_p50_ms", "claim_p99_ms", "scan_p50_ms", "scan_p99_ms", "worst_p99_ms")
    return {"compression": turns[0]["compression"], "repeats": len(turns),
            "demand_orders_per_s": turns[0]["demand_orders_per_s"],
            **{k: _median([t[k] for t in turns]) for k in keys},
            "worst_p99_ms_each": [t["worst_p99_ms"] for t in turns]}


def _fleets(urls: dict[str, str], stations: int, plan: Plan,
            top_up: Callable[[str, int], None]) -> tuple[dict[str, Fleet], list[dict[str, Any]]]:
    """Both sides' stations started at once; then, step by step (1x, 2x, 4x, ...), ours and the
    reference take turns of the same length at the same compression, back to back, `repeats`
    times (who goes first alternates), so both see the same load of the machine's other jobs.
    A side drops out after the step whose median p99 passed the goal; the run ends when both
    have. Returns the fleets and every turn's figures."""
    import multiprocessing
    import queue

    ctx = multiprocessing.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    fleets = {name: Fleet(ctx, name, url, stations, out, stop) for name, url in urls.items()}
    finished = 0

    def drain_until(deadline: float) -> None:
        nonlocal finished
        while time.monotonic() < deadline or deadline == float("inf"):
            try:
                name, report = out.get(timeout=max(0.02, min(0.2, deadline - time.monotonic())))
            except queue.Empty:
                continue
            if report is None:
                finished += 1
                if finished == PROCESSES * len(fleets):
                    return
                continue
            _merge(fleets[name].tally, report)

    def turn(fleet: Fleet, segment: int, compression: float, length: float) -> None:
        fleet.phase.value, fleet.compression.value = segment, compression
        fleet.active.value = 1
        drain_until(time.monotonic() + length)
        fleet.active.value = 0
        drain_until(time.monotonic() + 0.6)  # the steps in flight and the last reports
        fleet.phase.value = -1
        claimed = len(fleet.tally.claimed)
        top_up(fleet.name, claimed - fleet.claimed_seen)  # the queue as long as before the turn
        fleet.claimed_seen = claimed

    demand = stations * ORDERS_PER_HOUR / 3600
    for fleet in fleets.values():  # warm-up, not counted: imports, connections, first claims
        turn(fleet, -1, WARM_UP_COMPRESSION, WARM_UP_S)
    turns: list[dict[str, Any]] = []
    running, segment = list(fleets), 0
    for step in range(plan.max_steps):
        compression = round(STEP_FACTOR ** step, 2)
        length = plan.pace_s if compression == 1.0 else plan.step_s
        for repeat in range(plan.repeats):
            order = running if repeat % 2 == 0 else running[::-1]
            for name in order:
                turn(fleets[name], segment, compression, length)
                turns.append({"side": name, "repeat": repeat, "segment": segment,
                              **_figure(fleets[name].tally, segment, compression, length, demand)})
                segment += 1
        for name in list(running):
            mine = [t for t in turns if t["side"] == name and t["compression"] == compression]
            if (_step_medians(mine)["worst_p99_ms"] or 0) > P99_GOAL_MS or fleets[name].tally.idle:
                running.remove(name)
        if not running:
            break
    stop.set()
    drain_until(float("inf"))
    for fleet in fleets.values():
        for p in fleet.processes:
            p.join(timeout=60)
    return fleets, turns


def _headroom(steps: list[dict[str, Any]]) -> float:
    """The highest compression up to which every step's median p99 (claims and scans) kept
    <= 50 ms: the orders per second the fleet was offered and served in time, as a multiple
    of the human demand (0 when even a packer's pace failed)."""
    best = 0.0
    for step in sorted(steps, key=lambda s: s["compression"]):
        if (step["worst_p99_ms"] or 0) > P99_GOAL_MS:
            break
        best = step["compression"]
    return best


def _database(server: str, orders: int) -> tuple[str, Callable[[], None]]:
    import psycopg
    from sqlalchemy import make_url

    from app.store import migrate
    from app.store.session import Database
    from tests.support.fleet_data import seed_picked_orders

    base = make_url(server)
    admin = dict(host=base.host or "127.0.0.1", port=base.port or 5432, user=base.username or "postgres",
                 dbname="postgres", autocommit=True)
    name = f"packdesk_fleet_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    with Database(url) as db:
        migrate.upgrade(db)
    with psycopg.connect(**{**admin, "dbname": name}) as conn:
        seed_picked_orders(conn, orders)

    def drop() -> None:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return url, drop


def _integrity(url: str, tally: Tally) -> dict[str, int]:
    import psycopg
    from sqlalchemy import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
        double = conn.execute("SELECT count(*) FROM (SELECT order_id FROM order_events WHERE to_status = 'packing' "
                              "GROUP BY order_id HAVING count(*) > 1) AS d").fetchone()[0]
        stored = conn.execute("SELECT count(*) FROM scans").fetchone()[0]
    return {"double_claims": int(double) + sum(n - 1 for n in Counter(tally.claimed).values() if n > 1),
            "lost_scans": max(0, tally.scans - int(stored)), "errors": len(tally.errors)}


def run(quick: bool) -> Iterable[dict[str, Any]]:
    import psycopg
    from sqlalchemy import make_url

    from tests.support.fleet_data import seed_picked_orders
    from tests.support.servers import pgbouncer, pgbouncer_version, through

    server = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not server:
        yield {"name": "fleet", "skipped": "set PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL)"}
        return
    # the queue: a backlog of picked orders that the claim sorts (as in a warehouse), kept at the
    # same length on both sides by topping it up after every turn
    plan = (Plan(pace_s=20.0, step_s=8.0, repeats=3, max_steps=11, backlog=3_000) if quick
            else Plan(pace_s=40.0, step_s=12.0, repeats=5, max_steps=13, backlog=10_000))
    started = time.time()
    load_before = os.getloadavg()
    databases = {name: _database(server, plan.backlog) for name in ("ours", "reference")}
    top_ups = Counter[str]()

    def top_up(name: str, n: int) -> None:
        if n <= 0:
            return
        u = make_url(databases[name][0])
        with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
            top_ups[name] += 1
            seed_picked_orders(conn, n, prefix=f"T{top_ups[name]}")

    try:
        with pgbouncer(server, ["postgres"], pool_size=SERVER_CONNECTIONS) as port:  # a pool per database
            pooled = {name: through(url, port, prepare_threshold="none") for name, (url, _) in databases.items()}
            fleets, turns = _fleets(pooled, STATIONS, plan, top_up)
        results: dict[str, dict[str, Any]] = {}
        for name, fleet in fleets.items():
            mine = [t for t in turns if t["side"] == name]
            steps = [_step_medians([t for t in mine if t["compression"] == c])
                     for c in sorted({t["compression"] for t in mine})]
            results[name] = {"steps": steps, "headroom": _headroom(steps),
                             **_integrity(databases[name][0], fleet.tally), "first_errors": fleet.tally.errors[:3]}
    finally:
        for _, drop in databases.values():
            drop()
    for turn in turns:
        yield {"name": f"fleet.{turn['side']}.turn", "stations": STATIONS, **turn}
    for name, result in results.items():
        for step in result["steps"]:
            yield {"name": f"fleet.{name}.step", "stations": STATIONS, "statistic": "median of the repeats", **step}
    ours, ref = results["ours"], results["reference"]
    pace_keys = ("claim_p50_ms", "claim_p99_ms", "scan_p50_ms", "scan_p99_ms")
    load = {"load_average_before": [round(x, 1) for x in load_before],
            "load_average_after": [round(x, 1) for x in os.getloadavg()],
            "minutes": round((time.time() - started) / 60, 1)}
    yield {"name": "fleet.packer_pace", "unit": "ms (medians of the repeats' p50 and p99)", "stations": STATIONS,
           "pgbouncer": ".".join(map(str, pgbouncer_version())), "repeats": plan.repeats,
           "ours": {k: ours["steps"][0][k] for k in pace_keys},
           "reference": {k: ref["steps"][0][k] for k in pace_keys},
           "ratio": None, "goal": f"p99 <= {P99_GOAL_MS:.0f} ms", **load}
    yield {"name": "fleet.headroom", "unit": "x human demand (the highest offered rate whose median p99 <= 50 ms)",
           "ours": ours["headroom"], "reference": ref["headroom"],
           "ratio": round(ours["headroom"] / ref["headroom"], 2) if ref["headroom"] else None, "goal": GOAL,
           "double_claims": [ours["double_claims"], ref["double_claims"]],
           "lost_scans": [ours["lost_scans"], ref["lost_scans"]], "errors": [ours["errors"], ref["errors"]],
           "first_errors": ours["first_errors"] + ref["first_errors"], **load}
