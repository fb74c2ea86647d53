"""The packing station's scan path: PackingService.record_scan (decide, record, commit) against
a bare sqlite3 baseline that looks the barcode up by index, updates the line and inserts the
scan in one committed transaction, both on a WAL, synchronous=FULL SQLite file."""
from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from app.store import migrate
from app.store.models import Order, OrderLine, Product, ProductBarcode, User
from app.store.session import Database
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan

EAN = "4006381333931"
GOAL_P99_MS = 10.0


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _setup(path: Path, units: int) -> Database:
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    with db.write() as session:
        mug = Product(sku="MUG-BLUE-350", name="Blue mug 350 ml", weight_g=350)
        mug.barcodes = [ProductBarcode(code=EAN)]
        session.add_all([mug, User(username="pat", display_name="Pat", role="packer", badge_code="B-PAT")])
        session.flush()
        order = Order(number="PD-BENCH", status="picked", subtotal=Decimal("0"))
        order.lines.append(OrderLine(line_no=1, product=mug, sku=mug.sku, name=mug.name, quantity=units))
        session.add(order)
    return db


def _ours(path: Path, scans: int) -> list[float]:
    db = _setup(path, scans + 10)
    station = PackingService(db, "PACK-BENCH", PackingSettings(station_code="PACK-BENCH"))
    pat = station.login("B-PAT")
    station.start_pack(pat, "PD-BENCH")
    for _ in range(5):  # warm-up: statement caches, connection pool
        station.record_scan("PD-BENCH", pat, Scan(EAN))
    out = []
    for _ in range(scans):
        t0 = time.perf_counter()
        result = station.record_scan("PD-BENCH", pat, Scan(EAN))
        out.append((time.perf_counter() - t0) * 1000)
        assert result.outcome.value == "accepted"
    db.close()
    return out


def _reference(path: Path, scans: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript("CREATE TABLE bc (code TEXT PRIMARY KEY, line INTEGER);"
                       "CREATE TABLE line (id INTEGER PRIMARY KEY, qty INTEGER, packed INTEGER);"
                       "CREATE TABLE scan (id INTEGER PRIMARY KEY, at REAL, data TEXT, line INTEGER);")
    conn.execute("INSERT INTO line VALUES (1, ?, 0)", (scans + 10,))
    conn.execute("INSERT INTO bc VALUES (?, 1)", (EAN,))
    out = []
    for _ in range(scans + 5):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        (line,) = conn.execute("SELECT line FROM bc WHERE code = ?", (EAN,)).fetchone()
        conn.execute("UPDATE line SET packed = packed + 1 WHERE id = ? AND packed < qty", (line,))
        conn.execute("INSERT INTO scan (at, data, line) VALUES (?, ?, ?)", (time.time(), EAN, line))
        conn.execute("COMMIT")
        out.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return out[5:]


def run(quick: bool) -> Iterable[dict]:
    """record_scan latency (ms) against the bare sqlite3 baseline, p50, p95 and p99."""
    scans = 200 if quick else 2000
    with tempfile.TemporaryDirectory() as tmp:
        ours = _ours(Path(tmp) / "ours.sqlite3", scans)
        ref = _reference(Path(tmp) / "ref.sqlite3", scans)
    for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        o, r = _pct(ours, q), _pct(ref, q)
        yield {"name": f"record_scan {name}", "ours": round(o, 3), "reference": round(r, 3),
               "ratio": round(o / r, 2), "unit": "ms", "scans": scans, "median_ours": round(statistics.median(ours), 3),
               "goal": f"p99 <= {GOAL_P99_MS} ms and <= 3x bare sqlite3"}
