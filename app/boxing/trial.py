"""Does this set of units go into this box? One box at a time, cheapest work first.

1. Proofs by size, weight and volume (`quick_refusal`): most refused boxes stop here.
   Units that fill less than 50 % of the box, and orders of forty units or more, are then
   tried in rows and layers (linear time), which packs most such boxes before any slower pass.
2. Units that fill 78 % of the box or more meet stronger proofs first: up to 4 units all
   of them (narrowed orientations, rows, reachable room), more units the cheaper half
   (`first_refusal`: the three biggest units alone, reachable room); they carry almost all
   the refusals of such boxes.
3. One extreme-point pass in the most promising order: most boxes that fit stop here.
   4-8 units filling under 70 % of the box then go to the short search of step 5 at once
   (a failed pass there is mostly followed by an arrangement, not a proof).
4. Narrowed orientations (`narrowing_refusal`): refuses most of the boxes left, else
   narrows each unit's orientations for what follows; up to 8 units, then the row proof.
5. Up to 8 units, a short depth-first search over extreme points (`point_search`); more
   units, two more passes. Then the proofs that only refuse (rows, reachable room); then,
   for small orders, the complete search (finds an arrangement or proves there is none);
   then the remaining passes and a backtracking search.

Work is limited by counts, so the answer is deterministic; `out_of_time` only cuts optional
work short (and a big order's pass in the middle) when the wall-clock safety net is reached.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Callable, NamedTuple, Sequence

from app.boxing.bounds import (
    TOP_FIRST_UNITS, first_refusal, narrowing_refusal, quick_refusal, room_refusal, row_refusal,
)
from app.boxing.exact import exact_pack
from app.boxing.extreme_points import (
    ORIENT_KEYS, PASSES, Spot, backtrack_pack, flat_first, pack_heuristic, place_in_order, unit_orders,
)
from app.boxing.model import BoxType, Unit
from app.boxing.point_search import search_points
from app.translator import phrase

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]

EXACT_MAX_UNITS = 8  # the complete search runs for orders up to this many units in a box
EXACT_MAX_NODES = 1500  # per box: deterministic work limit of the complete search (about 10 ms)
HEURISTIC_TRIES = 4  # passes after the quick ones: on the benchmark, later ones pack 1 box in 1,000
TIGHT_PERCENT = 78  # units filling this much of a box meet the stronger bounds before any pass
BACKTRACK_MAX_UNITS = 10
SHELF_FIRST_UNITS = 40  # orders of this many units in a box try rows and layers first
ROOMY_TENTHS = 5  # and so do units filling less than this many tenths of the box
BACKTRACK_NODES = 150  # per unit order
SEARCH_MAX_UNITS = 8  # orders up to this many units in a box meet the short search after the first pass
SEARCH_FIRST_UNITS = 4  # this many units or more, filling less than SEARCH_FIRST_PERCENT of the box,
SEARCH_FIRST_PERCENT = 70  # meet the short search before the proofs after a failed pass
SEARCH_NODES = 24  # its placements of backtracking (about the cost of three passes)


class Trial(NamedTuple):
    """Spots (one per unit, padded envelopes) when the units fit; else why not, and whether proved."""

    spots: list[Spot] | None
    reason: str = ""
    proved: bool = False


# the passes' orientation preferences, then rows and layers' (lowest first, then narrowest)
SORT_KEYS = (*ORIENT_KEYS, flat_first)
FLAT_FIRST = len(ORIENT_KEYS)


@lru_cache(maxsize=8192)
def _preferred(os: tuple[Dims, ...], sort_key: int) -> tuple[Dims, ...]:
    """The orientations in one of the SORT_KEYS orders."""
    return tuple(sorted(os, key=SORT_KEYS[sort_key]))


# (orientation preference, point order) of the quick passes, best first: on the benchmark's
# orders the first alone packs 87-95 % of the boxes that can hold the units
QUICK_PASSES = tuple((o, p) for o, p, _ in PASSES[:3])


def biggest_first(units: Sequence[Unit]) -> list[int]:
    """Unit indices by padded volume, then longest side, both largest first, then in line
    order (the same in every box)."""
    return biggest_first_by_shape([u.shape for u in units])


def biggest_first_by_shape(shapes: Sequence[tuple[int, int, int, bool, int]]) -> list[int]:
    """`biggest_first` from the units' shapes (length, width, height, upright, padding)."""
    def key(i: int) -> tuple[int, int, int]:
        length, width, height, _, padding = shapes[i]
        sides = (length + 2 * padding, width + 2 * padding, height + 2 * padding)
        return (-sides[0] * sides[1] * sides[2], -max(sides), i)

    return sorted(range(len(shapes)), key=key)


