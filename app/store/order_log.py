"""Status changes and events for the writers that still hold an ORM session (imports, the
documents command): the same app.orders.lifecycle functions, on the caller's session."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from app.orders import lifecycle
from app.orders.status import OrderStatus
from app.store.models import Order
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


def record_event(session: Session, order: Order, kind: str, *, station: str | None = None,
                 user: str | None = None, from_status: str | None = None, to_status: str | None = None,
                 **detail: Any) -> None:
    """Appends an event to the order's log (in the caller's transaction)."""
    session.flush()
    lifecycle.record_event(SqlUnitOfWork.joining(session), order.id, kind, station=station, user=user,
                           from_status=from_status, to_status=to_status, **detail)


def change_status(session: Session, order: Order, to: OrderStatus | str, *, station: str | None = None,
                  user: str | None = None, reason: str | None = None) -> None:
    """Moves the order to `to` if the status table allows it, and records StatusChanged."""
    session.flush()
    uow = SqlUnitOfWork.joining(session)
    record = uow.orders.get_by_id(order.id)
    assert record is not None
    lifecycle.change_status(uow, record, to, station=station, user=user, reason=reason)
