"""The end-of-day manifest a carrier's driver signs: every parcel handed over, with totals."""
from __future__ import annotations

import logging

from reportlab.lib.units import mm

from app.translator import phrase
from printing.label import weight_text
from printing.model import ManifestData
from printing.page import MARGIN, Column, Document, company_header

log = logging.getLogger(__name__)

DOCUMENT = phrase("manifest")


def manifest_pdf(data: ManifestData) -> bytes:
    """A manifest PDF for one carrier and day, with its barcode and a signature line."""
    doc = Document(DOCUMENT, f"Manifest {data.manifest_id}", data.paper)
    company_header(doc, data.shipper, "Carrier manifest")
    top = doc.y
    total_g = sum(p.weight_g for p in data.parcels)
    facts = [("Manifest", data.manifest_id), ("Carrier", data.carrier),
             ("Account", data.account_number), ("Date", data.ship_date.isoformat()),
             ("Parcels", str(len(data.parcels))), ("Total weight", weight_text(total_g))]
    for i, (k, v) in enumerate(f for f in facts if f[1]):
        doc.text(MARGIN, top + i * 12, 28 * mm, 12, k, 9, True, "caption")
        doc.text(MARGIN + 28 * mm, top + i * 12, doc.inner * 0.5 - 28 * mm, 12, v, 10, False,
                 "manifest_id" if k == "Manifest" else "facts")
    right = MARGIN + doc.inner * 0.55
    doc.barcode("manifest_id", data.manifest_id, right, top, 14 * mm, doc.inner * 0.45)
    doc.y = top + 6 * 12 + 6 * mm

    columns = [Column("#", 0.05, "right"), Column("Tracking number", 0.22), Column("Order", 0.13),
               Column("Service", 0.12), Column("Destination", 0.33),
               Column("Weight", 0.15, "right")]
    rows = [[str(i), p.tracking_number, p.order_number, p.service, p.destination,
             weight_text(p.weight_g)] for i, p in enumerate(data.parcels, start=1)]
    doc.table(columns, rows, fields=["index", "tracking_number", "order_number", "service",
                                     "destination", "weight_g"])
    doc.y += 2 * mm
    doc.need(40 * mm)
    doc.text(MARGIN, doc.y, doc.inner, 13,
             f"Total: {len(data.parcels)} parcels, {weight_text(total_g)}", 11, True, "totals")
    doc.y += 24 * mm
    half = doc.inner / 2 - 5 * mm
    for i, caption in enumerate(("Handed over by (shipper)", "Received by (driver), date, time")):
        x = MARGIN + i * (half + 10 * mm)
        doc.add_rule_at(x, doc.y, half, 0.5)
        doc.text(x, doc.y + 2, half, 11, caption, 8, False, "signature")
    if data.not_handed_over:  # flagged for the dock, below the signatures: not on the van, not counted
        doc.y += 12 * mm
        doc.need(30 * mm)
        doc.text(MARGIN, doc.y, doc.inner, 13, f"Not handed over: {len(data.not_handed_over)} labelled parcel(s) "
                 "never scanned at the dock", 11, True, "not_handed_over")
        doc.y += 6 * mm
        doc.table(columns, [[str(i), p.tracking_number, p.order_number, p.service, p.destination,
                             weight_text(p.weight_g)] for i, p in enumerate(data.not_handed_over, start=1)],
                  fields=["index", "tracking_number", "order_number", "service", "destination", "weight_g"])
    return doc.render()
