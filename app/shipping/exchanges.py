"""Exchanges: a return answered with goods instead of money. The exchange is a new order of its
own (`RMA-000001-X`), linked to the RMA, to the customer and address of the returned order, at
no charge (its lines carry the catalogue price and a discount of all of it, so the total is 0 and
nothing is captured at shipping); it goes through validation and allocation like any order.
docs/returns.md, "Exchanges"."""
from __future__ import annotations

import logging
from dataclasses import replace
from decimal import Decimal

from app.orders import lifecycle
from app.orders.allocation import allocate_in
from app.orders.pipeline import validate_in
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.shipping.errors import ShippingError
from app.translator import Lines, phrase
from app.unit_of_work import ExchangeLineRecord, OrderRecord, ReturnRecord, UnitOfWork

log = logging.getLogger(__name__)


def exchange_number(rma: str) -> str:
    """The number of the order that sends an RMA's exchange goods."""
    return f"{rma}-X"


def exchange_lines(uow: UnitOfWork, rma: str, wanted: list[tuple[str, int]]) -> list[ExchangeLineRecord]:
    """The catalogue's products for `SKU:QTY` wishes; ShippingError names every problem at once."""
    problems, lines = [], []
    for sku, quantity in wanted:
        product = uow.products.by_sku(sku)
        if product is None:
            problems.append(phrase("%(sku)s is not in the catalogue", sku=sku))
        elif quantity < 1:
            problems.append(phrase("%(quantity)s x %(sku)s: send at least one", quantity=quantity, sku=sku))
        else:
            lines.append(ExchangeLineRecord(product.id, product.sku, product.name, quantity, product.price))
    if len({sku for sku, _ in wanted}) != len(wanted):
        problems.append(phrase("each exchange SKU once: add the quantities up"))
    if problems:
        raise ShippingError(phrase("The exchange for %(rma)s cannot be made: %(problems)s.", rma=rma,
                                   problems=Lines(problems, "; ")))
    return lines


def exchange_in(uow: UnitOfWork, order: OrderRecord, record: ReturnRecord, lines: list[ExchangeLineRecord],
                settings: OrderSettings, *, user: str | None = None) -> OrderRecord:
    """Creates the exchange order of a return (in the caller's unit of work), records it on both
    orders, then validates and allocates it; the new order as it stands after that."""
    if record.exchange_order_id is not None:
        taken = uow.orders.get_by_id(record.exchange_order_id)
        raise ShippingError(phrase("Return %(rma)s has its exchange already (order %(order)s).", rma=record.rma,
                                   order=taken.number if taken else record.exchange_order_id))
    number = exchange_number(record.rma)
    new_id = uow.returns.add_exchange_order(order.id, number, lines)
    uow.returns.save(replace(record, exchange_order_id=new_id))
    sent = [{"sku": l.sku, "quantity": l.quantity} for l in lines]
    lifecycle.record_event(uow, order.id, "ExchangeOrdered", user=user, rma=record.rma, exchange_order=number,
                           lines=sent)
    lifecycle.record_event(uow, new_id, "ExchangeFor", user=user, rma=record.rma, order=order.number, lines=sent)
    new = uow.orders.get_by_id(new_id)
    assert new is not None
    validate_in(uow, new, settings, user=user)
    new = uow.orders.get_by_id(new_id) or new
    if new.status == OrderStatus.VALIDATED.value:
        allocate_in(uow, new, settings, user=user)
        new = uow.orders.get_by_id(new_id) or new
    log.info("exchange %s for %s: %s", number, record.rma, new.status)
    return new


def exchanged_value(uow: UnitOfWork, record: ReturnRecord) -> Decimal:
    """What the return's exchange order sends, at its catalogue prices (0 without an exchange)."""
    if record.exchange_order_id is None:
        return Decimal(0)
    return sum((l.unit_price * l.quantity for l in uow.orders.lines(record.exchange_order_id)), Decimal(0))
