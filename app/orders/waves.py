"""Waves: allocated orders put on pick lists, each list in walking order.

Strategies (`packdesk waves create --strategy`):
- single: one list per order;
- batch: up to N orders per list, each order in its own tote;
- zone: up to N orders, one list per zone they need (lines split by zone; each order has one
  tote, and its zones' units meet again at packing, where the tote is scanned);
- wave: orders grouped by carrier and cut-off (the SLA's hour), earliest cut-off first, then
  lists of up to N orders per group, a tote per order.

Only allocated orders that are packed after picking are taken: an order on hold (or in any
other status) is never put on a list. Each order taken moves allocated -> picking with its
event; every stop of a list is one row of the allocation ledger (units of an order line at
one bin)."""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app import heap
from app.orders import hold_words as W, lifecycle
from app.orders.errors import BadWaveRequest
from app.orders.status import OrderStatus
from app.translator import phrase
from app.unit_of_work import NewEvent, NewPickList, OrderRecord, OrderToWave, PickStop, UnitOfWork

log = logging.getLogger(__name__)

S = OrderStatus
WaveOrder = OrderRecord | OrderToWave  # a wave reads its orders light; a caller may hand whole records
STRATEGIES = ("single", "batch", "zone", "wave")
DEFAULT_MAX_ORDERS = 10  # orders on one list (batch, zone, wave)
NO_CUTOFF = "no SLA"


@dataclass(frozen=True)
class ListPlan:
    """One pick list to make: its orders and its stops in walking order."""

    orders: tuple[WaveOrder, ...]
    stops: tuple[PickStop, ...]
    zone: str | None = None
    group: str | None = None  # the wave strategy's carrier and cut-off


@dataclass
class MadeList:
    """A pick list a wave made (what `waves create --json` prints)."""

    code: str
    strategy: str
    wave: str
    zone: str | None
    orders: list[dict[str, str | None]] = field(default_factory=list)  # number, tote
    lines: int = 0
    units: int = 0


def aisle_of(location: str) -> str:
    """The aisle of a bin code: what comes before its first '-' (A-01-2 is in aisle A)."""
    return location.split("-", 1)[0] if "-" in location else location


def walking_order(stops: Iterable[PickStop]) -> list[PickStop]:
    """The stops as a picker walks them: aisle by aisle in the order of their location sequence,
    up the first aisle visited and down the next (serpentine), so no aisle is walked twice;
    within an aisle by location sequence (reversed on the way down)."""
    by_aisle: dict[str, list[PickStop]] = defaultdict(list)
    for stop in stops:
        by_aisle[aisle_of(stop.location)].append(stop)
    aisles = sorted(by_aisle, key=lambda a: (min(s.walk_sequence for s in by_aisle[a]), a))
    walked: list[PickStop] = []
    for turn, aisle in enumerate(aisles):
        down = turn % 2 == 1
        walked += sorted(by_aisle[aisle], key=lambda s: (-s.walk_sequence if down else s.walk_sequence,
                                                         s.location, s.order_id, s.hold_id))
    return walked


def cutoff_of(order: WaveOrder) -> str:
    """The wave strategy's cut-off of an order: the hour its SLA falls due (UTC)."""
    return order.sla_due_at.strftime("%Y-%m-%d %H:00") if order.sla_due_at else NO_CUTOFF


def _chunks(orders: list[WaveOrder], size: int) -> list[list[WaveOrder]]:
    return [orders[i:i + size] for i in range(0, len(orders), size)]


def plan_lists(orders: list[WaveOrder], stops: list[PickStop], strategy: str,
               max_orders: int | None = None) -> list[ListPlan]:
    """The pick lists for these orders (in queue order) and their held stops."""
    if strategy not in STRATEGIES:
        raise BadWaveRequest(phrase("--strategy %(strategy)s is not a picking strategy; use one of: %(strategies)s",
                                    strategy=repr(strategy), strategies=", ".join(STRATEGIES)))
    if max_orders is not None and max_orders < 1:
        raise BadWaveRequest(phrase("--max-orders must be 1 or more (got %(got)s).", got=max_orders))
    of_order: dict[int, list[PickStop]] = defaultdict(list)
    for stop in stops:
        of_order[stop.order_id].append(stop)
    orders = [o for o in orders if of_order.get(o.id)]
    size = max_orders or DEFAULT_MAX_ORDERS
    if strategy == "single":
        chosen = orders[:max_orders] if max_orders else orders
        return [ListPlan((o,), tuple(walking_order(of_order[o.id]))) for o in chosen]
    if strategy == "wave":
        groups: dict[tuple[str, str], list[WaveOrder]] = defaultdict(list)
        for order in orders:
            groups[(order.carrier or "no carrier", cutoff_of(order))].append(order)
        plans = []
        # earliest cut-off first; orders without an SLA last
        for (carrier, cutoff) in sorted(groups, key=lambda k: (k[1] == NO_CUTOFF, k[1], k[0])):
            for chunk in _chunks(groups[(carrier, cutoff)], size):
                plans.append(ListPlan(tuple(chunk), tuple(walking_order(s for o in chunk for s in of_order[o.id])),
                                      group=f"{carrier} {cutoff}"))
        return plans
    plans = []
    for chunk in _chunks(orders, size):
        chunk_stops = [s for o in chunk for s in of_order[o.id]]
        if strategy == "batch":
            plans.append(ListPlan(tuple(chunk), tuple(walking_order(chunk_stops))))
            continue
        by_zone: dict[str, list[PickStop]] = defaultdict(list)
        for stop in chunk_stops:
            by_zone[stop.zone or ""].append(stop)
        for zone in sorted(by_zone):
            in_zone = {s.order_id for s in by_zone[zone]}
            plans.append(ListPlan(tuple(o for o in chunk if o.id in in_zone), tuple(walking_order(by_zone[zone])),
                                  zone=zone))
    return plans


