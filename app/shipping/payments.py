"""The payment port and the invoice at shipping.

A gateway authorises an amount, captures it and refunds it, each returning its reference. The
built-in "recorded" gateway only records the steps (the shop's own payment provider is settled
elsewhere): the seed's order is authorise at capture, capture at dispatch (queued at hand-over,
made after it: app/shipping/capture.py), refund only after a return was inspected. A real provider is another class with the same three methods registered
in `GATEWAYS` (docs/shipping.md). Each step is kept once per key, so a retried hand-over or
refund never charges or pays twice."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Literal, Protocol

from app.orders import lifecycle
from app.shipping.errors import ShippingError
from app.translator import phrase
from app.unit_of_work import OrderRecord, PaymentRecord, UnitOfWork

log = logging.getLogger(__name__)


class PaymentGateway(Protocol):
    name: str

    def authorise(self, order_number: str, amount: Decimal, currency: str) -> str: ...
    def capture(self, authorisation: str, amount: Decimal, currency: str, *, idempotency_key: str) -> str:
        """The provider's capture reference; asked again with the same key it answers the first
        capture's (a real adapter sends the key, e.g. as an Idempotency-Key header)."""
    def refund(self, capture: str, amount: Decimal, currency: str) -> str: ...


class RecordedGateway:
    """Records each step with a reference of its own; moves no money."""

    name = "recorded"

    def authorise(self, order_number: str, amount: Decimal, currency: str) -> str:
        return f"AUTH-{uuid.uuid4().hex[:12].upper()}"

    def capture(self, authorisation: str, amount: Decimal, currency: str, *, idempotency_key: str) -> str:
        return f"CAPT-{uuid.uuid4().hex[:12].upper()}"

    def refund(self, capture: str, amount: Decimal, currency: str) -> str:
        return f"REFD-{uuid.uuid4().hex[:12].upper()}"


GATEWAYS: dict[str, Callable[[], PaymentGateway]] = {"recorded": RecordedGateway}


def gateway(name: str = "recorded") -> PaymentGateway:
    factory = GATEWAYS.get(name)
    if factory is None:
        raise ShippingError(phrase("No payment gateway is called %(name)s; installed: %(installed)s.", name=repr(name),
                                   installed=", ".join(GATEWAYS)))
    return factory()


def authorise_in(uow: UnitOfWork, order: OrderRecord, now: datetime, pay: PaymentGateway) -> PaymentRecord:
    """The order's authorisation (made once; the capture stage calls this)."""
    key = f"authorisation:{order.number}"
    done = uow.payments.by_key(key)
    if done is None:
        done = PaymentRecord(0, key, order.id, "authorisation", order.total, order.currency, pay.name,
                             pay.authorise(order.number, order.total, order.currency), now)
        uow.payments.add(done)
        lifecycle.record_event(uow, order.id, "PaymentAuthorised", amount=str(order.total), currency=order.currency,
                               gateway=pay.name, reference=done.reference)
    return done


class Issued(Enum):
    """What a caller knows of the order's invoice: NOT_READ, it has not looked (it is read here)."""

    NOT_READ = "not read"


def issue_invoice_in(uow: UnitOfWork, order: OrderRecord, now: datetime,
                     issued: str | None | Literal[Issued.NOT_READ] = Issued.NOT_READ) -> str:
    """The order's invoice number: the one already issued, else the next of the shared 'invoice'
    counter (the number `packdesk documents invoice` prints, as it reads the same event).
    `issued`: the number already issued (None: none) when the caller read it with the order (the
    dock, in the statement that locks it)."""
    number = uow.payments.invoice_of(order.id) if issued is Issued.NOT_READ else issued
    if number is None:
        number = f"INV-{now.year}-{uow.counters.next('invoice'):06d}"
        lifecycle.record_event(uow, order.id, "InvoiceIssued", invoice_number=number)
    return number


def refund_in(uow: UnitOfWork, order: OrderRecord, rma: str, amount: Decimal, now: datetime,
              pay: PaymentGateway | None = None) -> PaymentRecord:
    """Refunds an inspected return once (key refund:RMA); never more than was captured."""
    pay = pay or gateway()
    key = f"refund:{rma}"
    done = uow.payments.by_key(key)
    if done is not None:
        return done
    captured = uow.payments.by_key(f"capture:{order.number}")
    if captured is None:
        raise ShippingError(phrase("Order %(number)s has no captured payment to refund (it never shipped).",
                                   number=order.number))
    refunded = sum((p.amount for p in uow.payments.of_order(order.id) if p.kind == "refund"), Decimal(0))
    if amount + refunded > captured.amount:
        raise ShippingError(phrase("Refunding %(amount)s %(currency)s for %(rma)s would pay back more than the "
                                   "%(captured)s captured for order %(number)s (%(refunded)s refunded already).",
                                   amount=amount, currency=order.currency, rma=rma, captured=captured.amount,
                                   number=order.number, refunded=refunded))
    done = PaymentRecord(0, key, order.id, "refund", amount, order.currency, pay.name,
                         pay.refund(captured.reference, amount, order.currency), now)
    uow.payments.add(done)
    lifecycle.record_event(uow, order.id, "PaymentRefunded", amount=str(amount), currency=order.currency,
                           gateway=pay.name, reference=done.reference, rma=rma)
    return done
