"""The documents printed for orders, content-addressed (issue 15)."""
from __future__ import annotations

import logging
from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import ArchivedDocument, as_utc
from app.unit_of_work import ArchivedRecord

log = logging.getLogger(__name__)


class SqlArchive:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, document: ArchivedRecord) -> bool:
        if self.s.scalar(select(ArchivedDocument.id).where(ArchivedDocument.order_id == document.order_id,
                                                           ArchivedDocument.name == document.name,
                                                           ArchivedDocument.sha256 == document.sha256)):
            return False
        values = {f.name: getattr(document, f.name) for f in fields(ArchivedRecord) if f.name != "id"}
        if values["created_at"] is None:
            del values["created_at"]
        self.s.add(ArchivedDocument(**values))
        self.s.flush()
        return True

    def of_order(self, order_id: int) -> list[ArchivedRecord]:
        rows = self.s.scalars(select(ArchivedDocument).where(ArchivedDocument.order_id == order_id)
                              .order_by(ArchivedDocument.created_at, ArchivedDocument.id))
        return [ArchivedRecord(r.id, r.order_id, r.kind, r.name, r.sha256, bytes(r.content), as_utc(r.created_at))
                for r in rows]
