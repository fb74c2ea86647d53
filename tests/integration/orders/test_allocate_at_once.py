"""Many processes allocating the last units of one SKU at once oversell nothing."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sqlalchemy import func, select, update

from app.store.models import Order, Stock, StockHold
from app.store.session import Database
from tests.integration.orders.allocate_child import allocate_one
from tests.integration.orders.warehouse import import_orders, order_row, stock_up

PROCESSES = 16


def test_sixteen_processes_allocating_the_last_five_mugs_oversell_nothing(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path, "sku,location,quantity\nMUG-BLUE-350,A-01-1,0\nMUG-BLUE-350,C-09-4,0\n")
    numbers = [f"WEB-{n:02}" for n in range(PROCESSES)]
    import_orders(db, tmp_path, "".join(order_row(number) for number in numbers))
    with db.write() as session:  # the last five mugs, counted in two bins, with nobody allocating yet
        session.execute(update(Stock).values(quantity=2))
        session.execute(update(Stock).where(Stock.id == select(func.max(Stock.id)).scalar_subquery())
                        .values(quantity=3))
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        start = manager.Barrier(PROCESSES + 1)  # every process connected and waiting, then all at once
        with ProcessPoolExecutor(PROCESSES, mp_context=spawn) as pool:
            futures = [pool.submit(allocate_one, db.url, number, start) for number in numbers]
            start.wait(120)
            outcomes = sorted(f.result(timeout=180) for f in futures)
    assert outcomes == ["allocated"] * 5 + ["backordered"] * 11
    with db.read() as session:
        bins = session.execute(select(Stock.quantity, Stock.allocated).order_by(Stock.id)).all()
        held = session.scalar(select(func.sum(StockHold.quantity)).where(StockHold.status == "held"))
        allocated = session.scalar(select(func.count()).select_from(Order).where(Order.status == "allocated"))
    assert [tuple(b) for b in bins] == [(2, 2), (3, 3)]
    assert (held, allocated) == (5, 5)
