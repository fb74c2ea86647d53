"""A packing station in its own process: claim, scan three items, confirm, until the queue is empty."""
from __future__ import annotations

from app.store.session import Database
from app.orders.claims import claim_next
from app.orders.hotpath import ScanRow, confirm_packed, record_scans

SCANS = [ScanRow("05012345000017", "accepted", quantity=1)] * 3


def work_the_queue(url: str, station: str) -> list[str]:
    """The order numbers this station packed."""
    packed: list[str] = []
    with Database(url) as db:
        while (claim := claim_next(db, station, f"user-{station}")) is not None:
            record_scans(db, claim, SCANS)
            confirm_packed(db, claim)
            packed.append(claim.number)
    return packed
