"""Orders and shipments as plain read models for the CLI and exports.

Every value is JSON-ready (str, int, bool, None, lists of read models): times are ISO 8601
strings in UTC and money is a decimal string, so `dataclasses.asdict` gives what
`packdesk orders ... --json` and `packdesk export shipments` print.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.orders.errors import OrderNotFound
from app.orders.status import OrderStatus
from app.store.models import Box, Order, OrderEvent, Parcel, ReturnRequest
from app.store.session import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineSummary:
    """One order line: what was ordered and how much of it is packed."""

    line_no: int
    sku: str
    name: str
    quantity: int
    packed_quantity: int


@dataclass(frozen=True)
class LineDetail(LineSummary):
    """One order line with its prices."""

    unit_price: str | None = None
    discount: str | None = None
    tax_rate: str | None = None
    backordered_quantity: int = 0


@dataclass(frozen=True)
class OrderSummary:
    """An order as the queue shows it."""

    number: str
    status: str
    priority: int
    created_at: str | None
    sla_due_at: str | None
    carrier: str | None
    service_level: str | None
    tote: str | None
    claimed_by_station: str | None
    claimed_by_user: str | None
    lease_expires_at: str | None
    units: int
    lines: list[LineSummary]


@dataclass(frozen=True)
class CustomerView:
    """The customer who ordered."""

    name: str
    email: str
    phone: str | None


@dataclass(frozen=True)
class AddressView:
    """Where the order goes."""

    name: str
    company: str | None
    line1: str
    line2: str | None
    postcode: str
    city: str
    region: str | None
    country: str
    phone: str | None


@dataclass(frozen=True)
class ParcelView:
    """One parcel of an order."""

    seq: int
    status: str
    box: str | None
    sscc: str | None
    tracking_number: str | None
    expected_weight_g: int | None
    actual_weight_g: int | None
    confirmed_at: str | None  # its label scanned back on the parcel
    closed_at: str | None = None  # CLOSE BOX: weighed, label made


@dataclass(frozen=True)
class EventView:
    """One entry of an order's event log."""

    at: str | None
    kind: str
    from_status: str | None
    to_status: str | None
    station: str | None
    user: str | None
    detail: Any


@dataclass(frozen=True)
class ReturnLink:
    """A return of the order (with the order its exchange sends), or the return an exchange order answers."""

    rma: str
    status: str
    order: str  # the returned order
    exchange_order: str | None


@dataclass(frozen=True)
class OrderDetail(OrderSummary):
    """One order with its address, lines, prices, parcels and event log."""

    lines: list[LineDetail]  # type: ignore[assignment]  # the summary's lines, with prices
    email: str | None
    channel: str | None
    shipping_method: str | None
    gift_wrap: bool
    gift_message: str | None
    special_packaging: str | None
    notes: str | None
    financial_status: str | None
    currency: str
    subtotal: str | None
    shipping_total: str | None
    discount_total: str | None
    tax_total: str | None
    total: str | None
    version: int
    customer: CustomerView | None
    ship_to: AddressView | None
    parcels: list[ParcelView]
    events: list[EventView]
    returns: list[ReturnLink]  # the order's returns, or (an exchange order) the return it answers
    archived_at: str | None = None  # `packdesk orders archive`: out of the working lists, still here


@dataclass(frozen=True)
class ShipmentRow:
    """One closed or confirmed parcel with its order's address: a row of the shipments export."""

    order_number: str
    parcel: int
    parcels: int
    order_status: str
    carrier: str | None
    service_level: str | None
    sscc: str | None
    tracking_number: str | None
    box: str | None
    weight_g: int | None
    ship_name: str | None
    ship_company: str | None
    ship_address1: str | None
    ship_address2: str | None
    ship_postcode: str | None
    ship_city: str | None
    ship_region: str | None
    ship_country: str | None
    ship_phone: str | None
    email: str | None
    closed_at: str | None  # CLOSE BOX: the parcel weighed and its label made
    confirmed_at: str | None  # its label scanned back on the parcel (empty while it is not)


SHIPMENT_COLUMNS = tuple(f.name for f in fields(ShipmentRow))


def list_orders(db: Database, status: str | None = None, limit: int | None = None,
                archived: bool = False) -> list[OrderSummary]:
    """Orders (optionally of one status) in queue order, each with its lines; archived ones only
    if asked."""
    if status is not None:
        OrderStatus(status)  # ValueError for a status that does not exist
    query = (select(Order).options(selectinload(Order.lines))
             .order_by(Order.priority.desc(), Order.sla_due_at.asc().nulls_last(), Order.created_at, Order.id))
    if status is not None:
        query = query.where(Order.status == status)
    if not archived:  # archived orders (`packdesk orders archive`) leave the working list
        query = query.where(Order.archived_at.is_(None))
    if limit is not None:
        query = query.limit(limit)
    with db.read() as session:
        return [OrderSummary(**_summary(order), lines=[LineSummary(**_line(line)) for line in order.lines])
                for order in session.scalars(query)]


