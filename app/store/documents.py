"""The database side of `packdesk documents`: orders, parcels, stock and users as plain
records, and the few writes a document makes (a pre-printed label's event, an invoice number,
a pick list kept for the stations).

`document_transaction(db)` is one write transaction; `document_reads(db)` takes no write lock.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.addresses import AddressData
from app.store.order_log import record_event
from app.store.counters import next_value
from app.store.repositories import SqlCounters
from app.store.models import Address, Box, Order, OrderEvent, Parcel, ParcelItem, PickList, PickListOrder, Stock, User
from app.store.session import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineRecord:
    """A stored order line, with what its product weighs and where it has most stock."""

    id: int
    sku: str
    name: str
    quantity: int
    packed_quantity: int
    backordered_quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    discount: Decimal
    product_id: int | None
    weight_g: int | None  # the product's, None when the line has no product
    barcode: str | None  # the product's first barcode


@dataclass(frozen=True)
class OrderRecord:
    """A stored order with its address and lines."""

    id: int
    number: str
    status: str
    tote: str | None
    carrier: str | None
    service_level: str | None
    created_at: datetime
    currency: str
    gift_wrap: bool
    gift_message: str | None
    shipping_total: Decimal | None
    ship_to: AddressData | None
    lines: tuple[LineRecord, ...]


@dataclass(frozen=True)
class ParcelRecord:
    """A stored parcel (never a voided one)."""

    id: int
    order_id: int
    seq: int
    status: str
    sscc: str | None
    tracking_number: str | None
    expected_weight_g: int | None
    actual_weight_g: int | None
    box_outer_mm: tuple[int, int, int] | None


@dataclass(frozen=True)
class StockPlace:
    """The location that holds the most of a product."""

    code: str
    walk_sequence: int


@dataclass(frozen=True)
class UserRecord:
    """An active user, for a badge card."""

    display_name: str
    badge_code: str
    role: str


@contextmanager
def document_transaction(db: Database) -> Iterator[DocumentStore]:
    """One write transaction: commits when the block completes, else rolls back."""
    with db.write() as session:
        yield DocumentStore(session)


@contextmanager
def document_reads(db: Database) -> Iterator[DocumentStore]:
    """Reads only (on SQLite no write lock)."""
    with db.read() as session:
        yield DocumentStore(session)


class DocumentStore:
    """What the documents read and write, inside one session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.counters = SqlCounters(session)  # the station's counters: one way to number a parcel

    def order_numbered(self, number: str) -> OrderRecord | None:
        """The order with this number, or None."""
        order = self.session.scalars(select(Order).where(Order.number == number)).one_or_none()
        return None if order is None else _order(order)

    def orders_in_tote(self, tote: str) -> list[OrderRecord]:
        """Every order that has ever had this tote, newest first (whatever their status)."""
        return [_order(o) for o in self.session.scalars(
            select(Order).where(Order.tote == tote).order_by(Order.id.desc()))]

    def order_of_parcel(self, parcel_id: int) -> tuple[OrderRecord, ParcelRecord] | None:
        """The parcel with this id (voided or not) and its order, or None."""
        parcel = self.session.get(Parcel, parcel_id)
        if parcel is None:
            return None
        return _order(self.session.get(Order, parcel.order_id)), self._parcel(parcel)

    def parcels(self, order_id: int, seq: int | None = None) -> list[ParcelRecord]:
        """The order's parcels that are not voided (only parcel `seq` if given), in order."""
        query = select(Parcel).where(Parcel.order_id == order_id, Parcel.status != "voided")
        if seq is not None:
            query = query.where(Parcel.seq == seq)
        return [self._parcel(p) for p in self.session.scalars(query.order_by(Parcel.seq))]

    def parcel_contents(self, parcel_id: int) -> dict[int, int]:
        """Order line id -> units of it in the parcel."""
        contents: dict[int, int] = {}
        for item in self.session.scalars(select(ParcelItem).where(ParcelItem.parcel_id == parcel_id)):
            contents[item.order_line_id] = contents.get(item.order_line_id, 0) + item.quantity
        return contents

    def next_value(self, name: str) -> int:
        """The next value of a counter every station shares, in this transaction."""
        return next_value(self.session, name)

    def record_event(self, order_id: int, kind: str, **detail: Any) -> None:
        """Appends an event to the order's log."""
        record_event(self.session, self.session.get(Order, order_id), kind, **detail)

    def issued_invoice(self, order_id: int) -> tuple[str, date] | None:
        """The number and day of the order's first InvoiceIssued event, if it has one."""
        issued = self.session.scalars(select(OrderEvent).where(
            OrderEvent.order_id == order_id, OrderEvent.kind == "InvoiceIssued").order_by(OrderEvent.id)).first()
        if issued is None:
            return None
        return json.loads(issued.detail)["invoice_number"], issued.at.date()

    def orders_in_status(self, status: str) -> list[OrderRecord]:
        """Orders of one status, highest priority first."""
        return [_order(o) for o in self.session.scalars(
            select(Order).where(Order.status == status).order_by(Order.priority.desc(), Order.id))]

    def most_stock(self, product_id: int) -> StockPlace | None:
        """The location holding the most of the product, or None."""
        stock = self.session.scalars(select(Stock).where(Stock.product_id == product_id)
                                     .order_by(Stock.quantity.desc())).first()
        return None if stock is None else StockPlace(stock.location.code, stock.location.walk_sequence)

    def save_pick_list(self, code: str, order_ids: list[int]) -> None:
        """Keeps a printed pick list, so that a station scanning its code takes its orders in turn."""
        self.session.add(PickList(code=code, orders=[PickListOrder(order_id=order_id, seq=seq)
                                                     for seq, order_id in enumerate(order_ids, 1)]))

    def active_users(self) -> list[UserRecord]:
        """Active users by role and name."""
        return [UserRecord(u.display_name, u.badge_code, u.role) for u in self.session.scalars(
            select(User).where(User.active.is_(True)).order_by(User.role, User.display_name))]

    def _parcel(self, p: Parcel) -> ParcelRecord:
        box = self.session.get(Box, p.box_id) if p.box_id else None
        return ParcelRecord(p.id, p.order_id, p.seq, p.status, p.sscc, p.tracking_number, p.expected_weight_g,
                            p.actual_weight_g,
                            (box.outer_length_mm, box.outer_width_mm, box.outer_height_mm) if box else None)


def _address(a: Address | None) -> AddressData | None:
    if a is None:
        return None
    return AddressData(name=a.name, lines=tuple(x for x in (a.line1, a.line2) if x), postcode=a.postcode or "",
                       city=a.city, country=a.country, company=a.company or "", region=a.region or "",
                       phone=a.phone or "")


def _order(o: Order) -> OrderRecord:
    lines = tuple(
        LineRecord(line.id, line.sku, line.name, line.quantity, line.packed_quantity, line.backordered_quantity,
                   Decimal(line.unit_price), Decimal(line.tax_rate), Decimal(line.discount), line.product_id,
                   line.product.weight_g if line.product else None,
                   line.product.barcodes[0].code if line.product and line.product.barcodes else None)
        for line in o.lines)
    return OrderRecord(o.id, o.number, o.status, o.tote, o.carrier, o.service_level, o.created_at, o.currency,
                       bool(o.gift_wrap), o.gift_message, o.shipping_total, _address(o.ship_to), lines)
