"""The packing slip: what is in this parcel, what is still to come, and how to return it."""
from __future__ import annotations

import logging

from reportlab.lib.units import mm

from app.translator import phrase
from printing.model import SlipData
from printing.money import money, require_decimal
from printing.page import MARGIN, Column, Document, address_block, company_header

log = logging.getLogger(__name__)

DOCUMENT = phrase("packing slip")


def slip_pdf(data: SlipData) -> bytes:
    """A packing slip PDF on A4 or Letter; prices are left out when the order is a gift."""
    doc = Document(DOCUMENT, f"Packing slip {data.order_number}", data.paper)
    company_header(doc, data.company, "Packing slip")
    top = doc.y
    used = address_block(doc, "SHIP TO", data.ship_to, MARGIN, top, doc.inner * 0.5, "ship_to")
    right = MARGIN + doc.inner * 0.55
    facts = [("Order", data.order_number), ("Order date", data.order_date.isoformat()),
             ("Parcel", f"{data.parcel_index} of {data.parcel_count}")]
    for i, (k, v) in enumerate(facts):
        doc.text(right, top + i * 12, 25 * mm, 12, k, 9, True, "caption")
        doc.text(right + 25 * mm, top + i * 12, doc.inner * 0.45 - 25 * mm, 12, v, 10, False,
                 "order_number" if i == 0 else "facts")
    doc.barcode("order_number", data.order_number, right, top + 40, 12 * mm, doc.inner * 0.45)
    doc.y = top + max(used, 40 + 12 * mm) + 6 * mm

    show_prices = not data.is_gift
    columns = [Column("SKU", 0.16), Column("Item", 0.42 if show_prices else 0.54),
               Column("Ordered", 0.1, "right"), Column("In parcel", 0.1, "right"),
               Column("Backordered", 0.12, "right")]
    rows = []
    for i, line in enumerate(data.lines):
        row = [line.sku, line.name, str(line.ordered), str(line.in_parcel),
               str(line.backordered) if line.backordered else ""]
        if show_prices:
            price = line.unit_price
            row.append(money(require_decimal(DOCUMENT, f"lines[{i}].unit_price", price),
                             data.currency) if price is not None else "")
        rows.append(row)
    if show_prices:
        columns.append(Column("Unit price", 0.1, "right"))
    doc.table(columns, rows)
    doc.y += 4 * mm

    if any(line.backordered for line in data.lines):
        doc.need(14)
        doc.y += doc.text(MARGIN, doc.y, doc.inner, 24, "Items marked backordered follow in a "
                          "later parcel at no extra shipping cost.", 9, False, "backorder_note")
        doc.y += 4 * mm
    if data.gift_message:
        doc.need(30 * mm)
        doc.text(MARGIN, doc.y, doc.inner, 12, "A gift message for you", 10, True, "caption")
        doc.y += 14
        doc.y += doc.text(MARGIN + 4 * mm, doc.y, doc.inner - 8 * mm, 22 * mm, data.gift_message,
                          12, False, "gift_message") + 4 * mm
    if data.return_instructions:
        doc.need(24 * mm)
        doc.rule()
        doc.text(MARGIN, doc.y, doc.inner, 11, "Returns", 9, True, "caption")
        doc.y += 12
        doc.y += doc.text(MARGIN, doc.y, doc.inner, 18 * mm, data.return_instructions, 9, False,
                          "return_instructions")
    return doc.render()
