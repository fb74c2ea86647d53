"""The one place an order's status changes: checked against the status table, logged as
StatusChanged in the order's event log, in the caller's unit of work."""
from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Sequence
from typing import Any

from app.orders.status import OrderStatus, check_change
from app.unit_of_work import NewEvent, OrderRecord, OrderRef, UnitOfWork

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
    target = change_statuses(uow, [order], to, station=station, user=user, reason=reason)
    return replace(order, status=target)


def change_statuses(uow: UnitOfWork, orders: Sequence[OrderRef], to: OrderStatus | str, *,
                    station: str | None = None, user: str | None = None, reason: str | None = None,
                    reasons: dict[int, str] | None = None) -> str:
    """change_status for many orders at once, in a few batched statements: every move checked
    against the status table first (one refused: nothing written), then the statuses, their
    StatusChanged events and (a person's changes) audit records; `reasons` by order id, if
    given, instead of the one `reason`. The new status."""
    return move_many(uow, [(order.id, order.number, order.status) for order in orders], to, station=station,
                     user=user, reason=reason, reasons=reasons)


def move(uow: UnitOfWork, order_id: int, number: str, current: str, to: OrderStatus | str, *,
         station: str | None = None, user: str | None = None, reason: str | None = None) -> str:
    """`change_status` for an order known only by id, number and status (a batch read them in one
    statement); the new status."""
    return move_many(uow, [(order_id, number, current)], to, station=station, user=user, reason=reason)


def move_many(uow: UnitOfWork, moves: list[tuple[int, str, str]], to: OrderStatus | str, *,
              station: str | None = None, user: str | None = None, reason: str | None = None,
              reasons: dict[int, str] | None = None) -> str:
    """`change_statuses` for orders known only by (id, number, status): every move checked first,
    then written in a few batched statements; the new status."""
    requested = to.value if isinstance(to, OrderStatus) else to
    target = requested
    checked: set[str] = set()  # a batch's orders mostly come from one status: each move checked once
    for _, number, current in moves:
        if current not in checked:
            target = check_change(number, current, requested).value
            checked.add(current)
    if moves:
        uow.orders.set_statuses([order_id for order_id, _, _ in moves], target)
        _statuses_changed(uow, moves, target, station=station, user=user, reason=reason, reasons=reasons)
    return target


def _stock_leaves(uow: UnitOfWork, order_id: int, *, station: str | None, user: str | None) -> int:
    """The order left the building: what it packed leaves the bins' on-hand count (its ledger
    rows held/picked -> shipped, line by line up to the units packed; units held beyond that,
    for a backorder, stay held). Every path to `shipped` comes here, through change_status or
    status_changed; units shipped."""
    holds = [hold for hold in uow.stock.holds_of_order(order_id) if hold.status in ("held", "picked")]
    # the lines only when something is held (an order packed without allocation holds nothing)
    packed = {line.id: line.packed_quantity for line in uow.orders.lines(order_id)} if holds else {}
    shipped = 0
    for hold in holds:
        left = packed.get(hold.order_line_id, 0)
        if left <= 0:
            continue
        if hold.quantity <= left:
            uow.stock.move_hold(hold.id, "shipped")
            units = hold.quantity
        else:  # part of the row ships: split it, the rest stays held for the backorder
            uow.stock.move_hold(hold.id, "released")
            out = uow.stock.hold(order_id, hold.order_line_id, hold.stock_id, left)
            if out is not None:
                uow.stock.move_hold(out, "shipped")
            uow.stock.hold(order_id, hold.order_line_id, hold.stock_id, hold.quantity - left)
            units = left
        packed[hold.order_line_id] = left - units
        shipped += units
    record_event(uow, order_id, "StockShipped", station=station, user=user, units=shipped)
    return shipped


def status_changed(uow: UnitOfWork, order_id: int, number: str, previous: str, to: str, *,
                   station: str | None = None, user: str | None = None, reason: str | None = None) -> None:
    """Checks and records a move that a claim statement made (it rolls back if the table forbids it)."""
    check_change(number, previous, to)
    _statuses_changed(uow, [(order_id, number, previous)], to, station=station, user=user, reason=reason)


def _statuses_changed(uow: UnitOfWork, moves: list[tuple[int, str, str]], to: str, *, station: str | None,
                      user: str | None, reason: str | None, reasons: dict[int, str] | None = None) -> None:
    """Records checked moves (order id, number, previous status) to `to`: events, audit, shipping."""
    events, audit = [], []
    details: dict[str, dict[str, str]] = {}  # one detail a reason: the event log stores it once for them all
    for order_id, number, previous in moves:
        why = reasons.get(order_id, reason) if reasons else reason
        log.info("order %s: %s -> %s", number, previous, to)
        events.append(NewEvent(order_id, "StatusChanged", station=station, user=user, from_status=previous,
                               to_status=to, detail=details.setdefault(why, {"reason": why}) if why else None))
        if user is not None and user not in MACHINE_ACTORS:  # a person's change: into the audit log as well
            # in the chain of the station it was made at (no lock shared with other stations)
            audit.append((user, "StatusChanged", f"order {number}",
                          {"from": previous, "to": to, "station": station, "reason": why}))
    uow.events.add_many(events)
    uow.audit.append_many(audit, chain=station or "")
    if to == OrderStatus.SHIPPED.value:
        for order_id, _, _ in moves:
            _stock_leaves(uow, order_id, station=station, user=user)
