"""Each returned item scanned at the returns station (its barcode, GTIN - GS1 element strings too -
or SKU), matched against the RMA's lines: a product the return does not name, or one unit more
than it names, is refused and changes nothing. docs/returns.md, "The returns screen"."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from app.gs1 import interpret_gs1
from app.orders import lifecycle
from app.shipping.errors import ShippingError
from app.translator import phrase
from app.unit_of_work import ProductRecord, ReturnLineRecord, UnitOfWork

log = logging.getLogger(__name__)


class WrongReturnItem(ShippingError):
    """A scanned item the return does not expect (another product, or one unit too many)."""


def codes_of(scan: str) -> set[str]:
    """The barcodes a scan may be stored as: the text, and a GTIN's 14-, 13-, 12- and 8-digit forms."""
    text = scan.strip()
    reading = interpret_gs1(text)
    gtin = reading.gtin or (text if text.isascii() and text.isdigit() and len(text) in (8, 12, 13, 14) else None)
    if not gtin:
        return {text}
    full = gtin.zfill(14)
    return {text, full, full[1:], full[2:], full[6:]}


def product_scanned(uow: UnitOfWork, scan: str) -> tuple[ProductRecord, int] | None:
    """The catalogue product a scan names and the units its barcode stands for (a SKU: one)."""
    hit = uow.products.by_barcode(codes_of(scan))
    if hit is not None:
        return hit
    product = uow.products.by_sku(scan.strip())
    return None if product is None else (product, 1)


def receive_item(uow: UnitOfWork, rma: str, scan: str, now: datetime, user: str | None = None,
                 station: str | None = None) -> tuple[str, int, int]:
    """Counts a scanned item (in the caller's unit of work) against the line of its SKU; the SKU,
    the units now received of the whole return and the units it names."""
    record = uow.returns.get(rma)
    if record is None:
        raise ShippingError(phrase("No return has the RMA %(rma)s; scan the RMA on the parcel first.", rma=rma))
    if record.status != "received":
        raise ShippingError(phrase("Return %(rma)s is %(status)s; items are scanned while it is received.",
                                   rma=rma, status=record.status))
    lines = uow.returns.lines(record.id)
    found = product_scanned(uow, scan)
    if found is None:
        raise WrongReturnItem(phrase("%(scan)s is no product of the catalogue: scan the item's barcode or type its "
                                     "SKU. Return %(rma)s expects %(expected)s.", scan=scan.strip(), rma=rma,
                                     expected=_expected(lines)))
    product, units = found
    line = next((l for l in lines if l.sku == product.sku), None)
    if line is None:
        raise WrongReturnItem(phrase("%(sku)s (%(name)s) is not in return %(rma)s, which expects %(expected)s: put "
                                     "it aside for a supervisor.", sku=product.sku, name=product.name, rma=rma,
                                     expected=_expected(lines)))
    if line.received_quantity + units > line.quantity:
        raise WrongReturnItem(phrase("%(units)s more x %(sku)s is too many: return %(rma)s names %(quantity)s and "
                                     "%(received)s are received. Put it aside for a supervisor.", units=units,
                                     sku=product.sku, rma=rma, quantity=line.quantity,
                                     received=line.received_quantity))
    uow.returns.save_line(replace(line, received_quantity=line.received_quantity + units))
    lifecycle.record_event(uow, record.order_id, "ReturnItemReceived", station=station, user=user, rma=rma,
                           sku=product.sku, quantity=units, scan=scan.strip())
    received = sum(l.received_quantity for l in lines) + units
    return product.sku, received, sum(l.quantity for l in lines)


def scanning_unfinished(lines: list[ReturnLineRecord]) -> str | None:
    """Why a return cannot be inspected yet: some, but not all, of its items were scanned."""
    received, expected = sum(l.received_quantity for l in lines), sum(l.quantity for l in lines)
    if 0 < received < expected:
        missing = ", ".join(f"{l.quantity - l.received_quantity} x {l.sku}" for l in lines
                            if l.received_quantity < l.quantity)
        return phrase("%(received)s of %(expected)s items are scanned; scan the rest (%(missing)s) first",
                      received=received, expected=expected, missing=missing)
    return None


def _expected(lines: list[ReturnLineRecord]) -> str:
    return ", ".join(f"{l.quantity} x {l.sku}" for l in lines)
