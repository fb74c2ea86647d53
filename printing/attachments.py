"""Files for customer messages (the `packdesk.attachments` entry point): the invoice PDF with the
"shipped" mail. The invoice is the one issued at shipping (the same number); the PDF sent is
kept in the order's archive like every printed document."""
from __future__ import annotations

import logging
from typing import Any

from app.packing.settings import PackingSettings
from app.shipping.archive import keep_printed
from app.shipping.outbox import Attachment
from printing.cli import load_invoice
from printing.invoice import invoice_pdf
from printing.model import PaperSize

log = logging.getLogger(__name__)


def invoice_for_shipped(db: Any, raw: dict[str, Any], message: Any) -> list[Attachment]:
    """[the invoice PDF] for a shipped mail, [] for any other message."""
    if message.kind != "shipped":
        return []
    number = message.key.split(":", 1)[1]
    data = load_invoice(db, PackingSettings.from_raw(raw), number, PaperSize.A4)
    pdf = invoice_pdf(data)
    name = f"invoice-{data.invoice_number}.pdf"
    keep_printed(db, number, "invoice", name, pdf)
    return [Attachment(name, pdf)]
