"""Allocation's light reads as driver tuples (app/store/order_reads.py) read what the full reads
read, projected to allocation's fields, in the same queue order, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from app.store.models import Address, Order, OrderLine
from app.store.order_rows import RowWriter
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import LineRecord, LineToAllocate, LineToValidate, OrderToAllocate, OrderToValidate, OrderToWave

STATUSES = ("validated", "backordered", "captured", "allocated")


def _orders(db: Database, count: int) -> list[int]:
    """Orders in four statuses, three priorities, SLAs (some none, some equal) and channels, with 0-2 lines."""
    with db.write() as session:
        writer = RowWriter(session, numbered=False)
        addresses = writer.insert(Address.__table__, [
            {"name": "Ada", "line1": "1 Way", "postcode": "10115", "city": "Berlin", "country": "DE"}
            for _ in range(count)])
        ids = writer.insert(Order.__table__, [
            {"number": f"R-{n:03d}", "status": STATUSES[n % 4], "ship_to_id": a, "priority": (n * 7) % 3,
             "channel": ("shopify", "manual")[n % 2], "pack_from": ("picked", "allocated")[n % 3 == 0],
             "sla_due_at": None if n % 5 == 0 else datetime(2026, 12, 7, 9, (n * 13) % 4, tzinfo=timezone.utc)}
            for n, a in enumerate(addresses)])
        writer.insert(OrderLine.__table__, [
            {"order_id": order_id, "line_no": no, "sku": f"SKU-{n % 7}", "name": "Mug", "quantity": 1 + no,
             "product_id": None, "backordered_quantity": no % 2}
            for n, order_id in enumerate(ids) for no in (2, 1)[:n % 3]])
        return ids


def test_orders_to_allocate_are_in_status_in_the_same_order(db: Database) -> None:
    ids = _orders(db, 60)
    waiting = ("validated", "backordered")
    with SqlUnitOfWork(db) as uow:
        full = uow.orders.in_status(waiting)
        light = uow.orders.to_allocate(waiting)
        some = [f"R-{n:03d}" for n in range(0, 60, 3)] + ["R-999"]
        full_some, light_some = uow.orders.in_status(waiting, some), uow.orders.to_allocate(waiting, some)
        none = uow.orders.to_allocate(("shipped",))
    assert len(full) == 30 and len({o.priority for o in full}) == 3
    assert light == [OrderToAllocate(o.id, o.number, o.status, o.channel, o.pack_from) for o in full]
    assert all(isinstance(o, OrderToAllocate) for o in light) and {o.id for o in light} < set(ids)
    assert light_some == [OrderToAllocate(o.id, o.number, o.status, o.channel, o.pack_from) for o in full_some]
    assert len(light_some) == 10 and none == []


def _lines_one_by_one(uow: SqlUnitOfWork, ids: list[int]) -> dict[int, list[LineRecord]]:
    """Each order's lines read whole, one order at a time (those without lines left out)."""
    return {order_id: lines for order_id in ids if (lines := uow.orders.lines(order_id))}


def test_lines_to_allocate_are_the_lines_of_orders(db: Database) -> None:
    ids = _orders(db, 30)
    with SqlUnitOfWork(db) as uow:
        full = _lines_one_by_one(uow, ids)
        light = uow.orders.lines_to_allocate(ids[::-1])
        assert uow.orders.lines_to_allocate([]) == {}
    assert len(full) == 20 and sum(len(lines) for lines in full.values()) == 30
    assert light == {order_id: [LineToAllocate(l.id, l.order_id, l.line_no, l.product_id, l.sku, l.quantity,
                                               l.backordered_quantity) for l in lines]
                     for order_id, lines in full.items()}
    assert all([l.line_no for l in lines] == sorted(l.line_no for l in lines) for lines in light.values())


def _validation_view(o: Any) -> OrderToValidate:
    return OrderToValidate(o.id, o.number, o.status, o.email, o.financial_status, o.currency, o.shipping_total,
                           o.discount_total, o.tax_total, o.total, o.billing_postcode, o.billing_country, o.ship_to)


