"""Claims through app.orders.claims, translated into the packing station's error family."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from app.store.session import Database
from app.orders import claims as _claims
from app.orders import errors as _errors
from app.packing.errors import NotAllowed, OrderHeldElsewhere, OrderNotFound, OrderNotPackable



@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except _errors.OrderHeldElsewhere as exc:
        raise OrderHeldElsewhere(str(exc), exc.station, exc.user) from exc
    except (_errors.NotPackable, _errors.PickListFinished) as exc:
        raise OrderNotPackable(str(exc)) from exc
    except _errors.OrderNotFound as exc:
        raise OrderNotFound(str(exc)) from exc
    except _errors.LeaseLost as exc:
        raise NotAllowed(str(exc)) from exc


def claim_order(db: Database, ref: str, station: str, user: str | None, lease_seconds: int) -> str:
    """Claims the order by number, tote or pick list; returns its number."""
    with _translated():
        return _claims.claim_order(db, ref, station, user, lease_seconds).number


def claim_next(db: Database, station: str, user: str | None, lease_seconds: int) -> str | None:
    """Claims the next order of the queue; its number, or None when the queue is empty."""
    with _translated():
        claim = _claims.claim_next(db, station, user, lease_seconds)
    return claim.number if claim else None


def renew_lease(db: Database, number: str, station: str, lease_seconds: int) -> datetime:
    """Extends the station's lease; NotAllowed when it lost the order."""
    with _translated():
        return _claims.renew_lease(db, number, station, lease_seconds)


def release(db: Database, number: str, station: str, user: str | None, to_status: str = "picked",
            reason: str | None = None) -> None:
    """Lets go of an order this station holds."""
    with _translated():
        _claims.release(db, number, station, to_status, user=user, reason=reason)
