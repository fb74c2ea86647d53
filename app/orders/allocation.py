"""Allocation: soft holds on stock at bins, so that two orders never get the same unit.

Each order line holds units at bins (a row of the ledger per bin: held -> picked -> shipped,
or released). Bins are taken in walking order, lot-tracked products first expiry first out.
The bins of a product are locked while an order takes from them and the hold statement itself
refuses more than a bin has, so many processes allocating at once never oversell. When stock
is short, the channel's policy decides: `backorder` keeps what it got and waits for the rest
(status backordered); `partial` sends what there is (the rest of each line is backordered on
the line, status allocated)."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from app.orders import lifecycle
from app.orders import hold_words as W
from app.orders.settings import OrderSettings
from app.orders.status import OrderStatus
from app.unit_of_work import LineToAllocate, NewEvent, OrderRecord, OrderToAllocate, StockBin, UnitOfWork

log = logging.getLogger(__name__)

S = OrderStatus
# The ledger's moves; held and picked units count as allocated at their bin.
HOLD_MOVES = {"held": frozenset({"picked", "released", "shipped"}), "picked": frozenset({"shipped", "released"}),
              "shipped": frozenset(), "released": frozenset()}
ACTIVE = ("held", "picked")  # holds that keep units from other orders
WAITING = (S.VALIDATED.value, S.BACKORDERED.value)  # orders that allocation takes


@dataclass(frozen=True)
class Shortfall:
    """Units of a line no bin had."""

    line_no: int
    sku: str
    short: int
    restock_date: date | None = None  # when the next delivery is expected, if known


@dataclass
class Allocated:
    """What allocating one order did."""

    number: str
    status: str
    held: int = 0
    short: list[Shortfall] = field(default_factory=list)


def pick_order(bins: list[StockBin], lot_tracked: bool) -> list[StockBin]:
    """The bins to take from, in order: first expiry first for lot-tracked products (a bin
    without an expiry last), then walking order."""
    far = date.max
    if lot_tracked:
        return sorted(bins, key=lambda b: (b.expiry or far, b.walk_sequence, b.id))
    return sorted(bins, key=lambda b: (b.walk_sequence, b.id))


def plan(needed: int, bins: list[StockBin], lot_tracked: bool,
         taken: dict[int, int] | None = None) -> list[tuple[StockBin, int]]:
    """How many units to hold at which bins for `needed` units (fewer when stock is short);
    `taken`: units already held at bins (by stock id) since `bins` were read."""
    chosen: list[tuple[StockBin, int]] = []
    for stock in pick_order(bins, lot_tracked):
        if needed <= 0:
            break
        quantity = min(needed, stock.available - (taken.get(stock.id, 0) if taken else 0))
        if quantity > 0:
            chosen.append((stock, quantity))
            needed -= quantity
    return chosen


def allocate_in(uow: UnitOfWork, order: OrderRecord, settings: OrderSettings, *,
                user: str | None = None) -> Allocated:
    """Holds stock for a validated or backordered order in the caller's unit of work and moves
    it to allocated (or backordered, per the channel's short-stock policy)."""
    return allocate_many_in(uow, [to_allocate(order)], settings, user=user)[0]


def to_allocate(order: OrderRecord) -> OrderToAllocate:
    """What allocation needs of an order read whole."""
    return OrderToAllocate(order.id, order.number, order.status, order.channel, order.pack_from)


def allocate_waiting_in(uow: UnitOfWork, numbers: list[str] | None, settings: OrderSettings, *,
                        user: str | None = None) -> list[Allocated]:
    """Allocates the validated and backordered orders among `numbers` (None: all), in the queue's
    order, each read only as far as allocation needs it (uow.orders.to_allocate)."""
    return allocate_many_in(uow, uow.orders.to_allocate(WAITING, numbers), settings, user=user)


def allocate_many_in(uow: UnitOfWork, orders: list[OrderToAllocate], settings: OrderSettings, *,
                     user: str | None = None) -> list[Allocated]:
    """allocate_in for many orders, in turn as given (the queue's order), set-based: their
    lines, holds, products and bins read in a few statements, the bins of every product they
    need locked at once (by product, then bin, as one order at a time would lock them), the
    plan made in memory against the locked counts, then the holds, events and status changes
    written in batches. Bins are taken in the same order and amounts as order by order."""
    ids = [o.id for o in orders]
    lines_of = uow.orders.lines_to_allocate(ids)
    product_ids = {l.product_id for lines in lines_of.values() for l in lines if l.product_id is not None}
    products = {p.id: p for p in uow.products.by_ids(product_ids)}
    bins_of = uow.stock.lock_bins_of(product_ids)
    # read once the bins are locked: what another allocator of these orders held meanwhile counts
    holds_of = uow.stock.holds_of_orders(ids)
    taken: dict[int, int] = defaultdict(int)  # units this call holds at each bin so far
    new_holds: list[tuple[int, int, int, int]] = []
    done: list[tuple[OrderToAllocate, list[LineToAllocate], Allocated, bool]] = []
    for order in orders:
        # by product, as the bins are locked
        lines = sorted(lines_of.get(order.id, []), key=lambda line: (line.product_id or 0, line.line_no))
        holds = [h for h in holds_of.get(order.id, []) if h.status != "released"]
        result = Allocated(order.number, order.status)
        for line in lines:
            have = sum(h.quantity for h in holds if h.order_line_id == line.id)
            needed = line.quantity - line.backordered_quantity - have
            if needed <= 0 or line.product_id is None:
                continue
            product = products.get(line.product_id)
            for stock, quantity in plan(needed, bins_of.get(line.product_id, []),
                                        bool(product and product.lot_tracked), taken):
                new_holds.append((order.id, line.id, stock.id, quantity))
                taken[stock.id] += quantity
                needed -= quantity
                result.held += quantity
            if needed > 0:
                result.short.append(Shortfall(line.line_no, line.sku, needed,
                                              product.restock_date if product else None))
        done.append((order, lines, result, result.held > 0 or any(h.status in ACTIVE for h in holds)))
    uow.stock.hold_many(new_holds)
    _settle(uow, done, settings, user)
    return [result for _, _, result, _ in done]


def _settle(uow: UnitOfWork, done: list[tuple[OrderToAllocate, list[LineToAllocate], Allocated, bool]],
            settings: OrderSettings, user: str | None) -> None:
    """Each order's backorders and events, then its status change, in batches."""
    events: list[NewEvent] = []
    moves: dict[tuple[str, str], list[OrderToAllocate]] = defaultdict(list)  # (target, reason): orders
    for order, lines, result, has_stock in done:
        by_no = {line.line_no: line for line in lines}
        partial = settings.short_stock_policy(order.channel) == "partial" and has_stock
        if result.short and partial:
            for gap in result.short:
                uow.orders.add_backorder(by_no[gap.line_no].id, gap.short)
            events.append(NewEvent(order.id, "PartlyAllocated", user=user, detail=dict(
                backordered={g.sku: g.short for g in result.short}, restock=_restock(result.short))))
        target = S.BACKORDERED.value if result.short and not partial else S.ALLOCATED.value
        if result.held:
            events.append(NewEvent(order.id, "StockAllocated", user=user, detail=dict(units=result.held)))
        if target == S.BACKORDERED.value:
            events.append(NewEvent(order.id, "StockShort", user=user, detail=dict(
                short={g.sku: g.short for g in result.short}, restock=_restock(result.short))))
        if target == S.ALLOCATED.value and settings.pack_from != order.pack_from:
            uow.orders.set_pack_from(order.id, settings.pack_from)
        if target != order.status:
            moves[(target, W.STOCK_SHORT if target == S.BACKORDERED.value else W.STOCK_HELD)].append(order)
        result.status = target
        log.info("order %s %s (%d units held, %d short)", order.number, target, result.held,
                 sum(g.short for g in result.short))
    uow.events.add_many(events)
    for (target, reason), orders in moves.items():
        lifecycle.move_many(uow, [(o.id, o.number, o.status) for o in orders], target, user=user, reason=reason)


def _restock(short: list[Shortfall]) -> dict[str, str]:
    """The restock dates that are known, by SKU (ISO dates), for the customer to be told."""
    return {g.sku: g.restock_date.isoformat() for g in short if g.restock_date is not None}


def release_stock_in(uow: UnitOfWork, order: OrderRecord) -> int:
    """Releases every hold of the order that still keeps units (cancelled, or re-planned); units freed."""
    freed = 0
    for hold in uow.stock.holds_of_order(order.id):
        if hold.status in ACTIVE:
            uow.stock.move_hold(hold.id, "released")
            freed += hold.quantity
    if freed:
        lifecycle.record_event(uow, order.id, "StockReleased", units=freed)
    return freed


def move_holds_in(uow: UnitOfWork, order: OrderRecord, to: str) -> int:
    """Moves every hold of the order that can make the move (held -> picked, ... -> shipped); units moved."""
    moved = 0
    for hold in uow.stock.holds_of_order(order.id):
        if to in HOLD_MOVES[hold.status]:
            uow.stock.move_hold(hold.id, to)
            moved += hold.quantity
    return moved


def picked_in(uow: UnitOfWork, order: OrderRecord, *, user: str | None = None, reason: str = "picked") -> None:
    """Every held unit of an allocated order picked: its holds move to picked and the order to picked."""
    units = move_holds_in(uow, order, "picked")
    lifecycle.record_event(uow, order.id, "OrderPicked", user=user, units=units)
    lifecycle.change_status(uow, order, S.PICKED, user=user, reason=reason)


def finish_picking_in(uow: UnitOfWork, order: OrderRecord, *, user: str | None = None) -> bool:
    """An order being picked whose every pick line (on every list) is done becomes picked; whether it did."""
    lines = uow.picks.lines_of_order(order.id)
    if order.status != S.PICKING.value or any(line.status == "open" for line in lines):
        return False
    picked_in(uow, order, user=user, reason=W.EVERY_LINE_PICKED)
    return True


# Shipping lowers on-hand in app.orders.lifecycle: every change to `shipped` moves the
# order's packed units held/picked -> shipped there (one place for every path to shipped).
