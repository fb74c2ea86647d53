"""A sender process that dies (os._exit(9)) right after the SMTP server accepted its message."""
from __future__ import annotations

import os
import sys
from datetime import datetime, timezone

from app.shipping.mail import SmtpTransport
from app.shipping.outbox import send_due
from app.shipping.settings import MailSettings
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

if __name__ == "__main__":
    url, port = sys.argv[1], int(sys.argv[2])
    db = Database(url)
    mail = MailSettings(host="127.0.0.1", port=port, sender="orders@example.org")
    send_due(lambda: SqlUnitOfWork(db), SmtpTransport(mail), mail, lambda: datetime.now(timezone.utc),
             after_send=lambda message: os._exit(9))
