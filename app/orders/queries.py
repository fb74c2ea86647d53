"""Orders as plain dicts for the CLI, exports and screens (JSON-ready: str, int, None, lists)."""
from __future__ import annotations

import json
import logging
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.store.models import Box, Order, OrderEvent, Parcel
from app.store.session import Database
from app.orders.errors import OrderNotFound
from app.orders.status import OrderStatus

log = logging.getLogger(__name__)


def list_orders(db: Database, status: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Orders (optionally of one status) in queue order, each with its lines."""
    if status is not None:
        OrderStatus(status)  # ValueError for a status that does not exist
    query = (select(Order).options(selectinload(Order.lines))
             .order_by(Order.priority.desc(), Order.sla_due_at.asc().nulls_last(), Order.created_at, Order.id))
    if status is not None:
        query = query.where(Order.status == status)
    if limit is not None:
        query = query.limit(limit)
    with db.read() as session:
        return [_summary(order) for order in session.scalars(query)]


def show_order(db: Database, number: str) -> dict[str, Any]:
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
    result = _summary(order)
    result.update(
        email=order.email, channel=order.channel, shipping_method=order.shipping_method,
        gift_wrap=order.gift_wrap, gift_message=order.gift_message,
        special_packaging=order.special_packaging, notes=order.notes,
        financial_status=order.financial_status, currency=order.currency,
        subtotal=_money(order.subtotal), shipping_total=_money(order.shipping_total),
        discount_total=_money(order.discount_total), tax_total=_money(order.tax_total),
        total=_money(order.total), version=order.version,
        customer=None if order.customer is None else {
            "name": order.customer.name, "email": order.customer.email, "phone": order.customer.phone},
        ship_to=None if order.ship_to is None else {
            k: getattr(order.ship_to, k) for k in
            ("name", "company", "line1", "line2", "postcode", "city", "region", "country", "phone")},
        parcels=[{"seq": p.seq, "status": p.status, "box": box, "sscc": p.sscc,
                  "tracking_number": p.tracking_number, "expected_weight_g": p.expected_weight_g,
                  "actual_weight_g": p.actual_weight_g, "confirmed_at": _time(p.confirmed_at)}
                 for p, box in parcels],
        events=[{"at": _time(e.at), "kind": e.kind, "from_status": e.from_status,
                 "to_status": e.to_status, "station": e.station, "user": e.username,
                 "detail": json.loads(e.detail) if e.detail else None} for e in events],
    )
    for line, source in zip(result["lines"], order.lines):
        line.update(unit_price=_money(source.unit_price), discount=_money(source.discount),
                    tax_rate=_money(source.tax_rate), backordered_quantity=source.backordered_quantity)
    return result


def count_by_status(db: Database) -> dict[str, int]:
    """How many orders are in each status."""
    with db.read() as session:
        return dict(session.execute(select(Order.status, func.count()).group_by(Order.status)).all())


def _summary(order: Order) -> dict[str, Any]:
    return {
        "number": order.number, "status": order.status, "priority": order.priority,
        "created_at": _time(order.created_at), "sla_due_at": _time(order.sla_due_at),
        "carrier": order.carrier, "service_level": order.service_level, "tote": order.tote,
        "claimed_by_station": order.claimed_by_station, "claimed_by_user": order.claimed_by_user,
        "lease_expires_at": _time(order.lease_expires_at),
        "units": sum(line.quantity for line in order.lines),
        "lines": [{"line_no": line.line_no, "sku": line.sku, "name": line.name,
                   "quantity": line.quantity, "packed_quantity": line.packed_quantity}
                  for line in order.lines],
    }


def _time(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def _money(value: Decimal | None) -> str | None:
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"))
    return str(cents if cents == value else value.normalize())


def utc_day(value: date) -> tuple[datetime, datetime]:
    """The start and end of a UTC calendar day."""
    start = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return start, start.replace(hour=23, minute=59, second=59, microsecond=999999)


SHIPMENT_COLUMNS = (
    "order_number", "parcel", "parcels", "order_status", "carrier", "service_level", "sscc",
    "tracking_number", "box", "weight_g", "ship_name", "ship_company", "ship_address1",
    "ship_address2", "ship_postcode", "ship_city", "ship_region", "ship_country", "ship_phone",
    "email", "closed_at",
)


def shipments(db: Database, day: date | None = None) -> list[dict[str, Any]]:
    """Closed or confirmed parcels (one row each) with their order's address; of one UTC day if given."""
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
        address = order.ship_to
        addr = {k: getattr(address, a) if address else None for k, a in (
            ("ship_name", "name"), ("ship_company", "company"), ("ship_address1", "line1"),
            ("ship_address2", "line2"), ("ship_postcode", "postcode"), ("ship_city", "city"),
            ("ship_region", "region"), ("ship_country", "country"), ("ship_phone", "phone"))}
        out.append({
            "order_number": order.number, "parcel": parcel.seq, "parcels": counts.get(order.id, 1),
            "order_status": order.status, "carrier": order.carrier, "service_level": order.service_level,
            "sscc": parcel.sscc, "tracking_number": parcel.tracking_number, "box": box,
            "weight_g": parcel.actual_weight_g if parcel.actual_weight_g is not None else parcel.expected_weight_g,
            **addr, "email": order.email,
            "closed_at": _time(parcel.confirmed_at or parcel.closed_at),
        })
    return out
