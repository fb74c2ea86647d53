"""The unit-of-work port: what the packing and order use cases need from the central database.

Design: one unit of work per use case. `with uow:` opens a transaction; `uow.commit()` makes
it durable; leaving the block without a commit rolls everything back. The repositories are
attributes of the unit of work and speak in plain, frozen records (below), never in ORM
objects, so `app.store.SqlUnitOfWork` (SQLite, PostgreSQL) and the in-memory fake of the unit
tests implement the same port. Repositories store and find; the use cases decide. A record is
changed with `dataclasses.replace` and handed back to its repository's `save`.

Two writes stay whole statements inside the store because the database must guard them
against other stations: taking an order from the queue (`orders.claim_next`, `orders.take`)
and packing units into a line (`orders.pack_units`, refused when the line is full or the
station lost the order). A write the database refuses (a serial shipped meanwhile by another
station) surfaces as `Conflict` when the block ends.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from app.errors import PackdeskError
from app.addresses import AddressData

log = logging.getLogger(__name__)


class Conflict(PackdeskError):
    """The database refused a write another station made impossible (reload and retry)."""


# --- records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderRecord:
    """An order's header (its lines are `LineRecord`s)."""

    id: int
    number: str
    status: str
    created_at: datetime | None = None
    customer_name: str = ""
    ship_to: AddressData | None = None
    carrier: str | None = None
    service_level: str = "standard"
    sla_due_at: datetime | None = None
    gift_wrap: bool = False
    special_packaging: str | None = None
    gift_message: str | None = None
    notes: str | None = None
    currency: str = "EUR"
    tote: str | None = None
    claimed_by_station: str | None = None
    claimed_by_user: str | None = None
    lease_expires_at: datetime | None = None
    version: int = 1
    priority: int = 0  # higher first
    channel: str = "manual"
    email: str | None = None
    financial_status: str | None = None
    subtotal: Decimal = Decimal("0")
    shipping_total: Decimal = Decimal("0")
    discount_total: Decimal = Decimal("0")
    tax_total: Decimal = Decimal("0")
    total: Decimal = Decimal("0")
    pack_from: str = "picked"  # the status it enters the packing queue in (picked or allocated)
    billing_postcode: str | None = None
    billing_country: str | None = None


@dataclass(frozen=True)
class LineRecord:
    """One order line and how much of it is packed or backordered."""

    id: int
    order_id: int
    line_no: int
    product_id: int | None
    sku: str
    name: str
    quantity: int
    unit_price: Decimal = Decimal("0")
    packed_quantity: int = 0
    backordered_quantity: int = 0
    discount: Decimal = Decimal("0")


class OrderToAllocate(NamedTuple):
    """What allocation reads of an order waiting for stock (a tuple: an import allocates thousands)."""

    id: int
    number: str
    status: str
    channel: str = "manual"
    pack_from: str = "picked"


class LineToAllocate(NamedTuple):
    """What allocation reads of an order line: how many units it still needs, of which product."""

    id: int
    order_id: int
    line_no: int
    product_id: int | None
    sku: str
    quantity: int
    backordered_quantity: int = 0


class LineToValidate(NamedTuple):
    """What validation reads of an order line: its product and what it charges (a tuple: an
    import validates thousands of lines)."""

    order_id: int
    line_no: int
    product_id: int | None
    sku: str
    quantity: int
    unit_price: Decimal = Decimal("0")
    discount: Decimal = Decimal("0")


