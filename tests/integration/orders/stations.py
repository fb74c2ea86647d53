"""A packing station in its own process: claim, scan three items, confirm, until the queue is empty."""
from __future__ import annotations

from app.orders.claims import Claim, claim_next, release
from app.store.models import utcnow
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ScanEntry

ITEM = "05012345000017"


def record_scans(db: Database, claim: Claim, count: int = 3) -> None:
    """`count` accepted scans of one item in the order's scan log, in one unit of work."""
    with SqlUnitOfWork(db) as uow:
        for _ in range(count):
            uow.scans.add(ScanEntry(utcnow(), claim.station, claim.user, claim.order_id, ITEM, "accepted",
                                    quantity=1))
        uow.commit()


def confirm_packed(db: Database, claim: Claim) -> None:
    """The station lets go of the order it packed: packing -> packed, lease ended."""
    release(SqlUnitOfWork(db), claim.number, claim.station, "packed", user=claim.user, reason="pack confirmed")


def work_the_queue(url: str, station: str) -> list[str]:
    """The order numbers this station packed."""
    packed: list[str] = []
    with Database(url) as db:
        while (claim := claim_next(SqlUnitOfWork(db), station, f"user-{station}")) is not None:
            record_scans(db, claim)
            confirm_packed(db, claim)
            packed.append(claim.number)
    return packed
