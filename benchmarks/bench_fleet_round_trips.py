"""One station's steps, ours beside the raw-driver reference (issue 17): `python -m benchmarks
fleet_round_trips [--quick]`. The station cycle of benchmarks/bench_fleet.py (claim, three
scans, close, confirm) on one connection straight to PostgreSQL, ours' and the reference's
steps interleaved (who goes first alternating); per step: round trips (the messages after which
the client waits for the server - Query, Sync - read from libpq's own protocol trace, so the
ORM's pings, BEGINs and COMMITs count too) and the median time of the step."""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from benchmarks import bench_fleet as fleet


class Trace:
    """libpq's trace of one connection, read and emptied after each step."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile("w+")

    def attach(self, pgconn: Any) -> None:
        pgconn.trace(self.file.fileno())

    def round_trips(self) -> int:
        self.file.flush()
        self.file.seek(0)
        lines = [line.split("\t") for line in self.file.read().splitlines()]
        self.file.seek(0)
        self.file.truncate()
        return sum(1 for f in lines if len(f) > 3 and f[1] == "F" and f[3] in ("Query", "Sync"))


def run(quick: bool) -> Iterable[dict[str, Any]]:
    from sqlalchemy import event

    server = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not server:
        yield {"name": "fleet_round_trips", "skipped": "set PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL)"}
        return
    orders = 30 if quick else 200
    url, drop = fleet._database(server, 2 * orders + 10)
    try:
        traces = {"ours": Trace(), "reference": Trace()}
        ours = fleet.Ours(url)
        event.listen(ours.db.engine, "connect", lambda dbapi, _record: traces["ours"].attach(dbapi.pgconn))
        reference = fleet.Reference(url)
        traces["reference"].attach(reference.conn.pgconn)
        sides = {"ours": ours, "reference": reference}
        stations = {name: fleet.Station(f"ST-RT-{name}") for name in sides}
        trips: dict[tuple[str, str], list[int]] = defaultdict(list)
        times: dict[tuple[str, str], list[float]] = defaultdict(list)
        for i in range(orders * len(fleet.KINDS)):
            for name in (("ours", "reference") if i % 2 == 0 else ("reference", "ours")):
                station = stations[name]
                kind = fleet.KINDS[station.step]
                traces[name].round_trips()
                started = time.perf_counter()
                if not sides[name].step(kind, station):
                    raise RuntimeError(f"{name}: no order to claim")
                times[(name, kind)].append((time.perf_counter() - started) * 1000)
                trips[(name, kind)].append(traces[name].round_trips())
                station.step = (station.step + 1) % len(fleet.KINDS)
        ours.close()
        reference.close()
    finally:
        drop()
    for kind in dict.fromkeys(fleet.KINDS):
        ms = {name: round(statistics.median(times[(name, kind)]), 2) for name in sides}
        yield {"name": f"fleet_round_trips.{kind}", "unit": "ms (median of the step)", "orders": orders,
               "ours": ms["ours"], "reference": ms["reference"], "ratio": round(ms["ours"] / ms["reference"], 2),
               "round_trips": {name: statistics.median(trips[(name, kind)]) for name in sides}}
