"""The invoice: seller and buyer, lines with discounts, tax per rate and totals in Decimal."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import mm

from app.translator import phrase
from printing.errors import DocumentError
from printing.model import InvoiceData
from printing.money import cents, money, require_decimal
from printing.page import MARGIN, Column, Document, address_block, company_header

log = logging.getLogger(__name__)

DOCUMENT = phrase("invoice")


@dataclass(frozen=True)
class Totals:
    """An invoice's sums: net per tax rate, tax per rate, and the grand totals."""

    net_by_rate: dict[Decimal, Decimal]
    tax_by_rate: dict[Decimal, Decimal]
    discount: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


def invoice_totals(data: InvoiceData) -> Totals:
    """Sum the lines and shipping; tax is rounded once per rate (half up, to cents)."""
    net_by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    discount = Decimal("0")
    for i, line in enumerate(data.lines):
        for name in ("unit_price", "tax_rate", "discount"):
            require_decimal(DOCUMENT, f"lines[{i}].{name}", getattr(line, name))
        if line.quantity < 0 or line.unit_price < 0 or line.discount < 0:
            raise DocumentError(DOCUMENT, f"lines[{i}]", line,
                                phrase("quantities, prices and discounts cannot be negative; "
                                       "issue a credit note instead"))
        if line.discount > line.quantity * line.unit_price:
            raise DocumentError(DOCUMENT, f"lines[{i}].discount", line.discount,
                                phrase("the discount is larger than the line's amount"))
        net_by_rate[line.tax_rate] += line.net
        discount += line.discount
    shipping = require_decimal(DOCUMENT, "shipping", data.shipping)
    if shipping:
        net_by_rate[require_decimal(DOCUMENT, "shipping_tax_rate", data.shipping_tax_rate)] += shipping
    net_by_rate = {rate: cents(v) for rate, v in sorted(net_by_rate.items())}
    tax_by_rate = {rate: cents(v * rate) for rate, v in net_by_rate.items()}
    net, tax = sum(net_by_rate.values(), Decimal("0")), sum(tax_by_rate.values(), Decimal("0"))
    return Totals(net_by_rate, tax_by_rate, cents(discount), net, tax, net + tax)


def _rate(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"


def invoice_pdf(data: InvoiceData) -> bytes:
    """An invoice PDF; refuses float money and negative lines with a DocumentError."""
    totals = invoice_totals(data)
    doc = Document(DOCUMENT, f"Invoice {data.invoice_number}", data.paper)
    company_header(doc, data.seller, "Invoice")
    top = doc.y
    used = address_block(doc, "BILL TO", data.buyer, MARGIN, top, doc.inner * 0.5, "buyer")
    if data.buyer_vat_id:
        used += doc.text(MARGIN, top + used, doc.inner * 0.5, 12, f"VAT ID {data.buyer_vat_id}",
                         8.5, False, "buyer_vat_id")
    right = MARGIN + doc.inner * 0.55
    facts = [("Invoice no.", data.invoice_number), ("Date", data.invoice_date.isoformat()),
             ("Order", data.order_number),
             ("Due", data.due_date.isoformat() if data.due_date else "on receipt"),
             ("Seller VAT ID", data.seller.vat_id)]
    for i, (k, v) in enumerate(f for f in facts if f[1]):
        doc.text(right, top + i * 12, 28 * mm, 12, k, 9, True, "caption")
        doc.text(right + 28 * mm, top + i * 12, doc.inner * 0.45 - 28 * mm, 12, v, 10, False,
                 "invoice_number" if k == "Invoice no." else "facts")
    doc.barcode("invoice_number", data.invoice_number, right, top + 64, 10 * mm,
                doc.inner * 0.45)
    doc.y = top + max(used, 64 + 10 * mm) + 6 * mm

    c = data.currency
    columns = [Column("SKU", 0.13), Column("Description", 0.33), Column("Qty", 0.07, "right"),
               Column("Unit price", 0.13, "right"), Column("Discount", 0.11, "right"),
               Column("Tax", 0.08, "right"), Column("Net", 0.15, "right")]
    rows = [[line.sku, line.description, str(line.quantity), money(line.unit_price, c),
             money(line.discount, c) if line.discount else "", _rate(line.tax_rate),
             money(line.net, c)] for line in data.lines]
    if data.shipping:
        rows.append(["", "Shipping", "1", money(data.shipping, c), "",
                     _rate(data.shipping_tax_rate), money(data.shipping, c)])
    doc.table(columns, rows)
    doc.y += 3 * mm

    sums = [("Discounts included", money(-totals.discount, c))] if totals.discount else []
    sums += [(f"Net at {_rate(r)}", money(v, c)) for r, v in totals.net_by_rate.items()]
    sums += [(f"Tax {_rate(r)}", money(v, c)) for r, v in totals.tax_by_rate.items()]
    sums += [("Total net", money(totals.net, c)), ("Total tax", money(totals.tax, c)),
             ("Total due", money(totals.gross, c))]
    doc.need(len(sums) * 13 + 10)
    x = MARGIN + doc.inner * 0.5
    for i, (k, v) in enumerate(sums):
        last = i == len(sums) - 1
        if last:
            doc.add_rule_at(x, doc.y, doc.inner * 0.5)
            doc.y += 2
        doc.text(x, doc.y, doc.inner * 0.3, 13, k, 10 if last else 9, last, "totals")
        doc.text(x + doc.inner * 0.3, doc.y, doc.inner * 0.2, 13, v, 10 if last else 9, last,
                 "total_due" if last else "totals", "right")
        doc.y += 13
    if data.notes:
        doc.y += 4 * mm
        doc.need(20 * mm)
        doc.y += doc.text(MARGIN, doc.y, doc.inner, 20 * mm, data.notes, 9, False, "notes")
    return doc.render()
