"""The central database's tables, as SQLAlchemy 2 models.

Weights are integer grams, lengths integer millimetres, money Decimal with its currency.
Timestamps are stored in UTC.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
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
    email: Mapped[str | None] = mapped_column(String(200))
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

    __table_args__ = (
        CheckConstraint("role IN ('packer', 'picker', 'supervisor', 'admin')", name="role"),
    )


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    last_seen_at: Mapped[datetime | None] = mapped_column()


class PickList(Base):
    """A printed pick list: the orders picked together, in the order they were listed. Its code
    (PL-000001) is the barcode on the sheet; a packing station scanning it takes the next of
    its orders still to pack."""

    __tablename__ = "pick_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
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
