"""The SQL repository of picking (app.unit_of_work's Picks port): the held units a wave takes,
the pick lists a wave makes and their lines, and a bin's count corrected by a short pick."""
from __future__ import annotations

import logging

from sqlalchemy import bindparam, case, insert, select, update
from sqlalchemy.orm import Session

from app.store.models import (
    Location, Order, OrderLine, PickLine, PickList, PickListOrder, Stock, StockHold, utcnow,
)
from app.unit_of_work import NewPickList, PickLineRecord, PickListRecord, PickStop

log = logging.getLogger(__name__)

lists_t = PickList.__table__
list_orders_t = PickListOrder.__table__
lines_t = PickLine.__table__
holds_t = StockHold.__table__
stock_t = Stock.__table__
loc_t = Location.__table__
ol_t = OrderLine.__table__
o_t = Order.__table__

INSERT_LINE = insert(lines_t)
INSERT_LISTS = insert(lists_t).returning(lists_t.c.id, sort_by_parameter_order=True)
INSERT_LIST_ORDERS = insert(list_orders_t)
SET_TOTE = update(o_t).where(o_t.c.id == bindparam("order")).values(tote=bindparam("tote"))
_LINE = (lines_t.c.id, lines_t.c.pick_list_id, lines_t.c.seq, lines_t.c.order_id, o_t.c.number,
         lines_t.c.order_line_id, lines_t.c.stock_hold_id, lines_t.c.stock_id, loc_t.c.code, loc_t.c.zone,
         loc_t.c.walk_sequence, ol_t.c.product_id, ol_t.c.sku, ol_t.c.name, lines_t.c.quantity,
         lines_t.c.picked_quantity, lines_t.c.status, o_t.c.tote)
_LINES = (select(*_LINE).select_from(lines_t)
          .join(o_t, o_t.c.id == lines_t.c.order_id)
          .join(ol_t, ol_t.c.id == lines_t.c.order_line_id)
          .join(stock_t, stock_t.c.id == lines_t.c.stock_id)
          .join(loc_t, loc_t.c.id == stock_t.c.location_id))


def _line(row: object) -> PickLineRecord:
    return PickLineRecord(*row)  # type: ignore[misc]


