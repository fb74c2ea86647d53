"""The SQL repositories of the stages before packing: stock at bins with its hold ledger, and
the typed reasons an order is on hold (app.unit_of_work's Stock and Holds ports)."""
from __future__ import annotations

import logging

from collections import defaultdict

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.store import order_writes
from app.store.models import Location, OrderHold, Stock, StockHold, as_utc, utcnow
from app.store.repositories import chunks
from app.store.station_statements import send
from app.unit_of_work import Conflict, OrderHoldRecord, StockBin, StockHoldRecord
from app.translator import phrase

log = logging.getLogger(__name__)

stock_t = Stock.__table__
holds_t = StockHold.__table__
reasons_t = OrderHold.__table__

# what a ledger move does to the bin: (allocated, on hand) added
STOCK_EFFECT = {
    ("held", "picked"): (0, 0),
    ("held", "released"): (-1, 0),
    ("picked", "released"): (-1, 0),
    ("held", "shipped"): (-1, -1),
    ("picked", "shipped"): (-1, -1),
}

BINS = (select(stock_t.c.id, stock_t.c.product_id, Location.code, stock_t.c.quantity, stock_t.c.allocated,
               Location.walk_sequence, Location.zone, stock_t.c.lot, stock_t.c.expiry)
        .join(Location, Location.id == stock_t.c.location_id))
# FOR UPDATE OF stock: two allocators of one product queue here on PostgreSQL (SQLite's BEGIN
# IMMEDIATE already serialises every writer). Rows are locked in the ORDER BY's order, by
# product then bin, as allocating line by line (lines by product) locks them: never a deadlock.
BINS_OF_PRODUCTS = (BINS.where(stock_t.c.product_id.in_(bindparam("ids", expanding=True)))
                    .order_by(stock_t.c.product_id, stock_t.c.id).with_for_update(of=stock_t))
# the guard is in the statement: a bin never holds more than it has
HOLD_AT_BIN = update(stock_t).where(
    stock_t.c.id == bindparam("stock"), stock_t.c.quantity - stock_t.c.allocated >= bindparam("units"),
).values(allocated=stock_t.c.allocated + bindparam("units"))
HOLD_COLUMNS = ["order_id", "order_line_id", "stock_id", "quantity", "status", "created_at"]
HOLD_FIELDS = (holds_t.c.id, holds_t.c.order_id, holds_t.c.order_line_id, holds_t.c.stock_id, holds_t.c.quantity,
               holds_t.c.status)
# built once: read at every change to shipped (every dock scan that ships an order)
HOLDS_OF_ORDER = select(*HOLD_FIELDS).where(holds_t.c.order_id == bindparam("order_id")).order_by(holds_t.c.id)
HOLDS_OF_ORDERS = (select(*HOLD_FIELDS).where(holds_t.c.order_id.in_(bindparam("ids", expanding=True)))
                   .order_by(holds_t.c.id))


