"""Customer messages: queued in the outbox inside the transaction of what they report (so a
message exists exactly when its event does), sent later by `packdesk notify send`.

Never twice: each message has a key (one shipped mail per order ...) and a Message-ID fixed when
it is queued. A sender marks it `sending` and commits BEFORE it talks to the server, and marks it
`sent` after. A sender that dies in between leaves it `sending`; the next run turns such a
message into `unknown` (it may have been delivered) and never sends it by itself: a person
checks the mailbox and requeues it (`packdesk notify requeue ID`) if it was not."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from app.shipping.errors import ShippingError
from app.shipping.mail import MailTransport, Refused, TryLater
from app.shipping.messages import KINDS, render
from app.shipping.settings import MailSettings
from app.translator import phrase
from app.unit_of_work import MessageRecord, OrderRecord, UnitOfWork

log = logging.getLogger(__name__)

SHOP = "Packdesk Demo Warehouse"


def queue_in(uow: UnitOfWork, kind: str, order: OrderRecord, values: dict[str, str], *, ref: str = "",
             now: datetime | None = None) -> bool:
    """Queues a message about an order in the caller's unit of work; False when the order has no
    e-mail address or this message (kind, order, ref) is queued already."""
    message = _compose(kind, order, values, ref, now)
    return message is not None and uow.outbox.add(message)


def queue_many_in(uow: UnitOfWork, kind: str,
                  orders: list[tuple[OrderRecord, dict[str, str], datetime | None]]) -> set[str]:
    """`queue_in` for many orders at once, each (order, values, when); one read of the keys, one
    batched write. The keys queued."""
    messages = [m for m in (_compose(kind, order, values, "", now) for order, values, now in orders)
                if m is not None]
    return uow.outbox.add_many(messages) if messages else set()


def _compose(kind: str, order: OrderRecord, values: dict[str, str], ref: str,
             now: datetime | None) -> MessageRecord | None:
    """The message of this kind about the order (None: the order has no e-mail address)."""
    if kind not in KINDS:
        raise ShippingError(phrase("No customer message is called %(kind)s; messages are: %(kinds)s.",
                                   kind=repr(kind), kinds=", ".join(KINDS)))
    if not order.email:
        log.info("order %s has no e-mail address: no %s message", order.number, kind)
        return None
    facts = {"number": order.number, "name": order.customer_name or "customer", "shop": SHOP, **values}
    subject, text, html = render(kind, facts)
    key = f"{kind}:{order.number}" + (f":{ref}" if ref else "")
    return MessageRecord(0, key, kind, order.id, order.email, subject, text, html,
                         f"<{uuid.uuid4().hex}.{kind}@packdesk.invalid>", next_attempt_at=now, created_at=now)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (the invoice PDF with the shipped mail)."""

    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "pdf"


# what a message carries besides its text: the layers above app/ render documents (the invoice
# PDF is drawn in printing/, found through the `packdesk.attachments` entry points)
Attach = Callable[[MessageRecord], list[Attachment]]


@dataclass
class SendReport:
    """What a send run did."""

    sent: list[str] = field(default_factory=list)  # keys
    retried: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    in_doubt: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return phrase("%(sent)s sent, %(retry)s to retry, %(failed)s failed, %(doubt)s in doubt (never re-sent by "
                      "themselves)", sent=len(self.sent), retry=len(self.retried), failed=len(self.failed),
                      doubt=len(self.in_doubt))


