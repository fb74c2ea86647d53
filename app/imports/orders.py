"""Order import: our CSV (one row per line), our JSON (orders with nested lines) and Shopify.

Every layout becomes flat records with the field names of our CSV; rows of one order are
grouped by order_number, and the order's own fields come from its first row (later rows may
repeat them, but not contradict them). New orders start `captured`. An order that is already
past `captured` can be imported again unchanged, but an import cannot change it.
"""
from __future__ import annotations

import functools
import logging
from decimal import Decimal
from typing import Any

from app.errors import PackdeskError
from app.imports import places
from app.imports.common import ImportReport, Progress, same, settled, skipped
from app.imports.errors import RowProblem
from app.imports.limits import DEFAULT_MAX_LINE_QUANTITY, LIMITS, order_number_problem
from app.imports.reading import Record, Row
from app.orders import pipeline
from app.orders.settings import OrderSettings
from app.orders.allocation import release_stock_in
from app.orders.hold_words import CANCELLED_BY_CHANNEL, CHANGED_BY_IMPORT, PAID_BACK_WHILE, PAYMENT_GONE, reason
from app.orders.holds import cancel_in, hold_in
from app.orders.lifecycle import change_status
from app.orders.status import CHANGEABLE_BY_IMPORT, OrderStatus, can_change
from app.orders.validation import NOT_WORK, HoldKind, HoldReason
from app.unit_of_work import OrderRecord
from app.store.import_rows import OrderDraft, ProductFacts
from app.store.imports import ImportWriter
from app.store.uow import SqlUnitOfWork
from app.translator import phrase

log = logging.getLogger(__name__)

ORDER_COLUMNS = {
    "order_number": "text, required (up to 23 printable ASCII characters, so the packing slip's Code 128 "
                    "barcode carries it): groups the rows of one order",
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
    "bill_postcode": "the billing address's postcode (review rule: billing differs from shipping)",
    "bill_country": "the billing address's ISO 3166 alpha-2 code",
    "cancelled": "true when the channel cancelled the order (it is not work)",
}
LINE_COLUMNS = {
    "sku": "a SKU of the catalogue, required", "line_name": "text, default the product's name",
    "quantity": "integer >= 1, required", "unit_price": "decimal >= 0, default the catalogue price",
    "line_discount": "decimal >= 0 off this line", "tax_rate": "decimal, e.g. 0.21",
}
COLUMNS = {**ORDER_COLUMNS, **LINE_COLUMNS}
FIELD_COLUMNS = {"billing_postcode": "bill_postcode", "billing_country": "bill_country"}  # where named otherwise
REQUIRED = {"order_number", "sku", "quantity"}
ADDRESS_FIELDS = {"name": "ship_name", "company": "ship_company", "line1": "ship_address1",
                  "line2": "ship_address2", "postcode": "ship_postcode", "city": "ship_city",
                  "region": "ship_region", "country": "ship_country", "phone": "ship_phone"}
# (attribute, field, the column that bounds its length): the country's own check says more than
# its column's length (2) would
_ADDRESS_READS = tuple((attr, field, None if attr == "country" else f"addresses.{attr}")
                       for attr, field in ADDRESS_FIELDS.items())
JSON_LINE_KEYS = {"sku": "sku", "name": "line_name", "quantity": "quantity", "unit_price": "unit_price",
                  "discount": "line_discount", "tax_rate": "tax_rate"}
JSON_ADDRESS_KEYS = {"name": "ship_name", "company": "ship_company", "address1": "ship_address1",
                     "address2": "ship_address2", "postcode": "ship_postcode", "city": "ship_city",
                     "region": "ship_region", "country": "ship_country", "phone": "ship_phone"}


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
            problems.append(RowProblem(record.line, phrase("order %(number)s has no lines",
                                                              number=order.get('order_number', '?'))))
            continue
        if not isinstance(ship_to, dict):
            problems.append(RowProblem(record.line, phrase("ship_to must be an object")))
            ship_to = {}
        for key, value in ship_to.items():
            order[JSON_ADDRESS_KEYS.get(key, f"ship_{key}")] = value
        for item in lines:
            if not isinstance(item, dict):
                problems.append(RowProblem(record.line, phrase("each of lines must be an object")))
                continue
            flat.append(Record(record.line, {**order, **{JSON_LINE_KEYS.get(k, k): v for k, v in item.items()}}))
    return flat


