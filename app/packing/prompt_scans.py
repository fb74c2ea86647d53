"""The record of a scan that arrived while the station's question was open, for callers that
hold a Database (ui/): app.packing.people.record_prompt_scan on a SqlUnitOfWork."""
from __future__ import annotations

import logging

from app.packing import people
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


def record_prompt_scan(db: Database, station: str, username: str | None, order_number: str | None,
                       data: str, symbology: str | None, outcome: str, message: str) -> int:
    """Commit a scan that arrived while a question was open (answered or refused); its id."""
    return people.record_prompt_scan(SqlUnitOfWork(db), station, username, order_number, data, symbology,
                                     outcome, message)
