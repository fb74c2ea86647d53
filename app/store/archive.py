"""The documents printed for orders, content-addressed (issue 15)."""
from __future__ import annotations

import logging
from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from app.store.models import ArchivedDocument, ManifestDocument, Order, OrderEvent, as_utc
from app.unit_of_work import ArchivedRecord, ManifestRecord

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

    def _completed_before(self, before: datetime):  # type: ignore[no-untyped-def]
        completed = exists().where(OrderEvent.order_id == Order.id, OrderEvent.kind == "StatusChanged",
                                   OrderEvent.to_status == "completed", OrderEvent.at < before)
        return (Order.status == "completed", Order.archived_at.is_(None), completed)

    def completed_before(self, before: datetime, after_id: int, limit: int) -> list[tuple[int, str]]:
        query = (select(Order.id, Order.number).where(*self._completed_before(before), Order.id > after_id)
                 .order_by(Order.id).limit(limit))
        return [(i, n) for i, n in self.s.execute(query)]

    def count_completed_before(self, before: datetime) -> int:
        return int(self.s.scalar(select(func.count()).select_from(Order).where(*self._completed_before(before))) or 0)

    def mark_archived(self, order_ids: list[int], at: datetime) -> int:
        result = self.s.execute(update(Order).where(Order.id.in_(order_ids), Order.status == "completed",
                                                    Order.archived_at.is_(None))
                                .values(archived_at=at).execution_options(synchronize_session=False))
        return int(result.rowcount or 0)

    def add_manifest(self, manifest: ManifestRecord) -> bool:
        if self.s.scalar(select(ManifestDocument.id).where(
                ManifestDocument.carrier == manifest.carrier, ManifestDocument.day == manifest.day,
                ManifestDocument.name == manifest.name, ManifestDocument.sha256 == manifest.sha256)):
            return False
        values = {f.name: getattr(manifest, f.name) for f in fields(ManifestRecord) if f.name != "id"}
        if values["created_at"] is None:
            del values["created_at"]
        self.s.add(ManifestDocument(**values))
        self.s.flush()
        return True

    def manifests(self, day: date, carrier: str | None = None) -> list[ManifestRecord]:
        query = select(ManifestDocument).where(ManifestDocument.day == day)
        if carrier is not None:
            query = query.where(ManifestDocument.carrier == carrier)
        rows = self.s.scalars(query.order_by(ManifestDocument.created_at, ManifestDocument.id))
        return [ManifestRecord(r.id, r.carrier, r.day, r.name, r.sha256, bytes(r.content), as_utc(r.created_at))
                for r in rows]