def quick_pass(orients: Sequence[tuple[Dims, ...]], box: Dims, variant: int = 0, order: Sequence[int] | None = None,
               out_of_time: Callable[[], bool] | None = None) -> list[Spot] | None:
    """One extreme-point pass, biggest units first, in one of the QUICK_PASSES variants."""
    n = len(orients)
    orient_key, point_key = QUICK_PASSES[variant]
    if n == 1:
        o = _preferred(orients[0], orient_key)[0]
        return [(0, 0, 0, o[0], o[1], o[2])]
    if order is None:
        first = [os[0] for os in orients]
        order = sorted(range(n), key=lambda i: (-first[i][0] * first[i][1] * first[i][2], -max(first[i]), i))
    return place_in_order(order, [_preferred(os, orient_key) for os in orients], box, point_key, out_of_time)


def rows_pass(orients: Sequence[tuple[Dims, ...]], box: Dims, order: Sequence[int]) -> list[Spot] | None:
    """Every unit in rows and layers, in this order; None at the first unit that does not go in.

    The same rows and layers as `shelf_fill` (which skips misfits), without its weight
    check (the caller has done it): rows along x, side by side along y, layers up z, each
    unit lying as flat as it can go. Cheap enough to run before the extreme-point pass on
    roomy boxes, which it packs nearly as often.
    """
    bx, by, bz = box
    x = y = z = row = layer = 0
    spots: list[Spot | None] = [None] * len(orients)
    for i in order:
        for ox, oy, oz in _preferred(orients[i], FLAT_FIRST):
            if x + ox <= bx and y + oy <= by and z + oz <= bz:
                break  # same row
            if oy <= by - y - row and z + oz <= bz and ox <= bx:
                x, y, row = 0, y + row, 0  # next row
                break
            if z + layer + oz <= bz and ox <= bx and oy <= by:
                x, y, z, row, layer = 0, 0, z + layer, 0, 0  # next layer
                break
        else:
            return None
        spots[i] = (x, y, z, ox, oy, oz)
        x += ox
        if oy > row:
            row = oy
        if oz > layer:
            layer = oz
    return spots  # type: ignore[return-value]


