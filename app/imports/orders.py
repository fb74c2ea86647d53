"""Order import: our CSV (one row per line), our JSON (orders with nested lines) and Shopify.

Every layout becomes flat records with the field names of our CSV; rows of one order are
grouped by order_number, and the order's own fields come from its first row (later rows may
repeat them, but not contradict them). New orders start `captured`. An order that is already
past `captured` can be imported again unchanged, but an import cannot change it.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.store.models import Address, Customer, Order, OrderLine, Product, utcnow
from app.imports.common import ImportReport, Progress, assign, same
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row
from app.store.order_log import record_event
from app.orders.status import OrderStatus

log = logging.getLogger(__name__)

ORDER_COLUMNS = {
    "order_number": "text, required (up to 40): groups the rows of one order",
    "channel": "text, default manual", "created_at": "ISO 8601 date-time, default now",
    "priority": "integer, higher is packed first, default 0",
    "sla_due_at": "ISO 8601 date-time the order must leave by",
    "email": "customer e-mail", "customer_name": "text, default ship_name", "phone": "text",
    "carrier": "text, e.g. dhl, ups, postnl", "service_level": "standard, express, next_day, ... default standard",
    "shipping_method": "text as the shop shows it", "gift_wrap": "true/false",
    "gift_message": "text printed on the gift note", "special_packaging": "text",
    "notes": "text", "financial_status": "paid, pending, authorized, ...",
    "currency": "ISO 4217, default EUR", "shipping_total": "decimal >= 0",
    "discount_total": "decimal >= 0", "tax_total": "decimal >= 0",
    "total": "decimal >= 0, default subtotal + shipping + tax - discount", "tote": "text: the tote it was picked into",
    "ship_name": "text, required", "ship_company": "text", "ship_address1": "text, required",
    "ship_address2": "text", "ship_postcode": "text", "ship_city": "text, required",
    "ship_region": "text", "ship_country": "ISO 3166 alpha-2 code, required", "ship_phone": "text",
}
LINE_COLUMNS = {
    "sku": "a SKU of the catalogue, required", "line_name": "text, default the product's name",
    "quantity": "integer >= 1, required", "unit_price": "decimal >= 0, default the catalogue price",
    "line_discount": "decimal >= 0 off this line", "tax_rate": "decimal, e.g. 0.21",
}
COLUMNS = {**ORDER_COLUMNS, **LINE_COLUMNS}
REQUIRED = {"order_number", "sku", "quantity"}
ADDRESS_FIELDS = {"name": "ship_name", "company": "ship_company", "line1": "ship_address1",
                  "line2": "ship_address2", "postcode": "ship_postcode", "city": "ship_city",
                  "region": "ship_region", "country": "ship_country", "phone": "ship_phone"}
JSON_LINE_KEYS = {"sku": "sku", "name": "line_name", "quantity": "quantity", "unit_price": "unit_price",
                  "discount": "line_discount", "tax_rate": "tax_rate"}
JSON_ADDRESS_KEYS = {"name": "ship_name", "company": "ship_company", "address1": "ship_address1",
                     "address2": "ship_address2", "postcode": "ship_postcode", "city": "ship_city",
                     "region": "ship_region", "country": "ship_country", "phone": "ship_phone"}


@dataclass
class OrderDraft:
    """One order as the file describes it."""

    number: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    address: dict[str, Any] = field(default_factory=dict)
    customer: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    created_at: Any = None


def flatten_json(records: list[Record], problems: list[RowProblem]) -> list[Record]:
    """Nested JSON orders as flat records, one per line item."""
    flat: list[Record] = []
    for record in records:
        order = dict(record.values)
        lines = order.pop("lines", None)
        ship_to = order.pop("ship_to", {}) or {}
        if "number" in order:
            order["order_number"] = order.pop("number")
        if not isinstance(lines, list) or not lines:
            problems.append(RowProblem(record.line, f"order {order.get('order_number', '?')} has no lines"))
            continue
        if not isinstance(ship_to, dict):
            problems.append(RowProblem(record.line, "ship_to must be an object"))
            ship_to = {}
        for key, value in ship_to.items():
            order[JSON_ADDRESS_KEYS.get(key, f"ship_{key}")] = value
        for item in lines:
            if not isinstance(item, dict):
                problems.append(RowProblem(record.line, "each of lines must be an object"))
                continue
            flat.append(Record(record.line, {**order, **{JSON_LINE_KEYS.get(k, k): v for k, v in item.items()}}))
    return flat


def prepare(session: Session, records: list[Record], problems: list[RowProblem]) -> list[OrderDraft]:
    """Groups rows into orders and checks every field, SKU and order."""
    catalogue = {p.sku: p for p in session.scalars(select(Product))}
    drafts: dict[str, OrderDraft] = {}
    for record in records:
        row = Row(record, problems)
        number = row.text("order_number", required=True, max_len=40)
        if number is None:
            continue
        draft = drafts.get(number)
        first = draft is None
        if draft is None:
            draft = drafts[number] = OrderDraft(number, row.line)
        order_values = _order_fields(row)
        if first:
            draft.fields, draft.address, draft.customer, draft.created_at = order_values
        else:
            _check_consistent(row, draft, order_values)
        _add_line(row, draft, catalogue)
    for draft in drafts.values():
        _check_order(draft, problems)
    _check_existing(session, list(drafts.values()), problems)
    return list(drafts.values())


def _order_fields(row: Row) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], Any]:
    fields = dict(
        channel=row.text("channel", max_len=40, default="manual"),
        priority=row.integer("priority", default=0),
        sla_due_at=row.timestamp("sla_due_at"),
        email=row.text("email", max_len=200),
        carrier=row.text("carrier", max_len=40),
        service_level=row.text("service_level", max_len=40, default="standard"),
        shipping_method=row.text("shipping_method", max_len=100),
        gift_wrap=row.boolean("gift_wrap"),
        gift_message=row.text("gift_message"),
        special_packaging=row.text("special_packaging"),
        notes=row.text("notes"),
        financial_status=row.text("financial_status", max_len=30),
        currency=(row.text("currency", max_len=3, default="EUR") or "EUR").upper(),
        shipping_total=row.decimal("shipping_total", default=Decimal(0)),
        discount_total=row.decimal("discount_total", default=Decimal(0)),
        tax_total=row.decimal("tax_total", default=Decimal(0)),
        total=row.decimal("total"),
        tote=row.text("tote", max_len=32),
    )
    address = {attr: row.text(col, max_len=200) for attr, col in ADDRESS_FIELDS.items()}
    address["postcode"] = address["postcode"] or ""  # the column is NOT NULL: some countries have none
    country = address["country"]
    if country is not None:
        address["country"] = country.upper()
        if not (len(country) == 2 and country.isascii() and country.isalpha()):
            row.problem(f"ship_country {country!r} is not a two-letter ISO country code (e.g. DE, FR)")
    customer = dict(email=fields["email"], name=row.text("customer_name", max_len=200),
                    phone=row.text("phone", max_len=40))
    return fields, address, customer, row.timestamp("created_at")


def _check_consistent(row: Row, draft: OrderDraft, later: tuple[Any, ...]) -> None:
    fields, address, customer, created_at = later
    given = {**{k: v for k, v in fields.items() if row.raw(k)},
             **{ADDRESS_FIELDS[k]: v for k, v in address.items() if row.raw(ADDRESS_FIELDS[k])}}
    known = {**draft.fields, **{ADDRESS_FIELDS[k]: v for k, v in draft.address.items()}}
    for name, value in given.items():
        if not same(known.get(name), value):
            row.problem(f"{name} {value!r} contradicts line {draft.line} of order {draft.number} "
                        f"({known.get(name)!r}); leave it empty on later lines")


def _add_line(row: Row, draft: OrderDraft, catalogue: dict[str, Product]) -> None:
    sku = row.text("sku", required=True, max_len=64)
    quantity = row.integer("quantity", required=True, minimum=1)
    product = catalogue.get(sku or "")
    if sku and product is None:
        row.problem(f"unknown SKU {sku} (not in the catalogue; import the catalogue first)")
    unit_price = row.decimal("unit_price")
    line = dict(
        line_no=len(draft.lines) + 1, sku=sku, product_id=product.id if product else None,
        name=row.text("line_name", max_len=200) or (product.name if product else sku),
        quantity=quantity,
        unit_price=unit_price if unit_price is not None else (product.price if product else Decimal(0)),
        discount=row.decimal("line_discount", default=Decimal(0)),
        tax_rate=row.decimal("tax_rate", default=Decimal(0)),
    )
    draft.lines.append(line)


def _check_order(draft: OrderDraft, problems: list[RowProblem]) -> None:
    missing = [col for attr, col in ADDRESS_FIELDS.items()
               if attr in ("name", "line1", "city", "country") and not draft.address.get(attr)]
    if missing:
        problems.append(RowProblem(draft.line, f"order {draft.number} has no {', '.join(missing)}"))
    if draft.fields.get("total") is None and all(
            draft.fields.get(k) is not None for k in ("shipping_total", "tax_total", "discount_total")):
        draft.fields["total"] = (_subtotal(draft) + draft.fields["shipping_total"]
                                 + draft.fields["tax_total"] - draft.fields["discount_total"])


def _subtotal(draft: OrderDraft) -> Decimal:
    return sum(((l["unit_price"] or 0) * (l["quantity"] or 0) - (l["discount"] or 0) for l in draft.lines),
               Decimal(0))


def _check_existing(session: Session, drafts: list[OrderDraft], problems: list[RowProblem]) -> None:
    orders = _existing(session, [d.number for d in drafts])
    for draft in drafts:
        order = orders.get(draft.number)
        if order is not None and order.status != OrderStatus.CAPTURED.value and _differs(order, draft):
            problems.append(RowProblem(
                draft.line, f"order {draft.number} is already {order.status}; an import can only "
                "change captured orders (leave it out of the file or ask a supervisor)"))


IN_CHUNK = 5000  # values per IN (...): a statement may bind at most 65,535 values on PostgreSQL
WRITE_CHUNK = 500  # new orders written per flush (one batched INSERT per table)


def _chunks(values: list[Any], size: int = IN_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _existing(session: Session, numbers: list[str]) -> dict[str, Order]:
    found: dict[str, Order] = {}
    for chunk in _chunks(numbers):
        found.update((o.number, o) for o in session.scalars(
            select(Order).options(selectinload(Order.lines), selectinload(Order.ship_to),
                                  selectinload(Order.customer))
            .where(Order.number.in_(chunk))))
    return found


def _line_key(line: Any) -> tuple[Any, ...]:
    get = (lambda k: line[k]) if isinstance(line, dict) else (lambda k: getattr(line, k))
    return (get("line_no"), get("sku"), get("name"), get("quantity"), Decimal(get("unit_price")),
            Decimal(get("discount")), Decimal(get("tax_rate")))


def _wanted(draft: OrderDraft) -> dict[str, Any]:
    values = dict(draft.fields, subtotal=_subtotal(draft))
    if draft.created_at is not None:
        values["created_at"] = draft.created_at
    return values


def _differs(order: Order, draft: OrderDraft) -> bool:
    wanted = _wanted(draft)
    if any(not same(getattr(order, k), v) for k, v in wanted.items()):
        return True
    if [_line_key(l) for l in order.lines] != [_line_key(l) for l in draft.lines]:
        return True
    address = order.ship_to
    return address is None or any(not same(getattr(address, k), v) for k, v in draft.address.items())


def apply(session: Session, drafts: list[OrderDraft], report: ImportReport,
          progress: Progress | None = None) -> None:
    """Creates new orders (captured) and updates captured ones whose content changed.

    New orders are written WRITE_CHUNK at a time (their customers first, all at once), so a
    file of tens of thousands of orders is a few hundred batched INSERTs, not one flush an
    order; `progress("writing", done, total)` hears after each chunk."""
    existing = _existing(session, [d.number for d in drafts])
    emails = sorted({d.customer["email"] for d in drafts if d.customer.get("email")})
    customers: dict[str, Customer] = {}
    for chunk in _chunks(emails):
        customers.update((c.email, c) for c in session.scalars(select(Customer).where(Customer.email.in_(chunk))))
    fresh: list[OrderDraft] = []
    done = 0
    for draft in drafts:
        order = existing.get(draft.number)
        if order is None:
            fresh.append(draft)
            continue
        if _differs(order, draft):
            _update(session, order, draft, _customer(customers, draft), report)
        else:
            report.count(False, False)
        done += 1
    new_customers = [c for c in (_customer(customers, d) for d in fresh) if c is not None and c.id is None]
    session.add_all(new_customers)
    session.flush()  # their ids go on the addresses
    if progress is not None:
        progress("writing", done, len(drafts))
    for chunk in _chunks(fresh, WRITE_CHUNK):
        created = []
        for draft in chunk:
            customer = _customer(customers, draft)
            order = Order(number=draft.number, status=OrderStatus.CAPTURED.value,
                          **{"created_at": utcnow(), **_wanted(draft)}, customer=customer,
                          ship_to=Address(customer_id=customer.id if customer else None, **draft.address))
            order.lines = [OrderLine(**line) for line in draft.lines]
            created.append(order)
        session.add_all(created)
        session.flush()  # the orders' ids go on their events
        for order in created:
            record_event(session, order, "OrderCaptured", to_status=order.status, source=report.source)
            report.count(True, True)
        done += len(chunk)
        if progress is not None:
            progress("writing", done, len(drafts))
    session.flush()


def _update(session: Session, order: Order, draft: OrderDraft, customer: Customer | None,
            report: ImportReport) -> None:
    """A captured order whose content changed: new values, lines and address; OrderUpdated."""
    assign(order, _wanted(draft))
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
    record_event(session, order, "OrderUpdated", source=report.source)
    report.count(False, True)


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
