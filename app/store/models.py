"""The central database's tables, as SQLAlchemy 2 models.

Weights are integer grams, lengths integer millimetres, money Decimal with its currency.
Timestamps are stored in UTC.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    LargeBinary,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Money = Numeric(14, 4)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: DateTime(timezone=True)}


# --- catalogue -------------------------------------------------------------------------


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    length_mm: Mapped[int] = mapped_column(Integer, default=0)
    width_mm: Mapped[int] = mapped_column(Integer, default=0)
    height_mm: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    lot_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    serial_tracked: Mapped[bool] = mapped_column(Boolean, default=False)
    image: Mapped[str | None] = mapped_column(String(500))
    # Box-suggestion rules.
    upright: Mapped[bool] = mapped_column(Boolean, default=False)
    own_container: Mapped[bool] = mapped_column(Boolean, default=False)
    padding_mm: Mapped[int] = mapped_column(Integer, default=0)
    compat_class: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    restock_date: Mapped[date | None] = mapped_column(Date)  # the next delivery, when known
    serial_pattern: Mapped[str | None] = mapped_column(String(200))  # regular expression of its serials
    bulk_max_quantity: Mapped[int | None] = mapped_column(Integer)  # scanned once, then a quantity up to this

    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductBarcode.id"
    )

    __table_args__ = (
        CheckConstraint("length_mm >= 0 AND width_mm >= 0 AND height_mm >= 0", name="dims"),
        CheckConstraint("weight_g >= 0", name="weight"),
    )


class ProductBarcode(Base):
    """A barcode that means a product: a unit barcode (quantity 1) or a case (quantity n)."""

    __tablename__ = "product_barcodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="ean")  # upc, ean, gtin14, case, other
    quantity: Mapped[int] = mapped_column(Integer, default=1)

    product: Mapped[Product] = relationship(back_populates="barcodes")

    __table_args__ = (CheckConstraint("quantity >= 1", name="quantity"),)


class Location(Base):
    """A bin location; pick lists follow walk_sequence."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    zone: Mapped[str] = mapped_column(String(16), default="")
    walk_sequence: Mapped[int] = mapped_column(Integer, index=True)


class Stock(Base):
    __tablename__ = "stock"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    # units held for orders (the sum of this bin's held and picked StockHold rows)
    allocated: Mapped[int] = mapped_column(Integer, default=0)
    # the lot in this bin and its expiry, for lot-tracked products (first expiry, first out)
    lot: Mapped[str | None] = mapped_column(String(40))
    expiry: Mapped[date | None] = mapped_column(Date)

    product: Mapped[Product] = relationship()
    location: Mapped[Location] = relationship()

    __table_args__ = (
        UniqueConstraint("product_id", "location_id", name="uq_stock_product_location"),
        CheckConstraint("quantity >= 0 AND allocated >= 0", name="non_negative"),
    )


class Box(Base):
    """A standard box (carton) of the box catalogue."""

    __tablename__ = "boxes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    inner_length_mm: Mapped[int] = mapped_column(Integer)
    inner_width_mm: Mapped[int] = mapped_column(Integer)
    inner_height_mm: Mapped[int] = mapped_column(Integer)
    outer_length_mm: Mapped[int] = mapped_column(Integer)
    outer_width_mm: Mapped[int] = mapped_column(Integer)
    outer_height_mm: Mapped[int] = mapped_column(Integer)
    tare_g: Mapped[int] = mapped_column(Integer)
    max_load_g: Mapped[int] = mapped_column(Integer)
    cost: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    stock: Mapped[int | None] = mapped_column(Integer)


