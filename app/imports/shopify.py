"""Shopify's orders export (Orders > Export, CSV) as records in the columns of our order CSV.

One row per line item; the order's own fields only on its first row. Columns we have no
use for (Paid at, Vendor, ...) are ignored, and a column the export does not have is left out
of the records (so a narrower re-import never blanks what it does not carry). What is not
work for a packing bench is skipped with a note, not rejected: lines without a SKU (gift
cards, tips) or that need no shipping, orders without a shipping address (pickup, digital),
and fulfilled orders. Cancelled, refunded and voided orders are not work either: skipped when
new, cancelled when already imported and not yet packed, held when packing has started
(app.imports.orders).
"""
from __future__ import annotations

import logging

from app.imports.common import skipped as skipped_note
from app.imports.errors import RowProblem
from app.imports.reading import Record
from app.translator import phrase

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
    "Billing Zip": "bill_postcode", "Billing Country": "bill_country",
}
REQUIRED = {"Name", "Lineitem quantity", "Lineitem sku"}
EXPRESS_WORDS = ("express", "next day", "overnight", "priority")


def is_shopify_export(header: list[str]) -> bool:
    """Whether a CSV header is Shopify's orders export (its order name and line item columns)."""
    return {"Name", "Lineitem sku", "Lineitem quantity"} <= set(header)


def to_records(header: list[str], records: list[Record], problems: list[RowProblem],
               notes: list[str] | None = None) -> list[Record]:
    """Shopify rows as order-CSV records (same line numbers); what is skipped is said in `notes`."""
    notes = [] if notes is None else notes
    for column in sorted(REQUIRED - set(header)):
        problems.append(RowProblem(1, phrase("missing column '%(column)s' (is this a Shopify orders export?)", column=column)))
    out: list[Record] = []
    skipped: dict[str, str] = {}  # order name -> why the whole order is skipped
    kept: dict[str, int] = {}
    for record in records:
        v = record.values
        name = str(v.get("Name", "")).strip()
        if name and name not in kept and name not in skipped:
            why = _not_work(v)
            if why:
                skipped[name] = why
                notes.append(skipped_note(name, why))
            kept[name] = 0
        if name in skipped:
            continue
        if not str(v.get("Lineitem sku", "")).strip() or str(v.get("Lineitem requires shipping", "")).strip().lower() == "false":
            item = str(v.get("Lineitem name", "")).strip() or "?"
            notes.append(phrase("order %(number)s line %(line)s (%(item)s) skipped: no SKU or nothing to ship "
                                "(a gift card, a tip, a digital item)", number=name or "?", line=record.line, item=item))
            continue
        kept[name] = kept.get(name, 0) + 1
        out.append(Record(record.line, _flat(v)))
    for name, count in kept.items():
        if count == 0 and name not in skipped:
            notes.append(phrase("order %(number)s skipped: none of its lines is shipped", number=name))
    return out


def _not_work(v: dict[str, object]) -> str | None:
    """Why an order (its first row) is nothing to pack, or None."""
    if str(v.get("Fulfillment Status", "")).strip().lower() == "fulfilled":
        return phrase("already fulfilled")
    if "Shipping Address1" in v and not (str(v.get("Shipping Address1", "")).strip()
                                         or str(v.get("Shipping City", "")).strip()):
        return phrase("no shipping address (pickup or digital)")
    return None


def _flat(v: dict[str, object]) -> dict[str, object]:
    flat: dict[str, object] = {ours: v[theirs] for theirs, ours in COLUMNS.items() if theirs in v}
    flat["order_number"] = str(flat.get("order_number", "")).strip().lstrip("#")
    if "ship_postcode" in flat:
        flat["ship_postcode"] = str(flat["ship_postcode"]).strip().lstrip("'")  # Excel-proofing
    if "bill_postcode" in flat:
        flat["bill_postcode"] = str(flat["bill_postcode"]).strip().lstrip("'")
    if str(v.get("Name", "")).strip():
        flat["channel"] = "shopify"
    if "Cancelled at" in v:
        flat["cancelled"] = "true" if str(v["Cancelled at"]).strip() else "false"
    method = str(flat.get("shipping_method", "")).lower()
    if method:
        flat["service_level"] = "express" if any(w in method for w in EXPRESS_WORDS) else "standard"
    for key, value in _note_attributes(str(v.get("Note Attributes", ""))).items():
        if key in ("gift_wrap", "gift_message", "special_packaging"):
            flat[key] = value
    return flat


def _note_attributes(text: str) -> dict[str, str]:
    """Shopify writes cart attributes as 'key: value' lines."""
    pairs = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            pairs[key.strip().lower().replace(" ", "_")] = value.strip()
    return pairs
