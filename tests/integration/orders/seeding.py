"""Memorable orders for the claim tests, written with plain Core inserts."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, insert, make_url, text

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


@contextmanager
def server_gone(db: Database) -> Iterator[None]:
    """Every connection to the database cut and new ones refused (a server restarting), until
    the block ends; run from the server's maintenance database."""
    url = make_url(db.url)
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as admin:
            admin.execute(text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS false'))
            admin.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                          {"name": url.database})
            try:
                yield
            finally:
                admin.execute(text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS true'))
    finally:
        engine.dispose()
