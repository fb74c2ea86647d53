"""The record of a scan that arrived while the station's question was open (answered by a
reason barcode, or refused): written to the scans table, so no scan is ever lost."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy import select

from app.store.models import Order, ScanRecord
from app.store.session import Database

log = logging.getLogger(__name__)


def record_prompt_scan(db: Database, station: str, username: str | None, order_number: str | None,
                       data: str, symbology: str | None, outcome: str, message: str) -> int:
    """Commit a scan that arrived while a question was open (answered or refused); its id."""
    with db.write() as session:
        order_id = (session.scalar(select(Order.id).where(Order.number == order_number))
                    if order_number else None)
        record = ScanRecord(at=datetime.now(timezone.utc), station=station, username=username, order_id=order_id,
                            data=data[:400], symbology=symbology, outcome=outcome, quantity=0,
                            message=message[:400])
        session.add(record)
        session.flush()
        log.info("scan %r during a question at %s: %s", data, station, outcome)
        return int(record.id)
