"""A station claiming orders while a big order file is imported on SQLite (issue 17).

Ours: app.imports.import_file as it is (the staged import: stage, one short publishing
transaction, validation in slices). Reference: the same import in ONE transaction
(app.imports.STAGE_ON_SQLITE = False, the classic path). The import runs in a child process;
this process is the station: claim_next then release, every 50 ms, with the station's real
busy timeout (15 s), until the import ends. Figures: how long a claim waited for the lock
(median, p99, longest) and how many failed with "database is locked"; the ratio is our longest
wait over the reference's. 20,000 orders (4,000 with --quick).
"""
from __future__ import annotations

import logging
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

HEADER = "order_number,ship_name,ship_address1,ship_postcode,ship_city,ship_country,email,sku,quantity\n"


def _import(url: str, path: str, staged: bool) -> None:
    import app.imports
    from app.store.session import Database

    app.imports.STAGE_ON_SQLITE = staged
    with Database(url) as db:
        app.imports.import_file(db, "orders", path)


def _prepare(directory: Path, orders: int) -> tuple[str, Path]:
    from sqlalchemy import text

    from app.imports import import_file
    from app.store import migrate
    from app.store.session import Database

    url = f"sqlite:///{directory / 'packdesk.sqlite3'}"
    catalogue = directory / "products.csv"
    catalogue.write_text("sku,name,price,weight_g\nMUG-1,Mug,12.90,350\n", encoding="utf-8")
    queue = directory / "queue.csv"
    queue.write_text(HEADER + "".join(f"Q-{n},Ann,1 Road,22201,Arlington,US,q@example.com,MUG-1,1\n"
                                      for n in range(20)), encoding="utf-8")
    with Database(url) as db:
        migrate.upgrade(db)
        import_file(db, "catalog", catalogue)
        import_file(db, "orders", queue)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE orders SET status = 'picked'"))
    big = directory / "big.csv"
    big.write_text(HEADER + "".join(f"BIG-{n},Grace,{n} Harbour Road,22201,Arlington,US,g{n % 500}@example.com,"
                                    "MUG-1,1\n" for n in range(orders)), encoding="utf-8")
    return url, big


def _station_during(url: str, big: Path, staged: bool) -> dict[str, Any]:
    from app.errors import DatabaseUnavailable
    from app.orders.claims import claim_next, release
    from app.store.session import Database
    from app.store.uow import SqlUnitOfWork

    waits: list[float] = []
    failed = 0
    child = multiprocessing.get_context("spawn").Process(target=_import, args=(url, str(big), staged))
    began = time.perf_counter()
    child.start()
    with Database(url) as station:
        while child.is_alive():
            start = time.perf_counter()
            try:
                claim = claim_next(SqlUnitOfWork(station), "ST-1", "ann", lease_seconds=60)
                waits.append(time.perf_counter() - start)
                if claim is not None:
                    release(SqlUnitOfWork(station), claim.number, "ST-1", user="ann", reason="bench")
            except DatabaseUnavailable:  # "database is locked" after the 15 s busy timeout
                failed += 1
            time.sleep(0.05)
    child.join()
    waits.sort()
    return {"import_s": round(time.perf_counter() - began, 1), "claims": len(waits), "failed": failed,
            "wait_p50_ms": round(statistics.median(waits) * 1000, 1) if waits else None,
            "wait_p99_ms": round(waits[int(len(waits) * 0.99)] * 1000, 1) if waits else None,
            "wait_max_ms": round(waits[-1] * 1000, 1) if waits else None}


def run(quick: bool) -> Iterable[dict[str, Any]]:
    orders = 4_000 if quick else 20_000
    figures = {}
    for name, staged in (("ours", True), ("reference", False)):
        with tempfile.TemporaryDirectory() as directory:
            url, big = _prepare(Path(directory), orders)
            figures[name] = _station_during(url, big, staged)
    ours, reference = figures["ours"], figures["reference"]
    longest_ref = reference["wait_max_ms"] or 0
    yield {"name": f"import_lock.claim_wait_during_{orders}_order_import", "unit": "ms (longest claim wait)",
           "ours": ours["wait_max_ms"], "reference": longest_ref,
           "ratio": round(ours["wait_max_ms"] / longest_ref, 3) if longest_ref else None,
           "goal": "every claim within 1,000 ms, none failed", "ours_detail": ours, "reference_detail": reference}