class OrderRef(Protocol):
    """An order known by its id, number and status: a whole record or one of the light reads."""

    @property
    def id(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...


class OrderToValidate(NamedTuple):
    """What validation reads of an order: its payment, money, billing and shipping address (a
    tuple: an import validates thousands; a held one is read again whole to be held)."""

    id: int
    number: str
    status: str
    email: str | None = None
    financial_status: str | None = None
    currency: str = "EUR"
    shipping_total: Decimal = Decimal("0")
    discount_total: Decimal = Decimal("0")
    tax_total: Decimal = Decimal("0")
    total: Decimal = Decimal("0")
    billing_postcode: str | None = None
    billing_country: str | None = None
    ship_to: AddressData | None = None


class OrderToWave(NamedTuple):
    """What a wave reads of an allocated order: its carrier and SLA (the wave strategy groups by
    them) and whether it is picked before packing (a tuple: a wave takes thousands)."""

    id: int
    number: str
    status: str
    carrier: str | None = None
    sla_due_at: datetime | None = None
    pack_from: str = "picked"


@dataclass(frozen=True)
class ClaimRow:
    """An order as a claim sees it (locked for the rest of the transaction)."""

    order_id: int
    number: str
    status: str
    station: str | None
    user: str | None
    lease_expires_at: datetime | None
    version: int
    pack_from: str = "picked"


@dataclass(frozen=True)
class ProductRecord:
    """A catalogue product with the measures the box search and the weight check need."""

    id: int
    sku: str
    name: str
    weight_g: int = 0
    length_mm: int = 0
    width_mm: int = 0
    height_mm: int = 0
    serial_tracked: bool = False
    lot_tracked: bool = False
    image: str | None = None
    upright: bool = False
    own_container: bool = False
    padding_mm: int = 0
    compat_class: str | None = None
    price: Decimal = Decimal("0")
    currency: str = "EUR"
    restock_date: date | None = None  # the next delivery, when known
    serial_pattern: str | None = None  # a regular expression every serial of this product matches
    bulk_max_quantity: int | None = None  # a bulk product: scanned once, then a quantity up to this


@dataclass(frozen=True)
class BarcodeRecord:
    """A barcode of a product: a unit (quantity 1) or a case (quantity n)."""

    code: str
    product_id: int
    quantity: int = 1


@dataclass(frozen=True)
class BoxRecord:
    """A standard box of the box catalogue."""

    id: int
    code: str
    name: str
    barcode: str
    inner_length_mm: int
    inner_width_mm: int
    inner_height_mm: int
    outer_length_mm: int
    outer_width_mm: int
    outer_height_mm: int
    tare_g: int
    max_load_g: int
    cost: Decimal
    enabled: bool = True
    stock: int | None = None


@dataclass(frozen=True)
class ParcelRecord:
    """One box of an order."""

    id: int
    order_id: int
    seq: int
    status: str = "open"  # open, closed, confirmed, voided
    box_id: int | None = None
    box_override_reason: str | None = None
    expected_weight_g: int | None = None
    actual_weight_g: int | None = None
    sscc: str | None = None
    tracking_number: str | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    confirmed_at: datetime | None = None
    # the carrier service chosen when it closed (issue 15), and its hand-over at the dock
    carrier: str | None = None
    service: str | None = None
    shipping_cost: Decimal | None = None
    chargeable_weight_g: int | None = None
    expected_delivery: date | None = None
    service_reason: str | None = None
    handed_over_at: datetime | None = None
    handed_over_by: str | None = None
    tracking_status: str | None = None  # the carrier's last word: in_transit, delivered, exception
    delivered_at: datetime | None = None


@dataclass(frozen=True)
class ItemRecord:
    """Units of one order line in one parcel."""

    id: int
    parcel_id: int
    order_line_id: int
    quantity: int
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    scan_id: int | None = None


@dataclass(frozen=True)
class LabelRecord:
    """One version of a parcel's shipping label."""

    id: int
    parcel_id: int
    version: int
    format: str
    status: str = "pending"  # pending, printed, failed, voided, reprinted
    printer: str | None = None
    reason: str | None = None
    created_at: datetime | None = None
    printed_at: datetime | None = None
    message: str | None = None


@dataclass(frozen=True)
class ScanEntry:
    """One row of the scan log: every scan and mis-scan, with station and user."""

    at: datetime
    station: str
    username: str | None
    order_id: int | None
    data: str
    outcome: str
    symbology: str | None = None
    product_id: int | None = None
    quantity: int = 0
    message: str | None = None


@dataclass(frozen=True)
class UserRecord:
    """A person who may log in at a station."""

    id: int
    username: str
    display_name: str
    role: str
    badge_code: str
    pin_hash: str | None = None
    active: bool = True
    language: str | None = None  # None: the station's language


@dataclass(frozen=True)
class ExceptionRecord:
    """Something a supervisor must look at (a problem, a weight out of tolerance, a short)."""

    order_id: int
    kind: str
    reason: str
    station: str | None
    username: str | None
    at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolution: str | None = None


@dataclass(frozen=True)
class ScanTally:
    """A packer's scans since a moment: accepted scans, units packed and mis-scans."""

    accepted: int
    units: int
    mis_scans: int


@dataclass(frozen=True)
class StockBin:
    """A product's stock at one bin: on hand, held for orders, and its lot."""

    id: int
    product_id: int
    location: str
    quantity: int
    allocated: int
    walk_sequence: int = 0
    zone: str = ""
    lot: str | None = None
    expiry: date | None = None

    @property
    def available(self) -> int:
        """Units nobody holds yet (never below zero, even when a count lowered the stock)."""
        return max(0, self.quantity - self.allocated)


@dataclass(frozen=True)
class StockHoldRecord:
    """One row of the allocation ledger: units of an order line held at a bin."""

    id: int
    order_id: int
    order_line_id: int
    stock_id: int
    quantity: int
    status: str = "held"  # held, picked, shipped, released


@dataclass(frozen=True)
class OrderHoldRecord:
    """One typed reason an order is on hold."""

    id: int
    order_id: int
    kind: str
    detail: str
    created_at: datetime | None = None
    released_at: datetime | None = None
    released_by: str | None = None
    release_reason: str | None = None


@dataclass(frozen=True)
class PickStop:
    """Held units of an order line at one bin, where a picker walks to (waves are made of these)."""

    hold_id: int
    order_id: int
    order_line_id: int
    stock_id: int
    quantity: int
    location: str
    zone: str
    walk_sequence: int
    sku: str
    name: str


@dataclass(frozen=True)
class PickListRecord:
    """A pick list's header."""

    id: int
    code: str
    strategy: str | None = None  # None: printed by `documents picklist`, not made by a wave
    zone: str | None = None
    wave: str | None = None
    status: str = "open"  # open, done


@dataclass(frozen=True)
class PickLineRecord:
    """One stop of a pick list, with what the picker must scan there."""

    id: int
    pick_list_id: int
    seq: int
    order_id: int
    order_number: str
    order_line_id: int
    stock_hold_id: int
    stock_id: int
    location: str
    zone: str
    walk_sequence: int
    product_id: int | None
    sku: str
    name: str
    quantity: int
    picked_quantity: int = 0
    status: str = "open"  # open, picked, short, cancelled (its order was)
    tote: str | None = None


@dataclass(frozen=True)
class StationRecord:
    """A station the database knows: when it last reported, and its devices' states then."""

    code: str
    name: str
    last_seen_at: datetime | None
    devices: dict[str, str]


@dataclass(frozen=True)
class LeaseRow:
    """An order a station holds (its packing lease): since when (the claim), until when."""

    station: str
    number: str
    user: str | None
    since: datetime | None
    until: datetime | None


@dataclass(frozen=True)
class ReasonRow:
    """An administrator's change to the reason codes: added (active) or retired."""

    code: str
    active: bool
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True)
class CarrierRecord:
    """A carrier of the rate tables (issue 15)."""

    code: str
    name: str
    dim_divisor: int = 5000  # mm^3 per gram of dimensional weight (= cm^3 per kg)
    adapter: str = "table"
    s10_service_indicator: str = "RA"
    s10_country: str = "DE"


