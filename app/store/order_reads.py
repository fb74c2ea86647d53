"""The light reads of allocation, handed from the driver as tuples: an order's five fields and
its lines' seven, one hand-written statement each, no SQLAlchemy row processing.

Reading each waiting order back as a full record (35 fields, its address and customer joined,
each time through its type) and its lines with their prices (Decimals) was most of what
allocating an import's orders took on SQLite (0.52 of 1.35 s for 5,000 orders), where
allocation needs the id, number, status, channel and pack_from (benchmarks/bench_orders.py).
The statuses, numbers and ids are bound as one value (a JSON array on SQLite, an array on
PostgreSQL), so each statement is written once and binds any number of them."""
from __future__ import annotations

import json
from typing import Any

from app.store.repositories import SqlOrders
from app.unit_of_work import LineToAllocate, OrderToAllocate

ORDER_COLUMNS = "id, number, status, channel, pack_from"
LINE_COLUMNS = "id, order_id, line_no, product_id, sku, quantity, backordered_quantity"
# the queue's order, as SqlOrders.in_status reads it: priority, SLA (none last), age
TO_ALLOCATE = {
    "sqlite": f"SELECT {ORDER_COLUMNS} FROM orders WHERE status IN (SELECT value FROM json_each(?)) {{numbers}}"
              "ORDER BY priority DESC, sla_due_at IS NULL, sla_due_at, created_at, id",
    "postgresql": f"SELECT {ORDER_COLUMNS} FROM orders WHERE status = ANY(%s) {{numbers}}"
                  "ORDER BY priority DESC, sla_due_at ASC NULLS LAST, created_at, id",
}
ONLY_NUMBERS = {"sqlite": "AND number IN (SELECT value FROM json_each(?)) ", "postgresql": "AND number = ANY(%s) "}
LINES_TO_ALLOCATE = {
    "sqlite": f"SELECT {LINE_COLUMNS} FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?)) "
              "ORDER BY order_id, line_no",
    "postgresql": f"SELECT {LINE_COLUMNS} FROM order_lines WHERE order_id = ANY(%s) ORDER BY order_id, line_no",
}
STATEMENTS = {(dialect, bool(numbers)): TO_ALLOCATE[dialect].format(numbers=ONLY_NUMBERS[dialect] if numbers else "")
              for dialect in TO_ALLOCATE for numbers in (False, True)}


def _rows(connection: Any, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The statement's rows as the driver's tuples (no Row objects made for what is only read)."""
    result = connection.exec_driver_sql(sql, values)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def _many(dialect: str, values: list[Any]) -> Any:
    """A list bound as one value: a JSON array for SQLite's json_each, a list (an array) for psycopg."""
    return json.dumps(values) if dialect == "sqlite" else list(values)


class AllocationReads(SqlOrders):
    """The orders with allocation's light reads."""

    def to_allocate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToAllocate]:
        self.s.flush()  # what the session holds unwritten counts, as with in_status
        connection = self.s.connection()
        dialect = connection.dialect.name
        values = [_many(dialect, list(statuses))] + ([] if numbers is None else [_many(dialect, list(numbers))])
        return [OrderToAllocate._make(row) for row in _rows(connection, STATEMENTS[(dialect, numbers is not None)],
                                                            tuple(values))]

    def lines_to_allocate(self, order_ids: list[int]) -> dict[int, list[LineToAllocate]]:
        found: dict[int, list[LineToAllocate]] = {}
        if not order_ids:
            return found
        self.s.flush()
        connection = self.s.connection()
        dialect = connection.dialect.name
        for row in _rows(connection, LINES_TO_ALLOCATE[dialect], (_many(dialect, sorted(set(order_ids))),)):
            found.setdefault(row[1], []).append(LineToAllocate._make(row))
        return found