def parse(records: list[Record], catalogue: dict[str, ProductFacts], problems: list[RowProblem],
          max_line_quantity: int = DEFAULT_MAX_LINE_QUANTITY) -> list[OrderDraft]:
    """Groups rows into orders and checks every field, SKU (against `catalogue`) and order;
    a line may hold at most `max_line_quantity` units."""
    drafts: dict[str, OrderDraft] = {}
    # an order's fields its first line has no column for, but the total (the file's columns are
    # every line's: worked out once a set of columns)
    left_out: dict[str, frozenset[str]] = {}
    left_out_of: dict[tuple[str, ...], frozenset[str]] = {}
    why_maximum = phrase(", the most one order line may hold ([imports] max_line_quantity)")  # said once a file
    order_columns = _order_columns()
    given: dict[str, dict[str, Any]] = {}  # an order's first line's values, when that line read cleanly
    for record in records:
        row = Row(record, problems)
        number = row.text("order_number", required=True, column="orders.number")
        if number is not None and (why := order_number_problem(number)):
            row.problem(why)
            number = None
        if number is None:
            continue
        draft = drafts.get(number)
        first = draft is None
        if draft is None:
            draft = drafts[number] = OrderDraft(number, row.line)
        if first:
            draft.fields, draft.address, draft.customer, draft.created_at = _order_fields(row)
            columns = tuple(record.values)
            if columns not in left_out_of:
                left_out_of[columns] = frozenset(
                    k for k in draft.fields if k != "total" and FIELD_COLUMNS.get(k, k) not in record.values)
            left_out[number] = left_out_of[columns]
            draft.not_work = _not_work(row, draft)
            if row.ok:  # a later line that repeats these values, or leaves them empty, agrees with it
                given[number] = record.values
        elif not _repeats(record.values, given.get(number), order_columns):
            _check_consistent(row, draft, _order_fields(row))
        _add_line(row, draft, catalogue, max_line_quantity, why_maximum)
    for draft in drafts.values():
        _check_order(draft, problems)
        # a column the file does not have leaves the stored value alone (a new order gets the
        # default): re-importing a narrower file never turns express into standard; the total,
        # computed from the lines when absent, stays
        for name in left_out[draft.number]:
            draft.fields.pop(name, None)
    return list(drafts.values())


def check_existing(drafts: list[OrderDraft], changed: dict[str, str], problems: list[RowProblem]) -> None:
    """An order the file would change that somebody has started to pick or pack is a problem
    (`changed`: number -> status of the stored orders whose content differs from the file)."""
    for draft in drafts:
        status = changed.get(draft.number)
        if status is not None and status not in CHANGEABLE_BY_IMPORT and draft.not_work is None:
            problems.append(RowProblem(draft.line, phrase(
                "order %(number)s is already %(status)s; an import can only change captured orders and those "
                "nobody has started to pick (validated, on hold, backordered, allocated); leave it out of the file "
                "or ask a supervisor", number=draft.number, status=status)))


def prepare(writer: ImportWriter, records: list[Record], problems: list[RowProblem],
            max_line_quantity: int = DEFAULT_MAX_LINE_QUANTITY) -> list[OrderDraft]:
    """Parses the orders and checks them against the catalogue and the stored orders."""
    drafts = parse(records, writer.catalogue(), problems, max_line_quantity)
    check_existing(drafts, writer.changed_orders(drafts), problems)
    return drafts


def write(writer: ImportWriter, drafts: list[OrderDraft], report: ImportReport,
          progress: Progress | None = None, settings: OrderSettings | None = None) -> None:
    """Creates new orders (captured) and updates captured ones whose content changed, then
    validates and allocates the file's orders in the same transaction (an order that fails
    validation is imported and held: all or nothing is about malformed rows, not business
    rules); `progress("writing", done, total)` hears as the batches are written."""
    uow = SqlUnitOfWork.joining(writer.session)
    stored = {o.number: o for o in uow.orders.in_status(tuple(s.value for s in OrderStatus),
                                                        [d.number for d in drafts])}
    report.notes += _withdraw(uow, [d for d in drafts if d.not_work], stored)
    drafts = [d for d in drafts if not d.not_work]
    numbers = [d.number for d in drafts]
    _recapture(uow, [n for n, status in writer.changed_orders(drafts).items() if status != OrderStatus.CAPTURED.value])
    writer.write_orders(drafts, report.count, report.source, progress)
    writer.session.flush()
    report.created_numbers = [n for n in numbers if n not in stored]
    outcome = pipeline.process_in(uow, numbers, settings or OrderSettings(), user="import")
    report.notes += settled(outcome.summary(), outcome.held)


def _not_work(row: Row, draft: OrderDraft) -> str | None:
    if row.boolean("cancelled"):
        return CANCELLED_BY_CHANNEL
    payment = (draft.fields.get("financial_status") or "").strip().lower()
    return reason(PAYMENT_GONE, payment=payment) if payment in NOT_WORK else None