def show_order(db: Database, number: str) -> OrderDetail:
    """One order with its address, lines, parcels and event log; OrderNotFound if unknown."""
    with db.read() as session:
        order = session.scalars(
            select(Order).options(selectinload(Order.lines), selectinload(Order.ship_to),
                                  selectinload(Order.customer))
            .where(Order.number == number)).one_or_none()
        if order is None:
            raise OrderNotFound(number)
        parcels = session.execute(
            select(Parcel, Box.code).outerjoin(Box, Box.id == Parcel.box_id)
            .where(Parcel.order_id == order.id).order_by(Parcel.seq)).all()
        events = session.scalars(select(OrderEvent).where(OrderEvent.order_id == order.id)
                                 .order_by(OrderEvent.id)).all()
        returned, swap = Order.__table__.alias("returned"), Order.__table__.alias("swap")
        returns = session.execute(
            select(ReturnRequest.rma, ReturnRequest.status, returned.c.number, swap.c.number)
            .join(returned, returned.c.id == ReturnRequest.order_id)
            .outerjoin(swap, swap.c.id == ReturnRequest.exchange_order_id)
            .where((ReturnRequest.order_id == order.id) | (ReturnRequest.exchange_order_id == order.id))
            .order_by(ReturnRequest.id)).all()
    customer, ship = order.customer, order.ship_to
    return OrderDetail(
        **_summary(order),
        lines=[LineDetail(**_line(line), unit_price=_money(line.unit_price), discount=_money(line.discount),
                          tax_rate=_money(line.tax_rate), backordered_quantity=line.backordered_quantity)
               for line in order.lines],
        email=order.email, channel=order.channel, shipping_method=order.shipping_method,
        gift_wrap=order.gift_wrap, gift_message=order.gift_message,
        special_packaging=order.special_packaging, notes=order.notes,
        financial_status=order.financial_status, currency=order.currency,
        subtotal=_money(order.subtotal), shipping_total=_money(order.shipping_total),
        discount_total=_money(order.discount_total), tax_total=_money(order.tax_total),
        total=_money(order.total), version=order.version,
        customer=None if customer is None else CustomerView(customer.name, customer.email, customer.phone),
        ship_to=None if ship is None else AddressView(ship.name, ship.company, ship.line1, ship.line2,
                                                       ship.postcode, ship.city, ship.region, ship.country,
                                                       ship.phone),
        parcels=[ParcelView(p.seq, p.status, box, p.sscc, p.tracking_number, p.expected_weight_g,
                            p.actual_weight_g, _time(p.confirmed_at), _time(p.closed_at)) for p, box in parcels],
        events=[EventView(_time(e.at), e.kind, e.from_status, e.to_status, e.station, e.username,
                          json.loads(e.detail) if e.detail else None) for e in events],
        returns=[ReturnLink(*row) for row in returns],
        archived_at=_time(order.archived_at),
    )


def utc_day(value: date) -> tuple[datetime, datetime]:
    """The start and end of a UTC calendar day."""
    start = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return start, start.replace(hour=23, minute=59, second=59, microsecond=999999)


def shipments(db: Database, day: date | None = None) -> list[ShipmentRow]:
    """Closed or confirmed parcels (one row each) with their order's address; of one UTC day if
    given (the day it was confirmed, or closed while not confirmed yet)."""
    closed_at = func.coalesce(Parcel.confirmed_at, Parcel.closed_at)
    query = (select(Parcel, Order, Box.code).join(Order, Order.id == Parcel.order_id)
             .outerjoin(Box, Box.id == Parcel.box_id)
             .options(selectinload(Order.ship_to))
             .where(Parcel.status.in_(["closed", "confirmed"]))
             .order_by(closed_at, Order.number, Parcel.seq))
    if day is not None:
        start, end = utc_day(day)
        query = query.where(closed_at >= start, closed_at <= end)
    with db.read() as session:
        rows = session.execute(query).all()
        counts = dict(session.execute(
            select(Parcel.order_id, func.count()).where(Parcel.status != "voided")
            .group_by(Parcel.order_id)).all())
    out = []
    for parcel, order, box in rows:
        a = order.ship_to
        out.append(ShipmentRow(
            order_number=order.number, parcel=parcel.seq, parcels=counts.get(order.id, 1),
            order_status=order.status, carrier=order.carrier, service_level=order.service_level,
            sscc=parcel.sscc, tracking_number=parcel.tracking_number, box=box,
            weight_g=parcel.actual_weight_g if parcel.actual_weight_g is not None else parcel.expected_weight_g,
            ship_name=a.name if a else None, ship_company=a.company if a else None,
            ship_address1=a.line1 if a else None, ship_address2=a.line2 if a else None,
            ship_postcode=a.postcode if a else None, ship_city=a.city if a else None,
            ship_region=a.region if a else None, ship_country=a.country if a else None,
            ship_phone=a.phone if a else None, email=order.email,
            closed_at=_time(parcel.closed_at), confirmed_at=_time(parcel.confirmed_at)))
    return out


def _summary(order: Order) -> dict[str, Any]:
    return dict(
        number=order.number, status=order.status, priority=order.priority,
        created_at=_time(order.created_at), sla_due_at=_time(order.sla_due_at),
        carrier=order.carrier, service_level=order.service_level, tote=order.tote,
        claimed_by_station=order.claimed_by_station, claimed_by_user=order.claimed_by_user,
        lease_expires_at=_time(order.lease_expires_at), units=sum(line.quantity for line in order.lines))


def _line(line: Any) -> dict[str, Any]:
    return dict(line_no=line.line_no, sku=line.sku, name=line.name, quantity=line.quantity,
                packed_quantity=line.packed_quantity)


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def _money(value: Decimal | None) -> str | None:
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"))
    return str(cents if cents == value else value.normalize())