@dataclass(frozen=True)
class ServiceRecord:
    """A carrier's service: its level, business days in transit, and its cut-off (HH:MM local)."""

    carrier: str
    code: str
    name: str
    level: str
    transit_days: int
    cutoff: str


@dataclass(frozen=True)
class ZoneRecord:
    """One destination of a carrier's zone: a country and a postcode prefix ('' = all of it)."""

    carrier: str
    zone: str
    country: str
    postcode_prefix: str = ""


@dataclass(frozen=True)
class RateRecord:
    """The price of a service to a zone up to a chargeable weight."""

    carrier: str
    service: str
    zone: str
    max_weight_g: int
    price: Decimal
    currency: str = "EUR"


@dataclass(frozen=True)
class RateTable:
    """Every active carrier with its services, zones and rates."""

    carriers: tuple[CarrierRecord, ...] = ()
    services: tuple[ServiceRecord, ...] = ()
    zones: tuple[ZoneRecord, ...] = ()
    rates: tuple[RateRecord, ...] = ()


@dataclass(frozen=True)
class MessageRecord:
    """A customer message of the outbox (issue 15)."""

    id: int
    key: str  # unique: the same message is never queued twice
    kind: str
    order_id: int | None
    recipient: str
    subject: str
    text_body: str
    html_body: str
    message_id: str  # fixed before the first attempt
    state: str = "queued"  # queued, sending, sent, failed, unknown (a crash mid-send: never re-sent by itself)
    attempts: int = 0
    next_attempt_at: datetime | None = None
    created_at: datetime | None = None
    sending_since: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class PaymentRecord:
    """One step of an order's payment (issue 15): authorisation, capture or refund."""

    id: int
    key: str
    order_id: int
    kind: str
    amount: Decimal
    currency: str
    gateway: str
    reference: str
    at: datetime | None = None
    invoice_number: str | None = None


class DockLine(NamedTuple):
    """A parcel on the dock's day list as the list shows it, with what it shows of its order (one
    joined read for the day, made into the list's line by the database; a tuple: a day is
    thousands of them). app.shipping.dispatch calls it DockParcel."""

    order_number: str
    seq: int
    carrier: str  # the parcel's, else its order's, else the built-in carrier's name, else ""
    service: str | None  # the parcel's, else its order's service level
    tracking_number: str  # "" without one
    sscc: str  # "" without one
    weight_g: int  # weighed, else expected, else 0
    destination: str  # "postcode city, country" of the order's address ("" without one)
    handed_over_at: datetime | None
    labelled_at: datetime | None = None  # when it was closed with its label (the NOT HANDED OVER list's time)


