"""10,000 orders from a CSV file to pick lists: imported, validated, allocated and waved, on
SQLite and PostgreSQL, time per stage.

Ours: `app.imports.import_file` (which validates and allocates the file's orders in its own
transaction: the stages are timed by wrapping `pipeline.validate_in` and
`pipeline.allocate_in_turn` in this process, the import stage is the rest), then
`app.orders.waves.create(strategy="batch")`. Reference: the same writes through the raw driver
(sqlite3; psycopg on PostgreSQL), the shortest a careful person would write with batched
statements: the CSV read with csv, customers, addresses, orders, lines and OrderCaptured events
inserted; each order's address checked (country in a set, postcode pattern) and its SKUs known,
status and StatusChanged written; stock held bin by bin in walking order with the guarded
UPDATE, ledger rows, StockAllocated and StatusChanged; then pick lists of 10 orders with their
lines in walking order, totes, Waved and StatusChanged. Both leave the same rows (counted and
compared after each run). Each figure is the median of the runs, the ratio the median of the
paired runs' ratios (reference time / our time: 1.0 is as fast, the goal is >= 0.5).
PostgreSQL runs when PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL) names a server;
PACKDESK_BENCH_RUNS sets the number of paired runs (default 3; --quick: one run of 1,000 orders)."""
from __future__ import annotations

import csv

import json
import logging
import os
import re
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks.bench_claims import _postgres_url, _sqlite_url

log = logging.getLogger(__name__)

GOAL = 0.5
STAGES = ("import", "validate", "allocate", "wave")
PRODUCTS = 50
PER_LIST = 10
TS = "%Y-%m-%d %H:%M:%S.%f"
HEADER = ("order_number,priority,sla_due_at,email,financial_status,shipping_total,ship_name,ship_address1,"
          "ship_postcode,ship_city,ship_country,sku,quantity,carrier\n")
COUNTED = ("orders", "order_lines", "customers", "addresses", "stock_holds", "pick_lists", "pick_list_orders",
           "pick_lines")


def _files(folder: Path, orders: int) -> dict[str, Path]:
    """The catalogue, 100 bins in 5 aisles, plenty of stock in two bins a product, and the orders."""
    out = {}
    catalog = ["sku,name,length_mm,width_mm,height_mm,weight_g,price"]
    catalog += [f"SKU-{p:03d},Thing {p},100,80,60,200,5.00" for p in range(PRODUCTS)]
    locations = ["code,zone,walk_sequence"]
    locations += [f"{'ABCDE'[b // 20]}-{b % 20:02d}-1,{'ABCDE'[b // 20]},{b}" for b in range(100)]
    stock = ["sku,location,quantity"]
    for p in range(PRODUCTS):
        for b in (p % 100, (p * 7 + 3) % 100):
            stock.append(f"SKU-{p:03d},{'ABCDE'[b // 20]}-{b % 20:02d}-1,{orders * 2}")
    rows = [HEADER.rstrip("\n")]
    base = datetime(2026, 12, 7, 9, tzinfo=timezone.utc)
    for i in range(orders):
        sla = (base + timedelta(hours=i % 8)).isoformat()
        for line in range(1 + i % 2):
            sku = f"SKU-{(i * 3 + line * 11) % PRODUCTS:03d}"
            rows.append(f"B-{i:05d},{i % 3},{sla},c{i}@example.org,paid,4.90,Customer {i},Lagerstrasse {i},"
                        f"{20000 + i % 9000:05d},Hamburg,DE,{sku},{1 + line},{'dhl' if i % 2 else 'ups'}")
    for name, lines in (("catalog", catalog), ("locations", locations), ("stock", stock), ("orders", rows)):
        out[name] = folder / f"{name}.csv"
        out[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _fresh(url: str, files: dict[str, Path]) -> None:
    """An empty database with the catalogue, bins and stock (not timed)."""
    from sqlalchemy import text

    from app.imports import import_file
    from app.store.models import Base
    from app.store.session import Database

    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        for extra in ("", "-wal", "-shm"):
            Path(f"{path}{extra}").unlink(missing_ok=True)
        shutil.copy(path.with_name("template.sqlite3"), path)
    else:
        with Database(url) as db, db.engine.begin() as conn:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                              + " RESTART IDENTITY CASCADE"))
    with Database(url) as db:
        for kind in ("catalog", "locations", "stock"):
            import_file(db, kind, files[kind])