# --- customers and orders ------------------------------------------------------------------


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    phone: Mapped[str | None] = mapped_column(String(40))


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(40), default="manual")
    status: Mapped[str] = mapped_column(String(20), index=True, default="captured")
    priority: Mapped[int] = mapped_column(Integer, default=0)  # higher first
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sla_due_at: Mapped[datetime | None] = mapped_column()
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    ship_to_id: Mapped[int | None] = mapped_column(ForeignKey("addresses.id"))
    email: Mapped[str | None] = mapped_column(String(200), index=True)  # the first-order rule counts by it
    carrier: Mapped[str | None] = mapped_column(String(40))
    service_level: Mapped[str] = mapped_column(String(40), default="standard")
    shipping_method: Mapped[str | None] = mapped_column(String(100))
    gift_wrap: Mapped[bool] = mapped_column(Boolean, default=False)
    special_packaging: Mapped[str | None] = mapped_column(Text)
    gift_message: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    financial_status: Mapped[str | None] = mapped_column(String(30))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    subtotal: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    shipping_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    discount_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tax_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tote: Mapped[str | None] = mapped_column(String(32), index=True)
    # The packing lease: which station holds the order, until when.
    claimed_by_station: Mapped[str | None] = mapped_column(String(40))
    claimed_by_user: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # the status in which the order enters the packing queue: picked, or allocated when the
    # configuration says pick and pack at the station ([orders] pack_from)
    pack_from: Mapped[str] = mapped_column(String(10), default="picked", server_default="picked")
    # the billing address as far as the review rules compare it with the shipping address
    billing_postcode: Mapped[str | None] = mapped_column(String(20))
    billing_country: Mapped[str | None] = mapped_column(String(2))
    # issue 15: when the order was flagged for missing its SLA due time (flagged once)
    sla_breached_at: Mapped[datetime | None] = mapped_column()
    archived_at: Mapped[datetime | None] = mapped_column()  # `packdesk orders archive`: out of the working queries

    customer: Mapped[Customer | None] = relationship()
    ship_to: Mapped[Address | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_orders_queue", "status", "priority", "sla_due_at"),)


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    discount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4), default=Decimal("0"))
    packed_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    backordered_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship()

    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line"),
        CheckConstraint("quantity >= 1", name="quantity"),
        CheckConstraint(
            "packed_quantity >= 0 AND backordered_quantity >= 0", name="non_negative"
        ),
    )


class OrderHold(Base):
    """Why an order is on hold: one row per reason (typed), open until a supervisor releases it."""

    __tablename__ = "order_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # address, unknown_sku, price, total, payment, high_value ...
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column()
    released_by: Mapped[str | None] = mapped_column(String(64))
    release_reason: Mapped[str | None] = mapped_column(Text)


class StockHold(Base):
    """The allocation ledger: units of one order line held at one bin. A hold moves held ->
    picked -> shipped, or to released (cancelled, short-picked); held and picked units count
    in the bin's Stock.allocated."""

    __tablename__ = "stock_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"), index=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="held")  # held, picked, shipped, released
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity"),
        CheckConstraint("status IN ('held', 'picked', 'shipped', 'released')", name="status"),
    )


# --- people and places ---------------------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # packer, picker, supervisor, admin
    badge_code: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))  # argon2
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str | None] = mapped_column(String(8))  # None: the station's (app/languages.py)

    __table_args__ = (
        CheckConstraint("role IN ('packer', 'picker', 'supervisor', 'admin')", name="role"),
    )


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    last_seen_at: Mapped[datetime | None] = mapped_column()
    devices: Mapped[str | None] = mapped_column(Text)  # JSON {device: state} as the station last reported


class PickList(Base):
    """A printed pick list: the orders picked together, in the order they were listed. Its code
    (PL-000001) is the barcode on the sheet; a packing station scanning it takes the next of
    its orders still to pack."""

    __tablename__ = "pick_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # a wave's list (packdesk waves create): how it was made, and whether every line is done
    strategy: Mapped[str | None] = mapped_column(String(10))  # single, batch, zone, wave
    zone: Mapped[str | None] = mapped_column(String(16))  # a zone list: the zone it covers
    wave: Mapped[str | None] = mapped_column(String(40))  # the lists made together share it
    status: Mapped[str] = mapped_column(String(10), default="open", server_default="open")  # open, done
    orders: Mapped[list["PickListOrder"]] = relationship(
        back_populates="pick_list", cascade="all, delete-orphan", order_by="PickListOrder.seq")


class PickListOrder(Base):
    __tablename__ = "pick_list_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    pick_list: Mapped[PickList] = relationship(back_populates="orders")

    __table_args__ = (UniqueConstraint("pick_list_id", "order_id", name="uq_pick_list_orders_list_order"),)


class PickLine(Base):
    """One stop of a wave's pick list: the units of one stock hold (an order line at a bin),
    in walking order; picked in full, or short (the rest re-allocated or the order held)."""

    __tablename__ = "pick_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    pick_list_id: Mapped[int] = mapped_column(ForeignKey("pick_lists.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"))
    stock_hold_id: Mapped[int] = mapped_column(ForeignKey("stock_holds.id"))
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open, picked, short, cancelled
    picked_by: Mapped[str | None] = mapped_column(String(64))
    picked_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        CheckConstraint("quantity >= 1 AND picked_quantity >= 0 AND picked_quantity <= quantity", name="quantity"),
        CheckConstraint("status IN ('open', 'picked', 'short', 'cancelled')", name="status"),
    )


