"""The database side of an order import: which stored orders a file would change, and the
writes (new orders in batches, changed captured orders in place, their events)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.store import order_rows
from app.store.order_log import record_event
from app.orders.status import OrderStatus
from app.store.among import among
from app.store.import_rows import OrderDraft, assign, same
from app.store.models import Address, Customer, Order, OrderLine, utcnow

log = logging.getLogger(__name__)

WRITE_CHUNK = 500  # new orders written per flush (one batched INSERT per table)


def _existing(session: Session, numbers: list[str]) -> dict[str, Order]:
    return {o.number: o for o in session.scalars(
        select(Order).options(selectinload(Order.lines), selectinload(Order.ship_to), selectinload(Order.customer))
        .where(among(session, Order.number, numbers)))}


def _line_key(line: Any) -> tuple[Any, ...]:
    get = (lambda k: line[k]) if isinstance(line, dict) else (lambda k: getattr(line, k))
    return (get("line_no"), get("sku"), get("name"), get("quantity"), Decimal(get("unit_price")),
            Decimal(get("discount")), Decimal(get("tax_rate")))


def _differs(order: Order, draft: OrderDraft) -> bool:
    if any(not same(getattr(order, k), v) for k, v in draft.wanted().items()):
        return True
    if [_line_key(l) for l in order.lines] != [_line_key(l) for l in draft.lines]:
        return True
    address = order.ship_to
    return address is None or any(not same(getattr(address, k), v) for k, v in draft.address.items())


def changed_orders(session: Session, drafts: list[OrderDraft]) -> dict[str, str]:
    """Order number -> status, of the stored orders whose content differs from their draft."""
    orders = _existing(session, [d.number for d in drafts])
    return {d.number: orders[d.number].status for d in drafts
            if d.number in orders and _differs(orders[d.number], d)}


def write_orders(session: Session, drafts: list[OrderDraft], count: Callable[[bool, bool], None],
                 source: str, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Creates new orders (captured) and updates those whose content changed.

    New orders are written WRITE_CHUNK at a time (their customers first, all at once), so a
    file of tens of thousands of orders is a few dozen batched INSERTs (app/store/order_rows.py),
    not one flush an order; `progress("writing", done, total)` hears after each chunk."""
    existing = _existing(session, [d.number for d in drafts])
    emails = {d.customer["email"] for d in drafts if d.customer.get("email")}
    customers = {c.email: c for c in session.scalars(select(Customer).where(among(session, Customer.email, emails)))}
    fresh: list[OrderDraft] = []
    done = 0
    for draft in drafts:
        order = existing.get(draft.number)
        if order is None:
            fresh.append(draft)
            continue
        if _differs(order, draft):
            _update(session, order, draft, _customer(customers, draft), source)
            count(False, True)
        else:
            count(False, False)
        done += 1
        if progress is not None and done % WRITE_CHUNK == 0:  # updates go one order at a time
            progress("writing", done, len(drafts))
    session.flush()  # the updates' customers have their ids
    if progress is not None:
        progress("writing", done, len(drafts))
    found = order_rows.owners(fresh, {email: (c.id, c.name, c.phone) for email, c in customers.items()})
    by_id = {c.id: c for c in customers.values()}
    for customer_id, wanted in found.updates.items():
        assign(by_id[customer_id], wanted)
    session.flush()
    order_rows.insert_orders(order_rows.RowWriter(session, numbered=False), fresh, found, source, count, WRITE_CHUNK,
                             None if progress is None else lambda n: progress("writing", done + n, len(drafts)))


def _update(session: Session, order: Order, draft: OrderDraft, customer: Customer | None, source: str) -> None:
    """A captured order whose content changed: new values, lines and address; OrderUpdated."""
    assign(order, draft.wanted())
    if customer is not None and customer.id is None:
        session.add(customer)
        session.flush()
    order.customer = customer
    if order.ship_to is None:
        order.ship_to = Address(customer_id=customer.id if customer else None, **draft.address)
    else:
        assign(order.ship_to, draft.address)
    if [_line_key(l) for l in order.lines] != [_line_key(l) for l in draft.lines]:
        order.lines.clear()
        session.flush()
        order.lines.extend(OrderLine(**line) for line in draft.lines)
    session.flush()
    record_event(session, order, "OrderUpdated", source=source)


def _customer(customers: dict[str, Customer], draft: OrderDraft) -> Customer | None:
    """The draft's customer by e-mail: found, updated (name, phone) or new (not yet added)."""
    email = draft.customer.get("email")
    if not email:
        return None
    name = draft.customer.get("name") or draft.address.get("name") or email
    customer = customers.get(email)
    if customer is None:
        customer = customers[email] = Customer(email=email, name=name, phone=draft.customer.get("phone"))
    else:
        assign(customer, {"name": name, "phone": draft.customer.get("phone") or customer.phone})
    return customer