@dataclass(frozen=True)
class CaptureRequestRecord:
    """A payment capture queued at hand-over, made after it commits (issue 15)."""

    id: int
    key: str  # capture:PD-1042, also the gateway's idempotency key
    order_id: int
    amount: Decimal
    currency: str
    invoice_number: str | None = None
    state: str = "pending"  # pending, capturing (the gateway is being asked), captured
    attempts: int = 0
    next_attempt_at: datetime | None = None
    capturing_since: datetime | None = None
    created_at: datetime | None = None
    captured_at: datetime | None = None
    last_error: str | None = None
    exception_id: int | None = None  # the supervisors' open exception while the gateway fails


@dataclass(frozen=True)
class ReturnRecord:
    """A customer return (RMA) (issue 15)."""

    id: int
    rma: str
    order_id: int
    reason: str
    status: str = "open"  # open, received, inspected, refunded
    tracking_number: str | None = None
    created_at: datetime | None = None
    received_at: datetime | None = None
    inspected_at: datetime | None = None
    refunded_at: datetime | None = None
    refund_amount: Decimal | None = None
    exchange_order_id: int | None = None  # the order that sends the exchange goods


@dataclass(frozen=True)
class ReturnLineRecord:
    """Units of one order line in a return, and what inspection found."""

    id: int
    return_id: int
    order_line_id: int
    sku: str
    quantity: int
    outcome: str | None = None  # restock, write_off, damaged, exchange
    location: str | None = None
    photo: str | None = None
    received_quantity: int = 0  # units scanned at the returns station


@dataclass(frozen=True)
class ExchangeLineRecord:
    """Units an exchange sends out, at the catalogue price (the order discounts it all)."""

    product_id: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class ArchivedRecord:
    """A document printed for an order, kept by the SHA-256 of its bytes (issue 15)."""

    id: int
    order_id: int
    kind: str
    name: str
    sha256: str
    content: bytes
    created_at: datetime | None = None


@dataclass(frozen=True)
class ManifestRecord:
    """A carrier's manifest as printed, per carrier ("" for every carrier) and local day."""

    id: int
    carrier: str
    day: date
    name: str
    sha256: str
    content: bytes
    created_at: datetime | None = None


class NewEvent(NamedTuple):
    """An event to append to an order's log (the batch form of `Events.add`; a tuple: a batch
    makes one an order, 10,000 for a big import's stage)."""

    order_id: int
    kind: str
    station: str | None = None
    user: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class NewPickList:
    """A pick list a wave makes: its header, its orders (in tote order) and its lines, each
    (seq, order id, order line id, ledger row id, stock id, quantity)."""

    code: str
    strategy: str
    zone: str | None
    wave: str | None
    order_ids: tuple[int, ...]
    lines: tuple[tuple[int, int, int, int, int, int], ...]


# --- repositories ----------------------------------------------------------------------------