# --- packing ---------------------------------------------------------------------------


class Parcel(Base):
    """One box of an order: its contents, weight, SSCC and tracking number."""

    __tablename__ = "parcels"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # parcel 1, 2, 3 of the order
    box_id: Mapped[int | None] = mapped_column(ForeignKey("boxes.id"))
    box_override_reason: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, closed, confirmed, voided
    expected_weight_g: Mapped[int | None] = mapped_column(Integer)
    actual_weight_g: Mapped[int | None] = mapped_column(Integer)
    sscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    tracking_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column()
    confirmed_at: Mapped[datetime | None] = mapped_column()
    # issue 15: the carrier service chosen when the parcel closed (carrier and service codes of
    # the rate tables; None without rate tables), its price, and the hand-over at the dock
    carrier: Mapped[str | None] = mapped_column(String(40), index=True)
    service: Mapped[str | None] = mapped_column(String(40))
    shipping_cost: Mapped[Decimal | None] = mapped_column(Money)
    chargeable_weight_g: Mapped[int | None] = mapped_column(Integer)
    expected_delivery: Mapped[date | None] = mapped_column(Date)
    service_reason: Mapped[str | None] = mapped_column(Text)  # a supervisor's override
    handed_over_at: Mapped[datetime | None] = mapped_column(index=True)
    handed_over_by: Mapped[str | None] = mapped_column(String(64))
    tracking_status: Mapped[str | None] = mapped_column(String(20))  # in_transit, delivered, exception
    delivered_at: Mapped[datetime | None] = mapped_column()

    order: Mapped[Order] = relationship()
    box: Mapped[Box | None] = relationship()
    items: Mapped[list[ParcelItem]] = relationship(
        back_populates="parcel", cascade="all, delete-orphan", order_by="ParcelItem.id"
    )

    __table_args__ = (UniqueConstraint("order_id", "seq", name="uq_parcels_order_seq"),)


class ParcelItem(Base):
    """Units of one order line in one parcel, with lot, expiry and serial when tracked."""

    __tablename__ = "parcel_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    lot: Mapped[str | None] = mapped_column(String(40))
    expiry: Mapped[str | None] = mapped_column(String(10))  # ISO date
    serial: Mapped[str | None] = mapped_column(String(64))
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("scans.id"))

    parcel: Mapped[Parcel] = relationship(back_populates="items")
    line: Mapped[OrderLine] = relationship()


class SerialNumber(Base):
    """A serial number shipped once: a serial can never be packed twice."""

    __tablename__ = "serial_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    serial: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    parcel_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("parcel_items.id", ondelete="CASCADE")
    )

    __table_args__ = (UniqueConstraint("product_id", "serial", name="uq_serial_numbers_product_serial"),)


class ScanRecord(Base):
    """Every scan and mis-scan at a station, with time, station and user."""

    __tablename__ = "scans"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    station: Mapped[str] = mapped_column(String(40))
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    data: Mapped[str] = mapped_column(String(400))
    symbology: Mapped[str | None] = mapped_column(String(4))
    outcome: Mapped[str] = mapped_column(String(20))  # accepted, wrong_item, unknown, over_scan, invalid_gs1, command, undone ...
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(String(400))

    # the exception queue reads mis-scans by outcome and time (migration 0007)
    __table_args__ = (Index("ix_scans_outcome_at", "outcome", "at"),)


class Label(Base):
    """A shipping label of a parcel; versioned, reprinted and voided with a reason."""

    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(8))  # zpl, pdf
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, printed, failed, voided
    printer: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(String(200))  # why it was (re)printed or voided
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column()
    message: Mapped[str | None] = mapped_column(String(400))

    __table_args__ = (UniqueConstraint("parcel_id", "version", name="uq_labels_parcel_version"),)


class PackException(Base):
    """Something a supervisor must look at: a problem, a weight out of tolerance, a short."""

    __tablename__ = "pack_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # missing, damaged, wrong_item_in_tote, other, weight, partial
    reason: Mapped[str] = mapped_column(Text)
    station: Mapped[str | None] = mapped_column(String(40))
    username: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)