def test_orders_to_validate_are_in_status_with_their_money_and_address(db: Database) -> None:
    ids = _orders(db, 40)
    with db.write() as session:  # amounts with cents and tenths of cents, payments, billing, one order without address
        for n, order_id in enumerate(ids):
            order = session.get(Order, order_id)
            order.total, order.shipping_total = Decimal(f"{n}.{n % 100:02d}"), Decimal("4.90")
            order.tax_total, order.discount_total = Decimal("0.125"), Decimal(n % 3)
            order.financial_status, order.email = ("paid", "pending", None)[n % 3], f"c{n}@example.org"
            order.billing_country, order.billing_postcode = ("DE", None)[n % 2], ("20095", None)[n % 2]
        session.get(Order, ids[4]).ship_to_id = None
    captured = ("captured", "validated")
    with SqlUnitOfWork(db) as uow:
        full, light = uow.orders.in_status(captured), uow.orders.to_validate(captured)
        some = [f"R-{n:03d}" for n in range(0, 40, 3)] + ["R-999"]
        full_some, light_some = uow.orders.in_status(captured, some), uow.orders.to_validate(captured, some)
    assert len(full) == 20 and any(o.ship_to is None for o in full) and any(o.total % 1 for o in full)
    # in the order they were stored (validation takes no stock: the queue's order is allocation's)
    assert [o.id for o in light] == sorted(o.id for o in full)
    assert light == sorted((_validation_view(o) for o in full), key=lambda o: o.id)
    assert all(isinstance(o.total, Decimal) and isinstance(o, OrderToValidate) for o in light)
    assert light_some == sorted((_validation_view(o) for o in full_some), key=lambda o: o.id)
    assert len(light_some) == 7


def test_lines_to_validate_are_each_orders_lines_with_their_money(db: Database) -> None:
    ids = _orders(db, 30)
    with db.write() as session:
        for n, line in enumerate(session.query(OrderLine).order_by(OrderLine.id)):
            line.unit_price, line.discount, line.packed_quantity = Decimal(f"{n}.{n:02d}5"), Decimal(n % 2), n % 3
    with SqlUnitOfWork(db) as uow:
        batch = uow.orders.lines_to_validate(ids[::-1] + ids[:3])
        one_by_one = _lines_one_by_one(uow, ids)
        assert uow.orders.lines_to_validate([]) == {}
    assert batch == {order_id: [LineToValidate(l.order_id, l.line_no, l.product_id, l.sku, l.quantity, l.unit_price,
                                               l.discount) for l in lines] for order_id, lines in one_by_one.items()}
    assert sum(len(lines) for lines in batch.values()) == 30
    assert len({line.unit_price for lines in batch.values() for line in lines}) == 30
    assert all(isinstance(line.unit_price, Decimal) for lines in batch.values() for line in lines)


def test_orders_to_wave_are_in_status_with_their_carrier_and_sla(db: Database) -> None:
    _orders(db, 40)
    with db.write() as session:
        for n, order in enumerate(session.query(Order).order_by(Order.id)):
            order.carrier = ("dhl", None, "ups")[n % 3]
    waiting = ("allocated", "validated")
    with SqlUnitOfWork(db) as uow:
        full, light = uow.orders.in_status(waiting), uow.orders.to_wave(waiting)
        some = [f"R-{n:03d}" for n in range(1, 40, 3)]
        full_some, light_some = uow.orders.in_status(waiting, some), uow.orders.to_wave(waiting, some)
    assert len(full) == 20 and any(o.sla_due_at is None for o in full) and any(o.carrier is None for o in full)
    assert light == [OrderToWave(o.id, o.number, o.status, o.carrier, o.sla_due_at, o.pack_from) for o in full]
    assert all(o.sla_due_at is None or o.sla_due_at.tzinfo is not None for o in light)
    assert light_some == [OrderToWave(o.id, o.number, o.status, o.carrier, o.sla_due_at, o.pack_from)
                          for o in full_some] and len(light_some) == 6


def test_numbers_in_status_are_the_numbers_of_in_status(db: Database) -> None:
    _orders(db, 40)
    waiting = ("validated", "backordered")
    with SqlUnitOfWork(db) as uow:
        some = [f"R-{n:03d}" for n in range(0, 40, 2)] + ["R-999"]
        assert uow.orders.numbers_in_status(waiting) == [o.number for o in uow.orders.in_status(waiting)]
        assert uow.orders.numbers_in_status(waiting, some) == [o.number for o in uow.orders.in_status(waiting, some)]
        assert len(uow.orders.numbers_in_status(waiting, some)) == 10 and uow.orders.numbers_in_status(("x",)) == []
