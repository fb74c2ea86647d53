"""Claiming an order for packing: a lease with an expiry that only one station holds.

PostgreSQL takes the next order with one `UPDATE ... FROM (SELECT ... FOR UPDATE SKIP
LOCKED)`; SQLite, whose write transactions are serialised by BEGIN IMMEDIATE, picks the
candidate and takes it with a conditional `UPDATE ... WHERE id = ? AND version = ?
RETURNING`. Either way the row's version moves on, so a stale writer fails. Every claim
is checked against the lifecycle's TRANSITIONS table and writes its StatusChanged event in
the same transaction.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import and_, bindparam, insert, or_, select, update

from app.store.models import Order, OrderEvent, PickList, PickListOrder, utcnow
from app.store.session import Database
from app.orders import sql
from app.orders.errors import LeaseLost, NotPackable, OrderHeldElsewhere, OrderNotFound, PickListFinished
from app.orders.status import PACKABLE, OrderStatus, check_change

log = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 15 * 60
PACKING = OrderStatus.PACKING.value
CLAIMED_DETAIL = json.dumps({"reason": "claimed"})

o = Order.__table__
ev = OrderEvent.__table__
pl = PickList.__table__
plo = PickListOrder.__table__


@dataclass(frozen=True)
class Claim:
    """A station's lease on an order."""

    order_id: int
    number: str
    station: str
    user: str | None
    lease_expires_at: datetime
    version: int


def _claimable(now_param: str = "now") -> Any:
    return or_(
        o.c.status == PACKABLE.value,
        and_(o.c.status == PACKING, o.c.lease_expires_at < bindparam(now_param)),
    )


def _queue_order() -> tuple[Any, ...]:
    return (o.c.priority.desc(), o.c.sla_due_at.asc().nulls_last(), o.c.created_at.asc(), o.c.id.asc())


def _take_values() -> dict[str, Any]:
    return dict(
        status=PACKING,
        claimed_by_station=bindparam("station"),
        claimed_by_user=bindparam("user"),
        lease_expires_at=bindparam("expires"),
        version=o.c.version + 1,
    )


def _next_postgres() -> Any:
    prev = (
        select(o.c.id, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user)
        .where(_claimable())
        .order_by(*_queue_order())
        .limit(1)
        .with_for_update(skip_locked=True)
        .subquery("prev")
    )
    return (
        update(o)
        .where(o.c.id == prev.c.id)
        .values(**_take_values())
        .returning(o.c.id, o.c.number, o.c.version, prev.c.status, prev.c.claimed_by_station,
                   prev.c.claimed_by_user)
    )


def _next_sqlite() -> Any:
    return (
        select(o.c.id, o.c.number, o.c.version, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user)
        .where(_claimable())
        .order_by(*_queue_order())
        .limit(1)
    )


def _take() -> Any:
    return (
        update(o)
        .where(o.c.id == bindparam("id"), o.c.version == bindparam("version"))
        .values(**_take_values())
        .returning(o.c.version)
    )


def _find() -> Any:
    # Number first, then the tote's current (packable or packing) order.
    return (
        select(o.c.id, o.c.number, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user,
               o.c.lease_expires_at, o.c.version)
        .where(or_(o.c.number == bindparam("key"), o.c.tote == bindparam("key")))
        .order_by((o.c.number == bindparam("key")).desc(),
                  or_(o.c.status == PACKABLE.value, o.c.status == PACKING).desc(), o.c.id.desc())
        .limit(1)
        .with_for_update()
    )


def _find_in_pick_list() -> Any:
    # The pick list's order this station already holds, else its first order still to pack
    # (picked, or with an expired lease). SKIP LOCKED: two stations scanning one pick list at
    # once get two different orders.
    mine = and_(o.c.status == PACKING, o.c.claimed_by_station == bindparam("station"))
    return (
        select(o.c.id, o.c.number, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user,
               o.c.lease_expires_at, o.c.version)
        .select_from(o.join(plo, plo.c.order_id == o.c.id).join(pl, pl.c.id == plo.c.pick_list_id))
        .where(pl.c.code == bindparam("key"), or_(mine, _claimable()))
        .order_by(mine.desc(), plo.c.seq)
        .limit(1)
        .with_for_update(of=o, skip_locked=True)
    )


