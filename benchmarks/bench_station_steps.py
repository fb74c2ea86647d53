"""One station's steps, ours beside the raw-driver reference, in wall time AND in CPU time
(issue 17's headroom, measured where a shared 2-core box can measure it):
`python -m benchmarks station_steps [--quick]`.

The station cycle of benchmarks/bench_fleet.py - claim, three scans, close the parcel, confirm
the label - on one connection each straight to PostgreSQL (no PgBouncer: its CPU is the same for
both sides, they send the same statements), ours' and the reference's steps interleaved, who goes
first alternating, so both meet the same load of the machine's other jobs. Both sides bind their
parameters on the client (ours with ?prepare_threshold=none, as the fleet runs it behind
PgBouncer; the reference with psycopg's prepare_threshold=None).

Per step: the median wall time (time.perf_counter) and the median CPU time of the station's
process (time.process_time: its user and system time, whatever else runs), and their ratios;
per packed order (the six steps): the same, from each order's sums. The CPU time is what fixes
the headroom on a machine whose cores are busy: a station process that needs 2x the reference's
CPU per order serves half the orders per core, and it is far less noisy than a wall-clock p99
under load. The first orders warm up (not counted); during them the round trips of each step are
counted from libpq's protocol trace (bench_fleet_round_trips.Trace), which is then switched off.
"""
from __future__ import annotations

import os
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from benchmarks import bench_fleet as fleet
from benchmarks.bench_fleet_round_trips import Trace

GOAL_CPU_RATIO = round(1 / fleet.GOAL, 2)  # ours' CPU per order <= 1/0.6 of the reference's


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def _ratio(ours: float, reference: float) -> float | None:
    return round(ours / reference, 2) if reference else None


def run(quick: bool) -> Iterable[dict[str, Any]]:
    from sqlalchemy import event

    server = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not server:
        yield {"name": "station_steps", "skipped": "set PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL)"}
        return
    warm_up, orders = (5, 60) if quick else (20, 400)
    load_before = os.getloadavg()
    url, drop = fleet._database(server, 2 * (warm_up + orders) + 10)
    try:
        traces = {"ours": Trace(), "reference": Trace()}
        ours = fleet.Ours(f"{url}?prepare_threshold=none")
        tracing = [True]

        def traced(dbapi: Any, _record: Any) -> None:
            if tracing[0]:
                traces["ours"].attach(dbapi.pgconn)
        event.listen(ours.db.engine, "connect", traced)
        reference = fleet.Reference(url)
        traces["reference"].attach(reference.conn.pgconn)
        sides: dict[str, Any] = {"ours": ours, "reference": reference}
        stations = {name: fleet.Station(f"ST-STEPS-{name}") for name in sides}
        trips: dict[tuple[str, str], list[int]] = defaultdict(list)
        wall: dict[tuple[str, str], list[float]] = defaultdict(list)
        cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
        per_order: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in sides}
        sums = {name: [0.0, 0.0] for name in sides}
        for i in range((warm_up + orders) * len(fleet.KINDS)):
            counted = i >= warm_up * len(fleet.KINDS)
            if i == warm_up * len(fleet.KINDS):  # the trace's own writes off the measured steps
                tracing[0] = False
                ours.db.let_go()  # (a fresh connection, untraced)
                ours.db.engine.pool.dispose()
                reference.conn.pgconn.untrace()
            for name in (("ours", "reference") if i % 2 == 0 else ("reference", "ours")):
                station = stations[name]
                kind = fleet.KINDS[station.step]
                if not counted:
                    traces[name].round_trips()
                started, started_cpu = time.perf_counter(), time.process_time()
                if not sides[name].step(kind, station):
                    raise RuntimeError(f"{name}: no order to claim")
                spent_cpu, spent = time.process_time() - started_cpu, time.perf_counter() - started
                station.step = (station.step + 1) % len(fleet.KINDS)
                if not counted:
                    trips[(name, kind)].append(traces[name].round_trips())
                    continue
                wall[(name, kind)].append(spent * 1000)
                cpu[(name, kind)].append(spent_cpu * 1000)
                sums[name][0] += spent * 1000
                sums[name][1] += spent_cpu * 1000
                if station.step == 0:  # the order's confirm: one packed order
                    per_order[name]["wall"].append(sums[name][0])
                    per_order[name]["cpu"].append(sums[name][1])
                    sums[name] = [0.0, 0.0]
        ours.close()
        reference.close()
    finally:
        drop()
    load = {"load_average_before": [round(x, 1) for x in load_before],
            "load_average_after": [round(x, 1) for x in os.getloadavg()]}
    for kind in dict.fromkeys(fleet.KINDS):
        ms = {name: _median(wall[(name, kind)]) for name in sides}
        cpu_ms = {name: _median(cpu[(name, kind)]) for name in sides}
        yield {"name": f"station_steps.{kind}", "unit": "ms (median of the step: wall, and CPU of the process)",
               "orders": orders, "ours": ms["ours"], "reference": ms["reference"],
               "ratio": _ratio(ms["ours"], ms["reference"]),
               "cpu_ours": cpu_ms["ours"], "cpu_reference": cpu_ms["reference"],
               "cpu_ratio": _ratio(cpu_ms["ours"], cpu_ms["reference"]),
               "round_trips": {name: statistics.median(trips[(name, kind)]) for name in sides}, **load}
    ms = {name: _median(per_order[name]["wall"]) for name in sides}
    cpu_ms = {name: _median(per_order[name]["cpu"]) for name in sides}
    yield {"name": "station_steps.order", "unit": "ms per packed order (median of each order's six steps)",
           "orders": orders, "ours": ms["ours"], "reference": ms["reference"],
           "ratio": _ratio(ms["ours"], ms["reference"]),
           "cpu_ours": cpu_ms["ours"], "cpu_reference": cpu_ms["reference"],
           "cpu_ratio": _ratio(cpu_ms["ours"], cpu_ms["reference"]),
           "goal": f"cpu_ratio <= {GOAL_CPU_RATIO} (1/{fleet.GOAL}: the station's CPU per order)",
           "round_trips": {name: sum(statistics.median(trips[(name, kind)]) for kind in fleet.KINDS)
                           for name in sides}, **load}
