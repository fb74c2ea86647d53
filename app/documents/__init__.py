"""What `packdesk documents` prints, read from the database as plain read models.

printing/ renders these (it never reads the database); `app.documents.use_cases` fetches
them through the store, `app.documents.assemble` builds them from the store's records.
"""
from app.documents.models import (
    BadgeHolder, DocumentError, Invoice, InvoiceItem, Manifest, ManifestItem, PackingSlip, ParcelLabel,
    PickItem, PickList, SlipItem,
)
from app.documents.use_cases import badge_holders, invoice, labels, manifest, packing_slip, pick_list

__all__ = ["BadgeHolder", "DocumentError", "Invoice", "InvoiceItem", "Manifest", "ManifestItem", "PackingSlip",
           "ParcelLabel", "PickItem", "PickList", "SlipItem", "badge_holders", "invoice", "labels", "manifest",
           "packing_slip", "pick_list"]
