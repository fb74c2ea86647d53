"""10,000 orders from a CSV file to pick lists: imported, validated, allocated and waved, on
SQLite and PostgreSQL, time per stage.

Ours: `app.imports.import_file` (which validates and allocates the file's orders itself: the
stages are timed by wrapping `pipeline.validate_captured_in` and `pipeline.allocate_in_turn` in
this process, on SQLite the staged import's slices of each stage whole with their commits; the
import stage is the rest, less the pauses a staged SQLite import makes between its slices so that
stations claim meanwhile: those are idle by design and reported apart as `orders.sqlite.pauses`), then `app.orders.waves.create(strategy="batch")` by a person (so each
order's status change is audited). Reference: the same writes through the raw driver (sqlite3;
psycopg on PostgreSQL), the shortest a careful person would write with batched statements: the
CSV read with csv, customers, addresses, orders (catalogue prices, totals) and lines inserted
(ids taken first, one executemany a table) with OrderCaptured events and the file's audit record;
the captured orders read back with their address and lines, each order's address checked
(country in a set, postcode pattern), its SKUs known, each line's price against the catalogue
and the total, status (version +1) and StatusChanged written; every bin locked in one statement, stock held in walking order
planned in memory, a guarded UPDATE a bin, ledger rows, StockAllocated and StatusChanged in
batches; then the wave and pick-list counters, pick lists of 10 orders with their lines in walking
order, totes, Waved, StatusChanged and the chained audit records. Both leave the same rows
(compared after each run: every table's count, events by kind, sums of versions, totals, totes and
counters). Each figure is the median of the runs, the ratio the median of the paired runs' ratios
(reference time / our time: 1.0 is as fast, the goal is >= 0.5). Each figure is given in wall
time and in this process's CPU time (`cpu_*`: on SQLite all the work, on PostgreSQL the
client's; steadier than wall time on a shared machine), and `import.writes` is the import less
its reading of the file (ours checks every field of every row, the reference reads with csv and
checks nothing: docs/orders.md, "Speed"). Both sides work with the garbage collector paused: ours
pauses it for an import and a wave in the product (app.heap.batch), the reference for its whole
run, so that the ratio compares the code and not the collector.
PostgreSQL runs when PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL) names a server;
PACKDESK_BENCH_RUNS sets the number of paired runs (default 3; --quick: one run of 1,000 orders);
PACKDESK_BENCH_ORDERS the number of orders (default 10,000)."""
from __future__ import annotations

import contextlib
import csv
import getpass
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
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchmarks.bench_claims import _postgres_url, _sqlite_url

log = logging.getLogger(__name__)

GOAL = 0.5
STAGES = ("import", "validate", "allocate", "wave")
# the figures printed: the stages, the import's writes apart from its reading of the file (the
# reference reads it with csv and checks nothing; ours checks every field of every row, see the
# module's docstring), and the four stages together
FIGURES = ("import", "import.writes", *STAGES[1:], "total")
PRODUCTS = 50
PER_LIST = 10
TS = "%Y-%m-%d %H:%M:%S.%f"
HEADER = ("order_number,priority,sla_due_at,email,financial_status,shipping_total,ship_name,ship_address1,"
          "ship_postcode,ship_city,ship_country,sku,quantity,carrier\n")
COUNTED = ("orders", "order_lines", "customers", "addresses", "stock_holds", "pick_lists", "pick_list_orders",
           "pick_lines", "order_events", "audit_log", "counters")
WAVE_USER = "bench"  # a person: `waves create` at a terminal, so each order's status change is audited too


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


def _stage(clock: dict[str, float], figure: str) -> float:
    """One figure of a run's clock (wall or CPU)."""
    if figure == "total":
        return sum(clock[stage] for stage in STAGES)
    if figure == "import.writes":
        return clock["import"] - clock["import.reading"]
    return clock[figure]


def _counts(url: str) -> dict[str, int]:
    from sqlalchemy import text

    from app.store.session import Database

    with Database(url) as db, db.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTED}
        counts["picking"] = conn.execute(text("SELECT count(*) FROM orders WHERE status = 'picking'")).scalar_one()
        counts["held_units"] = conn.execute(text("SELECT coalesce(sum(allocated), 0) FROM stock")).scalar_one()
        counts["versions"] = conn.execute(text("SELECT coalesce(sum(version), 0) FROM orders")).scalar_one()
        counts["cents"] = int(conn.execute(text("SELECT coalesce(sum(total), 0) FROM orders")).scalar_one() * 100)
        counts["totes"] = conn.execute(text("SELECT count(tote) FROM orders")).scalar_one()
        counts["counted"] = conn.execute(text("SELECT coalesce(sum(value), 0) FROM counters")).scalar_one()
        for kind, n in conn.execute(text("SELECT kind, count(*) FROM order_events GROUP BY kind")):
            counts[f"events.{kind}"] = n
    return counts


