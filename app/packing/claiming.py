"""Claims through app.orders.claims, with the packing station's error family.

app.orders.claims (the foundation's) is used when it is importable; until then a small local
fallback with the same documented signatures keeps the station working.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from app.db.models import Order
from app.db.session import Database
from app.orders.lifecycle import change_status, record_event
from app.orders.status import OrderStatus
from app.packing.errors import NotAllowed, OrderHeldElsewhere, OrderNotFound, OrderNotPackable

log = logging.getLogger(__name__)

try:  # the foundation's claims, when committed
    from app.orders import claims as _claims
    from app.orders import errors as _errors

    HAVE_CLAIMS = True
except ImportError:  # pragma: no cover - only before app.orders.claims exists
    _claims = None  # type: ignore[assignment]
    _errors = None  # type: ignore[assignment]
    HAVE_CLAIMS = False


def _translate(exc: Exception) -> Exception:
    if _errors is not None:
        if isinstance(exc, _errors.OrderHeldElsewhere):
            return OrderHeldElsewhere(str(exc), exc.station, exc.user)
        if isinstance(exc, _errors.NotPackable):
            return OrderNotPackable(str(exc))
        if isinstance(exc, _errors.OrderNotFound):
            return OrderNotFound(str(exc))
        if isinstance(exc, _errors.LeaseLost):
            return NotAllowed(str(exc))
    return exc


def claim_order(db: Database, ref: str, station: str, user: str | None, lease_seconds: int) -> str:
    """Claims the order by number or tote; returns its number."""
    if _claims is not None:
        try:
            return _claims.claim_order(db, ref, station, user, lease_seconds).number
        except Exception as exc:  # noqa: BLE001 - translated into the packing family
            raise _translate(exc) from exc
    return _fallback_claim(db, ref, station, user, lease_seconds)


def claim_next(db: Database, station: str, user: str | None, lease_seconds: int) -> str | None:
    """Claims the next order of the queue; its number, or None when the queue is empty."""
    if _claims is not None:
        claim = _claims.claim_next(db, station, user, lease_seconds)
        return claim.number if claim else None
    with db.read() as session:
        number = session.scalar(select(Order.number).where(Order.status == OrderStatus.PICKED.value)
                                .order_by(Order.priority.desc(), Order.sla_due_at, Order.id).limit(1))
    return None if number is None else _fallback_claim(db, number, station, user, lease_seconds)


def renew_lease(db: Database, number: str, station: str, lease_seconds: int) -> datetime:
    """Extends the station's lease; NotAllowed when it lost the order."""
    if _claims is not None:
        try:
            return _claims.renew_lease(db, number, station, lease_seconds)
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc) from exc
    expires = datetime.now(timezone.utc) + timedelta(seconds=lease_seconds)
    with db.write() as session:
        order = session.scalar(select(Order).where(Order.number == number))
        if order is None or order.claimed_by_station != station or order.status != "packing":
            raise NotAllowed(f"Station {station} no longer holds order {number}; claim it again.")
        order.lease_expires_at = expires
    return expires


def release(db: Database, number: str, station: str, user: str | None, to_status: str = "picked",
            reason: str | None = None) -> None:
    """Lets go of an order this station holds."""
    if _claims is not None:
        try:
            _claims.release(db, number, station, to_status, user=user, reason=reason)
            return
        except Exception as exc:  # noqa: BLE001
            raise _translate(exc) from exc
    with db.write() as session:
        order = session.scalar(select(Order).where(Order.number == number))
        if order is None or order.claimed_by_station != station:
            raise NotAllowed(f"Station {station} does not hold order {number}.")
        change_status(session, order, to_status, station=station, user=user, reason=reason)
        order.claimed_by_station = order.claimed_by_user = None
        order.lease_expires_at = None


def _fallback_claim(db: Database, ref: str, station: str, user: str | None, lease_seconds: int) -> str:
    now = datetime.now(timezone.utc)
    with db.write() as session:
        order = session.scalar(select(Order).where((Order.number == ref) | (Order.tote == ref))
                               .order_by((Order.number == ref).desc(), Order.id.desc()).limit(1))
        if order is None:
            raise OrderNotFound(f"No order has the number or tote {ref!r}; check the label and scan again.")
        lease = order.lease_expires_at
        lease = lease.replace(tzinfo=timezone.utc) if lease and not lease.tzinfo else lease
        if order.status == "packing" and order.claimed_by_station not in (None, station) and lease and lease >= now:
            raise OrderHeldElsewhere(f"Order {order.number} is being packed at {order.claimed_by_station} "
                                     f"({order.claimed_by_user}); ask a supervisor to release it there.",
                                     order.claimed_by_station, order.claimed_by_user)
        if order.status == "picked":
            change_status(session, order, "packing", station=station, user=user, reason="claimed")
        elif order.status != "packing":
            raise OrderNotPackable(f"Order {order.number} is {order.status} and cannot be packed; "
                                   "only picked orders can. Put it aside and tell a supervisor.")
        elif order.claimed_by_station not in (None, station):
            record_event(session, order, "LeaseTakenOver", station=station, user=user,
                         previous_station=order.claimed_by_station)
        order.claimed_by_station, order.claimed_by_user = station, user
        order.lease_expires_at = now + timedelta(seconds=lease_seconds)
        return order.number
