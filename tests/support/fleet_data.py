"""Orders for simulated stations: `n` picked orders straight into PostgreSQL (psycopg), the
quickest way to a queue for tests and benchmarks of many stations (issue 17)."""
from __future__ import annotations

from typing import Any


def seed_picked_orders(conn: Any, n: int, prefix: str = "F") -> None:
    """Inserts `n` picked orders numbered PREFIX-0 ... and the user 'ann' if missing."""
    conn.execute("INSERT INTO users (username, display_name, role, badge_code, active) "
                 "VALUES ('ann', 'Ann', 'packer', 'B-ANN', true) ON CONFLICT DO NOTHING")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO orders (number, channel, status, priority, created_at, service_level, gift_wrap, currency, "
            "subtotal, shipping_total, discount_total, tax_total, total, version, pack_from) VALUES "
            "(%s, 'manual', 'picked', 0, now(), 'standard', false, 'EUR', 0, 0, 0, 0, 0, 1, 'picked')",
            [(f"{prefix}-{i}",) for i in range(n)])
