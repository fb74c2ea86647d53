"""The one place an order's status changes: checked against the status table, logged as
StatusChanged in the order's event log, in the caller's unit of work."""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from app.orders.status import OrderStatus, check_change
from app.unit_of_work import OrderRecord, UnitOfWork

log = logging.getLogger(__name__)

# Status changes an import makes itself (validating, allocating what it captured): machine work,
# audited once per imported file (app.imports), not once per order.
MACHINE_ACTORS = frozenset({"import"})


def record_event(uow: UnitOfWork, order_id: int, kind: str, *, station: str | None = None,
                 user: str | None = None, from_status: str | None = None, to_status: str | None = None,
                 **detail: Any) -> None:
    """Appends an event to the order's log (details as given, None included)."""
    uow.events.add(order_id, kind, station=station, user=user, from_status=from_status, to_status=to_status,
                   detail=detail or None)


def change_status(uow: UnitOfWork, order: OrderRecord, to: OrderStatus | str, *, station: str | None = None,
                  user: str | None = None, reason: str | None = None) -> OrderRecord:
    """Moves the order to `to` if the status table allows it, and records StatusChanged; the
    record with its new status (read the order again for its new version)."""
    requested = to.value if isinstance(to, OrderStatus) else to
    target = check_change(order.number, order.status, requested)
    uow.orders.set_status(order.id, target.value)
    status_changed(uow, order.id, order.number, order.status, target.value, station=station, user=user,
                   reason=reason)
    return replace(order, status=target.value)


def status_changed(uow: UnitOfWork, order_id: int, number: str, previous: str, to: str, *,
                   station: str | None = None, user: str | None = None, reason: str | None = None) -> None:
    """Checks and records a move that a claim statement made (it rolls back if the table forbids it)."""
    check_change(number, previous, to)
    log.info("order %s: %s -> %s", number, previous, to)
    uow.events.add(order_id, "StatusChanged", station=station, user=user, from_status=previous, to_status=to,
                   detail={"reason": reason} if reason else None)
    if user is not None and user not in MACHINE_ACTORS:  # a person's change: into the audit log as well
        uow.audit.append(user, "StatusChanged", f"order {number}",
                         {"from": previous, "to": to, "station": station, "reason": reason})
