"""Issue 17: on SQLite a 20,000-order import never starves the stations. A real `packdesk
import` process imports the file while this test, as a station, claims orders and lets them go
again with a busy timeout of 1 s (not the station's usual 15 s): every claim must get the lock
within that budget, through the staging, the publishing transaction and the validation slices.
And the file stays all or nothing: killed after publishing, the import has left every order."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.imports import import_file
from app.orders.claims import claim_next, release
from app.store.models import Order
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

PACKDESK = str(Path(sys.executable).parent / "packdesk")
ORDERS = 20_000
STATION_BUSY_TIMEOUT_MS = 1_000  # the claim's whole budget for the write lock
HEADER = "order_number,ship_name,ship_address1,ship_postcode,ship_city,ship_country,email,sku,quantity\n"


def write_orders(path: Path, prefix: str, count: int) -> Path:
    rows = (f"{prefix}-{n},Grace Hopper,{n} Harbour Road,22201,Arlington,US,grace{n % 500}@example.com,MUG-1,1\n"
            for n in range(count))
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def orders_named(db: Database, prefix: str) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Order).where(Order.number.like(f"{prefix}-%"))) or 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_station_claims_within_its_1_s_busy_timeout_throughout_a_20000_order_import(
        db_url: str, tmp_path: Path) -> None:
    with Database(db_url) as db:
        catalogue = tmp_path / "products.csv"
        catalogue.write_text("sku,name,price,weight_g\nMUG-1,Mug,12.90,350\n", encoding="utf-8")
        import_file(db, "catalog", catalogue)
        import_file(db, "orders", write_orders(tmp_path / "queue.csv", "Q", 20))
        with db.engine.begin() as conn:  # the queue the station packs from
            conn.execute(text("UPDATE orders SET status = 'picked' WHERE number LIKE 'Q-%'"))
    big = write_orders(tmp_path / "big.csv", "BIG", ORDERS)
    station = Database(db_url, sqlite_busy_timeout_ms=STATION_BUSY_TIMEOUT_MS)
    watcher = Database(db_url)
    importer = subprocess.Popen([PACKDESK, "--database", db_url, "import", "orders", str(big)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PACKDESK_CONFIG": str(tmp_path / "none.toml")})
    claims = 0
    waits: list[float] = []
    published_at: float | None = None
    try:
        while importer.poll() is None:
            began = time.perf_counter()
            claim = claim_next(SqlUnitOfWork(station), "ST-1", "ann", lease_seconds=60)
            waits.append(time.perf_counter() - began)
            assert claim is not None, "the queue of picked orders ran dry"
            release(SqlUnitOfWork(station), claim.number, "ST-1", user="ann", reason="bench")
            claims += 1
            if published_at is None and orders_named(watcher, "BIG") == ORDERS:
                published_at = time.monotonic()
            if published_at is not None and time.monotonic() - published_at > 15:
                break  # well into the validation slices: enough
            time.sleep(0.05)
        assert published_at is not None, importer.stderr.read() if importer.stderr else ""
        # killed half-way through validating: the file's orders are all there, none half-written
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
        assert orders_named(watcher, "BIG") == ORDERS
        with watcher.read() as session:
            lines = session.scalar(text("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                                        "WHERE o.number LIKE 'BIG-%'"))
            events = session.scalar(text("SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id "
                                         "WHERE o.number LIKE 'BIG-%' AND e.kind = 'OrderCaptured'"))
            validated = session.scalar(text("SELECT count(*) FROM orders WHERE number LIKE 'BIG-%' "
                                            "AND status != 'captured'"))
        assert lines == ORDERS and events == ORDERS
        assert validated > 0  # the slices had begun: the station claimed between them
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
        station.close()
        watcher.close()
    waits.sort()
    print(f"\n{claims} claims during the import; wait for the lock: median {waits[len(waits) // 2] * 1000:.0f} ms, "
          f"longest {waits[-1] * 1000:.0f} ms (budget {STATION_BUSY_TIMEOUT_MS} ms)")
    assert claims > 50