class Orders(Protocol):
    def get(self, number: str) -> OrderRecord | None: ...
    def get_by_id(self, order_id: int) -> OrderRecord | None: ...
    def locked_by_id(self, order_id: int) -> OrderRecord | None:
        """The order, its row locked until the unit commits (SELECT ... FOR UPDATE on PostgreSQL;
        SQLite's unit of work already holds the one write lock from BEGIN IMMEDIATE)."""
    def lines(self, order_id: int) -> list[LineRecord]: ...
    def set_status(self, order_id: int, status: str) -> None:
        """Only app.orders.lifecycle calls this (it checks the status table and logs the change)."""
    def set_statuses(self, order_ids: list[int], status: str) -> None:
        """set_status for many orders in one batch (only app.orders.lifecycle calls this)."""
    def clear_lease(self, order_id: int) -> None: ...
    def add_backorder(self, line_id: int, quantity: int) -> None: ...
    def pack_units(self, line_id: int, quantity: int, order_id: int, station: str) -> bool:
        """Adds packed units while the line has room and `station` holds the order; False if not."""
    def unpack_units(self, line_id: int, quantity: int) -> None: ...
    def held_by(self, station: str, leased: frozenset[str] = frozenset()) -> str | None:
        """The order this station is packing (the newest lease), leaving out `leased`: orders
        leased to it for an outage and not opened (issue 17)."""
    def queue_size(self, now: datetime) -> int: ...
    # claims: each guarded by the database against other stations
    def claim_next(self, station: str, user: str | None, now: datetime,
                   expires: datetime) -> ClaimRow | None:
        """Takes the next order of the queue; the row as it was before (version: the new one)."""
    def find_to_claim(self, key: str, station: str, now: datetime) -> ClaimRow | None:
        """The order by number or tote, else the next of a pick list with this code (locked)."""
    def pick_list_exists(self, code: str) -> bool: ...
    def lock(self, number: str) -> ClaimRow | None: ...
    def release_lease(self, number: str, station: str, to_status: str | None) -> ClaimRow | None:
        """If `station` holds the order (packing): sets `to_status` (None: allocated when it is
        packed from allocated, else picked) and clears the lease in one step; the row with its
        new status and version, or None. Only app.orders.claims calls this (it checks the
        status table and logs the change)."""
    def take(self, order_id: int, version: int, station: str, user: str | None,
             expires: datetime) -> int | None:
        """Sets status packing and the lease if the version still matches; the new version."""
    def renew_lease(self, number: str, station: str, expires: datetime, user: str | None = None) -> bool:
        """Extends the station's lease (and holds the order for `user` from now, if given); False
        when the station no longer holds it."""
    # the stages before packing
    def in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderRecord]:
        """Orders in these statuses (only those numbers, if given), by priority, SLA, age."""
    def numbers_in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[str]:
        """in_status's order numbers only (a long list read to be worked through in slices)."""
    def to_allocate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToAllocate]:
        """in_status's orders as allocation reads them (five fields), in the same queue order."""
    def lines_to_allocate(self, order_ids: list[int]) -> dict[int, list[LineToAllocate]]:
        """The lines of many orders as allocation reads them (by line_no), by order id (an order
        without lines is absent)."""
    def lines_to_validate(self, order_ids: list[int]) -> dict[int, list[LineToValidate]]:
        """The lines of many orders as validation reads them (by line_no), by order id (an order
        without lines is absent)."""
    def to_validate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToValidate]:
        """in_status's orders as validation reads them, in the order they were stored (by id:
        validation takes no stock, the queue's order does not matter to it)."""
    def to_wave(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToWave]:
        """in_status's orders as a wave reads them, in the same queue order."""
    def orders_of_customer(self, email: str) -> int:
        """How many orders carry this customer e-mail."""
    def orders_of_customers(self, emails: set[str]) -> dict[str, int]:
        """orders_of_customer for many e-mails at once (an e-mail without orders is absent)."""
    def set_pack_from(self, order_id: int, pack_from: str) -> None: ...


class Stock(Protocol):
    def lock_bins(self, product_id: int) -> list[StockBin]:
        """The product's bins, locked against other allocators until the transaction ends."""
    def lock_bins_of(self, product_ids: set[int]) -> dict[int, list[StockBin]]:
        """lock_bins for many products at once, locked in (product, bin) order as one product
        at a time would be (so allocators of either form never deadlock); by product id."""
    def hold(self, order_id: int, line_id: int, stock_id: int, quantity: int) -> int | None:
        """Holds units at a bin if it still has them available (the database guards it): the
        ledger row's id, or None if not."""
    def hold_many(self, holds: list[tuple[int, int, int, int]]) -> None:
        """Holds units at bins, each (order id, line id, stock id, quantity), all or none: raises
        Conflict if a bin no longer has them (it cannot happen while the caller holds the bins'
        locks, lock_bins_of; the database guards it all the same)."""
    def holds_of_order(self, order_id: int) -> list[StockHoldRecord]: ...
    def holds_of_orders(self, order_ids: list[int]) -> dict[int, list[StockHoldRecord]]:
        """The ledger rows of many orders (by id), by order id."""
    def move_hold(self, hold_id: int, to: str) -> None:
        """Moves a ledger row; released and shipped units leave the bin's allocated count
        (shipped units leave its quantity on hand too)."""


