"""Eight station processes share one queue: every order is packed exactly once."""
from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select, update

from app.store.models import Order, OrderEvent, ScanRecord, utcnow
from app.store.session import Database
from tests.integration.orders.seeding import add_orders
from tests.integration.orders.stations import work_the_queue

ORDERS = 2000
ABANDONED = 100  # held by a station that died: their leases have expired
STATIONS = 8


def test_eight_processes_claim_two_thousand_orders_each_exactly_once(db: Database) -> None:
    add_orders(db, ORDERS)
    with db.engine.begin() as conn:
        o = Order.__table__
        conn.execute(
            update(o).where(o.c.id <= ABANDONED).values(
                status="packing", claimed_by_station="ST-DEAD", claimed_by_user="gone",
                lease_expires_at=utcnow() - timedelta(minutes=1))
        )
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(STATIONS) as pool:
        results = pool.starmap(work_the_queue, [(db.url, f"ST-{i:02d}") for i in range(1, STATIONS + 1)])

    packed = Counter(number for numbers in results for number in numbers)
    assert len(packed) == ORDERS and set(packed.values()) == {1}
    assert sum(1 for numbers in results if numbers) >= 2  # the work really was shared
    with db.read() as session:
        claims = session.execute(
            select(OrderEvent.order_id, func.count()).where(
                (OrderEvent.to_status == "packing") | (OrderEvent.kind == "LeaseTakenOver"))
            .group_by(OrderEvent.order_id)).all()
        takeovers = session.scalar(select(func.count()).where(OrderEvent.kind == "LeaseTakenOver"))
        statuses = session.execute(select(Order.status, func.count()).group_by(Order.status)).all()
        scans = session.scalar(select(func.count()).select_from(ScanRecord))
    assert len(claims) == ORDERS and {n for _, n in claims} == {1}
    assert takeovers == ABANDONED
    assert statuses == [("packed", ORDERS)]
    assert scans == 3 * ORDERS
