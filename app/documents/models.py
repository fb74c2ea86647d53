"""The documents' read models: what a label, slip, invoice, pick list, manifest or badge
shows, as plain data (addresses as app.packing.settings.AddressData)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.errors import PackdeskError
from app.addresses import AddressData

log = logging.getLogger(__name__)


class DocumentError(PackdeskError):
    """A document was asked for something the database cannot give."""


@dataclass(frozen=True)
class ParcelLabel:
    """One parcel's shipping label (ship_from and the company come from the settings)."""

    order_number: str
    ship_to: AddressData
    carrier: str
    service: str
    weight_g: int
    tracking_number: str
    sscc: str
    parcel_index: int = 1
    parcel_count: int = 1
    dimensions_mm: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class SlipItem:
    """One line of a packing slip."""

    sku: str
    name: str
    ordered: int
    in_parcel: int
    backordered: int
    unit_price: Decimal


@dataclass(frozen=True)
class PackingSlip:
    """The packing slip of an order, or of one of its parcels."""

    order_number: str
    order_date: date
    ship_to: AddressData
    lines: tuple[SlipItem, ...]
    currency: str
    gift_message: str
    is_gift: bool
    parcel_index: int
    parcel_count: int


@dataclass(frozen=True)
class InvoiceItem:
    """One invoice line."""

    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    discount: Decimal


@dataclass(frozen=True)
class Invoice:
    """An order's invoice with its number (kept for reprints)."""

    number: str
    day: date
    order_number: str
    buyer: AddressData
    lines: tuple[InvoiceItem, ...]
    currency: str
    shipping: Decimal
    shipping_tax_rate: Decimal


@dataclass(frozen=True)
class PickItem:
    """One pick: where, what, how many, for which order and tote."""

    location: str
    sku: str
    name: str
    quantity: int
    order_number: str
    tote: str
    barcode: str
    walk_sequence: int | None


@dataclass(frozen=True)
class PickList:
    """A pick list of one or more orders, kept under its code."""

    code: str
    created: date
    lines: tuple[PickItem, ...]
    totes: dict[str, str] = field(default_factory=dict)  # order number -> tote


@dataclass(frozen=True)
class ManifestItem:
    """One parcel handed to the carrier."""

    tracking_number: str
    order_number: str
    weight_g: int
    destination: str
    service: str
    sscc: str


@dataclass(frozen=True)
class Manifest:
    """A carrier's end-of-day manifest."""

    manifest_id: str
    carrier: str
    ship_date: date
    parcels: tuple[ManifestItem, ...]  # handed over that day
    not_handed_over: tuple[ManifestItem, ...] = ()  # labelled by the end of the day, never scanned at the dock


@dataclass(frozen=True)
class BadgeHolder:
    """A user's badge card: name, the badge's value and role."""

    name: str
    badge_value: str
    role: str
