"""A short depth-first search over extreme points, for the few units a greedy pass could not place.

The same points as the extreme-point pass (`extreme_points.place_in_order`), floor first;
each unit, in order, tries every point and orientation that fits, and a dead end backs up
to the last choice. It is not complete (extreme points do not reach every packing), so it
only ever finds arrangements: it proves nothing. On the boxes of three seeded sets of
1-6-unit orders that one pass leaves unpacked but the complete search fills, 24 placements
pack 125 of 137 (109 within 8), where two more passes with other preferences pack 70.
"""
from __future__ import annotations

import logging
from typing import Sequence

from app.boxing.extreme_points import slides
from app.boxing.orientations import smallest_sizes

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]
Spot = tuple[int, int, int, int, int, int]  # x, y, z, dx, dy, dz of an envelope
Corners = tuple[int, int, int, int, int, int]  # x, y, z, x2, y2, z2 of an envelope
Point = tuple[int, int, int]  # (z, y, x): sorts floor first, then along the width, then the length


class _Spent(Exception):
    pass


def search_points(order: Sequence[int], ors: Sequence[Sequence[Dims]], box: Dims, max_nodes: int
                  ) -> list[Spot] | None:
    """Spots for every unit (indexed like `ors`), or None when `max_nodes` placements found none.

    `ors[i]` are unit i's orientations in the order to try them. A node is one placement of
    a unit that is not the last (the last one placed ends the search).
    """
    bx, by, bz = box
    n = len(order)
    placed: list[Corners] = []
    spots: list[Spot | None] = [None] * len(ors)
    # per depth: the farthest a unit's corner can start and still fit in some orientation
    limits = []
    for i in order:
        mx, my, mz = smallest_sizes(tuple(ors[i]))
        limits.append((bx - mx, by - my, bz - mz))
    nodes = 0

    def descend(k: int, points: list[Point]) -> bool:
        nonlocal nodes
        i = order[k]
        lx, ly, lz = limits[k]
        last = k == n - 1
        for pz, py, px in points:
            if px > lx or py > ly or pz > lz:
                continue
            for ox, oy, oz in ors[i]:
                x2, y2, z2 = px + ox, py + oy, pz + oz
                if x2 > bx or y2 > by or z2 > bz:
                    continue
                for q in placed:
                    if px < q[3] and q[0] < x2 and py < q[4] and q[1] < y2 and pz < q[5] and q[2] < z2:
                        break
                else:
                    spots[i] = (px, py, pz, ox, oy, oz)
                    if last:
                        return True
                    nodes += 1
                    if nodes > max_nodes:
                        raise _Spent
                    placed.append((px, py, pz, x2, y2, z2))
                    if descend(k + 1, _next_points(points, placed, box)):
                        return True
                    placed.pop()
        return False

    try:
        found = descend(0, [(0, 0, 0)])
    except _Spent:
        found = False
    return list(spots) if found else None  # type: ignore[arg-type]


def _next_points(points: list[Point], placed: list[Corners], box: Dims) -> list[Point]:
    """The points after the last placed envelope: those it covers go, its corners (each also
    slid back along the two other axes) come in; sorted, floor first."""
    bx, by, bz = box
    x, y, z, ax, by_, cz = placed[-1]
    out = [p for p in points if not (x <= p[2] < ax and y <= p[1] < by_ and z <= p[0] < cz)]
    a_y, a_z, b_x, b_z, c_x, c_y = slides(placed[-1], placed)
    fresh: list[Point] = []
    if ax < bx:
        fresh.append((z, y, ax))
        if a_y != y:
            fresh.append((z, a_y, ax))
        if a_z != z:
            fresh.append((a_z, y, ax))
    if by_ < by:
        fresh.append((z, by_, x))
        if b_x != x:
            fresh.append((z, by_, b_x))
        if b_z != z:
            fresh.append((b_z, by_, x))
    if cz < bz:
        fresh.append((cz, y, x))
        if c_x != x:
            fresh.append((cz, y, c_x))
        if c_y != y:
            fresh.append((cz, c_y, x))
    have = set(out)
    for p in fresh:
        if p not in have:
            have.add(p)
            out.append(p)
    out.sort()
    return out
