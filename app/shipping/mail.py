"""Sending one e-mail over SMTP ([mail]): plain, STARTTLS or TLS, with a login when a user is
set. A refusal the server says is temporary (4xx) or a connection that fails is `TryLater`; a
permanent one (5xx) is `Refused`."""
from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from app.shipping.errors import ShippingError
from app.shipping.settings import MailSettings
from app.translator import phrase

log = logging.getLogger(__name__)


class TryLater(ShippingError):
    """The server could not take the message now (a 4xx answer, no connection)."""


class Refused(ShippingError):
    """The server refused the message for good (a 5xx answer)."""


class MailTransport(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hands the message to the server; TryLater or Refused when it did not take it."""


class SmtpTransport:
    """A new SMTP connection per message (a worker sends a few hundred an hour)."""

    def __init__(self, settings: MailSettings) -> None:
        self.settings = settings

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        try:
            if s.tls == "tls":
                client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_seconds,
                                                        context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            with client:
                if s.tls == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if s.user:
                    client.login(s.user, s.password() or "")
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise (TryLater if all(400 <= c < 500 for c in codes) else Refused)(
                phrase("the server refused the recipient: %(recipients)s", recipients=str(exc.recipients))) from None
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise (TryLater if 400 <= exc.smtp_code < 500 else Refused)(f"{exc.smtp_code} {text}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise TryLater(f"{type(exc).__name__}: {exc}") from None