class Picks(Protocol):
    def stops_of_orders(self, order_ids: list[int]) -> list[PickStop]:
        """The orders' held (not yet picked) units, one stop per ledger row."""
    def lock_waiting(self, order_ids: list[int], status: str) -> set[int]:
        """Locks the orders still in `status` for the rest of the transaction; their ids."""
    def add_list(self, code: str, strategy: str, zone: str | None, wave: str | None,
                 order_ids: list[int]) -> int: ...
    def add_lines(self, pick_list_id: int, lines: list[tuple[int, int, int, int, int, int]]) -> None:
        """Lines of a list: (seq, order id, order line id, ledger row id, stock id, quantity) each."""
    def add_lists(self, lists: list[NewPickList]) -> None:
        """add_list and add_lines for a wave's lists, in a few batched statements."""
    def get_list(self, code: str) -> PickListRecord | None: ...
    def open_lists(self, limit: int) -> list[str]:
        """The codes of waves' lists with lines still to pick, oldest first, at most `limit`."""
    def lines_of_list(self, pick_list_id: int) -> list[PickLineRecord]:
        """The list's lines by seq."""
    def lines_of_order(self, order_id: int) -> list[PickLineRecord]:
        """Every wave line of the order, on every list (a zone wave splits it)."""
    def mark(self, line_id: int, picked_quantity: int, status: str, user: str | None,
             was: int | None = None) -> bool:
        """Sets a line's picked units and status (if `was` is given: only while it is open with
        that many picked, which the database guards); whether it did."""
    def set_list_status(self, pick_list_id: int, status: str) -> None: ...
    def set_tote(self, order_id: int, tote: str) -> None: ...
    def set_totes(self, totes: list[tuple[int, str]]) -> None:
        """set_tote for many orders: (order id, tote) each."""
    def found_short(self, stock_id: int, units: int) -> None:
        """A picker found `units` fewer at the bin than it should hold: its on-hand count drops."""


class Holds(Protocol):
    def add(self, order_id: int, kind: str, detail: str) -> None: ...
    def add_many(self, holds: list[tuple[int, str, str]]) -> None:
        """add for many (order id, kind, detail) in one batch."""
    def open_of(self, order_id: int) -> list[OrderHoldRecord]: ...
    def release_all(self, order_id: int, by: str | None, reason: str) -> int:
        """Closes every open hold reason of the order; how many."""


class Products(Protocol):
    def by_ids(self, ids: set[int]) -> list[ProductRecord]: ...
    def barcodes_of(self, product_ids: set[int]) -> list[BarcodeRecord]: ...
    def by_barcode(self, codes: set[str]) -> tuple[ProductRecord, int] | None: ...
    def by_sku(self, sku: str) -> ProductRecord | None: ...


class Boxes(Protocol):
    def enabled(self) -> list[BoxRecord]: ...
    def get(self, box_id: int) -> BoxRecord | None: ...
    def find(self, code_or_barcode: str) -> BoxRecord | None: ...


class Parcels(Protocol):
    def of_order(self, order_id: int) -> list[ParcelRecord]:
        """The order's parcels that are not voided, by seq."""
    def get(self, parcel_id: int) -> ParcelRecord | None: ...
    def by_label_code(self, code: str) -> ParcelRecord | None: ...
    def add(self, parcel: ParcelRecord) -> int: ...
    def save(self, parcel: ParcelRecord) -> None: ...
    def hand_over(self, parcel_id: int, at: datetime, user: str | None) -> None:
        """Marks the parcel handed to its carrier (one prepared statement: the dock's hot path)."""
    def delete(self, parcel_id: int) -> None: ...
    def items(self, parcel_ids: list[int]) -> list[ItemRecord]: ...
    def add_item(self, item: ItemRecord) -> int: ...
    def remove_items_of_scan(self, scan_id: int, parcel_id: int) -> int:
        """Deletes the items (and their serials) a scan put in the parcel; how many."""


class Serials(Protocol):
    def of_order(self, order_id: int) -> set[tuple[int, str]]: ...
    def used(self, product_id: int, serial: str) -> bool: ...
    def add(self, product_id: int, serial: str, order_id: int, item_id: int) -> None: ...


class Labels(Protocol):
    def get(self, label_id: int) -> LabelRecord | None: ...
    def newest(self, parcel_id: int) -> LabelRecord | None: ...
    def add(self, label: LabelRecord) -> int: ...
    def save(self, label: LabelRecord) -> None: ...


class Scans(Protocol):
    def add(self, entry: ScanEntry) -> int: ...
    def last_of_order(self, order_id: int, outcomes: frozenset[str]) -> ScanEntry | None: ...
    def tally(self, username: str, since: datetime, accepted: str, undone: str,
              errors: frozenset[str]) -> ScanTally: ...


class Events(Protocol):
    def add(self, order_id: int, kind: str, *, station: str | None = None, user: str | None = None,
            from_status: str | None = None, to_status: str | None = None,
            detail: dict[str, Any] | None = None, at: datetime | None = None) -> None:
        """Appends to the order's event log (append-only)."""
    def add_many(self, events: list[NewEvent]) -> None:
        """Appends many events in one batch, in the given order."""
    def count(self, username: str, since: datetime, kind: str, to_status: str | None) -> int: ...
    def status_before(self, order_id: int, status: str) -> str | None:
        """The status the order left when it last became `status` (None if it never did)."""
    def last_detail(self, order_id: int, kind: str) -> dict[str, Any] | None:
        """The detail of the order's newest event of this kind (None: no such event)."""


