"""The exception queue's repository for SqlUnitOfWork: find an open exception, record a decision."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.store import exception_queries as q
from app.store.models import ExceptionReview
from app.supervision.model import ExceptionItem

log = logging.getLogger(__name__)


class SqlReviews:
    def __init__(self, session: Session) -> None:
        self.s = session

    def find_open(self, key: str, now: datetime) -> ExceptionItem | None:
        return q.find_open(self.s, key, now)

    def decision_of(self, key: str) -> tuple[str, str] | None:
        return q.decision_of(self.s, key)

    def add(self, item: ExceptionItem, order_id: int | None, action: str, reason: str, note: str | None,
            by: str, at: datetime) -> None:
        self.s.execute(insert(ExceptionReview.__table__).values(
            key=item.key, kind=item.kind, order_id=order_id, station=item.station, packer=item.packer,
            happened_at=item.at, summary=item.summary, action=action, reason=reason, note=note, by=by, at=at))
