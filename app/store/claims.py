"""The claim statements: taking an order for packing so that no two stations ever hold it.

PostgreSQL takes the next order with one `UPDATE ... FROM (SELECT ... FOR UPDATE SKIP
LOCKED)`; SQLite, whose write transactions are serialised by BEGIN IMMEDIATE, picks the
candidate and takes it with a conditional `UPDATE ... WHERE id = ? AND version = ?
RETURNING`. Either way the row's version moves on, so a stale writer fails. What a claim
means for the order's status (the status table, the StatusChanged event) is decided by
app.orders.claims in the same transaction.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, or_, select, update

from app.store.models import Order, PickList, PickListOrder, as_utc
from app.store.station_statements import send
from app.unit_of_work import ClaimRow

log = logging.getLogger(__name__)

PACKABLE, PACKING, ALLOCATED = "picked", "packing", "allocated"

o = Order.__table__
pl = PickList.__table__
plo = PickListOrder.__table__
ROW = (o.c.id, o.c.number, o.c.status, o.c.claimed_by_station, o.c.claimed_by_user, o.c.lease_expires_at,
       o.c.version, o.c.pack_from)


def _queued() -> Any:
    """Waiting for a station: picked, or allocated when it is picked and packed at the station."""
    return or_(o.c.status == PACKABLE, and_(o.c.status == ALLOCATED, o.c.pack_from == ALLOCATED))


def claimable(now: datetime) -> Any:
    """In the queue, or packing at a station whose lease has run out."""
    return or_(_queued(), and_(o.c.status == PACKING, o.c.lease_expires_at < now))


def _queue_order() -> tuple[Any, ...]:
    return (o.c.priority.desc(), o.c.sla_due_at.asc().nulls_last(), o.c.created_at.asc(), o.c.id.asc())


def _taken(station: str, user: str | None, expires: datetime) -> dict[str, Any]:
    return dict(status=PACKING, claimed_by_station=station, claimed_by_user=user, lease_expires_at=expires,
                version=o.c.version + 1)


def _row(row: Any, version: int | None = None) -> ClaimRow:
    order_id, number, status, station, user, lease, old_version, pack_from = row
    return ClaimRow(order_id, number, status, station, user, as_utc(lease),
                    old_version if version is None else version, pack_from)


def claim_next(conn: Connection, station: str, user: str | None, now: datetime,
               expires: datetime) -> ClaimRow | None:
    """Takes the next order of the queue; the row as it was, with the new version."""
    if conn.dialect.name == "postgresql":
        row = send(conn, CLAIM_NEXT, {"now": now, "station": station, "user": user, "expires": expires}).first()
        return None if row is None else _row(row)
    # SQLite: BEGIN IMMEDIATE already holds the write lock, so the candidate cannot move
    row = conn.execute(select(*ROW).where(claimable(now)).order_by(*_queue_order()).limit(1)).first()
    if row is None:
        return None
    version = take(conn, row[0], row[6], station, user, expires)
    assert version is not None, "an order moved under the write lock"
    return _row(row, version)


def find_to_claim(conn: Connection, key: str, station: str, now: datetime) -> ClaimRow | None:
    """The order by number, else by tote (its packable or packing order), else the next order of
    the pick list with this code (the one this station holds first); locked until commit."""
    row = conn.execute(
        select(*ROW).where(or_(o.c.number == key, o.c.tote == key))
        .order_by((o.c.number == key).desc(), or_(_queued(), o.c.status == PACKING).desc(),
                  o.c.id.desc())
        .limit(1).with_for_update()).first()
    if row is not None:
        return _row(row)
    # SKIP LOCKED: two stations scanning one pick list at once get two different orders
    mine = and_(o.c.status == PACKING, o.c.claimed_by_station == station)
    row = conn.execute(
        select(*ROW).select_from(o.join(plo, plo.c.order_id == o.c.id).join(pl, pl.c.id == plo.c.pick_list_id))
        .where(pl.c.code == key, or_(mine, claimable(now)))
        .order_by(mine.desc(), plo.c.seq).limit(1).with_for_update(of=o, skip_locked=True)).first()
    return None if row is None else _row(row)


def lock(conn: Connection, number: str) -> ClaimRow | None:
    """The order by number, locked until commit."""
    row = conn.execute(select(*ROW).where(o.c.number == number).with_for_update()).first()
    return None if row is None else _row(row)


def release(conn: Connection, number: str, station: str, to_status: str | None) -> ClaimRow | None:
    """Lets go of the order if `station` holds it, into `to_status` (None: back into the queue -
    allocated when it is packed from allocated, else picked), in ONE statement (the reference's
    UPDATE ... WHERE the station holds it); the row with the status it went to and its new
    version, or None when the station does not hold it."""
    params = {"order_number": number, "station": station}
    row = send(conn, RELEASE_INTO_QUEUE if to_status is None else RELEASE_INTO,
               params if to_status is None else {**params, "to_status": to_status}).first()
    if row is None:
        return None
    order_id, found, status, version, pack_from = row
    return ClaimRow(order_id, found, status, station, None, None, int(version), pack_from)


# The statements of every claim and every packed order, built once (building them per call cost
# more Python than their SQL costs the server): the station's values are bound parameters.
_PREV = (select(*ROW).where(claimable(bindparam("now"))).order_by(*_queue_order()).limit(1)
         .with_for_update(skip_locked=True).subquery("prev"))
CLAIM_NEXT = (update(o).where(o.c.id == _PREV.c.id)
              .values(**_taken(bindparam("station"), bindparam("user"), bindparam("expires")))  # type: ignore[arg-type]
              .returning(_PREV.c.id, _PREV.c.number, _PREV.c.status, _PREV.c.claimed_by_station,
                         _PREV.c.claimed_by_user, _PREV.c.lease_expires_at, o.c.version, _PREV.c.pack_from))


def _release(target: Any) -> Any:
    return (update(o).where(o.c.number == bindparam("order_number"), o.c.status == PACKING,
                            o.c.claimed_by_station == bindparam("station"))
            .values(status=target, claimed_by_station=None, claimed_by_user=None, lease_expires_at=None,
                    version=o.c.version + 1)
            .returning(o.c.id, o.c.number, o.c.status, o.c.version, o.c.pack_from))


RELEASE_INTO = _release(bindparam("to_status"))  # on_hold, packed ...
RELEASE_INTO_QUEUE = _release(case((o.c.pack_from == ALLOCATED, ALLOCATED), else_=PACKABLE))


def take(conn: Connection, order_id: int, version: int, station: str, user: str | None,
         expires: datetime) -> int | None:
    """The order's lease for the station if its version is still `version`; the new version."""
    row = conn.execute(update(o).where(o.c.id == order_id, o.c.version == version)
                       .values(**_taken(station, user, expires)).returning(o.c.version)).first()
    return None if row is None else int(row[0])


def renew(conn: Connection, number: str, station: str, expires: datetime, user: str | None = None) -> bool:
    """Extends the lease if the station still holds the order (held for `user` from now, if given)."""
    held_for = {} if user is None else {"claimed_by_user": user}
    row = conn.execute(update(o).where(o.c.number == number, o.c.status == PACKING,
                                       o.c.claimed_by_station == station)
                       .values(lease_expires_at=expires, **held_for).returning(o.c.id)).first()
    return row is not None
