"""The SQL repositories of the stages before packing: stock at bins with its hold ledger, and
the typed reasons an order is on hold (app.unit_of_work's Stock and Holds ports)."""
from __future__ import annotations

import logging

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.store.models import Location, OrderHold, Stock, StockHold, as_utc, utcnow
from app.unit_of_work import OrderHoldRecord, StockBin, StockHoldRecord

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


class SqlStock:
    def __init__(self, session: Session) -> None:
        self.s = session

    def lock_bins(self, product_id: int) -> list[StockBin]:
        # FOR UPDATE OF stock: two allocators of one product queue here on PostgreSQL (SQLite's
        # BEGIN IMMEDIATE already serialises every writer); ordered by id, so never a deadlock
        rows = self.s.execute(
            select(stock_t.c.id, stock_t.c.product_id, Location.code, stock_t.c.quantity, stock_t.c.allocated,
                   Location.walk_sequence, Location.zone, stock_t.c.lot, stock_t.c.expiry)
            .join(Location, Location.id == stock_t.c.location_id)
            .where(stock_t.c.product_id == product_id).order_by(stock_t.c.id)
            .with_for_update(of=stock_t)).all()
        return [StockBin(*row) for row in rows]

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
        rows = self.s.execute(select(holds_t.c.id, holds_t.c.order_id, holds_t.c.order_line_id, holds_t.c.stock_id,
                                     holds_t.c.quantity, holds_t.c.status)
                              .where(holds_t.c.order_id == order_id).order_by(holds_t.c.id)).all()
        return [StockHoldRecord(*row) for row in rows]

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
