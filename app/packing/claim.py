"""Taking an order at the packing station: by reference or from the queue, resuming the one the
station still holds, keeping its lease, letting it go (app.orders.claims, in the packing
station's error family)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from app.orders import claims
from app.orders import hold_words as W
from app.orders import errors as order_errors
from app.packing.api import Packer, PackSnapshot
from app.packing.current import forget, reload, reload_in
from app.packing.desk import Desk
from app.packing.errors import NotAllowed, OrderHeldElsewhere, OrderNotFound, OrderNotPackable
from app.packing.parcels import ensure_open_parcel_in
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except order_errors.OrderHeldElsewhere as exc:
        raise OrderHeldElsewhere(str(exc), exc.station, exc.user) from exc
    except (order_errors.NotPackable, order_errors.PickListFinished) as exc:
        raise OrderNotPackable(str(exc)) from exc
    except order_errors.OrderNotFound as exc:
        raise OrderNotFound(str(exc)) from exc
    except order_errors.LeaseLost as exc:
        raise NotAllowed(str(exc)) from exc


def start_pack(uow: UnitOfWork, desk: Desk, user: Packer, ref: str) -> PackSnapshot:
    """Claims the order by number, tote or pick list id; OrderHeldElsewhere names the holder."""
    with _translated():
        claim = claims.claim_order(uow, ref.strip(), desk.station, user.username, desk.settings.lease_seconds)
    return _opened(uow, desk, claim.number)


def start_next(uow: UnitOfWork, desk: Desk, user: Packer) -> PackSnapshot | None:
    """Claims the next order of the queue (priority, then SLA); None when the queue is empty."""
    with _translated():
        claim = claims.claim_next(uow, desk.station, user.username, desk.settings.lease_seconds)
    return None if claim is None else _opened(uow, desk, claim.number)


def resume_open_pack(uow: UnitOfWork, desk: Desk, user: Packer) -> PackSnapshot | None:
    """The order this station still holds (after a crash or logout), with every committed scan,
    held for `user` from now; `taken_over_from` names whoever it was held for before, if not them."""
    with uow:
        number = uow.orders.held_by(desk.station, desk.offline_buffer)
        order = uow.orders.get(number) if number is not None else None
        before = order.claimed_by_user if order is not None else None
        previous = None
        if before and before != user.username:
            previous = next((u.display_name for u in uow.users.active() if u.username == before), before)
    if number is None:
        return None
    renew_lease(uow, desk, number, user.username)
    forget(desk, number)
    opened = _opened(uow, desk, number)
    return replace(opened, taken_over_from=previous) if previous else opened


def snapshot(uow: UnitOfWork, desk: Desk, order: str) -> PackSnapshot:
    """The pack as it stands now (read only)."""
    return reload(uow, desk, order).snapshot


def renew_lease(uow: UnitOfWork, desk: Desk, order: str, user: str | None = None) -> datetime:
    """Extends the station's lease on the order (held for `user` from now, if given); the new expiry."""
    with _translated():
        return claims.renew_lease(uow, order, desk.station, desk.settings.lease_seconds, user)


def release(uow: UnitOfWork, desk: Desk, order: str, user: Packer | None = None) -> None:
    """The station lets go of an unfinished order (back to picked, scans kept)."""
    with _translated():
        claims.release(uow, order, desk.station, user=user.username if user else None,
                       reason=W.RELEASED_BY_STATION)
    forget(desk, order)


def _opened(uow: UnitOfWork, desk: Desk, number: str) -> PackSnapshot:
    with uow:
        ensure_open_parcel_in(uow, desk, number)
        uow.commit()
    with uow:
        return reload_in(uow, desk, number).snapshot