def _withdraw(uow: SqlUnitOfWork, drafts: list[OrderDraft], stored: dict[str, OrderRecord]) -> list[str]:
    """Orders the channel says are not work: a new one is skipped, a stored one not yet packed
    is cancelled, one whose packing has started is held for a supervisor; the notes."""
    notes = []
    for draft in drafts:
        order = stored.get(draft.number)
        why = draft.not_work or ""
        if order is None:
            notes.append(skipped(draft.number, why))
        elif order.status in (OrderStatus.CANCELLED.value, OrderStatus.ON_HOLD.value):
            continue  # already done (importing the same file again changes nothing)
        elif can_change(order.status, OrderStatus.CANCELLED):
            cancel_in(uow, order, why, user="import")
            notes.append(phrase("order %(number)s cancelled: %(why)s", number=draft.number, why=why))
        elif can_change(order.status, OrderStatus.ON_HOLD):
            hold_in(uow, order, [HoldReason(HoldKind.PAYMENT, reason(PAID_BACK_WHILE, why=why, status=order.status))],
                    user="import")
            notes.append(phrase("order %(number)s held: %(why)s, and its packing had started",
                                number=draft.number, why=why))
        else:
            notes.append(phrase("order %(number)s is %(status)s: %(why)s (nothing changed; a return is a supervisor's)",
                                number=draft.number, status=order.status, why=why))
    return notes


class OrderStartedElsewhere(PackdeskError):
    """An import would change a held order whose picking or packing had started."""

    def __init__(self, number: str, before: str) -> None:
        super().__init__(phrase("Order %(number)s was put on hold while %(before)s; an import cannot change it. "
                                "Leave it out of the file, or ask a supervisor to cancel it and import it under a "
                                "new number.", number=number, before=before))


def _recapture(uow: SqlUnitOfWork, numbers: list[str]) -> None:
    """Orders the file changes that were validated, held or allocated go back to captured (their
    stock released, their hold reasons closed), to be validated and allocated again as changed."""
    for order in uow.orders.in_status(CHANGEABLE_BY_IMPORT, numbers):
        before = uow.events.status_before(order.id, OrderStatus.ON_HOLD.value)
        if order.status == OrderStatus.ON_HOLD.value and before not in CHANGEABLE_BY_IMPORT:
            raise OrderStartedElsewhere(order.number, before or "")
        release_stock_in(uow, order)
        uow.holds.release_all(order.id, "import", "changed by import")
        change_status(uow, order, OrderStatus.CAPTURED, user="import", reason=CHANGED_BY_IMPORT)


def write_stock(writer: ImportWriter, parsed: list[Any], report: ImportReport,
                progress: Progress | None = None, settings: OrderSettings | None = None) -> None:
    """A stock import: sets the quantities on hand, then allocates the orders waiting for stock."""
    places.write_stock(writer, parsed, report, progress)
    writer.session.flush()
    outcome = pipeline.allocate_in_turn(SqlUnitOfWork.joining(writer.session), None, settings or OrderSettings(),
                                        user="import")
    if outcome.statuses:
        report.notes.append(phrase("orders waiting for stock: %(summary)s", summary=outcome.summary()))


def _order_fields(row: Row) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], Any]:
    fields = dict(
        channel=row.text("channel", column="orders.channel", default="manual"),
        priority=row.integer("priority", column="orders.priority", default=0),
        sla_due_at=row.timestamp("sla_due_at"),
        email=row.text("email", column="customers.email"),
        carrier=row.text("carrier", column="orders.carrier"),
        service_level=row.text("service_level", column="orders.service_level", default="standard"),
        shipping_method=row.text("shipping_method", column="orders.shipping_method"),
        gift_wrap=row.boolean("gift_wrap"),
        gift_message=row.text("gift_message"),
        special_packaging=row.text("special_packaging"),
        notes=row.text("notes"),
        financial_status=row.text("financial_status", column="orders.financial_status"),
        currency=(row.text("currency", column="orders.currency", default="EUR") or "EUR").upper(),
        shipping_total=row.decimal("shipping_total", column="orders.shipping_total", default=Decimal(0)),
        discount_total=row.decimal("discount_total", column="orders.discount_total", default=Decimal(0)),
        tax_total=row.decimal("tax_total", column="orders.tax_total", default=Decimal(0)),
        total=row.decimal("total", column="orders.total"),
        tote=row.text("tote", column="orders.tote"),
        billing_postcode=row.text("bill_postcode", column="orders.billing_postcode"),
        billing_country=(row.text("bill_country", column="orders.billing_country") or "").upper() or None,
    )
    address = {attr: row.text(field, column=column) for attr, field, column in _ADDRESS_READS}
    address["postcode"] = address["postcode"] or ""  # the column is NOT NULL: some countries have none
    country = address["country"]
    if country is not None:
        address["country"] = country.upper()
        if not (len(country) == 2 and country.isascii() and country.isalpha()):
            row.problem(phrase("ship_country %(country)s is not a two-letter ISO country code (e.g. DE, FR)",
                               country=repr(country)))
    customer = dict(email=fields["email"], name=row.text("customer_name", column="customers.name"),
                    phone=row.text("phone", column="customers.phone"))
    return fields, address, customer, row.timestamp("created_at")


