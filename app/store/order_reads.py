"""The light reads of allocation and validation, handed from the driver as tuples: an order's
five fields and its lines' seven for allocation, an order's money, payment and address and
its lines' product, quantity and money for validation, one hand-written statement each, no
SQLAlchemy row processing but the amounts'.

Reading each waiting order back as a full record (35 fields, its address and customer joined,
each time through its type) and its lines with their prices (Decimals) was most of what
allocating an import's orders took on SQLite (0.52 of 1.35 s for 5,000 orders), where
allocation needs the id, number, status, channel and pack_from (benchmarks/bench_orders.py).
The statuses, numbers and ids are bound as one value (a JSON array on SQLite, an array on
PostgreSQL), so each statement is written once and binds any number of them."""
from __future__ import annotations

import functools
from typing import Any

from app.addresses import AddressData
from app.store.among import one_value
from app.store.models import Order, as_utc
from app.store.repositories import SqlOrders
from app.unit_of_work import LineToAllocate, LineToValidate, OrderToAllocate, OrderToValidate, OrderToWave

ORDER_COLUMNS = "o.id, o.number, o.status, o.channel, o.pack_from"
LINE_COLUMNS = "id, order_id, line_no, product_id, sku, quantity, backordered_quantity"
# validation's lines: LineToValidate's fields, in its order
LINE_VALIDATE_COLUMNS = "order_id, line_no, product_id, sku, quantity, unit_price, discount"
# validation reads an order's payment, money and billing, and its shipping address (joined)
VALIDATE_COLUMNS = ("o.id, o.number, o.status, o.email, o.financial_status, o.currency, o.shipping_total, "
                    "o.discount_total, o.tax_total, o.total, o.billing_postcode, o.billing_country, o.ship_to_id, "
                    "a.name, a.line1, a.line2, a.postcode, a.city, a.country, a.company, a.region, a.phone")
WAVE_COLUMNS = "o.id, o.number, o.status, o.carrier, o.sla_due_at, o.pack_from"
WITH_ADDRESS = "orders o LEFT JOIN addresses a ON a.id = o.ship_to_id"
IN_STATUSES = {"sqlite": "o.status IN (SELECT value FROM json_each(?))", "postgresql": "o.status = ANY(%s)"}
ONLY_NUMBERS = {"sqlite": " AND o.number IN (SELECT value FROM json_each(?))", "postgresql": " AND o.number = ANY(%s)"}
# the queue's order, as SqlOrders.in_status reads it: priority, SLA (none last), age
QUEUE_ORDER = {"sqlite": "o.priority DESC, o.sla_due_at IS NULL, o.sla_due_at, o.created_at, o.id",
               "postgresql": "o.priority DESC, o.sla_due_at ASC NULLS LAST, o.created_at, o.id"}
OF_ORDERS = {"sqlite": "order_id IN (SELECT value FROM json_each(?))", "postgresql": "order_id = ANY(%s)"}
LINES_TO_ALLOCATE = {dialect: f"SELECT {LINE_COLUMNS} FROM order_lines WHERE {where} ORDER BY order_id, line_no"
                     for dialect, where in OF_ORDERS.items()}
LINES_TO_VALIDATE = {dialect: f"SELECT {LINE_VALIDATE_COLUMNS} FROM order_lines WHERE {where} "
                               "ORDER BY order_id, line_no" for dialect, where in OF_ORDERS.items()}


def _in_status(dialect: str, columns: str, source: str, numbers: bool, order: str | None = None) -> str:
    """Orders in some statuses (and among some numbers), in the queue's order unless `order` says otherwise."""
    return (f"SELECT {columns} FROM {source} WHERE {IN_STATUSES[dialect]}{ONLY_NUMBERS[dialect] if numbers else ''} "
            f"ORDER BY {order or QUEUE_ORDER[dialect]}")


STATEMENTS = {(dialect, numbers): _in_status(dialect, ORDER_COLUMNS, "orders o", numbers)
              for dialect in IN_STATUSES for numbers in (False, True)}
WAVE_STATEMENTS = {(dialect, numbers): _in_status(dialect, WAVE_COLUMNS, "orders o", numbers)
                   for dialect in IN_STATUSES for numbers in (False, True)}
NUMBER_STATEMENTS = {(dialect, numbers): _in_status(dialect, "o.number", "orders o", numbers)
                     for dialect in IN_STATUSES for numbers in (False, True)}
# validation takes no stock: it reads the orders in the order they were stored (no sort of
# 10,000 rows, and an import's slices rewrite their own pages), not the queue's
VALIDATE_STATEMENTS = {(dialect, numbers): _in_status(dialect, VALIDATE_COLUMNS, WITH_ADDRESS, numbers, "o.id")
                       for dialect in IN_STATUSES for numbers in (False, True)}