class SqlStock:
    def __init__(self, session: Session) -> None:
        self.s = session

    def lock_bins(self, product_id: int) -> list[StockBin]:
        return self.lock_bins_of({product_id}).get(product_id, [])

    def lock_bins_of(self, product_ids: set[int]) -> dict[int, list[StockBin]]:
        bins: dict[int, list[StockBin]] = defaultdict(list)
        for chunk in chunks(sorted(product_ids)):  # ascending chunks: still locked in product order
            for row in self.s.execute(BINS_OF_PRODUCTS, {"ids": chunk}):
                bins[row.product_id].append(StockBin(*row))
        return dict(bins)

    def hold_many(self, holds: list[tuple[int, int, int, int]]) -> None:
        if not holds:
            return
        units: dict[int, int] = defaultdict(int)
        for _, _, stock_id, quantity in holds:
            units[stock_id] += quantity
        for stock_id in sorted(units):  # one guarded UPDATE a bin, whatever the number of lines
            if self.s.execute(HOLD_AT_BIN, {"stock": stock_id, "units": units[stock_id]}).rowcount != 1:
                raise Conflict(phrase("stock %(stock)s no longer has %(units)s units available",
                                      stock=stock_id, units=units[stock_id]))
        now = order_writes.bound(self.s, holds_t.c.created_at, utcnow())
        order_writes.insert_many(self.s, holds_t, HOLD_COLUMNS, [  # one batched INSERT of the ledger rows, as tuples
            (order_id, line_id, stock_id, quantity, "held", now) for order_id, line_id, stock_id, quantity in holds])

    def hold(self, order_id: int, line_id: int, stock_id: int, quantity: int) -> int | None:
        # the guard is in the statement: a bin never holds more than it has
        done = self.s.execute(update(stock_t).where(
            stock_t.c.id == stock_id, stock_t.c.quantity - stock_t.c.allocated >= quantity,
        ).values(allocated=stock_t.c.allocated + quantity))
        if done.rowcount != 1:
            return None
        return int(self.s.execute(insert(holds_t).values(
            order_id=order_id, order_line_id=line_id, stock_id=stock_id, quantity=quantity, status="held",
            created_at=utcnow()).returning(holds_t.c.id)).scalar_one())

    def holds_of_order(self, order_id: int) -> list[StockHoldRecord]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        return [StockHoldRecord(*row) for row in send(self.s, HOLDS_OF_ORDER, {"order_id": order_id}).rows]

    def holds_of_orders(self, order_ids: list[int]) -> dict[int, list[StockHoldRecord]]:
        found: dict[int, list[StockHoldRecord]] = defaultdict(list)
        for chunk in chunks(sorted(set(order_ids))):
            for row in self.s.execute(HOLDS_OF_ORDERS, {"ids": chunk}):
                found[row.order_id].append(StockHoldRecord(*row))
        return {order_id: sorted(rows, key=lambda h: h.id) for order_id, rows in found.items()}

    def move_hold(self, hold_id: int, to: str) -> None:
        stock_id, quantity, status = self.s.execute(
            select(holds_t.c.stock_id, holds_t.c.quantity, holds_t.c.status).where(holds_t.c.id == hold_id)).one()
        allocated, on_hand = STOCK_EFFECT[(status, to)]
        if allocated or on_hand:
            self.s.execute(update(stock_t).where(stock_t.c.id == stock_id).values(
                allocated=stock_t.c.allocated + allocated * quantity,
                quantity=stock_t.c.quantity + on_hand * quantity))
        self.s.execute(update(holds_t).where(holds_t.c.id == hold_id).values(status=to, changed_at=utcnow()))


class SqlHolds:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, order_id: int, kind: str, detail: str) -> None:
        self.s.execute(insert(reasons_t).values(order_id=order_id, kind=kind, detail=detail, created_at=utcnow()))

    def add_many(self, holds: list[tuple[int, str, str]]) -> None:
        at = order_writes.bound(self.s, reasons_t.c.created_at, utcnow())
        order_writes.insert_many(self.s, reasons_t, ["order_id", "kind", "detail", "created_at"],
                                 [(order_id, kind, detail, at) for order_id, kind, detail in holds])

    def open_of(self, order_id: int) -> list[OrderHoldRecord]:
        rows = self.s.execute(select(reasons_t.c.id, reasons_t.c.order_id, reasons_t.c.kind, reasons_t.c.detail,
                                     reasons_t.c.created_at)
                              .where(reasons_t.c.order_id == order_id, reasons_t.c.released_at.is_(None))
                              .order_by(reasons_t.c.id)).all()
        return [OrderHoldRecord(i, o, k, d, as_utc(at)) for i, o, k, d, at in rows]

    def release_all(self, order_id: int, by: str | None, reason: str) -> int:
        done = self.s.execute(update(reasons_t).where(
            reasons_t.c.order_id == order_id, reasons_t.c.released_at.is_(None),
        ).values(released_at=utcnow(), released_by=by, release_reason=reason))
        return int(done.rowcount or 0)