class StationLog(Protocol):
    def add(self, station: str, kind: str, action: str, username: str | None, method: str | None,
            order_id: int | None, detail: dict[str, Any] | None, at: datetime) -> None:
        """Appends to the station's audit log (append-only)."""
    def refusals(self, station: str, since: datetime, containing: str) -> tuple[int, datetime | None]:
        """Refused approvals at the station since a moment whose detail holds the text: count, last."""


class Users(Protocol):
    def active(self) -> list[UserRecord]: ...
    def by_badge(self, badge: str) -> UserRecord | None:
        """The active user with this badge."""


class Exceptions(Protocol):
    def add(self, exception: ExceptionRecord) -> int: ...
    def resolve(self, exception_id: int, by: str, resolution: str, at: datetime) -> None: ...


class AuditLog(Protocol):
    def append(self, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None,
               at: datetime | None = None, chain: str = "") -> int:
        """Appends a record chained to the one before in its chain ("" the office's, else a
        station's: app.audit.chain); its seq in that chain."""
    def append_many(self, entries: list[tuple[str, str, str, dict[str, Any] | None]], chain: str = "") -> None:
        """Appends (actor, action, subject, detail) records in order to one chain, chained as append does."""


class Counters(Protocol):
    def next(self, name: str) -> int:
        """The named counter's next value, shared by every station."""
    def next_many(self, name: str, count: int) -> int:
        """Takes `count` consecutive values of the named counter at once; the first of them."""


class Carriers(Protocol):
    def table(self) -> RateTable:
        """Every active carrier with its services, zones and rates (empty: no rate tables)."""
    def dock_lines(self, carrier: str | None, since: datetime, until: datetime,
                   builtin: str | None = None) -> tuple[list[DockLine], list[DockLine]]:
        """A carrier's (None: every carrier's) parcels handed over between two moments (by time),
        and its labelled parcels (closed or confirmed) closed before `until` and never handed over
        (by closing time). A parcel's carrier is its own, else its order's, else `builtin` (the
        built-in carrier's name, for parcels numbered without rate tables)."""
    def parcels_by_codes(self, codes: list[str]) -> dict[str, ParcelRecord]:
        """The parcels whose tracking number or SSCC is one of these, by that code."""
    def parcels_of_orders(self, order_ids: list[int]) -> dict[int, list[ParcelRecord]]:
        """The orders' parcels that are not voided, by seq, by order id."""
    def parcels_with_their_orders(self, codes: list[str]) -> tuple[dict[str, ParcelRecord],
                                                                      dict[int, list[ParcelRecord]]]:
        """`parcels_by_codes` and, in the same read, `parcels_of_orders` of their orders (the
        orders that have none of these codes are not in it)."""
    def order_locked_by_label(self, code: str) -> tuple[OrderRecord, int, str | None] | None:
        """The order of the parcel whose SSCC or tracking number this is, its row locked until the
        unit of work ends (`orders.locked_by_id`), the parcel's id, and the number of the invoice
        already issued to the order (`payments.invoice_of`, None: none yet); None: no parcel has it."""
    def parcels_at_dock(self, order_id: int) -> list[ParcelRecord]:
        """One order's parcels that are not voided, by seq (`parcels_of_orders` for one, one prepared read)."""
    def orders_by_ids(self, order_ids: list[int]) -> dict[int, OrderRecord]:
        """These orders (with address and customer), by id."""
    def add_tracking_event(self, parcel_id: int, status: str, at: datetime, location: str) -> bool:
        """Keeps a carrier's report; False when the same report (parcel, status, time) is kept already."""
    def due_for_completion(self, delivered_before: datetime) -> list[tuple[int, str]]:
        """(id, number) of delivered orders whose last parcel was delivered by then, in id order."""
    def known_reports(self, parcel_ids: list[int]) -> set[tuple[int, str, datetime]]:
        """(parcel, status, time) of every report kept for these parcels (a tracking file's batch read)."""
    def add_tracking_events(self, rows: list[tuple[int, str, datetime, str]]) -> None:
        """Keeps new reports (parcel, status, time, location) in one statement."""
    def set_tracking(self, rows: list[tuple[int, str | None, datetime | None]]) -> None:
        """Each parcel's carrier status and delivery time (parcel, status, delivered_at), one statement."""
    def late_orders(self, now: datetime, statuses: tuple[str, ...]) -> list[OrderRecord]:
        """Orders in these statuses whose SLA due time has passed and that were never flagged."""
    def flag_late(self, order_id: int, at: datetime) -> None:
        """Marks the order flagged for missing its SLA (it is never flagged again)."""


