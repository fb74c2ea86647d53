"""Plain input data of the documents: what a label, slip, invoice, pick list or manifest shows."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.addresses import AddressData

log = logging.getLogger(__name__)


class LabelSize(enum.Enum):
    """Label stock: width and height in millimetres."""

    IN4X6 = "4x6"
    IN4X4 = "4x4"
    A6 = "A6"

    @property
    def mm(self) -> tuple[float, float]:
        """(width, height) in millimetres."""
        return {"4x6": (101.6, 152.4), "4x4": (101.6, 101.6), "A6": (105.0, 148.0)}[self.value]


class PaperSize(enum.Enum):
    """Paper for slips, invoices, pick lists and manifests."""

    A4 = "A4"
    LETTER = "Letter"

    @property
    def mm(self) -> tuple[float, float]:
        """(width, height) in millimetres."""
        return {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}[self.value]


@dataclass(frozen=True)
class Address:
    """A postal address with the person to reach there."""

    name: str
    address_lines: tuple[str, ...]
    postcode: str
    city: str
    country: str  # ISO 3166 alpha-2, or a country name
    company: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, a: AddressData) -> Address:
        """The printed form of app's address (the one conversion between the two)."""
        return cls(name=a.name, address_lines=tuple(a.lines), postcode=a.postcode, city=a.city,
                   country=a.country, company=a.company, phone=a.phone, email=a.email)

    def lines(self) -> list[str]:
        """The address as printed, one entry a line, empty parts left out."""
        out = [self.name, self.company, *self.address_lines,
               " ".join(p for p in (self.postcode, self.city) if p), self.country]
        return [line for line in out if line]


@dataclass(frozen=True)
class LabelData:
    """One parcel's shipping label."""

    ship_from: Address
    ship_to: Address
    carrier: str
    service: str
    weight_g: int
    tracking_number: str
    sscc: str  # 18 digits
    order_number: str
    parcel_index: int = 1  # "parcel 2 of 3": index 2, count 3
    parcel_count: int = 1
    dimensions_mm: tuple[int, int, int] | None = None
    reference: str = ""
    ship_date: date | None = None
    size: LabelSize = LabelSize.IN4X6


@dataclass(frozen=True)
class ReturnLabelData:
    """The label a customer sticks on a returned parcel: from the customer back to the warehouse."""

    customer: Address  # the sender
    warehouse: Address  # the addressee
    carrier: str
    tracking_number: str
    rma: str
    order_number: str
    items: int  # units the return names
    reason: str = ""
    created: date | None = None
    size: LabelSize = LabelSize.IN4X6


@dataclass(frozen=True)
class SlipLine:
    """One line of a packing slip."""

    sku: str
    name: str
    ordered: int
    in_parcel: int
    backordered: int = 0
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class Company:
    """The seller: header of slips and invoices."""

    name: str
    address: Address
    vat_id: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    logo_path: str | None = None  # a PNG; None for resources/images/logo.png


@dataclass(frozen=True)
class SlipData:
    """A packing slip for one parcel of an order."""

    company: Company
    order_number: str
    order_date: date
    ship_to: Address
    lines: tuple[SlipLine, ...]
    currency: str = "EUR"
    gift_message: str = ""
    is_gift: bool = False
    return_instructions: str = ""
    parcel_index: int = 1
    parcel_count: int = 1
    paper: PaperSize = PaperSize.A4


@dataclass(frozen=True)
class InvoiceLine:
    """One invoice line: quantity x unit price, less discount, plus tax at a rate."""

    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal  # 0.19 for 19 %
    discount: Decimal = Decimal("0")  # an amount off the line, in currency

    @property
    def net(self) -> Decimal:
        """The line's net amount after discount, before tax."""
        return self.quantity * self.unit_price - self.discount


@dataclass(frozen=True)
class InvoiceData:
    """An invoice, numbered from its own sequence."""

    invoice_number: str
    invoice_date: date
    order_number: str
    seller: Company
    buyer: Address
    lines: tuple[InvoiceLine, ...]
    currency: str = "EUR"
    shipping: Decimal = Decimal("0")
    shipping_tax_rate: Decimal = Decimal("0")
    buyer_vat_id: str = ""
    due_date: date | None = None
    notes: str = ""
    paper: PaperSize = PaperSize.A4


@dataclass(frozen=True)
class PickLine:
    """One pick: where, what, how many, into which tote."""

    location: str
    sku: str
    name: str
    quantity: int
    order_number: str = ""
    tote: str = ""
    barcode: str = ""  # the product's barcode value; the SKU when empty
    walk_sequence: int | None = None  # the location's place on the walking route, when known


@dataclass(frozen=True)
class PickListData:
    """A pick list for one order or a batch of orders."""

    pick_list_id: str
    created: date
    lines: tuple[PickLine, ...]
    picker: str = ""
    zone: str = ""
    totes: dict[str, str] = field(default_factory=dict)  # order number -> tote
    paper: PaperSize = PaperSize.A4


@dataclass(frozen=True)
class ManifestParcel:
    """One parcel handed to the carrier."""

    tracking_number: str
    order_number: str
    weight_g: int
    destination: str  # "postcode city, country"
    service: str = ""
    sscc: str = ""


@dataclass(frozen=True)
class ManifestData:
    """An end-of-day manifest for one carrier."""

    manifest_id: str
    carrier: str
    ship_date: date
    shipper: Company
    parcels: tuple[ManifestParcel, ...]  # handed over
    account_number: str = ""
    paper: PaperSize = PaperSize.A4
    not_handed_over: tuple[ManifestParcel, ...] = ()  # labelled, never scanned at the dock: flagged, not counted


@dataclass(frozen=True)
class Badge:
    """A user's badge: the name printed and the value the scanner reads."""

    name: str
    badge_value: str
    role: str = ""
