"""The payment capture at dispatch, made after the hand-over commits.

The hand-over that ships an order issues its invoice and queues a capture request
(`request_capture_in`, in the dock's transaction: it writes two rows and never waits on the
gateway). `capture_pending` then asks the gateway, outside any transaction:

1. claim: the due requests are marked `capturing` (attempts + 1) and committed (PostgreSQL:
   FOR UPDATE SKIP LOCKED, so two capturers never take one request);
2. the gateway authorises (once, if the order has no authorisation yet) and captures, with the
   request's key as the idempotency key;
3. record: the `capture` payment row (unique key: never two), the request `captured`, the
   `PaymentCaptured` event, in one short transaction.

A gateway that fails puts the request back with a growing delay (1, 2, 4 ... minutes, at most an
hour: never given up, so never lost) and opens one `payment` exception for the supervisors,
resolved by itself when a later attempt succeeds. A capturer that dies after the gateway's
answer leaves the request `capturing`; after STALE it is asked again with the same idempotency
key, which a real provider answers with the first capture (docs/shipping.md).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from app.orders import lifecycle
from app.shipping.payments import Issued, PaymentGateway, gateway, issue_invoice_in
from app.translator import Lines, phrase
from app.unit_of_work import CaptureRequestRecord, ExceptionRecord, OrderRecord, PaymentRecord, UnitOfWork

log = logging.getLogger(__name__)

RETRY = timedelta(minutes=1)  # the first retry after a failure; doubled each time
MOST = timedelta(hours=1)  # the longest wait between two attempts
STALE = timedelta(minutes=10)  # a request `capturing` this long lost its capturer


@dataclass
class CaptureRun:
    """What one run of `capture_pending` did: order numbers captured, and those that failed with why."""

    captured: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = phrase("%(captured)s payment(s) captured, %(failed)s failed (retried later)",
                      captured=len(self.captured), failed=len(self.failed))
        return Lines([text, *(f"  {number}: {why}" for number, why in self.failed)])


def capture_key(order_number: str) -> str:
    return f"capture:{order_number}"


def request_capture_in(uow: UnitOfWork, order: OrderRecord, at: datetime,
                       issued: str | None | Literal[Issued.NOT_READ] = Issued.NOT_READ) -> str:
    """In the transaction that ships the order: its invoice number (`issue_invoice_in`), and its
    capture queued once."""
    invoice = issue_invoice_in(uow, order, at, issued)
    request = CaptureRequestRecord(0, capture_key(order.number), order.id, order.total, order.currency, invoice,
                                   next_attempt_at=at, created_at=at)
    if uow.captures.add(request):
        lifecycle.record_event(uow, order.id, "CaptureRequested", amount=str(order.total), currency=order.currency,
                               invoice=invoice)
    return invoice


def capture_pending(new_uow: Callable[[], UnitOfWork], now: datetime, pay: PaymentGateway | None = None, *,
                    order_numbers: list[str] | None = None, limit: int = 500) -> CaptureRun:
    """Captures the due requests (only those orders', if given); see the module's docstring."""
    pay = pay or gateway()
    run = CaptureRun()
    for request, number, authorised in _claim(new_uow(), now, order_numbers, limit):
        try:
            if authorised is None:
                authorised = _authorise(new_uow(), request, number, pay, now)
            reference = pay.capture(authorised.reference, request.amount, request.currency,
                                    idempotency_key=request.key)
        except Exception as exc:  # noqa: BLE001 - whatever the gateway raises, the capture waits for a retry
            why = f"{type(exc).__name__}: {exc}"
            log.warning("capture %s failed (attempt %d): %s", request.key, request.attempts, why)
            _failed(new_uow(), request, number, why, now)
            run.failed.append((number, why))
        else:
            _captured(new_uow(), request, pay.name, reference, now)
            run.captured.append(number)
    return run


def _claim(uow: UnitOfWork, now: datetime, numbers: list[str] | None,
           limit: int) -> list[tuple[CaptureRequestRecord, str, PaymentRecord | None]]:
    """The due requests marked capturing (committed), each with its order's number and
    authorisation (None: not authorised yet)."""
    with uow:
        ids = None
        if numbers is not None:
            ids = [o.id for o in (uow.orders.get(n) for n in numbers) if o is not None]
        due = uow.captures.due(now, now - STALE, limit, ids)
        orders = uow.carriers.orders_by_ids(sorted({r.order_id for r in due}))
        marked = [replace(r, state="capturing", capturing_since=now, attempts=r.attempts + 1) for r in due]
        uow.captures.save_many(marked)  # the batch in one statement, its authorisations in one read
        numbers = [orders[r.order_id].number for r in marked]
        authorised = uow.payments.by_keys([f"authorisation:{n}" for n in numbers])
        uow.commit()
    return [(r, n, authorised.get(f"authorisation:{n}")) for r, n in zip(marked, numbers)]


def _authorise(uow: UnitOfWork, request: CaptureRequestRecord, number: str, pay: PaymentGateway,
               now: datetime) -> PaymentRecord:
    """The order authorised at the gateway and kept at once (a capture that fails next does not
    authorise again)."""
    authorised = PaymentRecord(0, f"authorisation:{number}", request.order_id, "authorisation", request.amount,
                               request.currency, pay.name, pay.authorise(number, request.amount, request.currency),
                               now)
    with uow:
        uow.payments.add(authorised)
        lifecycle.record_event(uow, request.order_id, "PaymentAuthorised", amount=str(request.amount),
                               currency=request.currency, gateway=pay.name, reference=authorised.reference)
        uow.commit()
    return authorised


def _captured(uow: UnitOfWork, request: CaptureRequestRecord, gateway_name: str, reference: str,
              now: datetime) -> None:
    with uow:
        if request.attempts == 1 or uow.payments.by_key(request.key) is None:  # a retry may follow a crash
            uow.payments.add(PaymentRecord(0, request.key, request.order_id, "capture", request.amount,
                                           request.currency, gateway_name, reference, now, request.invoice_number))
            lifecycle.record_event(uow, request.order_id, "PaymentCaptured", amount=str(request.amount),
                                   currency=request.currency, gateway=gateway_name, reference=reference,
                                   invoice=request.invoice_number, attempts=request.attempts)
        if request.exception_id is not None:
            uow.exceptions.resolve(request.exception_id, "payments", f"captured at attempt {request.attempts}", now)
        uow.captures.save(replace(request, state="captured", captured_at=now, capturing_since=None, last_error=None))
        uow.commit()


def _failed(uow: UnitOfWork, request: CaptureRequestRecord, number: str, why: str, now: datetime) -> None:
    delay = min(RETRY * 2 ** (request.attempts - 1), MOST)
    with uow:
        exception_id = request.exception_id
        if exception_id is None:
            exception_id = uow.exceptions.add(ExceptionRecord(
                request.order_id, "payment", f"The payment of shipped order {number} could not be captured "
                f"({why}); Packdesk retries by itself. Check the payment gateway.", None, None, now))
        lifecycle.record_event(uow, request.order_id, "PaymentCaptureFailed", attempt=request.attempts, error=why,
                               retry_at=(now + delay).isoformat())
        uow.captures.save(replace(request, state="pending", capturing_since=None, next_attempt_at=now + delay,
                                  last_error=why[:2000], exception_id=exception_id))
        uow.commit()