class SqlPicks:
    def __init__(self, session: Session) -> None:
        self.s = session

    def stops_of_orders(self, order_ids: list[int]) -> list[PickStop]:
        stops: list[PickStop] = []
        for start in range(0, len(order_ids), 500):  # bound parameters stay few on every database
            chunk = order_ids[start:start + 500]
            rows = self.s.execute(
                select(holds_t.c.id, holds_t.c.order_id, holds_t.c.order_line_id, holds_t.c.stock_id,
                       holds_t.c.quantity, loc_t.c.code, loc_t.c.zone, loc_t.c.walk_sequence, ol_t.c.sku,
                       ol_t.c.name)
                .select_from(holds_t)
                .join(stock_t, stock_t.c.id == holds_t.c.stock_id)
                .join(loc_t, loc_t.c.id == stock_t.c.location_id)
                .join(ol_t, ol_t.c.id == holds_t.c.order_line_id)
                .where(holds_t.c.order_id.in_(chunk), holds_t.c.status == "held")
                .order_by(holds_t.c.id)).all()
            stops += [PickStop(*row) for row in rows]
        return stops

    def lock_waiting(self, order_ids: list[int], status: str) -> set[int]:
        # FOR UPDATE: two waves made at once on PostgreSQL never take the same order (SQLite's
        # BEGIN IMMEDIATE already serialises them); the second sees it is no longer allocated
        kept: set[int] = set()
        for start in range(0, len(order_ids), 500):
            kept.update(self.s.scalars(select(o_t.c.id).where(o_t.c.id.in_(order_ids[start:start + 500]),
                                                              o_t.c.status == status)
                                       .order_by(o_t.c.id).with_for_update()))
        return kept

    def add_list(self, code: str, strategy: str, zone: str | None, wave: str | None,
                 order_ids: list[int]) -> int:
        list_id = int(self.s.execute(insert(lists_t).values(
            code=code, created_at=utcnow(), strategy=strategy, zone=zone, wave=wave, status="open",
        ).returning(lists_t.c.id)).scalar_one())
        if order_ids:
            self.s.execute(insert(list_orders_t), [
                {"pick_list_id": list_id, "order_id": order_id, "seq": seq}
                for seq, order_id in enumerate(order_ids, 1)])
        return list_id

    def add_lines(self, pick_list_id: int, lines: list[tuple[int, int, int, int, int, int]]) -> None:
        if lines:  # one batched INSERT (executemany), built once
            self.s.execute(INSERT_LINE, [
                {"pick_list_id": pick_list_id, "seq": seq, "order_id": order_id, "order_line_id": line_id,
                 "stock_hold_id": hold_id, "stock_id": stock_id, "quantity": quantity, "picked_quantity": 0,
                 "status": "open"} for seq, order_id, line_id, hold_id, stock_id, quantity in lines])

    def add_lists(self, lists: list[NewPickList]) -> None:
        if not lists:
            return
        now = utcnow()
        ids = self.s.scalars(INSERT_LISTS, [  # one batched INSERT, the ids in the lists' order
            {"code": p.code, "created_at": now, "strategy": p.strategy, "zone": p.zone, "wave": p.wave,
             "status": "open"} for p in lists]).all()
        orders = [{"pick_list_id": list_id, "order_id": order_id, "seq": seq}
                  for list_id, p in zip(ids, lists) for seq, order_id in enumerate(p.order_ids, 1)]
        if orders:
            self.s.execute(INSERT_LIST_ORDERS, orders)
        lines = [{"pick_list_id": list_id, "seq": seq, "order_id": order_id, "order_line_id": line_id,
                  "stock_hold_id": hold_id, "stock_id": stock_id, "quantity": quantity, "picked_quantity": 0,
                  "status": "open"}
                 for list_id, p in zip(ids, lists) for seq, order_id, line_id, hold_id, stock_id, quantity in p.lines]
        if lines:
            self.s.execute(INSERT_LINE, lines)

    def get_list(self, code: str) -> PickListRecord | None:
        row = self.s.execute(select(lists_t.c.id, lists_t.c.code, lists_t.c.strategy, lists_t.c.zone,
                                    lists_t.c.wave, lists_t.c.status).where(lists_t.c.code == code)).first()
        return None if row is None else PickListRecord(*row)

    def open_lists(self, limit: int) -> list[str]:
        return list(self.s.scalars(select(lists_t.c.code).where(lists_t.c.strategy.is_not(None),
                                                                 lists_t.c.status == "open")
                                   .order_by(lists_t.c.id).limit(limit)))

    def lines_of_list(self, pick_list_id: int) -> list[PickLineRecord]:
        rows = self.s.execute(_LINES.where(lines_t.c.pick_list_id == pick_list_id)
                              .order_by(lines_t.c.seq, lines_t.c.id)).all()
        return [_line(r) for r in rows]

    def lines_of_order(self, order_id: int) -> list[PickLineRecord]:
        rows = self.s.execute(_LINES.where(lines_t.c.order_id == order_id).order_by(lines_t.c.id)).all()
        return [_line(r) for r in rows]

    def mark(self, line_id: int, picked_quantity: int, status: str, user: str | None,
             was: int | None = None) -> bool:
        # `was`: only while the line is open with that many picked (two pickers on one line)
        where = [lines_t.c.id == line_id]
        if was is not None:
            where += [lines_t.c.status == "open", lines_t.c.picked_quantity == was]
        done = self.s.execute(update(lines_t).where(*where).values(
            picked_quantity=picked_quantity, status=status, picked_by=user, picked_at=utcnow()))
        return done.rowcount == 1

    def set_list_status(self, pick_list_id: int, status: str) -> None:
        self.s.execute(update(lists_t).where(lists_t.c.id == pick_list_id).values(status=status))

    def set_tote(self, order_id: int, tote: str) -> None:
        self.s.execute(update(o_t).where(o_t.c.id == order_id).values(tote=tote))

    def set_totes(self, totes: list[tuple[int, str]]) -> None:
        if totes:  # executemany
            self.s.execute(SET_TOTE, [{"order": order_id, "tote": tote} for order_id, tote in totes])

    def found_short(self, stock_id: int, units: int) -> None:
        # never below zero (what other orders hold there shows up at their own picks)
        self.s.execute(update(stock_t).where(stock_t.c.id == stock_id).values(
            quantity=case((stock_t.c.quantity >= units, stock_t.c.quantity - units), else_=0)))