def _pick_list() -> Any:
    return select(pl.c.id).where(pl.c.code == bindparam("key"))


def _find_by_number() -> Any:
    return (
        select(o.c.id, o.c.number, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user,
               o.c.lease_expires_at, o.c.version)
        .where(o.c.number == bindparam("number"))
        .with_for_update()
    )


def _renew() -> Any:
    return (
        update(o)
        .where(o.c.number == bindparam("number"), o.c.status == PACKING,
               o.c.claimed_by_station == bindparam("station"))
        .values(lease_expires_at=bindparam("expires"))
        .returning(o.c.id, o.c.version, o.c.claimed_by_user)
    )


def _release() -> Any:
    return (
        update(o)
        .where(o.c.id == bindparam("id"), o.c.version == bindparam("version"))
        .values(status=bindparam("to_status"), claimed_by_station=None, claimed_by_user=None,
                lease_expires_at=None, version=o.c.version + 1)
        .returning(o.c.version)
    )


def _event() -> Any:
    return insert(ev).values(
        order_id=bindparam("order_id"), at=bindparam("at"), kind=bindparam("kind"),
        from_status=bindparam("from_status"), to_status=bindparam("to_status"),
        station=bindparam("station"), username=bindparam("user"), detail=bindparam("detail"),
    )


STATEMENTS = sql.StatementCache({
    "next_postgres": _next_postgres, "next_sqlite": _next_sqlite, "take": _take, "find": _find,
    "find_in_pick_list": _find_in_pick_list, "pick_list": _pick_list,
    "find_by_number": _find_by_number, "renew": _renew, "release": _release, "event": _event,
})


def claim_next(db: Database, station: str, user: str | None,
               lease_seconds: int = DEFAULT_LEASE_SECONDS) -> Claim | None:
    """Takes the next order to pack (highest priority, earliest SLA, oldest), or None."""
    now = utcnow()
    expires = now + timedelta(seconds=lease_seconds)
    values = {"now": now, "station": station, "user": user, "expires": expires}
    with sql.write(db) as link:
        if link.is_sqlite:
            while True:
                row = link.one(STATEMENTS.get(link.dialect, "next_sqlite"), values)
                if row is None:
                    return None
                order_id, number, version, previous, prev_station, prev_user = row
                taken = link.one(STATEMENTS.get(link.dialect, "take"),
                                 {**values, "id": order_id, "version": version})
                if taken is not None:  # always, under BEGIN IMMEDIATE; the guard costs nothing
                    new_version = taken[0]
                    break
        else:
            row = link.one(STATEMENTS.get(link.dialect, "next_postgres"), values)
            if row is None:
                return None
            order_id, number, new_version, previous, prev_station, prev_user = row
        _record_claim(link, order_id, number, previous, prev_station, prev_user, station, user, now)
    log.debug("station %s claimed order %s until %s", station, number, expires)
    return Claim(order_id, number, station, user, expires, new_version)


