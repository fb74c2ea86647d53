"""The supervisors' three reads on a big floor: the review queue, the live board and a day's
figures, with 1,000,000 historical orders (their lines, events, scans and 1 % mis-scans,
exceptions - weights, problems, short picks - and SLA breaches, open on today's floor and closed
in the shipped history) and 50 stations on PostgreSQL (`--quick`: 20,000 orders).

Ours: app.store.exception_queries.exception_queue (the open queue, unfiltered, as the review
screen first loads it), app.store.board_queries.floor_board and
app.store.figure_queries.figures_of_day (with the complexity fit), each through SQLAlchemy on a
Database. Reference: the same answers by hand-written SQL on psycopg (one UNION ALL for the
queue; the board's stations, stages, SLA risks and a UNION ALL counting every open exception,
with those of the last day; the figures' two aggregates). Each is timed 15 times (after a
warm-up); the figures are median and p95 in milliseconds, the ratio ours/reference of medians.
The goal is a p95 of at most 1 s each. PostgreSQL runs when PACKDESK_BENCH_POSTGRES_URL (or
PACKDESK_TEST_POSTGRES_URL) names a server; a scratch database is created and dropped.
"""
from __future__ import annotations

import logging
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

log = logging.getLogger(__name__)

GOAL_MS = 1000.0
RUNS = 15
STATIONS = 50