def _counts(url: str) -> dict[str, int]:
    from sqlalchemy import text

    from app.store.session import Database

    with Database(url) as db, db.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTED}
        counts["picking"] = conn.execute(text("SELECT count(*) FROM orders WHERE status = 'picking'")).scalar_one()
        counts["held_units"] = conn.execute(text("SELECT coalesce(sum(allocated), 0) FROM stock")).scalar_one()
    return counts


# --- ours -----------------------------------------------------------------------------------


def ours(url: str, files: dict[str, Path]) -> dict[str, float]:
    from app.imports import import_file
    from app.orders import pipeline, waves
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork

    spent = defaultdict(float)

    def timed(stage: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - start
        return wrapper

    validate_in, allocate_in_turn = pipeline.validate_in, pipeline.allocate_in_turn
    pipeline.validate_in = timed("validate", validate_in)  # type: ignore[assignment]
    pipeline.allocate_in_turn = timed("allocate", allocate_in_turn)  # type: ignore[assignment]
    try:
        with Database(url) as db:
            start = time.perf_counter()
            import_file(db, "orders", files["orders"])
            total = time.perf_counter() - start
            start = time.perf_counter()
            waves.create(SqlUnitOfWork(db), "batch", max_orders=PER_LIST, user="bench")
            spent["wave"] = time.perf_counter() - start
    finally:
        pipeline.validate_in, pipeline.allocate_in_turn = validate_in, allocate_in_turn  # type: ignore[assignment]
    spent["import"] = total - spent["validate"] - spent["allocate"]
    return dict(spent)


# --- the reference: the raw driver ----------------------------------------------------------

POSTCODE_DE = re.compile(r"\d{5}")
COUNTRIES = {"DE", "AT", "FR", "NL", "BE", "CH", "GB", "US"}


class _Sql:
    """The few statements the reference needs, on sqlite3 or psycopg."""

    def __init__(self, url: str) -> None:
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            self.conn: Any = sqlite3.connect(url.split("///", 1)[1], isolation_level=None)
            for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL"):
                self.conn.execute(f"PRAGMA {pragma}")
            self.p = "?"
        else:
            import psycopg
            from sqlalchemy import make_url

            u = make_url(url)
            self.conn = psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                                        password=u.password or None)
            self.p = "%s"

    def now(self) -> Any:
        now = datetime.now(timezone.utc)
        return now.strftime(TS) if self.sqlite else now

    def begin(self) -> None:
        if self.sqlite:
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.sqlite:
            self.conn.execute("COMMIT")
        else:
            self.conn.commit()

    def q(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.execute(sql.replace("?", self.p), args)
        return cur.fetchall() if cur.description else []

    def many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.sqlite:
            self.conn.executemany(sql, rows)
        else:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", self.p), rows)

    def insert_ids(self, sql: str, rows: list[tuple[Any, ...]]) -> list[int]:
        """Inserts each row, returning its id (RETURNING id, one row at a time as the ORM would batch)."""
        out = []
        for row in rows:
            out.append(self.q(sql + " RETURNING id", row)[0][0])
        return out

    def events(self, rows: list[tuple[Any, ...]]) -> None:
        self.many("INSERT INTO order_events (order_id, at, kind, from_status, to_status, username, detail) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def reference(url: str, files: dict[str, Path]) -> dict[str, float]:
    db = _Sql(url)
    spent: dict[str, float] = {}
    try:
        start = time.perf_counter()
        db.begin()
        by_number: dict[str, dict[str, Any]] = {}
        with open(files["orders"], newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                order = by_number.setdefault(row["order_number"], {**row, "lines": []})
                order["lines"].append((row["sku"], int(row["quantity"])))
        products = dict(db.q("SELECT sku, id FROM products"))
        orders = list(by_number.values())
        now = db.now()
        customer_ids = db.insert_ids("INSERT INTO customers (name, email) VALUES (?, ?)",
                                     [(o["ship_name"], o["email"]) for o in orders])
        address_ids = db.insert_ids(
            "INSERT INTO addresses (customer_id, name, line1, postcode, city, country) VALUES (?, ?, ?, ?, ?, ?)",
            [(c, o["ship_name"], o["ship_address1"], o["ship_postcode"], o["ship_city"], o["ship_country"])
             for c, o in zip(customer_ids, orders)])
        order_ids = db.insert_ids(
            "INSERT INTO orders (number, channel, status, priority, created_at, sla_due_at, customer_id, ship_to_id,"
            " email, carrier, service_level, gift_wrap, financial_status, currency, subtotal, shipping_total, "
            "discount_total, tax_total, total, version, pack_from) VALUES (?, 'csv', 'captured', ?, ?, ?, ?, ?, ?, ?,"
            " 'standard', ?, 'paid', 'EUR', 0, 4.90, 0, 0, 0, 1, 'picked')",
            [(o["order_number"], int(o["priority"]), now, o["sla_due_at"], c, a, o["email"], o["carrier"], False)
             for o, c, a in zip(orders, customer_ids, address_ids)])
        lines: list[tuple[Any, ...]] = []
        for oid, o in zip(order_ids, orders):
            o["id"] = oid
            lines += [(oid, n, products.get(sku), sku, sku, q) for n, (sku, q) in enumerate(o["lines"], 1)]
        db.many("INSERT INTO order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price, discount, "
                "tax_rate, packed_quantity, backordered_quantity) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0)", lines)
        db.events([(oid, now, "OrderCaptured", None, "captured", None, json.dumps({"source": "orders.csv"}))
                   for oid in order_ids])
        spent["import"] = time.perf_counter() - start

        start = time.perf_counter()
        passed = []
        for o in orders:
            ok = (o["ship_country"] in COUNTRIES and POSTCODE_DE.fullmatch(o["ship_postcode"])
                  and all(sku in products for sku, _ in o["lines"]))
            if ok:
                passed.append(o)
        db.many("UPDATE orders SET status = 'validated' WHERE id = ?", [(o["id"],) for o in passed])
        db.events([(o["id"], now, "StatusChanged", "captured", "validated", "import",
                    json.dumps({"reason": "passed validation"})) for o in passed])
        spent["validate"] = time.perf_counter() - start

        start = time.perf_counter()
        line_ids = defaultdict(list)
        for oid, lid, pid, q in db.q("SELECT order_id, id, product_id, quantity FROM order_lines ORDER BY id"):
            line_ids[oid].append((lid, pid, q))
        turn = sorted(passed, key=lambda o: (-int(o["priority"]), o["sla_due_at"], o["id"]))
        events = []
        for o in turn:
            held = 0
            for lid, pid, need in line_ids[o["id"]]:
                for sid, qty, alloc in db.q("SELECT s.id, s.quantity, s.allocated FROM stock s JOIN locations l "
                                            "ON l.id = s.location_id WHERE s.product_id = ? "
                                            "ORDER BY l.walk_sequence, s.id", (pid,)):
                    take = min(need, qty - alloc)
                    if take <= 0:
                        continue
                    if db.q("UPDATE stock SET allocated = allocated + ? WHERE id = ? AND quantity - allocated >= ? "
                            "RETURNING id", (take, sid, take)):
                        db.q("INSERT INTO stock_holds (order_id, order_line_id, stock_id, quantity, status, "
                             "created_at) VALUES (?, ?, ?, ?, 'held', ?)", (o["id"], lid, sid, take, now))
                        need -= take
                        held += take
                    if need == 0:
                        break
            db.q("UPDATE orders SET status = 'allocated' WHERE id = ?", (o["id"],))
            events += [(o["id"], now, "StockAllocated", None, None, "import", json.dumps({"units": held})),
                       (o["id"], now, "StatusChanged", "validated", "allocated", "import",
                        json.dumps({"reason": "stock held"}))]
        db.events(events)
        db.commit()
        spent["allocate"] = time.perf_counter() - start

        start = time.perf_counter()
        db.begin()
        waiting = db.q("SELECT id FROM orders WHERE status = 'allocated' AND pack_from = 'picked' "
                       "ORDER BY priority DESC, sla_due_at, created_at, id")
        stops = defaultdict(list)
        for row in db.q("SELECT h.id, h.order_id, h.order_line_id, h.stock_id, h.quantity, l.code, l.walk_sequence "
                        "FROM stock_holds h JOIN stock s ON s.id = h.stock_id JOIN locations l ON l.id = s.location_id"
                        " WHERE h.status = 'held' ORDER BY h.id"):
            stops[row[1]].append(row)
        events, touched = [], []
        counter = 0
        for first in range(0, len(waiting), PER_LIST):
            chunk = [oid for (oid,) in waiting[first:first + PER_LIST]]
            counter += 1
            code = f"PL-{counter:06d}"
            list_id = db.q("INSERT INTO pick_lists (code, created_at, strategy, wave, status) "
                           "VALUES (?, ?, 'batch', 'W-000001', 'open') RETURNING id", (code, now))[0][0]
            db.many("INSERT INTO pick_list_orders (pick_list_id, order_id, seq) VALUES (?, ?, ?)",
                    [(list_id, oid, n) for n, oid in enumerate(chunk, 1)])
            walk = sorted((s for oid in chunk for s in stops[oid]), key=lambda s: (s[5].split("-")[0], s[6]))
            db.many("INSERT INTO pick_lines (pick_list_id, seq, order_id, order_line_id, stock_hold_id, stock_id, "
                    "quantity, picked_quantity, status) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'open')",
                    [(list_id, n, s[1], s[2], s[0], s[3], s[4]) for n, s in enumerate(walk, 1)])
            touched += [(f"{code}-{n}", oid) for n, oid in enumerate(chunk, 1)]
            events += [e for oid in chunk for e in (
                (oid, now, "Waved", None, None, "bench", json.dumps({"wave": "W-000001", "pick_lists": [code]})),
                (oid, now, "StatusChanged", "allocated", "picking", "bench", json.dumps({"reason": code})))]
        db.many("UPDATE orders SET tote = ?, status = 'picking' WHERE id = ?", touched)
        db.events(events)
        db.commit()
        spent["wave"] = time.perf_counter() - start
    finally:
        db.conn.close()
    return spent


def run(quick: bool) -> Iterable[dict[str, Any]]:
    """One figure per backend and stage, and one for the four stages together."""
    orders = 1000 if quick else 10000
    repeats = 1 if quick else int(os.environ.get("PACKDESK_BENCH_RUNS", "3"))
    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-orders-"))
    try:
        files = _files(folder, orders)
        for backend, make_url in (("sqlite", _sqlite_url), ("postgresql", _postgres_url)):
            with make_url() as url:
                if url is None:
                    continue
                times: dict[str, dict[str, list[float]]] = {"ours": defaultdict(list), "reference": defaultdict(list)}
                ratios: dict[str, list[float]] = defaultdict(list)
                for i in range(repeats):
                    pair: dict[str, dict[str, float]] = {}
                    rows: dict[str, dict[str, int]] = {}
                    for fn in ((ours, reference) if i % 2 == 0 else (reference, ours)):
                        _fresh(url, files)
                        pair[fn.__name__] = fn(url, files)
                        rows[fn.__name__] = _counts(url)
                    if rows["ours"] != rows["reference"]:
                        raise RuntimeError(f"ours and the reference wrote different rows: {rows}")
                    for stage in (*STAGES, "total"):
                        o = sum(pair["ours"].values()) if stage == "total" else pair["ours"][stage]
                        r = sum(pair["reference"].values()) if stage == "total" else pair["reference"][stage]
                        times["ours"][stage].append(o)
                        times["reference"][stage].append(r)
                        ratios[stage].append(r / o)
                for stage in (*STAGES, "total"):
                    yield {
                        "name": f"orders.{backend}.{stage}", "unit": "s",
                        "ours": round(statistics.median(times["ours"][stage]), 3),
                        "reference": round(statistics.median(times["reference"][stage]), 3),
                        "ratio": round(statistics.median(ratios[stage]), 3), "goal": GOAL, "orders": orders,
                        "runs": repeats, "rows": rows["ours"],
                        "reference_impl": "sqlite3" if backend == "sqlite" else "psycopg",
                    }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


