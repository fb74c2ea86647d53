"""The payment steps of orders and their invoice numbers (issue 15)."""
from __future__ import annotations

import json
import logging
from dataclasses import fields

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.store.models import OrderEvent, Payment, as_utc, utcnow
from app.unit_of_work import PaymentRecord

log = logging.getLogger(__name__)

INSERT_PAYMENT = insert(Payment)  # built once: two payment steps at every shipped order


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
        self.s.execute(INSERT_PAYMENT, values)

    def by_key(self, key: str) -> PaymentRecord | None:
        row = self.s.scalar(select(Payment).where(Payment.key == key))
        return None if row is None else _payment(row)

    def of_order(self, order_id: int) -> list[PaymentRecord]:
        return [_payment(p) for p in self.s.scalars(select(Payment).where(Payment.order_id == order_id)
                                                   .order_by(Payment.id))]

    def invoice_of(self, order_id: int) -> str | None:
        detail = self.s.scalar(select(OrderEvent.detail).where(OrderEvent.order_id == order_id,
                                                               OrderEvent.kind == "InvoiceIssued")
                               .order_by(OrderEvent.id).limit(1))
        return None if detail is None else json.loads(detail)["invoice_number"]