class OrderEvent(Base):
    """The append-only log of everything that happens to an order (triggers refuse edits)."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))  # StatusChanged, ItemScanned, LabelPrinted ...
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    station: Mapped[str | None] = mapped_column(String(40))
    username: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON

    # the exception queue and the day's figures read events by kind and time (migration 0007)
    __table_args__ = (Index("ix_order_events_kind_at", "kind", "at"),)


class StationEvent(Base):
    """The append-only audit log of what happens at a station rather than to one order: a
    supervisor authorising a kiosk exit or an override, or refusing one (triggers refuse edits)."""

    __tablename__ = "station_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    station: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # SupervisorAuthorised, SupervisorRefused
    action: Mapped[str] = mapped_column(String(40))  # kiosk exit, partial shipment ...
    username: Mapped[str | None] = mapped_column(String(64))  # the supervisor (None when refused)
    method: Mapped[str | None] = mapped_column(String(8))  # badge or pin
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON


class Counter(Base):
    """Named sequences shared by every station (SSCC serial references, invoice numbers)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


# --- supervisors (issue 16) ----------------------------------------------------------------


class AuditRecord(Base):
    """The audit log of every change a person made: append-only (triggers refuse edits) and
    chained, each record carrying the hash of the one before (app/audit/chain.py)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    chain: Mapped[str] = mapped_column(String(40), server_default="")  # "": the office's; else a station's
    seq: Mapped[int] = mapped_column(BigInteger)  # 1, 2, 3 ... with no gap, in its chain
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))  # OrderReleased, ExceptionResolved, UsersImported ...
    subject: Mapped[str] = mapped_column(String(200))  # order 1001, exception H-12, users.csv ...
    detail: Mapped[str | None] = mapped_column(Text)  # JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("chain", "seq", name="uq_audit_log_chain_seq"),)


class ExceptionReview(Base):
    """A supervisor's decision on one item of the exception queue (by its key: H-12, S-345 ...)."""

    __tablename__ = "exception_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    station: Mapped[str | None] = mapped_column(String(40))
    packer: Mapped[str | None] = mapped_column(String(64))
    happened_at: Mapped[datetime] = mapped_column()  # when the exception itself happened
    summary: Mapped[str] = mapped_column(Text)  # what the queue showed when it was decided
    action: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ReasonCode(Base):
    """A reason code an administrator added or retired (issue 16, admin): the configuration's
    [supervision] reason_codes are the defaults; a row here adds a code (active) or retires one
    (not active). Codes are never deleted: decisions refer to them."""

    __tablename__ = "reason_codes"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- carriers (issue 15) ---------------------------------------------------------------------


class Carrier(Base):
    """A carrier: its dimensional-weight divisor (mm^3 per gram, i.e. cm^3 per kg) and the
    adapter that books its parcels ("table": the built-in S10 numbering)."""

    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    dim_divisor: Mapped[int] = mapped_column(Integer, default=5000)
    adapter: Mapped[str] = mapped_column(String(40), default="table")
    s10_service_indicator: Mapped[str] = mapped_column(String(2), default="RA")
    s10_country: Mapped[str] = mapped_column(String(2), default="DE")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (CheckConstraint("dim_divisor > 0", name="dim_divisor"),)


class CarrierService(Base):
    """A carrier's service: its level (standard, express, same_day), business days in transit
    and the local time parcels must be handed over by to leave the same day."""

    __tablename__ = "carrier_services"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    transit_days: Mapped[int] = mapped_column(Integer)
    cutoff: Mapped[str] = mapped_column(String(5))  # HH:MM, the warehouse's local time

    __table_args__ = (
        UniqueConstraint("carrier_id", "code", name="uq_carrier_services_carrier_code"),
        CheckConstraint("transit_days >= 0", name="transit_days"),
    )


class CarrierZone(Base):
    """A destination of a carrier's zone: a country and a postcode prefix ('' = the whole country)."""

    __tablename__ = "carrier_zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id", ondelete="CASCADE"), index=True)
    zone: Mapped[str] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2))
    postcode_prefix: Mapped[str] = mapped_column(String(20), default="")

    __table_args__ = (UniqueConstraint("carrier_id", "country", "postcode_prefix",
                                       name="uq_carrier_zones_carrier_country_prefix"),)


class CarrierRate(Base):
    """The price of a service to a zone for parcels up to a chargeable weight (a bracket)."""

    __tablename__ = "carrier_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("carrier_services.id", ondelete="CASCADE"), index=True)
    zone: Mapped[str] = mapped_column(String(20))
    max_weight_g: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")

    __table_args__ = (
        UniqueConstraint("service_id", "zone", "max_weight_g", name="uq_carrier_rates_service_zone_weight"),
        CheckConstraint("max_weight_g > 0 AND price >= 0", name="bracket"),
    )


