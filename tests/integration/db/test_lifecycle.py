"""Status changes go through one place, which refuses illegal moves and logs legal ones."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.store.models import Order, OrderEvent
from app.store.session import Database
from app.store.order_log import change_status
from app.orders.status import IllegalStatusChange


def test_a_legal_move_changes_status_and_records_the_event(db: Database) -> None:
    with db.write() as session:
        order = Order(number="PD-2001", status="picked")
        session.add(order)
        session.flush()
        change_status(session, order, "packing", station="ST-01", user="ana", reason="claimed")
    with db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "PD-2001")).one()
        event = session.scalars(select(OrderEvent)).one()
    assert order.status == "packing"
    assert (event.kind, event.from_status, event.to_status) == ("StatusChanged", "picked", "packing")
    assert (event.station, event.username) == ("ST-01", "ana")
    assert json.loads(event.detail) == {"reason": "claimed"}


def test_an_illegal_move_is_refused_and_nothing_is_written(db: Database) -> None:
    with db.write() as session:
        session.add(Order(number="PD-2002", status="captured"))
    with pytest.raises(IllegalStatusChange, match="PD-2002 is captured and cannot become shipped"):
        with db.write() as session:
            order = session.scalars(select(Order).where(Order.number == "PD-2002")).one()
            change_status(session, order, "shipped")
    with db.read() as session:
        assert session.scalars(select(Order.status)).one() == "captured"
        assert session.scalars(select(OrderEvent)).all() == []
