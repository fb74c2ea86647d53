"""What happens when an order becomes shipped: the one hook, called inside the unit of work
that moves the order to shipped (app/shipping/dispatch.py), after the status change.

The stages that act at shipping plug in here, each as one call in `order_shipped`, in the
order they must run: the invoice and the payment capture's request (the gateway is asked after
the hand-over commits, app/shipping/capture.py), the "shipped" customer message. The
on-hand stock decrement is not here: app.orders.lifecycle does it on every change to shipped,
whoever makes it, so it has already happened when this runs.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Literal

from app.shipping.outbox import queue_in
from app.shipping.capture import request_capture_in
from app.shipping.payments import Issued
from app.unit_of_work import OrderRecord, ParcelRecord, UnitOfWork

log = logging.getLogger(__name__)


def order_shipped(uow: UnitOfWork, order: OrderRecord, at: datetime, *, station: str | None = None,
                  user: str | None = None, parcels: list[ParcelRecord] | None = None,
                  invoice: str | None | Literal[Issued.NOT_READ] = Issued.NOT_READ) -> None:
    """Runs every shipping-time step for an order that has just become shipped (same transaction:
    if a step fails, the hand-over scan that shipped the order rolls back with it). `parcels`:
    the order's parcels, `invoice`: the number of its invoice already issued (None: none), when
    the caller has them (else they are read)."""
    log.info("order %s shipped at %s", order.number, at.isoformat())
    request_capture_in(uow, order, at, invoice)
    queue_shipped_message(uow, order, at, parcels)


def queue_shipped_message(uow: UnitOfWork, order: OrderRecord, at: datetime,
                          parcels: list[ParcelRecord] | None = None) -> bool:
    """The customer's "on its way" mail with every parcel's carrier and tracking number."""
    parcels = uow.parcels.of_order(order.id) if parcels is None else parcels
    tracking = "\n".join(f"Parcel {p.seq}: {p.carrier or order.carrier or 'carrier'} {p.tracking_number}"
                         for p in parcels)
    arrivals = [p.expected_delivery for p in parcels if p.expected_delivery]
    expected = max(arrivals).isoformat() if arrivals else "in the next few days"
    return queue_in(uow, "shipped", order, {"tracking": tracking, "expected": expected}, now=at)
