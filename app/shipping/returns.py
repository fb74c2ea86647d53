"""Customer returns: an RMA with its return tracking number, received at the returns station,
its items scanned one by one (app/shipping/return_scans.py), inspected line by line (restock to a
bin, write off, damaged, exchange), then refunded through the payment port - only after
inspection - and the customer told at each step that matters. An exchange is a new order linked
to the RMA (app/shipping/exchanges.py). docs/returns.md."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from app.orders import lifecycle
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.shipping.carriers import Shipment, adapter_for
from app.shipping.errors import ShippingError
from app.shipping.exchanges import exchange_in, exchange_lines, exchanged_value
from app.shipping.outbox import queue_in
from app.shipping.payments import refund_in
from app.shipping.return_scans import receive_item, scanning_unfinished
from app.shipping.settings import AfterDelivery
from app.translator import Lines, phrase
from app.unit_of_work import CarrierRecord, OrderRecord, ReturnLineRecord, ReturnRecord, ServiceRecord, UnitOfWork

log = logging.getLogger(__name__)

OUTCOMES = ("restock", "write_off", "damaged", "exchange")  # exchange: the same goods sent again
RETURNABLE = (OrderStatus.DELIVERED.value, OrderStatus.COMPLETED.value, OrderStatus.RETURNED.value)


@dataclass(frozen=True)
class ReturnView:
    """A return as the commands and screens show it."""

    rma: str
    order_number: str
    status: str
    reason: str
    tracking_number: str | None
    lines: tuple[dict, ...]  # sku, name, quantity, received_quantity, outcome, location, photo
    refund_amount: str | None = None
    message: str = ""
    exchange_order: str | None = None  # the number of the order that sends the exchange

    @property
    def received(self) -> int:
        """Units of the return scanned at the station."""
        return sum(line["received_quantity"] for line in self.lines)

    @property
    def expected(self) -> int:
        """Units the return names."""
        return sum(line["quantity"] for line in self.lines)

    @property
    def scanned_all(self) -> bool:
        return self.received >= self.expected

    @property
    def progress(self) -> str:
        """"2 of 3 items received"."""
        return phrase("%(received)s of %(expected)s items received", received=self.received, expected=self.expected)


def parse_lines(values: list[str], parts: int) -> list[list[str]]:
    """`SKU:QTY` (parts 2) or `SKU:OUTCOME[:BIN]` (parts 3) arguments, split; ShippingError names a bad one."""
    parsed = []
    for value in values:
        bits = value.split(":")
        if not (2 <= len(bits) <= parts) or not all(b.strip() for b in bits):
            shape = "SKU:QTY" if parts == 2 else "SKU:OUTCOME or SKU:restock:BIN"
            raise ShippingError(phrase("--line %(value)s is not %(shape)s.", value=repr(value), shape=shape))
        parsed.append([b.strip() for b in bits])
    return parsed


def create_return(uow: UnitOfWork, number: str, wanted: list[tuple[str, int]], reason: str, now: datetime,
                  after: AfterDelivery, fallback_carrier: CarrierRecord, exchange: list[tuple[str, int]] | None = None,
                  order_settings: OrderSettings | None = None, user: str | None = None) -> ReturnView:
    """An RMA for units of a delivered (or completed) order within the return window, with a
    return tracking number from the carrier of its first parcel; with `exchange` (SKU, quantity),
    the exchange order too, validated and allocated at once."""
    why = (reason or "").strip()
    if not why:
        raise ShippingError(phrase("A return needs a reason (--reason), e.g. \"wrong size\"."))
    if not wanted:
        raise ShippingError(phrase("Name what comes back: --line SKU:QTY (once per SKU)."))
    with uow:
        order = uow.orders.get(number)
        if order is None:
            raise ShippingError(phrase("No order has the number %(number)s.", number=number))
        if order.status not in RETURNABLE:
            raise ShippingError(phrase("Order %(number)s is %(status)s; only delivered or "
                                       "completed orders can be returned.", number=number,
                                       status=OrderStatus(order.status).label))
        parcels = uow.parcels.of_order(order.id)
        delivered = max((p.delivered_at for p in parcels if p.delivered_at), default=None)
        if delivered is not None and now - delivered > timedelta(days=after.return_window_days):
            raise ShippingError(phrase("Order %(number)s was delivered on %(date)s, more than "
                                       "%(days)s days ago ([returns] window_days): the return "
                                       "window is closed.", number=number, date=delivered.strftime("%Y-%m-%d"),
                                       days=after.return_window_days))
        lines = {line.sku: line for line in uow.orders.lines(order.id)}
        returned = uow.returns.returned_quantities(order.id)
        problems, chosen = [], []
        for sku, quantity in wanted:
            line = lines.get(sku)
            if line is None:
                problems.append(phrase("%(sku)s is not on order %(number)s", sku=sku, number=number))
                continue
            left = line.packed_quantity - returned.get(line.id, 0)
            if quantity < 1 or quantity > left:
                problems.append(phrase("%(quantity)s x %(sku)s: %(left)s of the %(shipped)s shipped can still come "
                                       "back", quantity=quantity, sku=sku, left=left, shipped=line.packed_quantity))
                continue
            chosen.append(ReturnLineRecord(0, 0, line.id, sku, quantity))
        if len({sku for sku, _ in wanted}) != len(wanted):
            problems.append(phrase("each SKU once: add the quantities up"))
        if problems:
            raise ShippingError(phrase("The return of order %(number)s cannot be made: %(problems)s.", number=number,
                                       problems=Lines(problems, "; ")))
        rma = f"RMA-{uow.counters.next('rma'):06d}"
        sent = exchange_lines(uow, rma, exchange) if exchange else []
        table = uow.carriers.table()
        carrier = next((c for c in table.carriers if parcels and c.code == parcels[0].carrier), fallback_carrier)
        service = next((s for s in table.services if s.carrier == carrier.code),
                       ServiceRecord(carrier.code, "return", "Return", "standard", 0, "23:59"))
        tracking = adapter_for(carrier, uow.counters).book(Shipment(
            carrier, service, order.number, 0, "", order.ship_to, 0, None))
        record = ReturnRecord(0, rma, order.id, why, "open", tracking, now)
        record = replace(record, id=uow.returns.add(record, chosen))
        lifecycle.record_event(uow, order.id, "ReturnCreated", rma=rma, reason=why, tracking=tracking,
                               lines=[{"sku": l.sku, "quantity": l.quantity} for l in chosen])
        said = phrase("Return %(rma)s of order %(order)s: send the parcel with tracking number %(tracking)s.",
                      rma=rma, order=number, tracking=tracking)
        if sent:
            swap = exchange_in(uow, order, record, sent, order_settings or OrderSettings(), user=user)
            said = phrase("%(said)s Exchange order %(order)s is %(status)s.", said=said, order=swap.number,
                          status=OrderStatus(swap.status).label)
        uow.commit()
        return _view(uow, rma, order.number, said)


def receive_return(uow: UnitOfWork, rma: str, now: datetime, user: str | None = None,
                   station: str | None = None) -> ReturnView:
    """The parcel arrived at the returns station: the order is returned, the customer told."""
    with uow:
        record, order = _find(uow, rma)
        if record.status != "open":
            raise ShippingError(phrase("Return %(rma)s is %(status)s already.", rma=rma, status=record.status))
        uow.returns.save(replace(record, status="received", received_at=now))
        if order.status != OrderStatus.RETURNED.value:
            order = lifecycle.change_status(uow, order, OrderStatus.RETURNED, station=station, user=user,
                                            reason=f"return {rma} received")
        lifecycle.record_event(uow, order.id, "ReturnReceived", station=station, user=user, rma=rma)
        lines = uow.returns.lines(record.id)
        queue_in(uow, "return_received", order, {"rma": rma, "items": _items(lines)}, ref=rma, now=now)
        uow.commit()
        expected = sum(l.quantity for l in lines)
        return _view(uow, rma, order.number, phrase("Return %(rma)s received: scan each item (0 of %(expected)s), or "
                                                    "inspect the lines as a whole.", rma=rma, expected=expected))


def scan_returned_item(uow: UnitOfWork, rma: str, scan: str, now: datetime, user: str | None = None,
                       station: str | None = None) -> ReturnView:
    """One returned item scanned at the station (WrongReturnItem when the return does not expect it)."""
    with uow:
        record, order = _find(uow, rma)
        sku, received, expected = receive_item(uow, record.rma, scan, now, user, station)
        uow.commit()
        if received >= expected:
            said = phrase("%(sku)s received: %(received)s of %(expected)s items received; inspect each line.",
                          sku=sku, received=received, expected=expected)
        else:
            said = phrase("%(sku)s received: %(received)s of %(expected)s items received; scan the next item.",
                          sku=sku, received=received, expected=expected)
        return _view(uow, record.rma, order.number, said)


def inspect_return(uow: UnitOfWork, rma: str, decisions: list[list[str]], now: datetime, user: str | None = None,
                   photo: str | None = None, order_settings: OrderSettings | None = None) -> ReturnView:
    """Decides every line: restock (to a bin), write_off, damaged or exchange (the same goods sent
    on an exchange order; restocked too when a bin is named). All lines at once."""
    with uow:
        record, order = _find(uow, rma)
        if record.status != "received":
            raise ShippingError(phrase("Return %(rma)s is %(status)s; it is inspected after it is received "
                                       "(packdesk returns receive %(rma)s).", rma=rma, status=record.status))
        lines = {line.sku: line for line in uow.returns.lines(record.id)}
        given = {d[0]: d for d in decisions}
        unfinished = scanning_unfinished(list(lines.values()))
        problems = [unfinished] if unfinished else []
        problems += [phrase("%(sku)s is not in return %(rma)s", sku=sku, rma=rma) for sku in given if sku not in lines]
        problems += [phrase("say what happens to %(sku)s (--line %(sku)s:restock:BIN, %(sku)s:write_off, "
                            "%(sku)s:damaged or %(sku)s:exchange)", sku=sku)
                     for sku in lines if sku not in given]
        for sku, decision in given.items():
            outcome = decision[1]
            if outcome not in OUTCOMES:
                problems.append(phrase("%(sku)s: %(outcome)s is not one of %(outcomes)s", sku=sku,
                                       outcome=repr(outcome), outcomes=", ".join(OUTCOMES)))
            elif outcome == "restock" and len(decision) < 3:
                problems.append(phrase("%(sku)s: restock to which bin? --line %(sku)s:restock:A-01-01", sku=sku))
        if problems:
            raise ShippingError(phrase("Return %(rma)s cannot be inspected: %(problems)s.", rma=rma,
                                       problems=Lines(problems, "; ")))
        products = {line.sku: line.product_id for line in uow.orders.lines(order.id)}
        for sku, line in lines.items():
            outcome = given[sku][1]
            where = given[sku][2] if outcome in ("restock", "exchange") and len(given[sku]) > 2 else None
            if where is not None:
                product = products.get(sku)
                if product is None or not uow.returns.restock(product, where, line.quantity):
                    raise ShippingError(phrase("%(sku)s cannot be restocked to %(bin)s: no bin has that code (see "
                                               "packdesk import locations).", sku=sku, bin=where))
            uow.returns.save_line(replace(line, outcome=outcome, location=where, photo=photo))
        swapped = [(sku, line.quantity) for sku, line in lines.items() if given[sku][1] == "exchange"]
        if swapped:
            exchange_in(uow, order, record, exchange_lines(uow, record.rma, swapped), order_settings or OrderSettings(),
                        user=user)
            record = uow.returns.get(record.rma) or record
        uow.returns.save(replace(record, status="inspected", inspected_at=now))
        lifecycle.record_event(uow, order.id, "ReturnInspected", user=user, rma=rma, photo=photo,
                               lines=[{"sku": s, "outcome": given[s][1], "bin": given[s][2] if len(given[s]) > 2
                                       else None, "quantity": l.quantity} for s, l in lines.items()])
        uow.commit()
        return _view(uow, rma, order.number, phrase("Return %(rma)s inspected: refund it (packdesk returns refund "
                                                    "%(rma)s).", rma=rma))


def refund_return(uow: UnitOfWork, rma: str, now: datetime, user: str | None = None) -> ReturnView:
    """Refunds the returned units at their price, only after inspection; the order is completed again."""
    with uow:
        record, order = _find(uow, rma)
        if record.status != "inspected":
            raise ShippingError(phrase("Return %(rma)s is %(status)s; a refund comes only after inspection.", rma=rma,
                                       status=record.status))
        prices = {line.id: line.unit_price for line in uow.orders.lines(order.id)}
        lines = uow.returns.lines(record.id)
        # an exchange is paid for with the returned goods: a line exchanged like for like is not
        # refunded; goods asked for at creation (--exchange) are taken off the refund at catalogue price
        returned = sum((prices[l.order_line_id] * l.quantity for l in lines if l.outcome != "exchange"), Decimal(0))
        swapped = exchanged_value(uow, record) if all(l.outcome != "exchange" for l in lines) else Decimal(0)
        amount = max(returned - swapped, Decimal(0)).quantize(Decimal("0.01"))
        if amount > 0:
            refund_in(uow, order, rma, amount, now)
        uow.returns.save(replace(record, status="refunded", refunded_at=now, refund_amount=amount))
        if order.status == OrderStatus.RETURNED.value:
            order = lifecycle.change_status(uow, order, OrderStatus.COMPLETED, user=user,
                                            reason=f"return {rma} refunded")
        if amount > 0:
            queue_in(uow, "refunded", order, {"rma": rma, "amount": f"{order.currency} {amount:.2f}"}, ref=rma,
                     now=now)
        uow.commit()
        refunded = f"{order.currency} {amount:.2f}"
        said = phrase("Return %(rma)s refunded: %(amount)s.", rma=rma, amount=refunded)
        if record.exchange_order_id is not None and amount == 0:
            said = phrase("Return %(rma)s is settled by its exchange: nothing to refund.", rma=rma)
        return _view(uow, rma, order.number, said)


def show_return(uow: UnitOfWork, rma: str) -> ReturnView:
    with uow:
        record, order = _find(uow, rma)
        return _view(uow, rma, order.number)


def _find(uow: UnitOfWork, rma: str) -> tuple[ReturnRecord, OrderRecord]:
    record = uow.returns.get(rma.strip().upper())
    if record is None:
        raise ShippingError(phrase("No return has the RMA %(rma)s; it reads like RMA-000001.", rma=rma))
    order = uow.orders.get_by_id(record.order_id)
    assert order is not None
    return record, order


def _items(lines: list[ReturnLineRecord]) -> str:
    return ", ".join(f"{l.quantity} x {l.sku}" for l in lines)


def _view(uow: UnitOfWork, rma: str, number: str, message: str = "") -> ReturnView:
    record = uow.returns.get(rma.strip().upper())
    assert record is not None
    shown = ("sku", "quantity", "received_quantity", "outcome", "location", "photo")
    names = {line.id: line.name for line in uow.orders.lines(record.order_id)}  # the product as the order named it
    lines = tuple({**{k: v for k, v in asdict(l).items() if k in shown}, "name": names.get(l.order_line_id, "")}
                  for l in uow.returns.lines(record.id))
    swap = uow.orders.get_by_id(record.exchange_order_id) if record.exchange_order_id is not None else None
    return ReturnView(record.rma, number, record.status, record.reason, record.tracking_number, lines,
                      str(record.refund_amount) if record.refund_amount is not None else None, message,
                      swap.number if swap else None)
