"""The customer messages' outbox (issue 15)."""
from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.store.insert_once import insert_once
from app.store.models import OutboxMessage, as_utc, utcnow
from app.unit_of_work import MessageRecord

log = logging.getLogger(__name__)

INSERT_MESSAGE = insert(OutboxMessage.__table__)  # built once, plain (no ORM bulk insert): a tracking file's mails
CHUNK = 5000  # keys per IN (): within every driver's limit of parameters


def _message(row: OutboxMessage) -> MessageRecord:
    values = {f.name: getattr(row, f.name) for f in fields(MessageRecord)}
    return MessageRecord(**{k: as_utc(v) if isinstance(v, datetime) else v for k, v in values.items()})


def _values(message: MessageRecord, now: datetime) -> dict[str, object]:
    values = {f.name: getattr(message, f.name) for f in fields(MessageRecord) if f.name != "id"}
    values["next_attempt_at"] = values["next_attempt_at"] or now
    values["created_at"] = values["created_at"] or now
    return values


class SqlOutbox:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, message: MessageRecord) -> bool:
        values = _values(message, utcnow())
        return insert_once(self.s, OutboxMessage.__table__, "key", values)  # one statement at every hand-over

    def add_many(self, messages: list[MessageRecord]) -> set[str]:
        keys = [m.key for m in messages]
        queued: set[str] = set()
        for start in range(0, len(keys), CHUNK):  # one read of the keys queued already
            queued |= set(self.s.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(keys[start:start + CHUNK]))))
        now = utcnow()
        rows, added = [], set()
        for message in messages:
            if message.key in queued or message.key in added:
                continue
            rows.append(_values(message, now))
            added.add(message.key)
        if rows:
            self.s.execute(INSERT_MESSAGE, rows)  # one batched INSERT
        return added

    def get(self, message_id: int) -> MessageRecord | None:
        row = self.s.get(OutboxMessage, message_id, populate_existing=True)
        return None if row is None else _message(row)

    def due(self, now: datetime, limit: int) -> list[MessageRecord]:
        query = (select(OutboxMessage).where(OutboxMessage.state == "queued", OutboxMessage.next_attempt_at <= now)
                 .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
                 .with_for_update(skip_locked=True).execution_options(populate_existing=True))
        return [_message(m) for m in self.s.scalars(query)]

    def stuck(self, before: datetime) -> list[MessageRecord]:
        query = select(OutboxMessage).where(OutboxMessage.state == "sending", OutboxMessage.sending_since < before)
        return [_message(m) for m in self.s.scalars(query.order_by(OutboxMessage.id))]

    def save(self, message: MessageRecord) -> None:
        row = self.s.get(OutboxMessage, message.id)
        assert row is not None
        for f in fields(MessageRecord):
            if f.name != "id":
                setattr(row, f.name, getattr(message, f.name))
        self.s.flush()

    def of_order(self, order_id: int) -> list[MessageRecord]:
        query = select(OutboxMessage).where(OutboxMessage.order_id == order_id).order_by(OutboxMessage.id)
        return [_message(m) for m in self.s.scalars(query)]