def claim_order(db: Database, number_or_tote: str, station: str, user: str | None,
                lease_seconds: int = DEFAULT_LEASE_SECONDS) -> Claim:
    """Takes a named order (by number or tote, or the next one of a pick list); renews it if
    this station already holds it."""
    now = utcnow()
    expires = now + timedelta(seconds=lease_seconds)
    with sql.write(db) as link:
        row = link.one(STATEMENTS.get(link.dialect, "find"), {"key": number_or_tote})
        if row is None:
            row = link.one(STATEMENTS.get(link.dialect, "find_in_pick_list"),
                           {"key": number_or_tote, "station": station, "now": now})
            if row is None and link.one(STATEMENTS.get(link.dialect, "pick_list"), {"key": number_or_tote}):
                raise PickListFinished(number_or_tote)
        if row is None:
            raise OrderNotFound(number_or_tote)
        order_id, number, status, holder, holder_user, lease_raw, version = row
        lease = _as_utc(link, lease_raw)
        if status == PACKING and holder == station:
            link.one(STATEMENTS.get(link.dialect, "renew"),
                     {"number": number, "station": station, "expires": expires})
            log.debug("station %s renewed its lease on %s", station, number)
        else:
            if status == PACKING and holder is not None and lease is not None and lease >= now:
                raise OrderHeldElsewhere(number, holder, holder_user, lease)
            if status not in (PACKABLE.value, PACKING):
                raise NotPackable(number, status)
            taken = link.one(STATEMENTS.get(link.dialect, "take"),
                             {"id": order_id, "version": version, "station": station,
                              "user": user, "expires": expires})
            if taken is None:  # somebody changed it between our read and write
                raise OrderHeldElsewhere(number, "another station", None, expires)
            version = taken[0]
            _record_claim(link, order_id, number, status, holder, holder_user, station, user, now)
    return Claim(order_id, number, station, user, expires, version)


def renew_lease(db: Database, order_number: str, station: str,
                lease_seconds: int = DEFAULT_LEASE_SECONDS) -> datetime:
    """Extends this station's lease; LeaseLost if the station no longer holds the order."""
    expires = utcnow() + timedelta(seconds=lease_seconds)
    with sql.write(db) as link:
        row = link.one(STATEMENTS.get(link.dialect, "renew"),
                       {"number": order_number, "station": station, "expires": expires})
        if row is None:
            raise LeaseLost(order_number, station)
    return expires


def release(db: Database, order_number: str, station: str, to_status: str = PACKABLE.value,
            *, user: str | None = None, reason: str | None = None) -> None:
    """Lets go of an order this station holds, back to `to_status` (picked, or on_hold)."""
    now = utcnow()
    with sql.write(db) as link:
        row = link.one(STATEMENTS.get(link.dialect, "find_by_number"), {"number": order_number})
        if row is None:
            raise OrderNotFound(order_number)
        order_id, number, status, holder, _holder_user, _lease, version = row
        if status != PACKING or holder != station:
            raise LeaseLost(number, station)
        target = check_change(number, status, to_status).value
        link.one(STATEMENTS.get(link.dialect, "release"),
                 {"id": order_id, "version": version, "to_status": target})
        detail = {"reason": reason or "released"}
        link.run(STATEMENTS.get(link.dialect, "event"), {
            "order_id": order_id, "at": now, "kind": "StatusChanged", "from_status": status,
            "to_status": target, "station": station, "user": user,
            "detail": json.dumps(detail, sort_keys=True)})
    log.info("station %s released order %s to %s", station, order_number, to_status)


def _record_claim(link: sql.Link, order_id: int, number: str, previous: str,
                  prev_station: str | None, prev_user: str | None, station: str,
                  user: str | None, now: datetime) -> None:
    event = STATEMENTS.get(link.dialect, "event")
    if previous == PACKING:  # an expired lease taken over: no status change, but on record
        detail = json.dumps({"previous_station": prev_station, "previous_user": prev_user},
                            sort_keys=True)
        link.run(event, {"order_id": order_id, "at": now, "kind": "LeaseTakenOver",
                         "from_status": None, "to_status": None, "station": station,
                         "user": user, "detail": detail})
        log.info("station %s took over order %s from %s", station, number, prev_station)
        return
    check_change(number, previous, PACKING)  # raises (and rolls back) if the table forbids it
    link.run(event, {"order_id": order_id, "at": now, "kind": "StatusChanged",
                     "from_status": previous, "to_status": PACKING, "station": station,
                     "user": user, "detail": CLAIMED_DETAIL})


def _as_utc(link: sql.Link, value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite keeps timestamps as text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
