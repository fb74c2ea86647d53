"""The one place an order's status changes; every change is written to the event log."""
from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy.orm import Session

from app.store.models import Order, OrderEvent, utcnow
from app.orders.status import OrderStatus, check_change

log = logging.getLogger(__name__)


def record_event(
    session: Session,
    order: Order,
    kind: str,
    *,
    station: str | None = None,
    user: str | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    **detail: Any,
) -> OrderEvent:
    """Appends an event to the order's log (in the caller's transaction)."""
    event = OrderEvent(
        order_id=order.id,
        at=utcnow(),
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        station=station,
        username=user,
        detail=json.dumps(detail, default=str, sort_keys=True) if detail else None,
    )
    session.add(event)
    return event


def change_status(
    session: Session,
    order: Order,
    to: OrderStatus | str,
    *,
    station: str | None = None,
    user: str | None = None,
    reason: str | None = None,
) -> OrderEvent:
    """Moves the order to `to` if the lifecycle allows it, and records StatusChanged."""
    requested = to.value if isinstance(to, OrderStatus) else to
    target = check_change(order.number, order.status, requested)
    previous = order.status
    order.status = target.value
    log.info("order %s: %s -> %s", order.number, previous, target.value)
    extra = {"reason": reason} if reason else {}
    return record_event(
        session, order, "StatusChanged", station=station, user=user,
        from_status=previous, to_status=target.value, **extra,
    )
