"""The database side of loading the demo: is the database empty, and walking the freshly
captured orders through the statuses the demo gives them."""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import func, select

from app.store.order_log import change_status
from app.store.models import Order, Product
from app.store.session import Database

log = logging.getLogger(__name__)

# steps(order number) -> the (status, reason) moves to make, in order
Steps = Callable[[str], list[tuple[str, str | None]]]


def is_empty(db: Database) -> bool:
    """Whether the database has neither products nor orders."""
    with db.read() as session:
        return not (session.scalar(select(func.count()).select_from(Product))
                    or session.scalar(select(func.count()).select_from(Order)))


def advance_captured_orders(db: Database, steps: Steps, user: str) -> list[str]:
    """Moves every captured order through steps(number), all in one transaction; their numbers."""
    with db.write() as session:
        captured = session.scalars(select(Order).where(Order.status == "captured").order_by(Order.id)).all()
        for order in captured:
            for status, reason in steps(order.number):
                change_status(session, order, status, user=user, reason=reason)
        return [order.number for order in captured]
