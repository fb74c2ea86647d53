"""After packing, 10,000 packed one-parcel orders (issue 15), stage by stage:

- dispatch: each parcel scanned at the dock (the order ships: events, invoice number, the
  payment capture queued, the "shipped" mail queued), one transaction per scan;
- capture: the queued captures made after the hand-overs (app/shipping/capture.py: claimed in
  batches, then per order the authorisation kept and the capture kept, each its own transaction,
  the recorded gateway between them);
- manifest: the carrier's day at the dock (handed over, and not scanned) read back;
- tracking: one carrier file of 10,000 "delivered" reports imported (reports kept, parcels and
  orders delivered, "delivered" mails queued, the orders due for completion looked for), one
  transaction;
- completion: the delivered orders completed (`[orders] complete_after_days` later).

Ours: app.shipping (scan_at_dock, capture_pending, dock_day, import_tracking, complete_due) on SqlUnitOfWork.
Reference: the same rows written directly with the driver (sqlite3; psycopg on PostgreSQL) in
the shortest form a careful person would write: at dispatch the order's row locked with the
parcel's lookup (FOR UPDATE OF o on PostgreSQL, as the dock must for two docks at once), the
order's holds read and StockShipped written with the other four events in one executemany, the
person's status change in the chained audit log, the invoice number issued before shipping
read in the statement that locks the order (as ours). Its mails are a fixed short text (ours are
rendered from the templates: 0.03-0.05 ms a mail more, measured beside it in docs/shipping.md). Each run starts from a fresh copy of the same
seeded database; runs of ours and the reference alternate, and each figure's ratio is the median
of the pairs' ratios (reference time / our time: >= 1 means ours is as fast). PostgreSQL runs
when PACKDESK_BENCH_POSTGRES_URL (or PACKDESK_TEST_POSTGRES_URL) names a server.
PACKDESK_BENCH_SHIPPING_ORDERS and PACKDESK_BENCH_SHIPPING_RUNS change the size (10,000) and
the number of paired runs (3).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

GOAL = 0.5
DAY = datetime(2025, 3, 14, 8, 0, tzinfo=timezone.utc)
TS = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps timestamps in SQLite
STAGES = ("dispatch", "capture", "manifest", "tracking", "completion")


# --- the seeded warehouse ----------------------------------------------------------------------


def tracking_number(i: int) -> str:
    from app.identifiers import s10

    return s10("RR", i, "DE")


def seed(url: str, orders: int) -> None:
    """`orders` packed orders of one line and one confirmed parcel each, with e-mail addresses."""
    from sqlalchemy import insert

    from app.store.models import Address, Order, OrderLine, Parcel, Product
    from app.store.session import Database

    with Database(url) as db, db.write() as session:
        session.execute(insert(Product), [{"id": 1, "sku": "MUG", "name": "Mug", "weight_g": 350}])
        session.execute(insert(Address), [{"id": 1, "name": "Ada", "line1": "Lagerstrasse 1", "postcode": "20095",
                                           "city": "Hamburg", "country": "DE"}])
        session.execute(insert(Order), [
            {"id": i, "number": f"B-{i:06d}", "status": "packed", "ship_to_id": 1, "email": f"b{i}@example.org",
             "total": Decimal("12.50"), "created_at": DAY, "sla_due_at": DAY + timedelta(hours=9), "carrier": "POST"}
            for i in range(1, orders + 1)])
        session.execute(insert(OrderLine), [
            {"order_id": i, "line_no": 1, "product_id": 1, "sku": "MUG", "name": "Mug", "quantity": 1,
             "unit_price": Decimal("12.50"), "packed_quantity": 1} for i in range(1, orders + 1)])
        session.execute(insert(Parcel), [
            {"id": i, "order_id": i, "seq": 1, "status": "confirmed", "tracking_number": tracking_number(i),
             "carrier": "POST", "service": "standard", "actual_weight_g": 500, "opened_at": DAY, "closed_at": DAY,
             "confirmed_at": DAY} for i in range(1, orders + 1)])


# --- ours --------------------------------------------------------------------------------------


class Stopwatch:
    """Wall-clock and CPU time per stage (this process's CPU: on SQLite all the work, on
    PostgreSQL the client's); CPU time moves far less than wall time with the other load on a
    shared machine."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[stage] = time.perf_counter() - wall
            self.cpu[stage] = time.process_time() - cpu


def ours(url: str, orders: int) -> Stopwatch:
    from app.shipping.capture import capture_pending
    from app.shipping.dispatch import dock_day, scan_at_dock
    from app.shipping.settings import AfterDelivery
    from app.shipping.tracking import Report, complete_due, import_tracking
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork
    from zoneinfo import ZoneInfo

    watch = Stopwatch()
    now = datetime.now(timezone.utc)
    with Database(url) as db:
        with SqlUnitOfWork(db):
            pass  # connect before the clock starts
        with watch.timing("dispatch"):
            for i in range(1, orders + 1):
                assert scan_at_dock(SqlUnitOfWork(db), tracking_number(i), now, user="bench", station="DOCK").ok
        with watch.timing("capture"):
            captured = capture_pending(lambda: SqlUnitOfWork(db), now, limit=orders)
        assert len(captured.captured) == orders and not captured.failed
        with watch.timing("manifest"):
            day = dock_day(SqlUnitOfWork(db), "POST", now.date(), ZoneInfo("UTC"))
        assert len(day.handed_over) == orders
        reports = [Report(i + 1, tracking_number(i), "delivered", now + timedelta(hours=30), "Hamburg")
                   for i in range(1, orders + 1)]
        with watch.timing("tracking"):
            outcome = import_tracking(SqlUnitOfWork(db), reports, now, AfterDelivery(complete_after_days=1))
        assert len(outcome.delivered) == orders
        with watch.timing("completion"):
            done = complete_due(SqlUnitOfWork(db), now + timedelta(days=3), AfterDelivery(complete_after_days=1))
        assert len(done) == orders
    return watch


# --- the reference: the driver directly ------------------------------------------------------------


class Driver:
    """The few things the reference needs from sqlite3 or psycopg, in one shape."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import make_url

        u = make_url(url)
        self.sqlite = u.drivername.startswith("sqlite")
        if self.sqlite:
            self.conn: Any = sqlite3.connect(u.database, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")  # as app/store/engine.py: the same durability
            self.conn.execute("PRAGMA foreign_keys=ON")
        else:
            import psycopg

            self.conn = psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                                        password=u.password or None, autocommit=True)

    def q(self, sql: str) -> str:
        return sql if self.sqlite else sql.replace("?", "%s")

    def t(self, value: datetime) -> Any:
        return value.astimezone(timezone.utc).replace(tzinfo=None).strftime(TS) if self.sqlite else value

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE" if self.sqlite else "BEGIN")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def one(self, sql: str, args: tuple) -> Any:
        return self.conn.execute(self.q(sql), args).fetchone()

    def all(self, sql: str, args: tuple) -> list:
        return self.conn.execute(self.q(sql), args).fetchall()

    def run(self, sql: str, args: tuple) -> None:
        self.conn.execute(self.q(sql), args)

    def many(self, sql: str, rows: list[tuple]) -> None:
        if self.sqlite:
            self.conn.executemany(sql, rows)
        else:
            with self.conn.cursor() as cur:
                cur.executemany(self.q(sql), rows)


EVENT = "INSERT INTO order_events (order_id, at, kind, from_status, to_status, station, username, detail) " \
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
OUTBOX = ("INSERT INTO outbox_messages (key, kind, order_id, recipient, subject, text_body, html_body, message_id, "
          "state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)")
CAPTURE = ("INSERT INTO capture_requests (key, order_id, amount, currency, invoice_number, state, attempts, "
           "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)")
PAYMENT = ("INSERT INTO payments (key, order_id, kind, amount, currency, gateway, reference, at, invoice_number) "
           "VALUES (?, ?, ?, ?, ?, 'recorded', ?, ?, ?)")


def _detail(**values: Any) -> str:
    """An event's detail as ours stores it (app/store/order_writes.py: JSON, keys sorted)."""
    return json.dumps(values, default=str, sort_keys=True)


def _mail(d: Driver, kind: str, order_id: int, number: str, email: str, now: datetime, text: str) -> tuple:
    subject = f"Your order {number} {text}"
    return (f"{kind}:{number}", kind, order_id, email, subject, f"Hello,\n\n{subject}.", f"<p>{subject}.</p>",
            f"<{uuid.uuid4().hex}.{kind}@packdesk.invalid>", d.t(now), d.t(now))


def _audit(d: Driver, now: datetime, actor: str, action: str, subject: str, detail: dict[str, Any],
           chain: str) -> None:
    """A person's status change goes into the chained audit log, in its station's chain, as
    app/store/audit_log.py appends it: the chain's last record by the (chain, seq) index (on
    PostgreSQL with the chain's lock, in migration 0018's function, one round trip)."""
    from app.audit.chain import GENESIS, detail_text, record_hash
    from app.store.audit_log import APPEND_LOCK

    if d.sqlite:
        last = d.one("SELECT seq, hash FROM audit_log WHERE chain = ? ORDER BY seq DESC LIMIT 1", (chain,))
    else:
        last = d.one("SELECT seq, hash FROM packdesk_audit_chain_end(?, ?)", (APPEND_LOCK, chain))
    seq, prev = (last[0] + 1, last[1]) if last and last[0] is not None else (1, GENESIS)
    stored = detail_text(detail)
    d.run("INSERT INTO audit_log (chain, seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, "
          "?, ?, ?, ?, ?, ?)", (chain, seq, d.t(now), actor, action, subject, stored, prev,
                                record_hash(prev, seq, now, actor, action, subject, stored, chain)))


def reference(url: str, orders: int) -> Stopwatch:
    d = Driver(url)
    now = datetime.now(timezone.utc)
    watch = Stopwatch()
    with watch.timing("dispatch"):
        _dispatch(d, now, orders)
    with watch.timing("capture"):
        claimed = _capture(d, now)
    assert len(claimed) == orders
    with watch.timing("manifest"):
        handed = _manifest(d, now)
    assert len(handed) == orders
    with watch.timing("tracking"):
        _tracking(d, now, orders)
    with watch.timing("completion"):
        ids = _completion(d, now)
    assert len(ids) == orders
    d.conn.close()
    return watch


def _dispatch(d: Driver, now: datetime, orders: int) -> None:
    at = d.t(now)
    for i in range(1, orders + 1):
        code = tracking_number(i)
        d.begin()
        # the order's row locked as the dock locks it (two docks at once: docs/shipping.md), with
        # the invoice already issued to it (printed before shipping), as ours reads it
        pid, seq, sscc, carrier, oid, number, total, currency, email, issued = d.one(
            "SELECT p.id, p.seq, p.sscc, p.carrier, o.id, o.number, o.total, o.currency, o.email, (SELECT e.detail "
            "FROM order_events e "
            "WHERE e.order_id = o.id AND e.kind = 'InvoiceIssued' ORDER BY e.id LIMIT 1) FROM parcels p JOIN orders "
            "o ON o.id = p.order_id WHERE (p.tracking_number = ? OR p.sscc = ?) AND p.status IN ('closed', "
            "'confirmed') AND p.handed_over_at IS NULL AND o.status = 'packed'" + ("" if d.sqlite else
                                                                                   " FOR UPDATE OF o"),
            (code, code))
        d.run("UPDATE parcels SET handed_over_at = ?, handed_over_by = 'bench' WHERE id = ?", (at, pid))
        events = [(oid, at, "ParcelHandedOver", None, None, "DOCK", "bench",
                   _detail(parcel=seq, sscc=sscc, tracking=code, carrier=carrier))]
        left = d.one("SELECT count(*) FROM parcels WHERE order_id = ? AND status <> 'voided' AND handed_over_at IS NULL",
                     (oid,))[0]
        if left == 0:
            d.run("UPDATE orders SET status = 'shipped', version = version + 1 WHERE id = ?", (oid,))
            _audit(d, now, "bench", "StatusChanged", f"order {number}",
                   {"from": "packed", "to": "shipped", "station": "DOCK", "reason": "every parcel handed over"}, "DOCK")
            # the stock leaves the shelves: the order's holds (none here), and StockShipped
            held = d.all("SELECT id, quantity FROM stock_holds WHERE order_id = ? AND status IN ('held', 'picked')",
                         (oid,))
            assert not held
            events += [(oid, at, "StatusChanged", "packed", "shipped", "DOCK", "bench",
                        _detail(reason="every parcel handed over")),
                       (oid, at, "StockShipped", None, None, "DOCK", "bench", _detail(units=0))]
            if issued is not None:
                invoice = json.loads(issued)["invoice_number"]
            else:
                value = d.one("UPDATE counters SET value = value + 1 WHERE name = 'invoice' RETURNING value", ())
                if value is None:
                    d.run("INSERT INTO counters (name, value) VALUES ('invoice', 1)", ())
                    value = (1,)
                invoice = f"INV-{now.year}-{value[0]:06d}"
                events.append((oid, at, "InvoiceIssued", None, None, None, None,
                               _detail(invoice_number=invoice)))
            d.run(CAPTURE, (f"capture:{number}", oid, str(total), currency, invoice, at, at))
            events.append((oid, at, "CaptureRequested", None, None, None, None,
                           _detail(amount=str(total), currency=currency, invoice=invoice)))
            d.run(OUTBOX, _mail(d, "shipped", oid, number, email, now, f"is on its way: {code}"))
        d.many(EVENT, events)
        d.commit()


def _capture(d: Driver, now: datetime) -> list[tuple]:
    at = d.t(now)
    d.begin()  # claim every due capture
    claimed = d.all("UPDATE capture_requests SET state = 'capturing', capturing_since = ?, attempts = attempts + 1 "
                    "WHERE state = 'pending' AND next_attempt_at <= ? RETURNING id, key, order_id, amount, currency, "
                    "invoice_number, attempts", (at, at))
    d.commit()
    for rid, key, oid, amount, currency, invoice, attempts in claimed:
        number = key.removeprefix("capture:")
        authorisation = f"AUTH-{uuid.uuid4().hex[:12]}"  # the recorded gateway
        d.begin()
        d.run(PAYMENT, (f"authorisation:{number}", oid, "authorisation", str(amount), currency, authorisation, at,
                        None))
        d.run(EVENT, (oid, at, "PaymentAuthorised", None, None, None, None,
                      _detail(amount=str(amount), currency=currency, gateway="recorded", reference=authorisation)))
        d.commit()
        captured = f"CAPT-{uuid.uuid4().hex[:12]}"
        d.begin()
        d.run(PAYMENT, (key, oid, "capture", str(amount), currency, captured, at, invoice))
        d.run(EVENT, (oid, at, "PaymentCaptured", None, None, None, None,
                      _detail(amount=str(amount), currency=currency, gateway="recorded", reference=captured,
                              invoice=invoice, attempts=attempts)))
        d.run("UPDATE capture_requests SET state = 'captured', captured_at = ?, capturing_since = NULL WHERE id = ?",
              (at, rid))
        d.commit()
    return claimed


def _manifest(d: Driver, now: datetime) -> list[tuple]:
    day_start = datetime(now.year, now.month, now.day, tzinfo=timezone.utc)
    day_end = day_start + timedelta(days=1)
    handed = d.all("SELECT o.number, p.seq, p.carrier, p.service, p.tracking_number, p.sscc, p.actual_weight_g, "
                   "a.postcode, a.city, a.country, p.handed_over_at FROM parcels p JOIN orders o ON o.id = p.order_id "
                   "LEFT JOIN addresses a ON a.id = o.ship_to_id WHERE p.carrier = ? AND p.handed_over_at >= ? "
                   "AND p.handed_over_at < ? ORDER BY p.handed_over_at, p.id", ("POST", d.t(day_start), d.t(day_end)))
    d.all("SELECT o.number, p.seq, p.tracking_number FROM parcels p JOIN orders o ON o.id = p.order_id WHERE "
          "p.carrier = ? AND p.status IN ('closed', 'confirmed') AND p.handed_over_at IS NULL AND p.closed_at < ?",
          ("POST", d.t(day_end)))
    return handed


def _tracking(d: Driver, now: datetime, orders: int) -> None:
    at = d.t(now)
    delivered_at = now + timedelta(hours=30)
    delivered = d.t(delivered_at)
    d.begin()
    for i in range(1, orders + 1):
        code = tracking_number(i)
        pid, seq, oid, number, email = d.one("SELECT p.id, p.seq, o.id, o.number, o.email FROM parcels p JOIN "
                                             "orders o ON o.id = p.order_id WHERE p.tracking_number = ?", (code,))
        d.run("INSERT INTO tracking_events (parcel_id, status, at, location, imported_at) VALUES (?, 'delivered', ?, "
              "'Hamburg', ?) ON CONFLICT DO NOTHING", (pid, delivered, at))
        d.run("UPDATE parcels SET tracking_status = 'delivered', delivered_at = ? WHERE id = ?", (delivered, pid))
        events = [(oid, at, "TrackingReported", None, None, None, None,
                   _detail(parcel=seq, status="delivered", at=delivered_at.isoformat(), location="Hamburg"))]
        left = d.one("SELECT count(*) FROM parcels WHERE order_id = ? AND status <> 'voided' AND "
                     "(tracking_status IS NULL OR tracking_status <> 'delivered')", (oid,))[0]
        if left == 0:
            d.run("UPDATE orders SET status = 'delivered', version = version + 1 WHERE id = ? AND status = 'shipped'",
                  (oid,))
            events.append((oid, at, "StatusChanged", "shipped", "delivered", None, None,
                           _detail(reason=f"carrier delivered {delivered_at.isoformat()}")))
            d.run(OUTBOX, _mail(d, "delivered", oid, number, email, now, "was delivered"))
        d.many(EVENT, events)
    # the import completes the orders delivered a day (complete_after_days) before, as ours does
    # in the same transaction (none here: they were delivered by this file)
    due = d.all("SELECT o.id FROM orders o JOIN parcels p ON p.order_id = o.id WHERE o.status = 'delivered' AND "
                "p.status <> 'voided' GROUP BY o.id HAVING max(p.delivered_at) <= ?", (d.t(now - timedelta(days=1)),))
    assert not due
    d.commit()


def _completion(d: Driver, now: datetime) -> list[tuple[int]]:
    at = d.t(now)
    d.begin()
    due = d.all("SELECT o.id FROM orders o JOIN parcels p ON p.order_id = o.id WHERE o.status = 'delivered' "
                "AND p.status <> 'voided' GROUP BY o.id HAVING max(p.delivered_at) <= ?",
                (d.t(now + timedelta(days=2)),))
    ids = [(row[0],) for row in due]
    d.many(d.q("UPDATE orders SET status = 'completed', version = version + 1 WHERE id = ?"), ids)
    reason = _detail(reason="delivered 1 day(s) ago or more")
    d.many(d.q(EVENT), [(i, at, "StatusChanged", "delivered", "completed", None, None, reason) for (i,) in ids])
    d.commit()
    return ids


# --- runs ------------------------------------------------------------------------------------------


def written(url: str) -> dict[str, Any]:
    """What a run left, table by table (counts by kind, status, chain), to hold ours and the
    reference to the same writes."""
    d = Driver(url)
    try:
        found = {name: d.all(sql, ()) for name, sql in (
            ("orders", "SELECT status, count(*), sum(version) FROM orders GROUP BY status ORDER BY status"),
            ("order_events", "SELECT kind, from_status, to_status, station, username, count(*) FROM order_events "
                             "GROUP BY kind, from_status, to_status, station, username ORDER BY 1, 2, 3, 4, 5"),
            ("audit_log", "SELECT chain, action, actor, count(*), max(seq) FROM audit_log GROUP BY chain, action, actor "
                          "ORDER BY 1, 2, 3"),
            ("outbox_messages", "SELECT kind, state, count(*) FROM outbox_messages GROUP BY kind, state ORDER BY 1, 2"),
            ("capture_requests", "SELECT state, count(*), count(invoice_number) FROM capture_requests GROUP BY state "
                                 "ORDER BY 1"),
            ("payments", "SELECT kind, gateway, count(*), count(invoice_number) FROM payments GROUP BY kind, gateway "
                         "ORDER BY 1, 2"),
            ("tracking_events", "SELECT status, location, count(*) FROM tracking_events GROUP BY status, location "
                                "ORDER BY 1, 2"),
            ("parcels", "SELECT status, tracking_status, count(handed_over_at), count(handed_over_by), "
                        "count(delivered_at), count(*) FROM parcels GROUP BY status, tracking_status ORDER BY 1, 2"),
            ("counters", "SELECT name, value FROM counters ORDER BY name"),
        )}
    finally:
        d.conn.close()
    return {name: [tuple(row) for row in rows] for name, rows in found.items()}


@contextmanager
def _sqlite(orders: int) -> Iterator[Callable[[], str]]:
    from app.store import migrate
    from app.store.session import Database

    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-ship-"))
    template = folder / "template.sqlite3"
    with Database(f"sqlite:///{template}") as db:
        migrate.upgrade(db)
    seed(f"sqlite:///{template}", orders)
    copies = iter(range(1000))

    def fresh() -> str:
        path = folder / f"run{next(copies)}.sqlite3"
        shutil.copy(template, path)
        return f"sqlite:///{path}"

    try:
        yield fresh
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _postgres(orders: int) -> Iterator[Callable[[], str] | None]:
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
    template = f"packdesk_bench_ship_{uuid.uuid4().hex[:8]}"
    made = [template]
    try:
        with psycopg.connect(**admin, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{template}"')
    except psycopg.OperationalError as exc:
        log.warning("PostgreSQL benchmark skipped: %s", exc)
        yield None
        return
    url = u.set(drivername="postgresql+psycopg", database=template).render_as_string(hide_password=False)
    with Database(url) as db:
        migrate.upgrade(db)
    seed(url, orders)

    def fresh() -> str:
        name = f"{template}_{len(made)}"
        with psycopg.connect(**admin) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        made.append(name)
        return u.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)

    try:
        yield fresh
    finally:
        with psycopg.connect(**admin) as conn:
            for name in reversed(made):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _started() -> None:
    """The process as a `packdesk` command (`dispatch scan`, `tracking import`) has it when the
    command begins (app/cli/main.py): its modules imported and the start-up's objects kept out of
    the collector's full passes (app/heap.py). Both sides run in this process after it."""
    import app.shipping.capture  # noqa: F401
    import app.shipping.dispatch  # noqa: F401
    import app.shipping.tracking  # noqa: F401
    import app.store.uow  # noqa: F401
    from app import heap

    heap.settle()


def run(quick: bool) -> Iterable[dict[str, Any]]:
    """One figure per backend and stage: seconds for all the orders (ours, reference), orders per
    second, and the median of the pairs' ratios."""
    orders = 500 if quick else int(os.environ.get("PACKDESK_BENCH_SHIPPING_ORDERS", "10000"))
    repeats = 1 if quick else int(os.environ.get("PACKDESK_BENCH_SHIPPING_RUNS", "3"))
    _started()
    for backend, make in (("sqlite", _sqlite), ("postgresql", _postgres)):
        with make(orders) as fresh:
            if fresh is None:
                continue
            runs: dict[str, list[Stopwatch]] = {"ours": [], "reference": []}
            for i in range(repeats):
                rows: dict[str, dict[str, Any]] = {}
                for fn in ((ours, reference) if i % 2 == 0 else (reference, ours)):
                    url = fresh()
                    runs[fn.__name__].append(fn(url, orders))
                    rows[fn.__name__] = written(url)
                if rows["ours"] != rows["reference"]:
                    raise RuntimeError(f"ours and the reference left different rows: {rows}")
            for stage in STAGES:
                figure: dict[str, Any] = {"name": f"shipping.{stage}.{backend}"}
                for clock, prefix in (("wall", ""), ("cpu", "cpu_")):
                    mine = [getattr(w, clock)[stage] for w in runs["ours"]]
                    theirs = [getattr(w, clock)[stage] for w in runs["reference"]]
                    ratios = [t / m for m, t in zip(mine, theirs)]
                    figure.update({f"{prefix}ours": round(statistics.median(mine), 3),
                                   f"{prefix}reference": round(statistics.median(theirs), 3),
                                   f"{prefix}ratio": round(statistics.median(ratios), 3),
                                   f"{prefix}pair_ratios": [round(x, 2) for x in ratios]})
                    if clock == "wall":
                        figure.update({"unit": "s", "orders": orders, "goal": GOAL, "runs": repeats,
                                       "ours_orders_per_s": round(orders / statistics.median(mine), 1),
                                       "reference_orders_per_s": round(orders / statistics.median(theirs), 1),
                                       "reference_impl": "sqlite3" if backend == "sqlite" else "psycopg"})
                yield figure