class _Asked(dict[str, Any]):
    """An empty row that remembers which columns were read from it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.asked.add(key)
        return default


@functools.cache
def _order_columns() -> frozenset[str]:
    """The columns an order's own values come from: those `_order_fields` reads (found by reading
    an empty row once, so a column added there is never missed here)."""
    empty = _Asked()
    _order_fields(Row(Record(0, empty), []))
    return frozenset(empty.asked)


def _repeats(values: dict[str, Any], first: dict[str, Any] | None, columns: frozenset[str]) -> bool:
    """Whether a later line of an order gives each of the order's own columns as its first line
    did (which read cleanly) or leaves it empty: then it agrees, and reading it again would find
    nothing new (a file that repeats the order on every line, as Shopify's does)."""
    if first is None:
        return False
    for column in columns:
        value = values.get(column)
        if value is not None and value != "" and value != first.get(column):
            return False
    return True


def _check_consistent(row: Row, draft: OrderDraft, later: tuple[Any, ...]) -> None:
    fields, address, customer, created_at = later
    given = {**{k: v for k, v in fields.items() if row.raw(k)},
             **{ADDRESS_FIELDS[k]: v for k, v in address.items() if row.raw(ADDRESS_FIELDS[k])}}
    known = {**draft.fields, **{ADDRESS_FIELDS[k]: v for k, v in draft.address.items()}}
    for name, value in given.items():
        if not same(known.get(name), value):
            row.problem(phrase("%(column)s %(value)s contradicts line %(line)s of order %(number)s (%(known)s); "
                               "leave it empty on later lines", column=name, value=repr(value), line=draft.line,
                               number=draft.number, known=repr(known.get(name))))


def _add_line(row: Row, draft: OrderDraft, catalogue: dict[str, ProductFacts], max_line_quantity: int,
              why_maximum: str) -> None:
    sku = row.text("sku", required=True, column="order_lines.sku")
    quantity = row.integer("quantity", required=True, minimum=1, column="order_lines.quantity",
                           maximum=max_line_quantity, why_maximum=why_maximum)
    product = catalogue.get(sku or "")
    if sku and product is None:
        row.problem(phrase("unknown SKU %(sku)s (not in the catalogue; import the catalogue first)", sku=sku))
    unit_price = row.decimal("unit_price", column="order_lines.unit_price")
    line = dict(
        line_no=len(draft.lines) + 1, sku=sku, product_id=product.id if product else None,
        name=row.text("line_name", column="order_lines.name") or (product.name if product else sku),
        quantity=quantity,
        unit_price=unit_price if unit_price is not None else (product.price if product else Decimal(0)),
        discount=row.decimal("line_discount", column="order_lines.discount", default=Decimal(0)),
        tax_rate=row.decimal("tax_rate", column="order_lines.tax_rate", default=Decimal(0)),
    )
    draft.lines.append(line)


def _check_order(draft: OrderDraft, problems: list[RowProblem]) -> None:
    missing = [col for attr, col in ADDRESS_FIELDS.items()
               if attr in ("name", "line1", "city", "country") and not draft.address.get(attr)]
    if missing:
        problems.append(RowProblem(draft.line, phrase("order %(number)s has no %(columns)s", number=draft.number,
                                                      columns=", ".join(missing))))
    subtotal = draft.subtotal()
    if draft.fields.get("total") is None and all(
            draft.fields.get(k) is not None for k in ("shipping_total", "tax_total", "discount_total")):
        draft.fields["total"] = (subtotal + draft.fields["shipping_total"]
                                 + draft.fields["tax_total"] - draft.fields["discount_total"])
    # the sums are stored too: they must fit their columns as much as the fields they add up
    precision, scale = LIMITS.decimal("orders", "subtotal")
    for name, value in (("subtotal", subtotal), ("total", draft.fields.get("total"))):
        if value is not None and abs(value) >= Decimal(10) ** (precision - scale):
            problems.append(RowProblem(draft.line, phrase(
                "order %(number)s: its %(column)s %(value)s has more than %(digits)s digits before the point",
                number=draft.number, column=name, value=value, digits=precision - scale)))