def _rows(connection: Any, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The statement's rows as the driver's tuples (no Row objects made for what is only read)."""
    result = connection.exec_driver_sql(sql, values)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _money(dialect: Any) -> Any:
    """The amounts as SQLAlchemy reads them (SQLite keeps them as floats, PostgreSQL as numerics).
    On SQLite each distinct amount of one read is made a Decimal once: a batch's prices, shipping
    and zero discounts repeat (10,000 orders' 70,000 amounts)."""
    process = Order.__table__.c.total.type.result_processor(dialect, None)
    return functools.lru_cache(maxsize=None)(process) if process is not None else (lambda value: value)


class AllocationReads(SqlOrders):
    """The orders with allocation's light reads."""

    def _in_status_rows(self, statements: dict[tuple[str, bool], str], statuses: tuple[str, ...],
                        numbers: list[str] | None) -> tuple[Any, list[tuple[Any, ...]]]:
        """The dialect and the rows of one of the `statements` (by dialect and whether numbers
        are given), the statuses and numbers bound as one value each."""
        self.s.flush()  # what the session holds unwritten counts, as with in_status
        connection = self.s.connection()
        dialect = connection.dialect
        values = [one_value(dialect.name, statuses)]
        if numbers is not None:
            values.append(one_value(dialect.name, numbers))
        return dialect, _rows(connection, statements[(dialect.name, numbers is not None)], tuple(values))

    def _rows_of_orders(self, statements: dict[str, str], order_ids: list[int]) -> tuple[Any, list[tuple[Any, ...]]]:
        """The dialect and the rows of one of the `statements` (by dialect) for these orders."""
        self.s.flush()
        connection = self.s.connection()
        dialect = connection.dialect
        return dialect, _rows(connection, statements[dialect.name], (one_value(dialect.name, sorted(set(order_ids))),))

    def to_allocate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToAllocate]:
        _, rows = self._in_status_rows(STATEMENTS, statuses, numbers)
        return [OrderToAllocate._make(row) for row in rows]

    def lines_to_allocate(self, order_ids: list[int]) -> dict[int, list[LineToAllocate]]:
        found: dict[int, list[LineToAllocate]] = {}
        if not order_ids:
            return found
        for row in self._rows_of_orders(LINES_TO_ALLOCATE, order_ids)[1]:
            found.setdefault(row[1], []).append(LineToAllocate._make(row))
        return found


class ValidationReads(AllocationReads):
    """The orders with validation's and a wave's light reads as well."""

    def numbers_in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[str]:
        # the numbers only, as the driver hands them (an import's slices start from 10,000 of them)
        return [number for (number,) in self._in_status_rows(NUMBER_STATEMENTS, statuses, numbers)[1]]

    def to_wave(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToWave]:
        dialect, rows = self._in_status_rows(WAVE_STATEMENTS, statuses, numbers)
        # the SLA as SQLAlchemy reads it (SQLite keeps text), in UTC as every record's time
        when = Order.__table__.c.sla_due_at.type.dialect_impl(dialect).result_processor(dialect, None)
        return [OrderToWave(order_id, number, status, carrier,
                            None if sla is None else as_utc(when(sla) if when else sla), pack_from)
                for order_id, number, status, carrier, sla, pack_from in rows]

    def to_validate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToValidate]:
        dialect, rows = self._in_status_rows(VALIDATE_STATEMENTS, statuses, numbers)
        money = _money(dialect)
        found = []
        for (order_id, number, status, email, payment, currency, shipping, discount, tax, total, billing_postcode,
             billing_country, ship_to_id, name, line1, line2, postcode, city, country, company, region, phone) in rows:
            ship_to = None if ship_to_id is None else AddressData(
                name=name, lines=tuple(filter(None, (line1, line2))), postcode=postcode, city=city, country=country,
                company=company or "", region=region or "", phone=phone or "")
            found.append(OrderToValidate(order_id, number, status, email, payment, currency, money(shipping),
                                         money(discount), money(tax), money(total), billing_postcode,
                                         billing_country, ship_to))
        return found

    def lines_to_validate(self, order_ids: list[int]) -> dict[int, list[LineToValidate]]:
        found: dict[int, list[LineToValidate]] = {}
        if not order_ids:
            return found
        dialect, rows = self._rows_of_orders(LINES_TO_VALIDATE, order_ids)
        money = _money(dialect)
        for order_id, line_no, product_id, sku, quantity, price, discount in rows:
            found.setdefault(order_id, []).append(
                LineToValidate(order_id, line_no, product_id, sku, quantity, money(price), money(discount)))
        return found