class Outbox(Protocol):
    def add(self, message: MessageRecord) -> bool:
        """Queues a message; False (and nothing written) when its key is queued already."""
    def add_many(self, messages: list[MessageRecord]) -> set[str]:
        """Queues the messages whose keys are not queued yet (one read, one batched write); their keys."""
    def get(self, message_id: int) -> MessageRecord | None: ...
    def due(self, now: datetime, limit: int) -> list[MessageRecord]:
        """Queued messages whose next attempt is due, oldest first (locked; other senders skip them)."""
    def stuck(self, before: datetime) -> list[MessageRecord]:
        """Messages left 'sending' since before a moment (their sender died mid-send)."""
    def save(self, message: MessageRecord) -> None: ...
    def of_order(self, order_id: int) -> list[MessageRecord]: ...


class Payments(Protocol):
    def add(self, payment: PaymentRecord) -> None: ...
    def by_key(self, key: str) -> PaymentRecord | None: ...
    def by_keys(self, keys: list[str]) -> dict[str, PaymentRecord]:
        """The payments with these keys, by key (one read for a batch)."""
    def of_order(self, order_id: int) -> list[PaymentRecord]: ...
    def invoice_of(self, order_id: int) -> str | None:
        """The number of the order's invoice, if one was issued (its first InvoiceIssued event)."""


class Returns(Protocol):
    def add(self, record: ReturnRecord, lines: list[ReturnLineRecord]) -> int: ...
    def get(self, rma: str) -> ReturnRecord | None: ...
    def lines(self, return_id: int) -> list[ReturnLineRecord]: ...
    def save(self, record: ReturnRecord) -> None: ...
    def save_line(self, line: ReturnLineRecord) -> None: ...
    def returned_quantities(self, order_id: int) -> dict[int, int]:
        """Units of each order line (by id) in the order's returns so far."""
    def restock(self, product_id: int, location: str, quantity: int) -> bool:
        """Puts units back on a bin's stock on hand; False when no location has that code."""
    def add_exchange_order(self, source_order_id: int, number: str, lines: list[ExchangeLineRecord]) -> int:
        """A captured, paid order of no charge to the source order's customer and address; its id."""


class Archive(Protocol):
    def add(self, document: ArchivedRecord) -> bool:
        """Keeps a document; False when the order has these very bytes already."""
    def of_order(self, order_id: int) -> list[ArchivedRecord]:
        """The order's documents, oldest first."""
    def completed_before(self, before: datetime, after_id: int, limit: int) -> list[tuple[int, str]]:
        """(id, number) of completed orders not archived yet whose completion was before
        `before`, ids above `after_id`, in id order (a batch of `archive_orders`)."""
    def count_completed_before(self, before: datetime) -> int: ...
    def mark_archived(self, order_ids: list[int], at: datetime) -> int:
        """Marks the orders archived (one statement); how many were."""
    def add_manifest(self, manifest: ManifestRecord) -> bool:
        """Keeps a printed manifest; False when these very bytes were kept under its name that day."""
    def manifests(self, day: date, carrier: str | None = None) -> list[ManifestRecord]:
        """The manifests kept for a day (a carrier's only, if given), oldest first."""


class Captures(Protocol):
    def add(self, request: CaptureRequestRecord) -> bool:
        """Queues a capture; False when its key was queued before."""
    def get(self, key: str) -> CaptureRequestRecord | None: ...
    def due(self, now: datetime, stale_before: datetime, limit: int,
            order_ids: list[int] | None = None) -> list[CaptureRequestRecord]:
        """Pending captures due by `now`, and those left `capturing` since before `stale_before`
        (a capturer that died), locked (PostgreSQL: skipping those another capturer holds)."""
    def save(self, request: CaptureRequestRecord) -> None: ...
    def save_many(self, requests: list[CaptureRequestRecord]) -> None:
        """Saves a batch of requests in one statement."""
    def open(self) -> list[CaptureRequestRecord]:
        """Every capture not made yet, oldest first."""


class UnitOfWork(Protocol):
    """One transaction and its repositories; rolls back unless committed."""

    orders: Orders
    products: Products
    boxes: Boxes
    parcels: Parcels
    serials: Serials
    labels: Labels
    scans: Scans
    events: Events
    station_log: StationLog
    users: Users
    exceptions: Exceptions
    counters: Counters
    stock: Stock
    holds: Holds
    audit: AuditLog
    reviews: Any  # app.supervision.model.Reviews (the exception queue's decisions)
    picks: Picks
    carriers: Carriers
    outbox: Outbox
    payments: Payments
    captures: Captures
    returns: Returns
    archive: Archive
    admin: Any  # app.admin.ports.AdminRecords (users, boxes, reason codes, stations)

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
