"""An import's new orders as rows: customers, addresses, orders, lines and their OrderCaptured
events inserted with Core executemany, a chunk of orders at a time (no ORM objects, no flush an
order). Where the import owns the ids (the SQLite staging file, app/store/staged_import.py) it
numbers the rows itself; elsewhere the database numbers them and hands them back in the order
given (INSERT ... RETURNING, batched)."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.orders.status import OrderStatus
from app.store import order_writes
from app.store.import_rows import OrderDraft, same
from app.store.models import Address, Customer, Order, OrderEvent, OrderLine, utcnow

CUSTOMERS: Table = Customer.__table__  # type: ignore[assignment]
ADDRESSES: Table = Address.__table__  # type: ignore[assignment]
ORDERS: Table = Order.__table__  # type: ignore[assignment]
LINES: Table = OrderLine.__table__  # type: ignore[assignment]
EVENTS: Table = OrderEvent.__table__  # type: ignore[assignment]
CAPTURED = OrderStatus.CAPTURED.value


@dataclass
class Owners:
    """The customers of a file's new orders, by e-mail: `ids` per draft (a known customer's id,
    the e-mail of a new one, or None), `new` e-mail -> the new customer's values, `updates` known
    id -> the name and phone the file gives a known customer (only where they differ)."""

    ids: list[int | str | None] = field(default_factory=list)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)
    updates: dict[int, dict[str, Any]] = field(default_factory=dict)


def owners(drafts: list[OrderDraft], known: dict[str, tuple[int, str, str | None]]) -> Owners:
    """Who each draft belongs to. `known`: e-mail -> (id, name, phone) of stored customers. A
    later order of the same e-mail renames the customer; its phone only when it gives one."""
    found = Owners()
    current: dict[str, dict[str, Any]] = {}
    for draft in drafts:
        email = draft.customer.get("email")
        if not email:
            found.ids.append(None)
            continue
        name = draft.customer.get("name") or draft.address.get("name") or email
        phone = draft.customer.get("phone")
        values = current.get(email)
        if values is None:
            if email in known:
                values = current[email] = {"name": known[email][1], "phone": known[email][2]}
            else:
                values = current[email] = found.new[email] = {"email": email, "name": name, "phone": phone}
        values["name"], values["phone"] = name, phone or values["phone"]
        found.ids.append(known[email][0] if email in known else email)
    for email, values in current.items():
        if email in known:
            _, name, phone = known[email]
            if not (same(name, values["name"]) and same(phone, values["phone"])):
                found.updates[known[email][0]] = {"name": values["name"], "phone": values["phone"]}
    return found


class RowWriter:
    """Inserts rows of one session's tables; `numbered`: the import numbers the ids itself,
    counting on from the largest in each table (else the database numbers them)."""

    def __init__(self, session: Session, numbered: bool) -> None:
        self.session = session
        self.next_id: dict[str, int] | None = {} if numbered else None

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> list[int]:
        """The rows' ids, in the order given."""
        if not rows:
            return []
        if self.next_id is None and self.session.get_bind().dialect.name != "postgresql":
            result = self.session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                                          _complete(table, rows))
            return [row[0] for row in result]
        if self.next_id is None:
            # the ids from the table's sequence first, then a plain executemany as driver tuples:
            # an INSERT ... RETURNING of many rows is one long statement per 1,000 rows that
            # psycopg parses anew each time (3 of the 4.5 s the writer took for 5,000 orders)
            ids = order_writes.next_ids(self.session, table, len(rows))
        else:
            start = self.next_id.get(table.name)
            if start is None:
                start = 1 + (self.session.execute(table.select().with_only_columns(table.c.id)
                                                  .order_by(table.c.id.desc()).limit(1)).scalar() or 0)
            ids = list(range(start, start + len(rows)))
            self.next_id[table.name] = start + len(rows)
        order_writes.insert_rows(self.session, table, rows, ids)
        return ids


def insert_orders(writer: RowWriter, drafts: list[OrderDraft], found: Owners, source: str,
                  count: Callable[[bool, bool], None], chunk: int,
                  written: Callable[[int], None] | None = None, events: bool = True) -> None:
    """The new customers of `found`, then the drafts' orders `chunk` at a time (addresses,
    orders, lines, OrderCaptured events unless `events` is False: a batched INSERT each);
    `written(n)` hears after each chunk, n the drafts written so far."""
    emails = list(found.new)
    new_ids = dict(zip(emails, writer.insert(CUSTOMERS, [found.new[e] for e in emails])))
    owner_ids = [new_ids[o] if isinstance(o, str) else o for o in found.ids]
    detail = captured_detail(source)
    for start in range(0, len(drafts), chunk):
        batch, owned = drafts[start:start + chunk], owner_ids[start:start + chunk]
        now = utcnow()
        address_ids = writer.insert(ADDRESSES, [{**d.address, "customer_id": o} for d, o in zip(batch, owned)])
        order_ids = writer.insert(ORDERS, [
            {"number": d.number, "status": CAPTURED, "created_at": now, **d.wanted(), "customer_id": o,
             "ship_to_id": a} for d, o, a in zip(batch, owned, address_ids)])
        writer.insert(LINES, [{**line, "order_id": order_id} for d, order_id in zip(batch, order_ids)
                              for line in d.lines])
        if events:
            writer.insert(EVENTS, [{"order_id": order_id, "at": now, "kind": "OrderCaptured", "to_status": CAPTURED,
                                    "detail": detail} for order_id in order_ids])
        for _ in batch:
            count(True, True)
        if written is not None:
            written(start + len(batch))


def captured_detail(source: str) -> str:
    """An OrderCaptured event's detail as stored, as lifecycle.record_event writes it."""
    return json.dumps({"source": source}, default=str, sort_keys=True)


def _complete(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row with the same keys (one executemany): a value missing or None where the column
    has a default gets the default, as the ORM would insert it."""
    keys = {key for row in rows for key in row}
    defaults = {}
    for key in keys:
        default = table.c[key].default
        if default is not None and not default.is_callable and not default.is_clause_element:
            defaults[key] = default.arg  # type: ignore[attr-defined]
        elif default is not None and default.is_callable:
            defaults[key] = utcnow()  # the only callable default of these tables: a timestamp
    return [{key: defaults[key] if row.get(key) is None and key in defaults else row.get(key)
             for key in keys} for row in rows]
