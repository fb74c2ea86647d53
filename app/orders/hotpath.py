"""The packing hot path after a claim: record scans and confirm the pack, as Core statements.

Like app.orders.claims these run on the station's own DBAPI link with statements compiled
once per dialect; the richer packing logic (what a scan means) lives in app/packing/.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Insert, bindparam, insert, update

from app.store.models import Order, ScanRecord, utcnow
from app.store.session import Database
from app.orders import sql
from app.orders.claims import STATEMENTS as CLAIM_STATEMENTS
from app.orders.claims import Claim
from app.orders.errors import LeaseLost
from app.orders.status import OrderStatus, check_change

log = logging.getLogger(__name__)

PACKING = OrderStatus.PACKING.value
PACKED = OrderStatus.PACKED.value
CONFIRMED_DETAIL = json.dumps({"reason": "pack confirmed"})

o = Order.__table__
sc = ScanRecord.__table__


@dataclass(frozen=True)
class ScanRow:
    """One scan to write: what was read and what it meant."""

    data: str
    outcome: str
    product_id: int | None = None
    quantity: int = 0
    symbology: str | None = None
    message: str | None = None


def insert_scan() -> Insert:
    """The scan log's row (the packing station's scan path adds RETURNING id)."""
    return insert(sc).values(
        at=bindparam("at"), station=bindparam("station"), username=bindparam("user"),
        order_id=bindparam("order_id"), data=bindparam("data"), symbology=bindparam("symbology"),
        outcome=bindparam("outcome"), product_id=bindparam("product_id"),
        quantity=bindparam("quantity"), message=bindparam("message"),
    )


def _confirm() -> object:
    return (
        update(o)
        .where(o.c.id == bindparam("id"), o.c.status == PACKING,
               o.c.claimed_by_station == bindparam("station"))
        .values(status=PACKED, claimed_by_station=None, claimed_by_user=None,
                lease_expires_at=None, version=o.c.version + 1)
        .returning(o.c.version)
    )


STATEMENTS = sql.StatementCache({"scan": insert_scan, "confirm": _confirm})


def record_scans(db: Database, claim: Claim, scans: Sequence[ScanRow], user: str | None = None) -> None:
    """Writes the scans of an order in one transaction (acknowledge them only after this returns)."""
    at = utcnow()
    who = user if user is not None else claim.user
    rows = [
        {"at": at, "station": claim.station, "user": who, "order_id": claim.order_id,
         "data": s.data, "symbology": s.symbology, "outcome": s.outcome,
         "product_id": s.product_id, "quantity": s.quantity, "message": s.message}
        for s in scans
    ]
    with sql.write(db) as link:
        link.many(STATEMENTS.get(link.dialect, "scan"), rows)


def confirm_packed(db: Database, claim: Claim, user: str | None = None) -> int:
    """Moves the claimed order packing -> packed, ends the lease, records StatusChanged; new version."""
    check_change(claim.number, PACKING, PACKED)  # the lifecycle table decides, even here
    at = utcnow()
    with sql.write(db) as link:
        row = link.one(STATEMENTS.get(link.dialect, "confirm"),
                       {"id": claim.order_id, "station": claim.station})
        if row is None:
            raise LeaseLost(claim.number, claim.station)
        link.run(CLAIM_STATEMENTS.get(link.dialect, "event"), {
            "order_id": claim.order_id, "at": at, "kind": "StatusChanged", "from_status": PACKING,
            "to_status": PACKED, "station": claim.station,
            "user": user if user is not None else claim.user, "detail": CONFIRMED_DETAIL})
    return int(row[0])
