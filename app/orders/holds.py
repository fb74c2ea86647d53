"""Holds a supervisor decides: put an order on hold, release it, cancel it. Plain use cases on
the unit of work, for the `packdesk orders` commands and the supervisors' screen alike; every
decision is a status change through the status table and an event with its reason."""
from __future__ import annotations

import logging

from app.orders import lifecycle
from app.orders.allocation import allocate_in, finish_picking_in, release_stock_in
from app.orders.errors import NotOnHold, OrderNotFound, ReasonRequired
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.orders.validation import HoldKind, HoldReason
from app.unit_of_work import NewEvent, OrderRecord, OrderRef, UnitOfWork

log = logging.getLogger(__name__)

S = OrderStatus
# where a released order goes back to, by the status it was held from
RESUME = {S.CAPTURED.value: S.VALIDATED, S.VALIDATED.value: S.VALIDATED, S.ALLOCATED.value: S.ALLOCATED,
          S.BACKORDERED.value: S.BACKORDERED, S.PICKING.value: S.PICKING, S.PICKED.value: S.PICKED,
          S.PACKING.value: S.PICKED, S.PACKED.value: S.PICKED}


def hold_in(uow: UnitOfWork, order: OrderRecord, reasons: list[HoldReason], *, user: str | None = None) -> None:
    """Puts the order on hold with its typed reasons (in the caller's unit of work). An order
    already on hold keeps its status and gains the new reasons (a second short pick, a
    supervisor's hold on top of a validation hold): a release then clears them all."""
    for reason in reasons:
        uow.holds.add(order.id, reason.kind.value, reason.detail)
    lifecycle.record_event(uow, order.id, "OrderHeld", user=user,
                           reasons=[{"kind": r.kind.value, "detail": r.detail} for r in reasons])
    if order.status != S.ON_HOLD.value:
        lifecycle.change_status(uow, order, S.ON_HOLD, user=user, reason="; ".join(r.detail for r in reasons))
    log.info("order %s held: %s", order.number, ", ".join(r.kind.value for r in reasons))


def hold_many_in(uow: UnitOfWork, held: list[tuple[OrderRef, list[HoldReason]]], *,
                 user: str | None = None) -> None:
    """hold_in for many orders none of which is on hold yet (a validation batch): their reasons,
    OrderHeld events and status changes in a few batched statements, as hold_in writes them one
    order at a time."""
    if not held:
        return
    uow.holds.add_many([(order.id, reason.kind.value, reason.detail) for order, reasons in held for reason in reasons])
    uow.events.add_many([NewEvent(order.id, "OrderHeld", user=user, detail={
        "reasons": [{"kind": r.kind.value, "detail": r.detail} for r in reasons]}) for order, reasons in held])
    lifecycle.change_statuses(uow, [order for order, _ in held], S.ON_HOLD, user=user,
                              reasons={order.id: "; ".join(r.detail for r in reasons) for order, reasons in held})
    for order, reasons in held:
        log.info("order %s held: %s", order.number, ", ".join(r.kind.value for r in reasons))


def hold(uow: UnitOfWork, number: str, reason: str, user: str | None = None) -> None:
    """A supervisor puts an order on hold."""
    if not reason.strip():
        raise ReasonRequired("hold", number)
    with uow:
        hold_in(uow, _order(uow, number), [HoldReason(HoldKind.SUPERVISOR, reason.strip())], user=user)
        uow.commit()


def release(uow: UnitOfWork, number: str, reason: str, settings: OrderSettings,
            user: str | None = None) -> str:
    """Releases an order on hold back to where its work resumes (a validated order goes on to
    allocation at once); the status it is in afterwards."""
    if not reason.strip():
        raise ReasonRequired("release", number)
    with uow:
        status = release_in(uow, _order(uow, number), reason.strip(), settings, user=user)
        uow.commit()
    log.info("order %s released by %s to %s: %s", number, user, status, reason)
    return status


def release_in(uow: UnitOfWork, order: OrderRecord, reason: str, settings: OrderSettings, *,
               user: str | None = None) -> str:
    """release in the caller's unit of work; the status the order is in afterwards."""
    if order.status != S.ON_HOLD.value:
        raise NotOnHold(order.number, order.status)
    before = uow.events.status_before(order.id, S.ON_HOLD.value)
    target = RESUME.get(before or "", S.VALIDATED)
    released = uow.holds.release_all(order.id, user, reason)
    lifecycle.record_event(uow, order.id, "OrderReleased", user=user, reason=reason, holds=released)
    order = lifecycle.change_status(uow, order, target, user=user, reason=reason)
    if order.status == S.VALIDATED.value:  # held at validation: on to allocation, as if it had passed
        allocate_in(uow, order, settings, user=user)
    elif order.status == S.PICKING.value:  # held by a short pick: picked if its lists are done
        finish_picking_in(uow, order, user=user)
    return (uow.orders.get_by_id(order.id) or order).status


def cancel(uow: UnitOfWork, number: str, reason: str, user: str | None = None) -> None:
    """Cancels an order that is not yet being packed: its stock holds are released, its hold reasons closed."""
    if not reason.strip():
        raise ReasonRequired("cancel", number)
    with uow:
        cancel_in(uow, _order(uow, number), reason.strip(), user=user)
        uow.commit()


def cancel_in(uow: UnitOfWork, order: OrderRecord, reason: str, *, user: str | None = None) -> None:
    """cancel in the caller's unit of work (the status table refuses an order being packed)."""
    order = lifecycle.change_status(uow, order, S.CANCELLED, user=user, reason=reason)
    freed = release_stock_in(uow, order)
    for line in uow.picks.lines_of_order(order.id):  # off its pick lists: nobody picks it any more
        if line.status == "open":
            uow.picks.mark(line.id, line.picked_quantity, "cancelled", user)
    uow.holds.release_all(order.id, user, f"cancelled: {reason}")
    lifecycle.record_event(uow, order.id, "OrderCancelled", user=user, reason=reason, units_released=freed)
    log.info("order %s cancelled by %s: %s (%d units back in stock)", order.number, user, reason, freed)


def _order(uow: UnitOfWork, number: str) -> OrderRecord:
    order = uow.orders.get(number.strip())
    if order is None:
        raise OrderNotFound(number)
    return order