def waveable(uow: UnitOfWork, carrier: str | None, numbers: list[str] | None = None) -> list[OrderToWave]:
    """Allocated orders packed after picking (of one carrier, if given; only `numbers`, if
    given), in queue order."""
    orders = [o for o in uow.orders.to_wave((S.ALLOCATED.value,), numbers) if o.pack_from == S.PICKED.value]
    if carrier:
        orders = [o for o in orders if (o.carrier or "").lower() == carrier.lower()]
    return orders


@heap.batch()  # a wave of 10,000 orders makes their stops, lists and events at once (app/heap.py)
def create_in(uow: UnitOfWork, strategy: str, *, max_orders: int | None = None, carrier: str | None = None,
              user: str | None = None, numbers: list[str] | None = None) -> list[MadeList]:
    """Makes a wave's pick lists in the caller's unit of work (of these orders only, if
    `numbers` is given); the lists made (none: no order to pick)."""
    orders = waveable(uow, carrier, numbers)
    still = uow.picks.lock_waiting([o.id for o in orders], S.ALLOCATED.value)  # a wave made meanwhile took none
    orders = [o for o in orders if o.id in still]
    plans = plan_lists(orders, uow.picks.stops_of_orders([o.id for o in orders]), strategy, max_orders)
    if not plans:
        return []
    wave = f"W-{uow.counters.next('wave'):06d}"
    first = uow.counters.next_many("picklist", len(plans))  # the lists' numbers, taken at once
    totes: dict[int, str | None] = {}
    made: list[MadeList] = []
    new_lists: list[NewPickList] = []
    for number, plan in enumerate(plans, first):
        code = f"PL-{number:06d}"
        label = f"{wave} {plan.group}"[:40] if plan.group else wave
        new_lists.append(NewPickList(code, strategy, plan.zone, label, tuple(o.id for o in plan.orders),
                                     tuple((seq, s.order_id, s.order_line_id, s.hold_id, s.stock_id, s.quantity)
                                           for seq, s in enumerate(plan.stops, 1))))
        for n, order in enumerate(plan.orders, 1):
            if order.id not in totes:
                # single: the list's code names the order at packing; otherwise a tote per order
                totes[order.id] = None if strategy == "single" else f"{code}-{n}"
        made.append(MadeList(code, strategy, label, plan.zone,
                             [{"number": o.number, "tote": totes[o.id]} for o in plan.orders],
                             len(plan.stops), sum(s.quantity for s in plan.stops)))
    uow.picks.add_lists(new_lists)
    uow.picks.set_totes([(order_id, tote) for order_id, tote in totes.items() if tote])
    lists_of: dict[int, list[str]] = defaultdict(list)
    for plan, done in zip(plans, made):
        for order in plan.orders:
            lists_of[order.id].append(done.code)
    waved = [order for order in orders if order.id in lists_of]
    uow.events.add_many([NewEvent(order.id, "Waved", user=user, detail=dict(
        wave=wave, strategy=strategy, pick_lists=lists_of[order.id], tote=totes[order.id])) for order in waved])
    lifecycle.change_statuses(uow, waved, S.PICKING, user=user,
                              reasons={order.id: W.reason(W.ON_PICK_LIST, pick_list=lists_of[order.id][0])
                                       for order in waved})
    log.info("wave %s (%s): %d list(s), %d order(s)", wave, strategy, len(made), len(lists_of))
    return made


def create(uow: UnitOfWork, strategy: str, *, max_orders: int | None = None, carrier: str | None = None,
           user: str | None = None) -> list[MadeList]:
    """`packdesk waves create`: one transaction, so a wave is made whole or not at all."""
    if strategy not in STRATEGIES:
        raise BadWaveRequest(phrase("--strategy %(strategy)s is not a picking strategy; use one of: %(strategies)s",
                                    strategy=repr(strategy), strategies=", ".join(STRATEGIES)))
    with uow:
        made = create_in(uow, strategy, max_orders=max_orders, carrier=carrier, user=user)
        uow.commit()
    return made


