"""Scanning a pick list at a packing station takes its orders in turn, one per station."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.store.models import Order, PickList, PickListOrder
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.orders.claims import claim_order
from app.orders.errors import OrderNotFound, PickListFinished
from tests.integration.orders.seeding import BASE, add_orders


def _pick_list(db: Database, code: str, numbers: list[str]) -> None:
    with db.write() as session:
        rows = session.execute(select(Order.number, Order.id).where(Order.number.in_(numbers)))
        ids = {number: order_id for number, order_id in rows}
        session.add(PickList(code=code, orders=[PickListOrder(order_id=ids[n], seq=k)
                                                for k, n in enumerate(numbers, 1)]))


def test_a_pick_list_gives_its_orders_in_list_order_and_one_station_keeps_its_own(db: Database) -> None:
    add_orders(db, 4)
    _pick_list(db, "PL-000001", ["PD-00003", "PD-00001", "PD-00004"])
    assert claim_order(SqlUnitOfWork(db), "PL-000001", "ST-01", "ana").number == "PD-00003"
    # the same station scanning the sheet again is back on the order it holds
    assert claim_order(SqlUnitOfWork(db), "PL-000001", "ST-01", "ana").number == "PD-00003"
    assert claim_order(SqlUnitOfWork(db), "PL-000001", "ST-02", "ben").number == "PD-00001"
    assert claim_order(SqlUnitOfWork(db), "PL-000001", "ST-03", "cy").number == "PD-00004"
    with pytest.raises(PickListFinished, match="Pick list PL-000001 has no order left to pack here"):
        claim_order(SqlUnitOfWork(db), "PL-000001", "ST-04", "dee")


def test_a_pick_list_skips_orders_already_packed_and_takes_over_expired_leases(db: Database) -> None:
    add_orders(db, 3)
    _pick_list(db, "PL-000002", ["PD-00001", "PD-00002", "PD-00003"])
    with db.engine.begin() as conn:
        o = Order.__table__
        conn.execute(update(o).where(o.c.number == "PD-00001").values(status="packed"))
        conn.execute(update(o).where(o.c.number == "PD-00002").values(
            status="packing", claimed_by_station="ST-09", lease_expires_at=BASE - timedelta(hours=1)))
    assert claim_order(SqlUnitOfWork(db), "PL-000002", "ST-01", "ana").number == "PD-00002"
    assert claim_order(SqlUnitOfWork(db), "PL-000002", "ST-02", "ben").number == "PD-00003"


def test_an_order_number_wins_over_a_pick_list_and_an_unknown_code_is_named(db: Database) -> None:
    add_orders(db, 1)
    with pytest.raises(OrderNotFound, match="No order, tote or pick list is called 'PL-404'"):
        claim_order(SqlUnitOfWork(db), "PL-404", "ST-01", "ana")
    assert claim_order(SqlUnitOfWork(db), "PD-00001", "ST-01", "ana").number == "PD-00001"
