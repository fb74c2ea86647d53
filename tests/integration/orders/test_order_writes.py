"""The batched writes handed to the driver as tuples (app/store/order_writes.py) store what the
ORM's statements stored: values through their types, defaults filled in, rows in the order given,
statuses and versions moved, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.store.models import Address, Order, OrderEvent, OrderLine, as_utc
from app.store.order_rows import RowWriter
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import NewEvent

ADDRESS = {"name": "Ada Lovelace", "line1": "1 Analytical Way", "postcode": "10115", "city": "Berlin",
           "country": "DE"}


def _orders(db: Database, count: int) -> list[int]:
    with db.write() as session:
        writer = RowWriter(session, numbered=False)
        addresses = writer.insert(Address.__table__, [dict(ADDRESS) for _ in range(count)])
        return writer.insert(Order.__table__, [  # channel, version, totals ... left to their defaults
            {"number": f"W-{n}", "status": "captured", "ship_to_id": a, "priority": n % 3,
             "shipping_total": Decimal("4.90"), "sla_due_at": datetime(2026, 12, 7, 9, n % 60, tzinfo=timezone.utc)}
            for n, a in enumerate(addresses)])


def test_new_rows_keep_their_order_types_and_defaults(db: Database) -> None:
    ids = _orders(db, 120)
    assert ids == sorted(ids) and len(set(ids)) == 120
    with db.write() as session:
        RowWriter(session, numbered=False).insert(OrderLine.__table__, [
            {"order_id": ids[0], "line_no": n, "sku": f"SKU-{n}", "name": "Mug", "quantity": n,
             "unit_price": Decimal("12.35")} for n in range(1, 4)])
    with db.read() as session:
        rows = session.execute(select(Order).order_by(Order.id)).scalars().all()
        assert [o.number for o in rows] == [f"W-{n}" for n in range(120)]
        first = rows[0]
        assert (first.channel, first.version, first.pack_from, first.gift_wrap, first.currency) == (
            "manual", 1, "picked", False, "EUR")
        assert (first.shipping_total, first.total) == (Decimal("4.90"), Decimal("0"))
        assert as_utc(rows[59].sla_due_at) == datetime(2026, 12, 7, 9, 59, tzinfo=timezone.utc)
        assert first.created_at is not None and first.ship_to.city == "Berlin"
        lines = session.execute(select(OrderLine).order_by(OrderLine.id)).scalars().all()
        assert [(l.line_no, l.quantity, l.unit_price, l.packed_quantity) for l in lines] == [
            (1, 1, Decimal("12.35"), 0), (2, 2, Decimal("12.35"), 0), (3, 3, Decimal("12.35"), 0)]


def test_events_and_status_changes_in_a_batch(db: Database) -> None:
    ids = _orders(db, 50)
    with SqlUnitOfWork(db) as uow:
        uow.orders.set_statuses(ids[:40], "validated")
        uow.events.add_many([NewEvent(i, "StatusChanged", user="import", from_status="captured",
                                      to_status="validated", detail={"reason": 'passed "validation"'})
                             for i in ids[:40]] + [NewEvent(ids[45], "Noted")])  # no detail, no station
        uow.commit()
    with db.read() as session:
        statuses = dict(session.execute(select(Order.id, Order.status)).all())
        versions = dict(session.execute(select(Order.id, Order.version)).all())
        events = session.execute(select(OrderEvent).order_by(OrderEvent.id)).scalars().all()
    assert [statuses[i] for i in ids] == ["validated"] * 40 + ["captured"] * 10
    assert [versions[i] for i in ids] == [2] * 40 + [1] * 10
    assert [e.order_id for e in events] == ids[:40] + [ids[45]]  # in the order given
    assert json.loads(events[0].detail) == {"reason": 'passed "validation"'}
    assert (events[0].username, events[0].station, events[0].to_status) == ("import", None, "validated")
    assert (events[-1].kind, events[-1].detail, events[-1].username) == ("Noted", None, None)
    assert abs((as_utc(events[0].at) - datetime.now(timezone.utc)).total_seconds()) < 600


def test_a_status_change_of_an_order_that_is_gone_is_refused(db: Database) -> None:
    ids = _orders(db, 3)
    with pytest.raises(AssertionError, match="4 orders to move, 3 moved"):
        with SqlUnitOfWork(db) as uow:
            uow.orders.set_statuses([*ids, max(ids) + 100], "validated")