def as_email(message: MessageRecord, sender: str, now: datetime,
             attachments: list[Attachment] = ()) -> EmailMessage:  # type: ignore[assignment]
    """The e-mail of a message: plain text with an HTML alternative, its fixed Message-ID, and
    its attachments."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Message-ID"] = message.message_id
    mail["Date"] = format_datetime(now)
    mail["X-Packdesk-Key"] = message.key
    mail.set_content(message.text_body)
    mail.add_alternative(f"<!doctype html><html><body>{message.html_body}</body></html>", subtype="html")
    for a in attachments:
        mail.add_attachment(a.content, maintype=a.maintype, subtype=a.subtype, filename=a.filename)
    return mail


def send_due(new_uow: Callable[[], UnitOfWork], transport: MailTransport, settings: MailSettings,
             clock: Callable[[], datetime], limit: int = 500,
             after_send: Callable[[MessageRecord], None] | None = None, attach: Attach | None = None) -> SendReport:
    """Sends the due messages one at a time with what `attach` gives each (`after_send` runs
    between sending and recording: the tests put a crash there)."""
    report = SendReport()
    _give_up_on_stuck(new_uow(), clock(), settings, report)
    for _ in range(limit):
        message = _claim_next(new_uow(), clock())
        if message is None:
            break
        try:
            try:
                files = attach(message) if attach is not None else []
            except Exception as exc:  # noqa: BLE001 - a document that cannot be drawn now: try later
                log.exception("attachments of %s", message.key)
                raise TryLater(phrase("its attachment could not be made: %(problem)s", problem=str(exc))) from None
            transport.send(as_email(message, settings.sender, clock(), files))
        except TryLater as exc:
            _record_failure(new_uow(), message, str(exc), clock(), settings, report, final=False)
            continue
        except Refused as exc:
            _record_failure(new_uow(), message, str(exc), clock(), settings, report, final=True)
            continue
        if after_send is not None:
            after_send(message)
        uow = new_uow()
        with uow:
            uow.outbox.save(replace(message, state="sent", sent_at=clock(), last_error=None))
            uow.commit()
        report.sent.append(message.key)
    return report


def _claim_next(uow: UnitOfWork, now: datetime) -> MessageRecord | None:
    with uow:
        due = uow.outbox.due(now, 1)
        if not due:
            return None
        claimed = replace(due[0], state="sending", sending_since=now, attempts=due[0].attempts + 1)
        uow.outbox.save(claimed)
        uow.commit()
    return claimed


def _record_failure(uow: UnitOfWork, message: MessageRecord, error: str, now: datetime, settings: MailSettings,
                    report: SendReport, final: bool) -> None:
    final = final or message.attempts >= settings.max_attempts
    wait = timedelta(seconds=settings.retry_seconds * 2 ** (message.attempts - 1))
    with uow:
        uow.outbox.save(replace(message, state="failed" if final else "queued", last_error=error[:2000],
                                next_attempt_at=message.next_attempt_at if final else now + wait,
                                sending_since=None))
        uow.commit()
    (report.failed if final else report.retried).append(message.key)
    log.warning("message %s %s (attempt %d): %s", message.key, "failed" if final else "will be retried",
                message.attempts, error)


def _give_up_on_stuck(uow: UnitOfWork, now: datetime, settings: MailSettings, report: SendReport) -> None:
    """A message `sending` for longer than two timeouts lost its sender mid-send: in doubt."""
    with uow:
        for message in uow.outbox.stuck(now - timedelta(seconds=2 * settings.timeout_seconds)):
            uow.outbox.save(replace(message, state="unknown", last_error="the sender stopped between sending and "
                                    "recording; check the mailbox, then requeue it if it never arrived"))
            report.in_doubt.append(message.key)
        uow.commit()


def requeue(uow: UnitOfWork, message_id: int, now: datetime) -> MessageRecord:
    """A person's decision: send a failed or in-doubt message (again)."""
    with uow:
        message = uow.outbox.get(message_id)
        if message is None:
            raise ShippingError(phrase("No message has the id %(id)s; see packdesk notify list.", id=message_id))
        if message.state not in ("failed", "unknown"):
            raise ShippingError(phrase("Message %(id)s is %(state)s; only failed or unknown messages can be "
                                       "requeued.", id=message_id, state=message.state))
        message = replace(message, state="queued", next_attempt_at=now, sending_since=None)
        uow.outbox.save(message)
        uow.commit()
    return message
