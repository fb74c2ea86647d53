"""Memorable orders for the claim tests, written with plain Core inserts."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import insert

from app.store.models import Order
from app.store.session import Database

BASE = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def add_orders(db: Database, count: int, *, status: str = "picked", prefix: str = "PD-") -> None:
    """`count` orders in `status`, numbered PD-00001..., oldest first."""
    rows = [
        {"number": f"{prefix}{i:05d}", "status": status, "priority": 0,
         "created_at": BASE + timedelta(seconds=i), "version": 1}
        for i in range(1, count + 1)
    ]
    with db.engine.begin() as conn:
        conn.execute(insert(Order.__table__), rows)