@contextmanager
def _scratch_postgres() -> Iterator[str | None]:
    base = os.environ.get("PACKDESK_BENCH_POSTGRES_URL") or os.environ.get("PACKDESK_TEST_POSTGRES_URL")
    if not base:
        yield None
        return
    import psycopg
    from sqlalchemy import make_url

    from app.store import migrate
    from app.store.session import Database

    u = make_url(base)
    admin = dict(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username, dbname=u.database,
                 password=u.password or None, autocommit=True)
    name = f"packdesk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**admin, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = u.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    try:
        with Database(url) as db:
            migrate.upgrade(db)
        yield url
    finally:
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fill(url: str, orders: int, now: datetime) -> None:
    """A year of shipped orders and today's floor, written by generate_series on the server."""
    import psycopg
    from sqlalchemy import make_url

    u = make_url(url)
    today = now.replace(hour=6, minute=0, second=0, microsecond=0)
    live = max(2000, orders // 200)  # today's orders still on the floor
    params = {"n": orders, "live": live, "now": now, "today": today, "stations": STATIONS}
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database,
                         password=u.password or None) as conn:
        conn.execute("INSERT INTO products (id, sku, name, length_mm, width_mm, height_mm, weight_g, price, currency, "
                     "lot_tracked, serial_tracked, upright, own_container, padding_mm, active) "
                     "SELECT g, 'SKU-' || g, 'Product ' || g, 100, 80, 60, 300, 9.5, 'EUR', false, false, false, "
                     "false, 0, true FROM generate_series(1, 500) g")
        # historical orders: shipped over the last year; the last `live` ones are today's floor
        conn.execute("""
            INSERT INTO orders (id, number, channel, status, priority, created_at, sla_due_at, service_level,
                                gift_wrap, currency, subtotal, shipping_total, discount_total, tax_total, total,
                                version, pack_from, claimed_by_station, claimed_by_user, lease_expires_at)
            SELECT g, 'PD-' || lpad(g::text, 8, '0'),
                   'manual',
                   CASE WHEN g <= %(n)s - %(live)s THEN 'shipped'
                        ELSE (ARRAY['picked','picked','picked','allocated','on_hold','packing','packed',
                                    'validated'])[1 + g %% 8] END,
                   g %% 3,
                   CASE WHEN g <= %(n)s - %(live)s THEN %(today)s - ((%(n)s - g) * interval '30 seconds')
                        ELSE %(today)s + ((g %% 600) * interval '1 minute') END,
                   CASE WHEN g <= %(n)s - %(live)s THEN %(today)s - ((%(n)s - g) * interval '30 seconds')
                        + interval '1 day' ELSE %(now)s + ((g %% 300) * interval '1 minute') END,
                   'standard', g %% 10 = 0, 'EUR', 20, 4.9, 0, 3.8, 28.7, 1, 'picked',
                   CASE WHEN g > %(n)s - %(live)s AND g %% 8 = 5 THEN 'PACK-' || lpad((g %% %(stations)s)::text, 2, '0') END,
                   CASE WHEN g > %(n)s - %(live)s AND g %% 8 = 5 THEN 'packer' || (g %% %(stations)s) END,
                   CASE WHEN g > %(n)s - %(live)s AND g %% 8 = 5 THEN %(now)s + ((g %% 40 - 5) * interval '1 minute') END
            FROM generate_series(1, %(n)s) g""", params)
        conn.execute("""
            INSERT INTO order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price, discount, tax_rate,
                                     packed_quantity, backordered_quantity)
            SELECT g, l, 1 + (g * l) %% 500, 'SKU-' || (1 + (g * l) %% 500), 'Product', 1 + g %% 3, 9.5, 0, 0.19,
                   CASE WHEN g <= %(n)s - %(live)s THEN 1 + g %% 3 ELSE 0 END, 0
            FROM generate_series(1, %(n)s) g, generate_series(1, 2) l WHERE l = 1 OR g %% 4 = 0""", params)
        # the packing of every shipped order: claimed, packed (events), three scans, 1 % a mis-scan
        conn.execute("""
            INSERT INTO order_events (order_id, at, kind, from_status, to_status, station, username)
            SELECT g, o.created_at + interval '2 hours' + s * ((3 + g %% 7) * interval '1 minute'),
                   'StatusChanged', CASE WHEN s = 0 THEN 'picked' ELSE 'packing' END,
                   CASE WHEN s = 0 THEN 'packing' ELSE 'packed' END,
                   'PACK-' || lpad((g %% %(stations)s)::text, 2, '0'), 'packer' || (g %% %(stations)s)
            FROM generate_series(1, %(n)s - %(live)s) g JOIN orders o ON o.id = g, generate_series(0, 1) s""",
                     params)
        conn.execute("""
            INSERT INTO scans (at, station, username, order_id, data, outcome, quantity)
            SELECT o.created_at + interval '2 hours' + s * interval '20 seconds',
                   'PACK-' || lpad((g %% %(stations)s)::text, 2, '0'), 'packer' || (g %% %(stations)s), g,
                   '400638133393' || s,
                   CASE WHEN s = 2 AND g %% 100 = 0 THEN 'wrong_item' ELSE 'accepted' END, 1
            FROM generate_series(1, %(n)s - %(live)s) g JOIN orders o ON o.id = g, generate_series(0, 2) s""",
                     params)
        conn.execute("""
            INSERT INTO pack_exceptions (order_id, kind, reason, station, username, at, resolved_at, resolved_by,
                                         resolution)
            SELECT g, (ARRAY['weight','damaged','short_pick'])[1 + g %% 3], 'found at packing',
                   'PACK-' || lpad((g %% %(stations)s)::text, 2, '0'), 'packer' || (g %% %(stations)s),
                   o.created_at + interval '2 hours', CASE WHEN g <= %(n)s - %(live)s * 2 THEN
                   o.created_at + interval '3 hours' END, 'sup', 'done'
            FROM generate_series(1, %(n)s, 97) g JOIN orders o ON o.id = g""", params)
        # SLA breaches flagged by `packdesk tracking late`: 1 in 40 of today's floor (open, in the
        # queue) and 1 in 1,000 of the shipped history (closed by shipping, never listed)
        conn.execute("""
            UPDATE orders SET sla_due_at = %(now)s - ((id %% 180) * interval '1 minute'),
                              sla_breached_at = %(now)s - ((id %% 180) * interval '1 minute') + interval '10 minutes'
             WHERE (id > %(n)s - %(live)s AND id %% 40 = 7) OR (id <= %(n)s - %(live)s AND id %% 1000 = 3)""",
                     params)
        conn.execute("""
            INSERT INTO order_holds (order_id, kind, detail, created_at)
            SELECT id, 'high_value', 'order total above 1000 EUR', created_at FROM orders WHERE status = 'on_hold'""")
        conn.execute("""
            INSERT INTO station_events (at, station, kind, action, username, method)
            SELECT %(today)s + (s * interval '1 minute'), 'PACK-' || lpad(s::text, 2, '0'), 'LoggedIn', 'login',
                   'packer' || s, 'badge' FROM generate_series(0, %(stations)s - 1) s""", params)
        conn.execute("""
            INSERT INTO stations (code, name, last_seen_at, devices)
            SELECT 'PACK-' || lpad(s::text, 2, '0'), 'Station ' || s, %(now)s,
                   '{"scanner": "connected", "scale": "connected", "label printer": "connected"}'
            FROM generate_series(0, %(stations)s - 1) s""", params)
        # today's packing at the 50 stations: 20 orders each, the day's figures read these
        conn.execute("""
            INSERT INTO order_events (order_id, at, kind, from_status, to_status, station, username)
            SELECT g, %(today)s + ((g %% 480) * interval '1 minute') + s * ((2 + g %% 9) * interval '1 minute'),
                   'StatusChanged', CASE WHEN s = 0 THEN 'picked' ELSE 'packing' END,
                   CASE WHEN s = 0 THEN 'packing' ELSE 'packed' END,
                   'PACK-' || lpad((g %% %(stations)s)::text, 2, '0'), 'packer' || (g %% %(stations)s)
            FROM generate_series(%(n)s - %(live)s - 999, %(n)s - %(live)s) g, generate_series(0, 1) s""", params)
        conn.execute("""
            INSERT INTO scans (at, station, username, order_id, data, outcome, quantity)
            SELECT %(today)s + ((g %% 480) * interval '1 minute') + s * interval '20 seconds',
                   'PACK-' || lpad((g %% %(stations)s)::text, 2, '0'), 'packer' || (g %% %(stations)s), g, 'x',
                   CASE WHEN s = 2 AND g %% 40 = 0 THEN 'unknown' ELSE 'accepted' END, 1
            FROM generate_series(%(n)s - %(live)s - 999, %(n)s - %(live)s) g, generate_series(0, 2) s""", params)
        for table in ("orders", "order_lines", "order_events", "scans", "pack_exceptions", "order_holds",
                      "station_events", "stations", "products"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


# --- the hand-written references ------------------------------------------------------------------

REF_QUEUE = """
SELECT * FROM (
  SELECT 'H-' || min(h.id) AS key, 'hold' AS kind, min(h.created_at) AS at, o.number, NULL AS station, NULL AS packer
    FROM order_holds h JOIN orders o ON o.id = h.order_id
   WHERE h.released_at IS NULL AND o.status = 'on_hold'
     AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'H-' || h.id)
   GROUP BY o.id, o.number
  UNION ALL
  (SELECT 'X-' || x.id, x.kind, x.at, o.number, x.station, x.username FROM pack_exceptions x
     JOIN orders o ON o.id = x.order_id
    WHERE x.resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'X-' || x.id)
    ORDER BY x.at LIMIT 500)
  UNION ALL
  (SELECT 'S-' || s.id, 'mis_scan', s.at, o.number, s.station, s.username FROM scans s
     LEFT JOIN orders o ON o.id = s.order_id
    WHERE s.outcome IN ('wrong_item','unknown','over_scan','invalid_gs1','serial_used','wrong_label')
      AND (o.status IS NULL OR o.status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing','packed'))
      AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'S-' || s.id)
    ORDER BY s.at LIMIT 500)
  UNION ALL
  (SELECT 'E-' || e.id, e.kind, e.at, o.number, e.station, e.username FROM order_events e
     JOIN orders o ON o.id = e.order_id
    WHERE e.kind IN ('BoxChosen','LabelReprinted','LabelPrintFailed')
      AND (e.kind <> 'BoxChosen' OR e.detail LIKE '%%"reason": "%%')
      AND o.status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing','packed')
      AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'E-' || e.id)
    ORDER BY e.at LIMIT 500)
  UNION ALL
  (SELECT 'R-' || v.id, 'refused_badge', v.at, NULL, v.station, NULL FROM station_events v
    WHERE v.kind IN ('BadgeRefused','SupervisorRefused')
      AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'R-' || v.id)
    ORDER BY v.at LIMIT 500)
  UNION ALL
  (SELECT 'L-' || o.id || '-' || o.version, 'stale_lease', o.lease_expires_at, o.number, o.claimed_by_station,
          o.claimed_by_user FROM orders o WHERE o.status = 'packing' AND o.lease_expires_at < %(now)s
    ORDER BY o.lease_expires_at LIMIT 500)
  UNION ALL
  (SELECT 'B-' || o.id, 'sla_breach', o.sla_due_at, o.number, o.claimed_by_station, o.claimed_by_user
     FROM orders o WHERE o.sla_breached_at IS NOT NULL
      AND o.status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing',
                       'packed')
      AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'B-' || o.id)
    ORDER BY o.sla_due_at LIMIT 500)
) q ORDER BY at LIMIT 500"""

REF_BOARD = (
    """SELECT DISTINCT ON (station) station, kind, username, at FROM station_events
        WHERE kind IN ('LoggedIn','LoggedOut') AND at >= %(since)s ORDER BY station, id DESC""",
    "SELECT station, max(at) FROM scans WHERE at >= %(since)s GROUP BY station",
    """SELECT o.number, o.claimed_by_station, o.lease_expires_at,
              (SELECT max(e.at) FROM order_events e WHERE e.order_id = o.id AND e.kind = 'StatusChanged'
                  AND e.to_status = 'packing') FROM orders o
        WHERE o.status = 'packing' AND o.claimed_by_station IS NOT NULL""",
    "SELECT code, devices FROM stations",
    """SELECT status, count(*) FROM orders WHERE status IN ('captured','validated','on_hold','allocated',
       'backordered','picking','picked','packing','packed') GROUP BY status""",
    """SELECT number, status, sla_due_at FROM orders WHERE status IN ('captured','validated','on_hold','allocated',
       'backordered','picking','picked','packing') AND sla_due_at < %(risk)s ORDER BY sla_due_at LIMIT 30""",
    # every open exception, whatever its age, counted by kind with those of the last 24 hours
    """SELECT 'hold', count(*), count(*) FILTER (WHERE h.created_at >= %(day)s)
         FROM (SELECT min(h.id) AS id FROM order_holds h JOIN orders o ON o.id = h.order_id
                WHERE h.released_at IS NULL AND o.status = 'on_hold' GROUP BY h.order_id) f
         JOIN order_holds h ON h.id = f.id
        WHERE NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'H-' || f.id)
       UNION ALL
       SELECT x.kind, count(*), count(*) FILTER (WHERE x.at >= %(day)s) FROM pack_exceptions x
        WHERE x.resolved_at IS NULL AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'X-' || x.id)
        GROUP BY x.kind
       UNION ALL
       SELECT 'mis_scan', count(*), count(*) FILTER (WHERE s.at >= %(day)s) FROM scans s
        WHERE s.outcome IN ('wrong_item','unknown','over_scan','invalid_gs1','serial_used','wrong_label')
          AND (s.order_id IS NULL OR s.order_id IN (SELECT id FROM orders WHERE status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing','packed')))
          AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'S-' || s.id)
       UNION ALL
       SELECT e.kind, count(*), count(*) FILTER (WHERE e.at >= %(day)s) FROM order_events e
        WHERE e.kind IN ('BoxChosen','LabelReprinted','LabelPrintFailed')
          AND e.order_id IN (SELECT id FROM orders WHERE status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing','packed'))
          AND (e.kind <> 'BoxChosen' OR e.detail LIKE '%%"reason": "%%')
          AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'E-' || e.id) GROUP BY e.kind
       UNION ALL
       SELECT 'refused_badge', count(*), count(*) FILTER (WHERE v.at >= %(day)s) FROM station_events v
        WHERE v.kind IN ('BadgeRefused','SupervisorRefused')
          AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'R-' || v.id)
       UNION ALL
       SELECT 'stale_lease', count(*), count(*) FILTER (WHERE o.lease_expires_at >= %(day)s) FROM orders o
        WHERE o.status = 'packing' AND o.lease_expires_at < %(now)s
          AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'L-' || o.id || '-' || o.version)
       UNION ALL
       SELECT 'sla_breach', count(*), count(*) FILTER (WHERE o.sla_due_at >= %(day)s) FROM orders o
        WHERE o.sla_breached_at IS NOT NULL
          AND o.status IN ('captured','validated','on_hold','allocated','backordered','picking','picked','packing',
                           'packed')
          AND NOT EXISTS (SELECT 1 FROM exception_reviews r WHERE r.key = 'B-' || o.id)""",
)

REF_FIGURES = (
    """WITH packed AS (SELECT order_id, at FROM order_events WHERE kind = 'StatusChanged' AND to_status = 'packed'
                         AND at >= %(start)s AND at < %(end)s),
            claim AS (SELECT DISTINCT ON (e.order_id) e.order_id, e.at, e.username, e.station FROM order_events e
                        JOIN packed p ON p.order_id = e.order_id
                       WHERE e.kind = 'StatusChanged' AND e.to_status = 'packing' AND e.at < %(end)s
                       ORDER BY e.order_id, e.id DESC)
       SELECT c.username, c.station, count(*), sum(extract(epoch FROM p.at - c.at)) / 60,
              sum((SELECT sum(packed_quantity) FROM order_lines l WHERE l.order_id = p.order_id))
         FROM packed p JOIN claim c ON c.order_id = p.order_id GROUP BY c.username, c.station""",
    """SELECT username, station, sum(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END),
              sum(CASE WHEN outcome IN ('wrong_item','unknown','over_scan','invalid_gs1','serial_used','wrong_label')
                  THEN 1 ELSE 0 END)
         FROM scans WHERE at >= %(start)s AND at < %(end)s AND username IS NOT NULL GROUP BY username, station""",
)


def _timed(fn: Callable[[], Any]) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(quick: bool) -> Iterable[dict[str, Any]]:
    """The three figures (skipped without a PostgreSQL server)."""
    import psycopg
    from sqlalchemy import make_url

    from app.store.board_queries import floor_board
    from app.store.exception_queries import exception_queue
    from app.store.figure_queries import day_bounds, figures_of_day
    from app.store.session import Database
    from app.supervision.model import ExceptionFilter

    orders = 20_000 if quick else 1_000_000
    with _scratch_postgres() as url:
        if url is None:
            log.warning("supervisors benchmark skipped: set PACKDESK_BENCH_POSTGRES_URL")
            return
        now = datetime.now(timezone.utc)
        started = time.perf_counter()
        _fill(url, orders, now)
        fill_s = time.perf_counter() - started
        u = make_url(url)
        start, end = day_bounds(now.date())
        params = {"now": now, "since": now - timedelta(hours=12), "risk": now + timedelta(hours=2),
                  "day": now - timedelta(hours=24),
                  "start": start, "end": end}
        with Database(url) as db, psycopg.connect(host=u.host, port=u.port or 5432, user=u.username,
                                                  dbname=u.database, password=u.password or None,
                                                  autocommit=True) as conn:
            def ref(*statements: str) -> Callable[[], None]:
                def go() -> None:
                    for sql in statements:
                        conn.execute(sql, params).fetchall()
                return go

            cases = (
                ("review queue", lambda: exception_queue(db, ExceptionFilter(), now), ref(REF_QUEUE)),
                ("board", lambda: floor_board(db, now), ref(*REF_BOARD)),
                ("day's figures", lambda: figures_of_day(db, now.date()), ref(*REF_FIGURES)),
            )
            answers = (len(exception_queue(db, ExceptionFilter(), now)), len(floor_board(db, now).stations),
                       figures_of_day(db, now.date()).total.orders)
            # mis-scans of orders shipped or cancelled are closed (docs/supervisors.md): the open ones
            counted = floor_board(db, now).open_exceptions
            for (name, ours, reference), answer in zip(cases, answers):
                a, b = _timed(ours), _timed(reference)
                yield {"name": f"supervisors: {name}", "orders": orders, "stations": STATIONS, "answer": answer,
                       "ours": round(statistics.median(a), 1), "reference": round(statistics.median(b), 1),
                       "ours_p95": round(_p95(a), 1), "reference_p95": round(_p95(b), 1),
                       "ratio": round(statistics.median(a) / statistics.median(b), 2), "unit": "ms",
                       "goal_p95_ms": GOAL_MS, "met": _p95(a) <= GOAL_MS, "fill_s": round(fill_s, 1),
                       **({"open_exceptions": counted} if name == "board" else {})}
