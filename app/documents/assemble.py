"""The documents' read models built from the store's records (plain Python, no database)."""
from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from app.documents.models import (
    DocumentError, Invoice, InvoiceItem, Manifest, ManifestItem, PackingSlip, ParcelLabel, PickItem, SlipItem,
)
from app.addresses import AddressData
from app.packing.settings import PackingSettings
from app.shipping.dispatch import DockDay, DockParcel
from app.store.documents import OrderRecord, ParcelRecord, StockPlace
from app.translator import phrase

log = logging.getLogger(__name__)


def address(stored: AddressData | None, fallback_name: str = "") -> AddressData:
    """The order's address as documents print it; a placeholder name when the order has none."""
    if stored is None:
        return AddressData(fallback_name or "(no address)", (), "", "", "")
    return stored


def estimated_weight(order: OrderRecord) -> int:
    """The order's units' catalogue weights in grams (the box is not known yet)."""
    return sum((line.weight_g or 0) * line.quantity for line in order.lines)


def preprinted_label(order: OrderRecord, settings: PackingSettings, sscc: str, tracking: str) -> ParcelLabel:
    """The one label of an order not packed yet, with its estimated weight."""
    return ParcelLabel(order.number, address(order.ship_to), order.carrier or settings.carrier.name,
                       order.service_level or settings.carrier.service, estimated_weight(order), tracking, sscc)


def parcel_labels(order: OrderRecord, parcels: list[ParcelRecord], total: int,
                  settings: PackingSettings) -> list[ParcelLabel]:
    """The labels of closed parcels ("parcel 2 of 3": of `total` parcels not voided)."""
    out = []
    for p in parcels:
        if not p.sscc or not p.tracking_number:
            raise DocumentError(phrase("parcel %(seq)s of order %(number)s is still open and has no SSCC yet; "
                                       "close it at the station first", seq=p.seq, number=order.number))
        out.append(ParcelLabel(
            order.number, address(order.ship_to), order.carrier or settings.carrier.name,
            order.service_level or settings.carrier.service, p.actual_weight_g or p.expected_weight_g or 0,
            p.tracking_number, p.sscc, parcel_index=p.seq, parcel_count=max(total, p.seq),
            dimensions_mm=p.box_outer_mm))
    return out


def packing_slip(order: OrderRecord, parcel: ParcelRecord | None, contents: dict[int, int],
                 total: int) -> PackingSlip:
    """The slip of one parcel (contents: order line id -> units in it), or of the whole order."""
    lines = tuple(SlipItem(
        sku=line.sku, name=line.name, ordered=line.quantity,
        in_parcel=contents.get(line.id, 0) if parcel else
        (line.packed_quantity or line.quantity - line.backordered_quantity),
        backordered=line.backordered_quantity, unit_price=line.unit_price)
        for line in order.lines if parcel is None or line.id in contents)
    return PackingSlip(order.number, order.created_at.date(), address(order.ship_to), lines, order.currency,
                       order.gift_message or "", bool(order.gift_wrap or order.gift_message),
                       parcel.seq if parcel else 1, max(total, 1))


def invoice(order: OrderRecord, number: str, day: date) -> Invoice:
    """The order's invoice; shipping is taxed at the highest rate of its lines."""
    lines = tuple(InvoiceItem(line.sku, line.name, line.quantity, line.unit_price, line.tax_rate, line.discount)
                  for line in order.lines)
    rate = max((line.tax_rate for line in lines), default=Decimal("0"))
    return Invoice(number, day, order.number, address(order.ship_to), lines, order.currency,
                   Decimal(order.shipping_total or 0), rate)


def pick_items(order: OrderRecord, places: dict[int, StockPlace | None]) -> list[PickItem]:
    """The order's picks, each at the place holding most of its product (places: by product id)."""
    items = []
    for line in order.lines:
        place = places.get(line.product_id) if line.product_id else None
        items.append(PickItem(
            location=place.code if place else "UNKNOWN", sku=line.sku, name=line.name, quantity=line.quantity,
            order_number=order.number, tote=order.tote or "", barcode=line.barcode or line.sku,
            walk_sequence=place.walk_sequence if place else None))
    return items


def manifest(listing: DockDay, carrier: str, settings: PackingSettings) -> Manifest:
    """The carrier's manifest of a day from the dock's list (app.shipping.dispatch.dock_day): the
    parcels handed over, and those labelled but never scanned."""

    def item(p: DockParcel) -> ManifestItem:
        return ManifestItem(tracking_number=p.tracking_number, order_number=p.order_number, weight_g=p.weight_g,
                            destination=p.destination, service=p.service or settings.carrier.service, sscc=p.sscc)

    code = "".join(c for c in carrier.upper() if c.isalnum())[:12] or "CARRIER"
    return Manifest(f"MF-{listing.day:%Y%m%d}-{code}", carrier, listing.day,
                    tuple(item(p) for p in listing.handed_over), tuple(item(p) for p in listing.not_scanned))
