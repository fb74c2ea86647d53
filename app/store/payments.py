"""The payment steps of orders and their invoice numbers (issue 15)."""
from __future__ import annotations

import json
import logging
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, insert, or_, select, update
from sqlalchemy.orm import Session

from app.store.insert_once import insert_once
from app.store.models import CaptureRequest, OrderEvent, Payment, as_utc, utcnow
from app.store.station_statements import send
from app.unit_of_work import CaptureRequestRecord, PaymentRecord

log = logging.getLogger(__name__)

INSERT_PAYMENT = insert(Payment.__table__)  # built once, plain (no ORM bulk insert): two payment steps at every shipped order
INVOICE_ISSUED = "InvoiceIssued"  # the event that keeps an order's invoice number
INVOICE_OF = (select(OrderEvent.detail).where(OrderEvent.order_id == bindparam("order_id"),
                                              OrderEvent.kind == INVOICE_ISSUED)
              .order_by(OrderEvent.id).limit(1))  # built once: read when an order ships elsewhere than at the dock


def invoice_number(detail: str | None) -> str | None:
    """The invoice number an InvoiceIssued event's detail keeps (None: no such event)."""
    return None if detail is None else json.loads(detail)["invoice_number"]


def _payment(row: Payment) -> PaymentRecord:
    values = {f.name: getattr(row, f.name) for f in fields(PaymentRecord)}
    values["at"] = as_utc(values["at"])
    return PaymentRecord(**values)


class SqlPayments:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, payment: PaymentRecord) -> None:
        values = {f.name: getattr(payment, f.name) for f in fields(PaymentRecord) if f.name != "id"}
        values["at"] = values["at"] or utcnow()
        self.s.flush()  # a plain statement: what the session holds unwritten goes first, as with session.execute
        send(self.s, INSERT_PAYMENT, values)  # straight to the driver (app/store/station_statements.py)

    def by_key(self, key: str) -> PaymentRecord | None:
        row = self.s.scalar(select(Payment).where(Payment.key == key))
        return None if row is None else _payment(row)

    def by_keys(self, keys: list[str]) -> dict[str, PaymentRecord]:
        found: dict[str, PaymentRecord] = {}
        for start in range(0, len(keys), 500):  # within every driver's limit of parameters
            found.update((p.key, _payment(p)) for p in self.s.scalars(select(Payment).where(
                Payment.key.in_(keys[start:start + 500]))))
        return found

    def of_order(self, order_id: int) -> list[PaymentRecord]:
        return [_payment(p) for p in self.s.scalars(select(Payment).where(Payment.order_id == order_id)
                                                   .order_by(Payment.id))]

    def invoice_of(self, order_id: int) -> str | None:
        return invoice_number(self.s.scalar(INVOICE_OF, {"order_id": order_id}))


def _request(row: CaptureRequest) -> CaptureRequestRecord:
    values = {f.name: getattr(row, f.name) for f in fields(CaptureRequestRecord)}
    return CaptureRequestRecord(**{k: as_utc(v) if isinstance(v, datetime) else v for k, v in values.items()})


class SqlCaptures:
    """The captures queued at hand-over (app/shipping/capture.py)."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, request: CaptureRequestRecord) -> bool:
        values = {f.name: getattr(request, f.name) for f in fields(CaptureRequestRecord) if f.name != "id"}
        now = utcnow()
        values["next_attempt_at"] = values["next_attempt_at"] or now
        values["created_at"] = values["created_at"] or now
        return insert_once(self.s, CaptureRequest.__table__, "key", values)  # one statement at every hand-over

    def get(self, key: str) -> CaptureRequestRecord | None:
        row = self.s.scalar(select(CaptureRequest).where(CaptureRequest.key == key)
                            .execution_options(populate_existing=True))
        return None if row is None else _request(row)

    def due(self, now: datetime, stale_before: datetime, limit: int,
            order_ids: list[int] | None = None) -> list[CaptureRequestRecord]:
        c = CaptureRequest
        query = (select(c).where(or_(and_(c.state == "pending", c.next_attempt_at <= now),
                                     and_(c.state == "capturing", c.capturing_since < stale_before)))
                 .order_by(c.next_attempt_at, c.id).limit(limit)
                 .with_for_update(skip_locked=True).execution_options(populate_existing=True))
        if order_ids is not None:
            query = query.where(c.order_id.in_(order_ids))
        return [_request(r) for r in self.s.scalars(query)]

    def save(self, request: CaptureRequestRecord) -> None:
        self.s.flush()  # a plain statement: what the session holds unwritten goes first, as with session.execute
        send(self.s, UPDATE_CAPTURE, _saved(request))  # straight to the driver: at every capture

    def save_many(self, requests: list[CaptureRequestRecord]) -> None:
        if requests:  # one executemany: a claim marks a whole batch
            self.s.execute(UPDATE_CAPTURE, [_saved(r) for r in requests])

    def open(self) -> list[CaptureRequestRecord]:
        query = select(CaptureRequest).where(CaptureRequest.state != "captured").order_by(CaptureRequest.id)
        return [_request(r) for r in self.s.scalars(query)]


SAVED = [f for f in fields(CaptureRequestRecord) if f.name not in ("id", "key", "order_id", "created_at")]
UPDATE_CAPTURE = (update(CaptureRequest.__table__).where(CaptureRequest.__table__.c.id == bindparam("row_id"))
                  .values({f.name: bindparam(f.name) for f in SAVED}))  # built once: two saves a capture


def _saved(request: CaptureRequestRecord) -> dict[str, Any]:
    """UPDATE_CAPTURE's parameters for a request."""
    return {"row_id": request.id, **{f.name: getattr(request, f.name) for f in SAVED}}
