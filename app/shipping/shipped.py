"""What happens when an order becomes shipped: the one hook, called inside the unit of work
that moves the order to shipped (app/shipping/dispatch.py), after the status change.

The stages that act at shipping plug in here, each as one call in `order_shipped`, in the
order they must run: issue 14's on-hand stock decrement (app/orders), the invoice and the
payment capture, the "shipped" customer message.
"""
from __future__ import annotations

import logging
from datetime import datetime

from app.unit_of_work import OrderRecord, UnitOfWork

log = logging.getLogger(__name__)


def order_shipped(uow: UnitOfWork, order: OrderRecord, at: datetime, *, station: str | None = None,
                  user: str | None = None) -> None:
    """Runs every shipping-time step for an order that has just become shipped (same transaction:
    if a step fails, the hand-over scan that shipped the order rolls back with it)."""
    log.info("order %s shipped at %s", order.number, at.isoformat())