def try_box(units: Sequence[Unit], orients: Sequence[tuple[Dims, ...]], box: BoxType, weight: int, volume: int,
            out_of_time: Callable[[], bool], order: Sequence[int] | None = None) -> Trial:
    """Whether the units (with these fitting orientations) go into the box, and how.

    `order` is `biggest_first(units)` when the caller has it already.
    """
    dims = box.dims
    room = dims[0] * dims[1] * dims[2]
    if weight > box.max_weight or volume > room or not all(orients):
        return Trial(None, quick_refusal(units, orients, box, weight, volume) or "", True)
    n = len(units)
    if n >= SHELF_FIRST_UNITS or (n > 1 and volume * 10 < room * ROOMY_TENTHS):
        # many units, or a roomy box: rows and layers (linear time) first; the extreme-point
        # passes cost more (with the square of the units) and are for the boxes this leaves
        # unpacked
        spots = rows_pass(orients, dims, order if order is not None else biggest_first(units))
        if spots is not None:
            return Trial(spots)
    # nearly full boxes are seldom packed by a quick pass but often refused by a bound: the
    # cheaper bounds first (they carry almost all those refusals), then the pass
    tight = volume * 100 >= room * TIGHT_PERCENT
    doms: list[tuple[Dims, ...]] | None = None
    checked = False  # rows and reachable room: proofs that only refuse, so they wait for the passes
    if tight and n <= TOP_FIRST_UNITS:
        # a few units: every stronger proof costs about what its cheaper half does; those that
        # refuse most first (narrowed orientations, then rows, then reachable room)
        reason, doms = narrowing_refusal(units, orients, box)
        if doms is not None:
            reason = row_refusal(units, doms, box) or room_refusal(doms, box, volume)
        if reason is not None:
            return Trial(None, reason, True)
        checked = True
    elif tight:
        reason = first_refusal(units, orients, box, volume)
        if reason is not None:
            return Trial(None, reason, True)
    spots = quick_pass(orients if doms is None else doms, dims, 0, order, out_of_time)
    if spots is not None:
        return Trial(spots)
    first = 1
    searched: Sequence[tuple[Dims, ...]] | None = None  # the orientations the short search has had
    if SEARCH_FIRST_UNITS <= n <= SEARCH_MAX_UNITS and volume * 100 < room * SEARCH_FIRST_PERCENT:
        # a failed pass on a box this roomy is mostly followed by an arrangement, not a proof
        searched = orients if doms is None else doms
        if order is None:
            order = biggest_first(units)
        spots = search_points(order, searched, dims, SEARCH_NODES)
        if spots is not None:
            return Trial(spots)
    if doms is None:
        reason, doms = narrowing_refusal(units, orients, box)
        if reason is not None:
            return Trial(None, reason, True)
        first = 1 if doms == orients else 0
    assert doms is not None
    if n <= SEARCH_MAX_UNITS:
        if not checked:  # the row proof first: it refuses many of the boxes the search would fail on
            reason = row_refusal(units, doms, box)
            if reason is not None:
                return Trial(None, reason, True)
        # a few units: a short backtracking search over the same points packs nearly all
        # that the other quick passes pack, and as much again, for about what they cost
        # (once: again only when the narrowing took orientations away since)
        if searched is None or searched != doms:
            spots = search_points(order if order is not None else biggest_first(units), doms, dims, SEARCH_NODES)
            if spots is not None:
                return Trial(spots)
    else:
        for variant in range(first, len(QUICK_PASSES)):
            spots = quick_pass(doms, dims, variant, order, out_of_time)
            if spots is not None:
                return Trial(spots)
    if not checked:
        # after the passes: these two refuse few of the boxes the narrowing lets through
        # (and no box a pass packs), and cost about what a pass does
        # (up to SEARCH_MAX_UNITS units the rows were checked before the short search)
        reason = (None if n <= SEARCH_MAX_UNITS else row_refusal(units, doms, box)) or room_refusal(doms, box, volume)
        if reason is not None:
            return Trial(None, reason, True)
    if n <= EXACT_MAX_UNITS and not out_of_time():
        result = exact_pack(doms, dims, EXACT_MAX_NODES, out_of_time)
        if result.proved_empty:
            return Trial(None, "no arrangement of the units fits (every one was tried)", True)
        spots = result.spots
    if spots is None and n <= BACKTRACK_MAX_UNITS and not out_of_time():
        # backtracking over extreme points finds arrangements the greedy passes miss
        for order in unit_orders(doms)[:2]:
            spots, _ = backtrack_pack(order, doms, box.dims, BACKTRACK_NODES, out_of_time)
            if spots is not None or out_of_time():
                break
    if spots is None:
        # the quick passes after the first, unless they ran already (the short search stands
        # in for them on small orders)
        skip = 1 if n <= SEARCH_MAX_UNITS else len(QUICK_PASSES)
        spots = pack_heuristic(doms, box.dims, out_of_time, HEURISTIC_TRIES + len(QUICK_PASSES) - skip, skip=skip)
    if spots is not None:
        return Trial(spots)
    return Trial(None, phrase("no arrangement of the units was found"), False)
