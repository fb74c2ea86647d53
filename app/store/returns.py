"""Customer returns and their lines; units restocked to a bin (issue 15)."""
from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.orders.hold_words import EXCHANGE_FOR, reason
from app.store.models import Location, Order, OrderLine, ReturnLine, ReturnRequest, Stock, as_utc
from app.unit_of_work import ExchangeLineRecord, ReturnLineRecord, ReturnRecord

log = logging.getLogger(__name__)


def _values(record: object) -> dict:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name != "id"}  # type: ignore[arg-type]


def _return(row: ReturnRequest) -> ReturnRecord:
    values = {f.name: getattr(row, f.name) for f in fields(ReturnRecord)}
    return ReturnRecord(**{k: as_utc(v) if isinstance(v, datetime) else v for k, v in values.items()})


def _line(row: ReturnLine) -> ReturnLineRecord:
    return ReturnLineRecord(**{f.name: getattr(row, f.name) for f in fields(ReturnLineRecord)})


class SqlReturns:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, record: ReturnRecord, lines: list[ReturnLineRecord]) -> int:
        values = {k: v for k, v in _values(record).items() if v is not None}
        row = ReturnRequest(**values)
        self.s.add(row)
        self.s.flush()
        for line in lines:
            self.s.add(ReturnLine(**{**_values(line), "return_id": row.id}))
        self.s.flush()
        return row.id

    def get(self, rma: str) -> ReturnRecord | None:
        row = self.s.scalar(select(ReturnRequest).where(ReturnRequest.rma == rma)
                            .execution_options(populate_existing=True))
        return None if row is None else _return(row)

    def lines(self, return_id: int) -> list[ReturnLineRecord]:
        return [_line(r) for r in self.s.scalars(select(ReturnLine).where(ReturnLine.return_id == return_id)
                                                 .order_by(ReturnLine.id).execution_options(populate_existing=True))]

    def save(self, record: ReturnRecord) -> None:
        row = self.s.get(ReturnRequest, record.id)
        assert row is not None
        for name, value in _values(record).items():
            setattr(row, name, value)
        self.s.flush()

    def save_line(self, line: ReturnLineRecord) -> None:
        row = self.s.get(ReturnLine, line.id)
        assert row is not None
        for name, value in _values(line).items():
            setattr(row, name, value)
        self.s.flush()

    def returned_quantities(self, order_id: int) -> dict[int, int]:
        rows = self.s.execute(select(ReturnLine.order_line_id, func.sum(ReturnLine.quantity))
                              .join(ReturnRequest, ReturnRequest.id == ReturnLine.return_id)
                              .where(ReturnRequest.order_id == order_id).group_by(ReturnLine.order_line_id)).all()
        return {line_id: int(qty) for line_id, qty in rows}

    def restock(self, product_id: int, location: str, quantity: int) -> bool:
        where = self.s.scalar(select(Location).where(Location.code == location))
        if where is None:
            return False
        stock = self.s.scalar(select(Stock).where(Stock.product_id == product_id, Stock.location_id == where.id)
                              .with_for_update())
        if stock is None:
            self.s.add(Stock(product_id=product_id, location_id=where.id, quantity=quantity, allocated=0))
        else:
            stock.quantity += quantity
        self.s.flush()
        return True

    def add_exchange_order(self, source_order_id: int, number: str, lines: list[ExchangeLineRecord]) -> int:
        source = self.s.get(Order, source_order_id)
        assert source is not None
        goods = sum((line.unit_price * line.quantity for line in lines), Decimal(0))
        order = Order(number=number, channel="exchange", status="captured", customer_id=source.customer_id,
                      ship_to_id=source.ship_to_id, email=source.email, carrier=source.carrier,
                      service_level=source.service_level, shipping_method=source.shipping_method,
                      financial_status="paid", currency=source.currency, subtotal=goods, discount_total=Decimal(0),
                      total=Decimal(0), notes=str(reason(EXCHANGE_FOR, order=source.number)),
                      billing_postcode=source.billing_postcode, billing_country=source.billing_country)
        self.s.add(order)
        self.s.flush()
        for no, line in enumerate(lines, 1):
            self.s.add(OrderLine(order_id=order.id, line_no=no, product_id=line.product_id, sku=line.sku,
                                 name=line.name, quantity=line.quantity, unit_price=line.unit_price,
                                 discount=line.unit_price * line.quantity))
        self.s.flush()
        return order.id
