"""Claiming an order for packing: a lease with an expiry that only one station holds.

The database guards the claim itself (app.store.claims: FOR UPDATE SKIP LOCKED on
PostgreSQL, one conditional statement under BEGIN IMMEDIATE on SQLite); here the claim is
checked against the status table and written to the order's event log in the same unit of
work, which rolls the claim back if the table forbids it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.orders import lifecycle
from app.orders import hold_words as W
from app.orders.errors import LeaseLost, NotPackable, OrderHeldElsewhere, OrderNotFound, PickListFinished
from app.orders.status import OrderStatus, check_change, queued_for_packing
from app.unit_of_work import ClaimRow, UnitOfWork
from app.translator import phrase

log = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 15 * 60
PACKING = OrderStatus.PACKING.value


@dataclass(frozen=True)
class Claim:
    """A station's lease on an order."""

    order_id: int
    number: str
    station: str
    user: str | None
    lease_expires_at: datetime
    version: int


def _now() -> datetime:
    return datetime.now(timezone.utc)  # leases are shared between stations: the wall clock


def claim_next(uow: UnitOfWork, station: str, user: str | None,
               lease_seconds: int = DEFAULT_LEASE_SECONDS, *, now: datetime | None = None) -> Claim | None:
    """Takes the next order to pack (highest priority, earliest SLA, oldest), or None; `now`,
    when given, is the clock the lease is stamped with (the database's: an offline lease)."""
    now = now or _now()
    expires = now + timedelta(seconds=lease_seconds)
    with uow:
        row = uow.orders.claim_next(station, user, now, expires)
        if row is None:
            return None
        _record_claim(uow, row, station, user)
        uow.commit()
    log.debug("station %s claimed order %s until %s", station, row.number, expires)
    return Claim(row.order_id, row.number, station, user, expires, row.version)


def claim_order(uow: UnitOfWork, number_or_tote: str, station: str, user: str | None,
                lease_seconds: int = DEFAULT_LEASE_SECONDS) -> Claim:
    """Takes a named order (by number or tote, or the next one of a pick list); renews the
    lease if this station already holds it."""
    now = _now()
    expires = now + timedelta(seconds=lease_seconds)
    with uow:
        row = uow.orders.find_to_claim(number_or_tote, station, now)
        if row is None:
            if uow.orders.pick_list_exists(number_or_tote):
                raise PickListFinished(number_or_tote)
            raise OrderNotFound(number_or_tote)
        version = row.version
        if row.status == PACKING and row.station == station:
            uow.orders.renew_lease(row.number, station, expires)
            log.debug("station %s renewed its lease on %s", station, row.number)
        else:
            if row.status == PACKING and row.station is not None and row.lease_expires_at is not None \
                    and row.lease_expires_at >= now:
                raise OrderHeldElsewhere(row.number, row.station, row.user, row.lease_expires_at)
            if row.status != PACKING and not queued_for_packing(row.status, row.pack_from):
                raise NotPackable(row.number, row.status)
            taken = uow.orders.take(row.order_id, row.version, station, user, expires)
            if taken is None:  # somebody changed it between our read and write
                raise OrderHeldElsewhere(row.number, phrase("another station"), None, expires)
            version = taken
            _record_claim(uow, row, station, user)
        uow.commit()
    return Claim(row.order_id, row.number, station, user, expires, version)


def renew_lease(uow: UnitOfWork, order_number: str, station: str,
                lease_seconds: int = DEFAULT_LEASE_SECONDS, user: str | None = None) -> datetime:
    """Extends this station's lease (held for `user` from now, if given: a packer who takes the
    order over); LeaseLost if the station no longer holds the order."""
    expires = _now() + timedelta(seconds=lease_seconds)
    with uow:
        if not uow.orders.renew_lease(order_number, station, expires, user):
            raise LeaseLost(order_number, station)
        uow.commit()
    return expires


def release(uow: UnitOfWork, order_number: str, station: str, to_status: str | None = None,
            *, user: str | None = None, reason: str | None = None) -> None:
    """Lets go of an order this station holds, into `to_status` (on_hold, or packed when its
    pack is finished; by default back into the queue: picked, or allocated when it is packed
    from allocated)."""
    with uow:
        release_in(uow, order_number, station, to_status, user=user, reason=reason)
        uow.commit()


def release_in(uow: UnitOfWork, order_number: str, station: str, to_status: str | None = None,
               *, user: str | None = None, reason: str | None = None) -> None:
    """release in the caller's unit of work; LeaseLost when the station no longer holds the order.
    One UPDATE (status, lease, version) where the station holds it, then the event: the same
    statements as a hand-written release (docs/scaling.md)."""
    if to_status is not None:
        check_change(order_number, PACKING, to_status)  # before anything is written
    released = uow.orders.release_lease(order_number, station, to_status)
    if released is None:
        row = uow.orders.lock(order_number)
        if row is None:
            raise OrderNotFound(order_number)
        raise LeaseLost(row.number, station)
    lifecycle.status_changed(uow, released.order_id, released.number, PACKING, released.status, station=station,
                             user=user, reason=reason or "released")
    log.info("station %s released order %s to %s", station, order_number, released.status)


def _record_claim(uow: UnitOfWork, row: ClaimRow, station: str, user: str | None) -> None:
    if row.status == PACKING:  # an expired lease taken over: no status change, but on record
        lifecycle.record_event(uow, row.order_id, "LeaseTakenOver", station=station, user=user,
                               previous_station=row.station, previous_user=row.user)
        log.info("station %s took over order %s from %s", station, row.number, row.station)
        return
    lifecycle.status_changed(uow, row.order_id, row.number, row.status, PACKING, station=station, user=user,
                             reason=W.CLAIMED)