# --- ours -----------------------------------------------------------------------------------


class _Pauses:
    """Stands in for app.imports.staged's `time`: counts the pauses a staged import makes
    between its slices (idle by design, so that stations claim meanwhile: not work)."""

    def __init__(self) -> None:
        self.spent = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        start = time.perf_counter()
        time.sleep(seconds)
        self.spent += time.perf_counter() - start


class _Stopwatch:
    """Wall-clock and CPU time (this process's: on SQLite all the work, on PostgreSQL the
    client's) per stage; CPU time moves far less than wall time with the other load on a
    shared machine."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.started: dict[str, tuple[float, float]] = {}

    def start(self, stage: str) -> None:
        self.started[stage] = time.perf_counter(), time.process_time()

    def stop(self, stage: str) -> None:
        wall, cpu = self.started.pop(stage)
        self.wall[stage] += time.perf_counter() - wall
        self.cpu[stage] += time.process_time() - cpu

    @contextlib.contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        if stage in self.started:  # inside the same stage's timing already (a slice's work in its slice)
            yield
            return
        self.start(stage)
        try:
            yield
        finally:
            self.stop(stage)

    def timed(self, stage: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.timing(stage):
                return fn(*args, **kwargs)
        return wrapper


def ours(url: str, files: dict[str, Path]) -> _Stopwatch:
    import app.imports
    from app.imports import import_file, orders, staged
    from app.orders import pipeline, waves
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork

    watch = _Stopwatch()
    wrapped = [(pipeline, "validate_captured_in", "validate"), (pipeline, "allocate_in_turn", "allocate"),
               (app.imports, "_records", "import.reading"), (orders, "parse", "import.reading")]
    originals = [getattr(module, name) for module, name, _ in wrapped]
    for module, name, stage in wrapped:
        setattr(module, name, watch.timed(stage, getattr(module, name)))
    in_slices = staged._in_slices
    pauses = _Pauses()

    def stage_in_slices(db: Any, todo: Any, work: Any, *args: Any) -> Any:
        # a staged import's validation or allocation whole (SQLite): its slices' transactions with
        # their commits and the read of which orders to do, as the reference's stages include
        # theirs; less the pauses between the slices
        paused = pauses.spent
        try:
            with watch.timing(work.__name__):  # settle's `validate` and `allocate`
                return in_slices(db, todo, work, *args)
        finally:
            watch.wall[work.__name__] -= pauses.spent - paused

    staged._in_slices = stage_in_slices  # type: ignore[assignment]
    staged.time = pauses  # type: ignore[assignment]
    try:
        with Database(url) as db:
            with watch.timing("import"):
                import_file(db, "orders", files["orders"])
            with watch.timing("wave"):
                waves.create(SqlUnitOfWork(db), "batch", max_orders=PER_LIST, user=WAVE_USER)
    finally:
        for (module, name, _), original in zip(wrapped, originals):
            setattr(module, name, original)
        staged.time = time  # type: ignore[assignment]
        staged._in_slices = in_slices  # type: ignore[assignment]
    # the import stage is the rest of import_file: less validation and allocation (stages of their
    # own) and the pauses between the slices (idle by design; they take no CPU time)
    for clock in (watch.wall, watch.cpu):
        clock["import"] -= clock["validate"] + clock["allocate"]
    watch.wall["import"] -= pauses.spent
    watch.wall["pauses"] = pauses.spent
    return watch


# --- the reference: the raw driver ----------------------------------------------------------

POSTCODE_DE = re.compile(r"\d{5}")
COUNTRIES = {"DE", "AT", "FR", "NL", "BE", "CH", "GB", "US"}
PRICE_TOLERANCE = Decimal("0.01")  # as OrderSettings' default: 1 % of the catalogue price
TOTAL_TOLERANCE = Decimal("0.05")


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

    def listed(self, values: list[Any]) -> Any:
        """A list bound as one value: JSON for SQLite's json_each, an array for PostgreSQL's ANY."""
        return json.dumps(values) if self.sqlite else values

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

    def insert_ids(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> list[int]:
        """Inserts the rows with one executemany, their ids taken first (as ours does): on
        PostgreSQL from the table's sequence in one statement, on SQLite counting on from the
        largest (the write lock is held). It used to insert row by row with RETURNING id, one
        round trip a row, slower than a careful person would write it."""
        if self.sqlite:
            start = self.q(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0]
            ids = list(range(start, start + len(rows)))
        else:
            ids = sorted(v for (v,) in self.q("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM "
                                               "generate_series(1, ?)", (table, len(rows))))
        marks = ", ".join(["?"] * (1 + len(rows[0]))) if rows else ""
        self.many(f"INSERT INTO {table} (id, {columns}) VALUES ({marks})", [(i, *row) for i, row in zip(ids, rows)])
        return ids

    def events(self, rows: list[tuple[Any, ...]]) -> None:
        self.many("INSERT INTO order_events (order_id, at, kind, from_status, to_status, username, detail) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def statuses(self, status: str, ids: list[int]) -> None:
        self.many(f"UPDATE orders SET status = '{status}', version = version + 1 WHERE id = ?", [(i,) for i in ids])

    def moved(self, ids: list[int], before: str, after: str, reason: str, at: Any) -> None:
        """The import's own status change of these orders, with their StatusChanged events."""
        self.statuses(after, ids)
        detail = json.dumps({"reason": reason})
        self.events([(i, at, "StatusChanged", before, after, "import", detail) for i in ids])

    def audit(self, entries: list[tuple[str, str, str, dict[str, Any] | None]]) -> None:
        """Appends chained audit records after the last one (the chain's hash as app.audit.chain's)."""
        from app.audit.chain import GENESIS, detail_text, record_hash

        if not self.sqlite:
            self.q("SELECT pg_advisory_xact_lock(1600016)")
        last = self.q("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        seq, prev = last[0] if last else (0, GENESIS)
        moment = datetime.now(timezone.utc)
        rows = []
        for actor, action, subject, detail in entries:
            seq += 1
            text = detail_text(detail)
            digest = record_hash(prev, seq, moment, actor, action, subject, text)
            rows.append((seq, moment.strftime(TS) if self.sqlite else moment, actor, action, subject, text, prev,
                         digest))
            prev = digest
        self.many("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def counter(self, name: str, step: int) -> int:
        """The first of `step` values of a named counter (one upsert, as app.store.counters)."""
        last = self.q("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                      "SET value = counters.value + ? RETURNING value", (name, step, step))[0][0]
        return int(last) - step + 1


def reference(url: str, files: dict[str, Path]) -> _Stopwatch:
    from app import heap

    db = _Sql(url)
    watch = _Stopwatch()
    # the collector paused for the whole run, as ours pauses it for an import and a wave
    # (app.heap.batch): the ratio compares the code, not the collector
    with heap.batch(), contextlib.closing(db.conn):
        _reference_stages(db, files, watch)
    return watch


def _reference_stages(db: _Sql, files: dict[str, Path], watch: _Stopwatch) -> None:
    watch.start("import")
    db.begin()
    by_number: dict[str, dict[str, Any]] = {}
    with watch.timing("import.reading"), open(files["orders"], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            order = by_number.setdefault(row["order_number"], {**row, "lines": []})
            order["lines"].append((row["sku"], int(row["quantity"])))
    products = {sku: (pid, Decimal(str(price))) for sku, pid, price in db.q("SELECT sku, id, price FROM products")}
    # which of the file's orders and customers are stored already (as ours: an order stored is
    # changed or left, not made again; a customer is one per e-mail), each list bound as one value
    among = "IN (SELECT value FROM json_each(?))" if db.sqlite else "= ANY(?)"
    numbers, emails = list(by_number), sorted({row["email"] for row in by_number.values()})
    stored = {n for (n,) in db.q(f"SELECT number FROM orders WHERE number {among}", (db.listed(numbers),))}
    known = dict(db.q(f"SELECT email, id FROM customers WHERE email {among}", (db.listed(emails),)))
    if stored or known:
        raise RuntimeError("the reference writes new orders of new customers only: start from an empty database")
    orders = list(by_number.values())
    now = db.now()
    for o in orders:
        o["subtotal"] = sum((products[sku][1] * q for sku, q in o["lines"]), Decimal(0))
        o["total"] = o["subtotal"] + Decimal(o["shipping_total"])
    customer_ids = db.insert_ids("customers", "name, email", [(o["ship_name"], o["email"]) for o in orders])
    address_ids = db.insert_ids(
        "addresses", "customer_id, name, line1, postcode, city, country",
        [(c, o["ship_name"], o["ship_address1"], o["ship_postcode"], o["ship_city"], o["ship_country"])
         for c, o in zip(customer_ids, orders)])
    order_ids = db.insert_ids(
        "orders", "number, channel, status, priority, created_at, sla_due_at, customer_id, ship_to_id, email, "
        "carrier, service_level, gift_wrap, financial_status, currency, subtotal, shipping_total, discount_total, "
        "tax_total, total, version, pack_from",
        [(o["order_number"], "csv", "captured", int(o["priority"]), now, o["sla_due_at"], c, a, o["email"],
          o["carrier"], "standard", False, "paid", "EUR", str(o["subtotal"]), o["shipping_total"], 0, 0,
          str(o["total"]), 1, "picked")
         for o, c, a in zip(orders, customer_ids, address_ids)])
    lines: list[tuple[Any, ...]] = []
    for oid, o in zip(order_ids, orders):
        o["id"] = oid
        lines += [(oid, n, products[sku][0], sku, sku, q, str(products[sku][1]))
                  for n, (sku, q) in enumerate(o["lines"], 1)]
    db.many("INSERT INTO order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price, discount, "
            "tax_rate, packed_quantity, backordered_quantity) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)", lines)
    db.events([(oid, now, "OrderCaptured", None, "captured", None, json.dumps({"source": "orders.csv"}))
               for oid in order_ids])
    db.audit([(getpass.getuser(), "OrdersImported", f"file {files['orders'].name}",
               {"rows": len(lines), "created": len(orders), "updated": 0, "unchanged": 0})])
    db.commit()
    watch.stop("import")

    watch.start("validate")
    db.begin()
    # a validation run reads the captured orders it checks (as ours must: it runs on its own,
    # `packdesk orders validate`, or after an import has committed), their addresses and lines,
    # with what the rules need: the payment status, the address's parts, the order's
    # currency and money, each line's price, quantity and discount
    captured = {oid: {"id": oid, "priority": priority, "sla_due_at": sla, "payment": payment,
                      "currency": currency, "total": Decimal(str(total)), "shipping_total": Decimal(str(shipping)),
                      "discount_total": Decimal(str(discount)), "tax_total": Decimal(str(tax)),
                      "address": (name, line1, postcode, city, country), "lines": []}
                for oid, priority, sla, payment, currency, total, shipping, discount, tax, name, line1, postcode,
                city, country in db.q(
                    "SELECT o.id, o.priority, o.sla_due_at, o.financial_status, o.currency, o.total, "
                    "o.shipping_total, o.discount_total, o.tax_total, a.name, a.line1, a.postcode, a.city, "
                    "a.country FROM orders o JOIN addresses a ON a.id = o.ship_to_id WHERE o.status = 'captured' "
                    "ORDER BY o.id")}
    for oid, sku, q, price, discount in db.q(
            "SELECT l.order_id, l.sku, l.quantity, l.unit_price, l.discount FROM order_lines l JOIN orders o "
            "ON o.id = l.order_id WHERE o.status = 'captured' ORDER BY l.order_id, l.line_no"):
        captured[oid]["lines"].append((sku, q, Decimal(str(price)), Decimal(str(discount))))
    passed = []
    for o in captured.values():  # payment, address, SKUs, prices against the catalogue, total
        goods = Decimal(0)
        name, line1, postcode, city, country = o["address"]
        ok = (o["payment"] in ("paid", "authorized") and all((name, line1, postcode, city))
              and country in COUNTRIES and POSTCODE_DE.fullmatch(postcode) is not None)
        for sku, q, price, discount in o["lines"]:
            known = products.get(sku)
            ok = ok and known is not None and o["currency"] == "EUR" and abs(price - known[1]) <= known[1] * PRICE_TOLERANCE
            goods += price * q - discount
        expected = goods + o["shipping_total"] + o["tax_total"] - o["discount_total"]
        if ok and abs(o["total"] - expected) <= TOTAL_TOLERANCE:
            passed.append(o)
    db.moved([o["id"] for o in passed], "captured", "validated", "passed validation", now)
    db.commit()
    watch.stop("validate")

    watch.start("allocate")
    db.begin()
    line_ids = defaultdict(list)
    for oid, lid, pid, q in db.q("SELECT order_id, id, product_id, quantity FROM order_lines ORDER BY id"):
        line_ids[oid].append((lid, pid, q))
    bins: dict[int, list[list[int]]] = defaultdict(list)  # product: [stock id, available], walking order
    lock = "" if db.sqlite else " FOR UPDATE OF s"
    for sid, pid, qty, alloc in db.q("SELECT s.id, s.product_id, s.quantity, s.allocated FROM stock s JOIN "
                                     "locations l ON l.id = s.location_id ORDER BY s.product_id, s.id" + lock):
        bins[pid].append([sid, qty - alloc])
    walk = dict(db.q("SELECT s.id, l.walk_sequence FROM stock s JOIN locations l ON l.id = s.location_id"))
    for row in bins.values():
        row.sort(key=lambda b: (walk[b[0]], b[0]))
    turn = sorted(passed, key=lambda o: (-int(o["priority"]), o["sla_due_at"], o["id"]))
    holds, taken, events = [], defaultdict(int), []
    for o in turn:
        held = 0
        for lid, pid, need in sorted(line_ids[o["id"]], key=lambda line: line[1]):
            for b in bins[pid]:
                take = min(need, b[1])
                if take > 0:
                    holds.append((o["id"], lid, b[0], take, now))
                    b[1] -= take
                    taken[b[0]] += take
                    need -= take
                    held += take
                if need == 0:
                    break
        events += [(o["id"], now, "StockAllocated", None, None, "import", json.dumps({"units": held}))]
    for sid, units in sorted(taken.items()):  # guarded, bin by bin
        if not db.q("UPDATE stock SET allocated = allocated + ? WHERE id = ? AND quantity - allocated >= ? "
                    "RETURNING id", (units, sid, units)):
            raise RuntimeError(f"bin {sid} oversold")
    db.many("INSERT INTO stock_holds (order_id, order_line_id, stock_id, quantity, status, created_at) "
            "VALUES (?, ?, ?, ?, 'held', ?)", holds)
    db.events(events)
    db.moved([o["id"] for o in turn], "validated", "allocated", "stock held", now)
    db.commit()
    watch.stop("allocate")

    watch.start("wave")
    db.begin()
    waiting = [oid for (oid,) in db.q("SELECT id FROM orders WHERE status = 'allocated' AND pack_from = 'picked' "
                                      "ORDER BY priority DESC, sla_due_at, created_at, id" + ("" if db.sqlite else " FOR UPDATE"))]
    numbers = dict(db.q("SELECT id, number FROM orders WHERE status = 'allocated'"))
    stops = defaultdict(list)
    for row in db.q("SELECT h.id, h.order_id, h.order_line_id, h.stock_id, h.quantity, l.code, l.walk_sequence "
                    "FROM stock_holds h JOIN stock s ON s.id = h.stock_id JOIN locations l ON l.id = s.location_id"
                    " WHERE h.status = 'held' ORDER BY h.id"):
        stops[row[1]].append(row)
    wave = f"W-{db.counter('wave', 1):06d}"
    chunks = [waiting[i:i + PER_LIST] for i in range(0, len(waiting), PER_LIST)]
    first = db.counter("picklist", len(chunks))
    list_rows, list_orders, pick_lines, touched, events, audit = [], [], [], [], [], []
    for n, chunk in enumerate(chunks):
        code = f"PL-{first + n:06d}"
        list_rows.append((code, now))
        walk_order = sorted((s for oid in chunk for s in stops[oid]), key=lambda s: (s[5].split("-")[0], s[6]))
        list_orders.append([(oid, seq) for seq, oid in enumerate(chunk, 1)])
        pick_lines.append([(seq, s[1], s[2], s[0], s[3], s[4]) for seq, s in enumerate(walk_order, 1)])
        for seq, oid in enumerate(chunk, 1):
            tote = f"{code}-{seq}"
            touched.append((tote, oid))
            events += [(oid, now, "Waved", None, None, WAVE_USER, json.dumps(
                {"pick_lists": [code], "strategy": "batch", "tote": tote, "wave": wave}, sort_keys=True)),
                (oid, now, "StatusChanged", "allocated", "picking", WAVE_USER,
                 json.dumps({"reason": f"on pick list {code}"}))]
            audit.append((WAVE_USER, "StatusChanged", f"order {numbers[oid]}",
                          {"from": "allocated", "to": "picking", "station": None,
                           "reason": f"on pick list {code}"}))
    ids = dict(db.q(
        "INSERT INTO pick_lists (code, created_at, strategy, wave, status) VALUES "
        + ", ".join(["(?, ?, 'batch', ?, 'open')"] * len(list_rows)) + " RETURNING code, id",
        tuple(v for code, at in list_rows for v in (code, at, wave)))) if list_rows else {}
    list_ids = [ids[code] for code, _ in list_rows]
    db.many("INSERT INTO pick_list_orders (pick_list_id, order_id, seq) VALUES (?, ?, ?)",
            [(lid, oid, seq) for lid, rows in zip(list_ids, list_orders) for oid, seq in rows])
    db.many("INSERT INTO pick_lines (pick_list_id, seq, order_id, order_line_id, stock_hold_id, stock_id, "
            "quantity, picked_quantity, status) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'open')",
            [(lid, *line) for lid, rows in zip(list_ids, pick_lines) for line in rows])
    db.many("UPDATE orders SET tote = ? WHERE id = ?", touched)
    db.statuses("picking", [oid for _, oid in touched])
    db.events(events)
    db.audit(audit)
    db.commit()
    watch.stop("wave")


def _started() -> None:
    """The process as a `packdesk` command has it when the command begins (app/cli/main.py):
    its modules imported and the start-up's objects kept out of the collector's full passes
    (app/heap.py). Both sides run in this process after it."""
    import app.imports  # noqa: F401
    import app.orders.waves  # noqa: F401
    import app.store.uow  # noqa: F401
    from app import heap

    heap.settle()


def run(quick: bool) -> Iterable[dict[str, Any]]:
    """One figure per backend and stage, and one for the four stages together."""
    orders = 1000 if quick else int(os.environ.get("PACKDESK_BENCH_ORDERS", "10000"))
    repeats = 1 if quick else int(os.environ.get("PACKDESK_BENCH_RUNS", "3"))
    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-orders-"))
    try:
        files = _files(folder, orders)
        _started()
        for backend, make_url in (("sqlite", _sqlite_url), ("postgresql", _postgres_url)):
            with make_url() as url:
                if url is None:
                    continue
                figures: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
                pauses: list[float] = []
                for i in range(repeats):
                    pair: dict[str, _Stopwatch] = {}
                    rows: dict[str, dict[str, int]] = {}
                    for fn in ((ours, reference) if i % 2 == 0 else (reference, ours)):
                        _fresh(url, files)
                        pair[fn.__name__] = fn(url, files)
                        rows[fn.__name__] = _counts(url)
                    if rows["ours"] != rows["reference"]:
                        raise RuntimeError(f"ours and the reference wrote different rows: {rows}")
                    pauses.append(pair["ours"].wall.get("pauses", 0.0))
                    for clock in ("wall", "cpu"):
                        for stage in FIGURES:
                            o, r = (_stage(getattr(pair[side], clock), stage) for side in ("ours", "reference"))
                            figures[stage][f"{clock}.ours"].append(o)
                            figures[stage][f"{clock}.reference"].append(r)
                            figures[stage][f"{clock}.ratio"].append(r / o)
                for stage in FIGURES:
                    median = {key: statistics.median(values) for key, values in figures[stage].items()}
                    yield {
                        "name": f"orders.{backend}.{stage}", "unit": "s",
                        "ours": round(median["wall.ours"], 3), "reference": round(median["wall.reference"], 3),
                        "ratio": round(median["wall.ratio"], 3), "goal": GOAL,
                        "cpu_ours": round(median["cpu.ours"], 3), "cpu_reference": round(median["cpu.reference"], 3),
                        "cpu_ratio": round(median["cpu.ratio"], 3),
                        "orders": orders, "runs": repeats, "rows": rows["ours"],
                        "reference_impl": "sqlite3" if backend == "sqlite" else "psycopg",
                    }
                # not a stage: the staged import's pauses between slices on SQLite (stations claim
                # meanwhile, app/imports/staged.py), left out of the stages and the total above
                yield {"name": f"orders.{backend}.pauses", "unit": "s", "ours": round(statistics.median(pauses), 3),
                       "reference": 0.0, "ratio": None, "orders": orders, "runs": repeats}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


