"""Shopify's orders export (Orders > Export, CSV) as records in the columns of our order CSV.

One row per line item; the order's own fields only on its first row. Columns we have no
use for (Billing *, Paid at, Vendor, ...) are ignored.
"""
from __future__ import annotations

import logging

from app.imports.errors import RowProblem
from app.imports.reading import Record

log = logging.getLogger(__name__)

COLUMNS = {
    "Name": "order_number", "Email": "email", "Phone": "phone", "Financial Status": "financial_status",
    "Created at": "created_at", "Currency": "currency", "Shipping": "shipping_total",
    "Taxes": "tax_total", "Total": "total", "Discount Amount": "discount_total",
    "Shipping Method": "shipping_method", "Notes": "notes",
    "Lineitem quantity": "quantity", "Lineitem name": "line_name", "Lineitem price": "unit_price",
    "Lineitem sku": "sku", "Lineitem discount": "line_discount",
    "Shipping Name": "ship_name", "Shipping Company": "ship_company",
    "Shipping Address1": "ship_address1", "Shipping Address2": "ship_address2",
    "Shipping City": "ship_city", "Shipping Zip": "ship_postcode", "Shipping Province": "ship_region",
    "Shipping Country": "ship_country", "Shipping Phone": "ship_phone", "Billing Name": "customer_name",
}
REQUIRED = {"Name", "Lineitem quantity", "Lineitem sku"}
EXPRESS_WORDS = ("express", "next day", "overnight", "priority")


def to_records(header: list[str], records: list[Record], problems: list[RowProblem]) -> list[Record]:
    """Shopify rows as order-CSV records (same line numbers)."""
    for column in sorted(REQUIRED - set(header)):
        problems.append(RowProblem(1, f"missing column '{column}' (is this a Shopify orders export?)"))
    out: list[Record] = []
    for record in records:
        v = record.values
        flat = {ours: v.get(theirs, "") for theirs, ours in COLUMNS.items()}
        flat["order_number"] = str(flat["order_number"]).strip().lstrip("#")
        flat["ship_postcode"] = str(flat["ship_postcode"]).strip().lstrip("'")  # Excel-proofing
        if str(v.get("Name", "")).strip():
            flat["channel"] = "shopify"
        method = str(flat["shipping_method"]).lower()
        if method:
            flat["service_level"] = "express" if any(w in method for w in EXPRESS_WORDS) else "standard"
        for key, value in _note_attributes(str(v.get("Note Attributes", ""))).items():
            if key in ("gift_wrap", "gift_message", "special_packaging"):
                flat[key] = value
        out.append(Record(record.line, flat))
    return out


def _note_attributes(text: str) -> dict[str, str]:
    """Shopify writes cart attributes as 'key: value' lines."""
    pairs = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            pairs[key.strip().lower().replace(" ", "_")] = value.strip()
    return pairs