class TrackingEvent(Base):
    """What a carrier reported about a parcel (imported; the same report twice is kept once)."""

    __tablename__ = "tracking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))  # in_transit, delivered, exception
    at: Mapped[datetime] = mapped_column()
    location: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("parcel_id", "status", "at", name="uq_tracking_events_parcel_status_at"),)


class OutboxMessage(Base):
    """A customer message waiting to be sent, being sent, sent or failed. Its key makes it
    unique (one shipped mail per order ...); its Message-ID is fixed before the first attempt."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(10), default="queued", index=True)  # queued, sending, sent, failed, unknown
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sending_since: Mapped[datetime | None] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("state IN ('queued', 'sending', 'sent', 'failed', 'unknown')", name="state"),)


class Payment(Base):
    """A step of an order's payment through the payment port: authorisation, capture or refund,
    with the gateway's reference. Its key (capture:PD-1042, refund:RMA-000001) makes each step once."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(15))  # authorisation, capture, refund
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    gateway: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    invoice_number: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (CheckConstraint("kind IN ('authorisation', 'capture', 'refund')", name="kind"),
                      CheckConstraint("amount >= 0", name="amount"))


class CaptureRequest(Base):
    """A payment capture waiting for the gateway: queued in the hand-over's transaction, made
    after it commits (app/shipping/capture.py). Its key (capture:PD-1042) is the payment's
    idempotency key; an open supervisor exception (exception_id) while the gateway fails."""

    __tablename__ = "capture_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    invoice_number: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending, capturing, captured
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    capturing_since: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    captured_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    exception_id: Mapped[int | None] = mapped_column(ForeignKey("pack_exceptions.id"))

    __table_args__ = (CheckConstraint("state IN ('pending', 'capturing', 'captured')", name="state"),
                      CheckConstraint("amount >= 0", name="amount"))


class ReturnRequest(Base):
    """A customer return (RMA): created, received at the returns station, inspected, refunded."""

    __tablename__ = "returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    rma: Mapped[str] = mapped_column(String(20), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open, received, inspected, refunded
    tracking_number: Mapped[str | None] = mapped_column(String(40))  # of the return label
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    received_at: Mapped[datetime | None] = mapped_column()
    inspected_at: Mapped[datetime | None] = mapped_column()
    refunded_at: Mapped[datetime | None] = mapped_column()
    refund_amount: Mapped[Decimal | None] = mapped_column(Money)
    exchange_order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))  # the order an exchange sends

    __table_args__ = (CheckConstraint("status IN ('open', 'received', 'inspected', 'refunded')", name="status"),)


class ReturnLine(Base):
    """Units of one order line in a return, and what inspection found."""

    __tablename__ = "return_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(10))  # restock, write_off, damaged, exchange
    location: Mapped[str | None] = mapped_column(String(32))  # the bin it was restocked to
    photo: Mapped[str | None] = mapped_column(String(500))
    received_quantity: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # scanned at the station

    __table_args__ = (CheckConstraint("quantity >= 1", name="quantity"),)


class ArchivedDocument(Base):
    """A document printed for an order (label version, slip, invoice, return label), kept by the
    SHA-256 of its bytes: the same bytes printed twice are kept once."""

    __tablename__ = "order_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # label, slip, invoice, return_label, manifest
    name: Mapped[str] = mapped_column(String(200))  # a file name for it, e.g. label-PD-1042-1.pdf
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # a label reprinted unchanged is the same bytes under its new version's name: kept (0013)
    __table_args__ = (UniqueConstraint("order_id", "name", "sha256", name="uq_order_documents_order_name_sha256"),)


class ManifestDocument(Base):
    """A carrier's manifest as it was printed (`packdesk dispatch manifest`, `packdesk documents
    manifest`), per carrier and local day, kept by the SHA-256 of its bytes (migration 0017)."""

    __tablename__ = "manifest_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(20))  # "" for the list of every carrier
    day: Mapped[date] = mapped_column(Date, index=True)
    name: Mapped[str] = mapped_column(String(200))  # e.g. manifest-FAST-2025-03-14.pdf
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("carrier", "day", "name", "sha256", name="uq_manifest_documents_content"),)


class JournalReceipt(Base):
    """An offline station's journal event the central database has applied (issue 17): its
    idempotency key, so a replay that is repeated applies nothing twice."""

    __tablename__ = "journal_receipts"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    station: Mapped[str] = mapped_column(String(40))
    order_number: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))  # applied, conflict
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
