"""Extreme-point packing heuristic (after Crainic, Perboli and Tadei, 2008) with several
unit orders, point orders and orientation preferences; deterministic.

Works on padded envelopes: `orients[i]` lists unit i's allowed (dx, dy, dz).
"""
from __future__ import annotations

import logging
from bisect import insort
from typing import Callable, Sequence

from app.boxing.orientations import smallest_sizes

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]
Spot = tuple[int, int, int, int, int, int]  # x, y, z, dx, dy, dz of an envelope
Corners = tuple[int, int, int, int, int, int]  # x, y, z, x2, y2, z2 of an envelope


PointKey = Callable[[tuple[int, int, int]], tuple]
POINT_KEYS: tuple[PointKey, ...] = (
    lambda p: (p[2], p[1], p[0]),  # fill the floor first, then build up
    lambda p: (p[0], p[2], p[1]),  # fill from the back wall
    lambda p: (p[2] + p[1] + p[0], p[2]),  # stay close to the corner
)
# orientation preference at a point: which corner of the placed envelope to keep small
ORIENT_KEYS: tuple[Callable[[Dims], tuple], ...] = (
    lambda o: (o[2], -o[0] * o[1]),  # lie flat, biggest footprint
    lambda o: (-o[0], o[2]),  # longest side along x
    lambda o: (-o[1], o[2]),  # longest side along y
)


def slides(c: Corners, placed: Sequence[Corners]) -> tuple[int, int, int, int, int, int]:
    """How far the three far corners of envelope `c` (x, y, z, x2, y2, z2) slide back along
    the two other axes against the placed envelopes: (x2 corner along y, along z; y2 corner
    along x, along z; z2 corner along x, along y), in one pass over them."""
    x, y, z, ax, by_, cz = c
    a_y = a_z = b_x = b_z = c_x = c_y = 0
    for qx, qy, qz, qx2, qy2, qz2 in placed:
        in_x = qx <= x < qx2
        in_y = qy <= y < qy2
        in_z = qz <= z < qz2
        if qx <= ax < qx2:
            if in_z and qy2 <= y and qy2 > a_y:
                a_y = qy2
            if in_y and qz2 <= z and qz2 > a_z:
                a_z = qz2
        if qy <= by_ < qy2:
            if in_z and qx2 <= x and qx2 > b_x:
                b_x = qx2
            if in_x and qz2 <= z and qz2 > b_z:
                b_z = qz2
        if qz <= cz < qz2:
            if in_y and qx2 <= x and qx2 > c_x:
                c_x = qx2
            if in_x and qy2 <= y and qy2 > c_y:
                c_y = qy2
    return a_y, a_z, b_x, b_z, c_x, c_y


def _new_points(c: Corners, placed: Sequence[Corners]) -> list[tuple[int, int, int]]:
    """The three far corners of a placed envelope, each also slid back along the two other axes."""
    x, y, z, ax, by_, cz = c
    a_y, a_z, b_x, b_z, c_x, c_y = slides(c, placed)
    return [(ax, y, z), (x, by_, z), (x, y, cz), (ax, a_y, z), (ax, y, a_z),
            (b_x, by_, z), (x, by_, b_z), (c_x, y, cz), (x, c_y, cz)]


TIME_CHECK = 16  # units placed between looks at the clock (a big order's pass takes milliseconds)


def place_in_order(
    order: Sequence[int], ors: Sequence[tuple[Dims, ...]], box: Dims, point_key: int = 0,
    out_of_time: Callable[[], bool] | None = None,
) -> list[Spot] | None:
    """Every unit, in this order, at the first extreme point (in point order) where it fits.

    `ors[i]` are unit i's orientations in preference order. None as soon as one unit finds
    no place. The hot path of the suggestion, kept plain for speed: placed envelopes are kept
    as corner pairs, points too near a wall for the unit's smallest sizes are skipped, the
    envelope that blocked the last try is checked first, and points are sorted once per unit.
    Points are kept as (first key, z, y, x), the first key being z, x or x + y + z, so that
    they sort as plain tuples in the point order and unpack the same way in every order. Past `out_of_time` (checked every TIME_CHECK units) it
    gives up and returns None.
    """
    bx, by, bz = box
    placed: list[Corners] = []
    spots: list[Spot | None] = [None] * len(ors)
    by_sum, floor_first = point_key == 2, point_key == 0
    points: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]
    seen = {(0, 0, 0)}  # every point made so far, as (x, y, z)
    left = total = len(order)
    for i in order:
        if out_of_time is not None and not left % TIME_CHECK and left < total and out_of_time():
            return None
        oi = ors[i]
        mx, my, mz = smallest_sizes(oi)
        lx, ly, lz = bx - mx, by - my, bz - mz
        chosen: Spot | None = None
        hit: Corners | None = None
        for _, pz, py, px in points:
            if px > lx or py > ly or pz > lz:
                continue
            for ox, oy, oz in oi:
                x2, y2, z2 = px + ox, py + oy, pz + oz
                if x2 > bx or y2 > by or z2 > bz:
                    continue
                if hit is not None and px < hit[3] and hit[0] < x2 and py < hit[4] and hit[1] < y2 \
                        and pz < hit[5] and hit[2] < z2:
                    continue
                for q in placed:
                    if px < q[3] and q[0] < x2 and py < q[4] and q[1] < y2 and pz < q[5] and q[2] < z2:
                        hit = q
                        break
                else:
                    chosen = (px, py, pz, ox, oy, oz)
                    break
            if chosen is not None:
                break
        if chosen is None:
            return None
        spots[i] = chosen
        left -= 1
        if not left:
            break  # the last unit needs no new points
        x, y, z, cdx, cdy, cdz = chosen
        ax, by_, cz = x + cdx, y + cdy, z + cdz
        # points the new unit covers are gone for good
        points = [p for p in points if not (x <= p[3] < ax and y <= p[2] < by_ and z <= p[1] < cz)]
        # its three far corners, each also slid back along the two other axes, join the sorted list
        corners = (x, y, z, ax, by_, cz)
        a_y, a_z, b_x, b_z, c_x, c_y = slides(corners, placed)
        placed.append(corners)
        # only corners inside the box, and a slide only when it moved the corner (else it is
        # the corner itself)
        fresh = []
        if ax < bx:
            fresh.append((ax, y, z))
            if a_y != y:
                fresh.append((ax, a_y, z))
            if a_z != z:
                fresh.append((ax, y, a_z))
        if by_ < by:
            fresh.append((x, by_, z))
            if b_x != x:
                fresh.append((b_x, by_, z))
            if b_z != z:
                fresh.append((x, by_, b_z))
        if cz < bz:
            fresh.append((x, y, cz))
            if c_x != x:
                fresh.append((c_x, y, cz))
            if c_y != y:
                fresh.append((x, c_y, cz))
        for px, py, pz in fresh:
            if (px, py, pz) not in seen:
                seen.add((px, py, pz))
                points.append((px + py + pz if by_sum else pz if floor_first else px, pz, py, px))
        points.sort()
    return spots  # type: ignore[return-value]


def fill_in_order(
    order: Sequence[int],
    orients: Sequence[Sequence[Dims]],
    box: Dims,
    point_key: PointKey = POINT_KEYS[0],
    orient_key: Callable[[Dims], tuple] = ORIENT_KEYS[0],
    stop_at_misfit: bool = False,
    weights: Sequence[int] | None = None,
    max_load: int | None = None,
    out_of_time: Callable[[], bool] | None = None,
) -> dict[int, Spot] | None:
    """Place what fits, in order (skipping misfits unless stop_at_misfit); unit -> spot.
    Past `out_of_time` it stops and returns what it has placed (None with stop_at_misfit)."""
    bx, by, bz = box
    placed: list[Corners] = []
    spots: dict[int, Spot] = {}
    points: list[tuple[int, int, int]] = [(0, 0, 0)]
    load = 0
    room = bx * by * bz
    failed: set[tuple[Dims, ...]] = set()  # shapes that found no place: skip their twins
    for n, i in enumerate(order):
        if out_of_time is not None and n and not n % TIME_CHECK and out_of_time():
            return None if stop_at_misfit else spots
        if weights is not None and max_load is not None and load + weights[i] > max_load:
            if stop_at_misfit:
                return None
            continue
        shape = tuple(orients[i])
        if not stop_at_misfit and (shape in failed or not shape or shape[0][0] * shape[0][1] * shape[0][2] > room):
            continue
        chosen: Spot | None = None
        ors = sorted(orients[i], key=orient_key)
        for px, py, pz in points:
            for ox, oy, oz in ors:
                x2, y2, z2 = px + ox, py + oy, pz + oz
                if x2 > bx or y2 > by or z2 > bz:
                    continue
                for qx, qy, qz, qx2, qy2, qz2 in placed:
                    if px < qx2 and qx < x2 and py < qy2 and qy < y2 and pz < qz2 and qz < z2:
                        break
                else:
                    chosen = (px, py, pz, ox, oy, oz)
                    break
            if chosen is not None:
                break
        if chosen is None:
            if stop_at_misfit:
                return None
            failed.add(shape)
            continue
        cx, cy, cz, cdx, cdy, cdz = chosen
        cx2, cy2, cz2 = cx + cdx, cy + cdy, cz + cdz
        placed.append((cx, cy, cz, cx2, cy2, cz2))
        room -= cdx * cdy * cdz
        spots[i] = chosen
        if weights is not None:
            load += weights[i]
        # points the new unit covers are gone; new ones go in at their place in the order
        points = [p for p in points if not (cx <= p[0] < cx2 and cy <= p[1] < cy2 and cz <= p[2] < cz2)]
        known = set(points)
        for p in _new_points(placed[-1], placed):
            if p[0] < bx and p[1] < by and p[2] < bz and p not in known:
                known.add(p)
                insort(points, p, key=point_key)
    return spots


def unit_orders(orients: Sequence[Sequence[Dims]]) -> list[list[int]]:
    """Several deterministic orders in which to try the units, most promising first."""
    n = len(orients)
    idx = list(range(n))
    first = [os[0] if os else (0, 0, 0) for os in orients]
    vol = [o[0] * o[1] * o[2] for o in first]
    longest = [max((max(o) for o in os), default=0) for os in orients]
    shortest = [min((min(o) for o in os), default=0) for os in orients]
    keys = [
        lambda i: (-vol[i], -longest[i], i),
        lambda i: (-longest[i], -vol[i], i),
        lambda i: (-shortest[i], -vol[i], i),
        lambda i: (-(vol[i] // max(shortest[i], 1)), i),  # biggest face first
    ]
    out: list[list[int]] = []
    for key in keys:
        order = sorted(idx, key=key)
        if order not in out:
            out.append(order)
    return out


# (orientation preference, point order, unit order) in the order the passes are tried: the
# passes that most often pack what the earlier ones could not, measured on the benchmark's
# orders, come first; the rest follow in plain order
PASSES: tuple[tuple[int, int, int], ...] = tuple(dict.fromkeys(
    [(1, 2, 0), (2, 2, 0), (2, 0, 0), (0, 2, 3), (1, 1, 0), (2, 2, 1), (1, 1, 2), (0, 2, 1), (1, 2, 3)]
    + [(o, p, u) for o in range(3) for p in range(3) for u in range(4)]))


def pack_heuristic(
    orients: Sequence[Sequence[Dims]], box: Dims, out_of_time: Callable[[], bool], max_tries: int = 36,
    skip: int = 0,
) -> list[Spot] | None:
    """Try the PASSES (after the first `skip`) until one packs everything; at most max_tries."""
    orders = unit_orders(orients)
    sorted_ors: dict[int, list[tuple[Dims, ...]]] = {}
    tries = 0
    for orient_key, point_key, k in PASSES[skip:]:
        if k >= len(orders):
            continue
        if tries >= max_tries or (tries and out_of_time()):  # the first try always runs
            return None
        tries += 1
        ors = sorted_ors.get(orient_key)
        if ors is None:
            ors = sorted_ors[orient_key] = [tuple(sorted(os, key=ORIENT_KEYS[orient_key])) for os in orients]
        spots = place_in_order(orders[k], ors, box, point_key, out_of_time)
        if spots is not None:
            log.debug("packed %d units in %s on try %d", len(orients), box, tries + skip)
            return spots
    return None


def backtrack_pack(
    order: Sequence[int], orients: Sequence[Sequence[Dims]], box: Dims, max_nodes: int,
    out_of_time: Callable[[], bool],
) -> tuple[list[Spot] | None, int]:
    """Depth-first over extreme points and orientations (backtracking on dead ends)."""
    bx, by, bz = box
    placed: list[Corners] = []
    spots: dict[int, Spot] = {}
    nodes = 0

    def go(k: int, points: list[tuple[int, int, int]]) -> bool:
        nonlocal nodes
        if k == len(order):
            return True
        i = order[k]
        for px, py, pz in points:
            for ox, oy, oz in orients[i]:
                x2, y2, z2 = px + ox, py + oy, pz + oz
                if x2 > bx or y2 > by or z2 > bz:
                    continue
                for qx, qy, qz, qx2, qy2, qz2 in placed:
                    if px < qx2 and qx < x2 and py < qy2 and qy < y2 and pz < qz2 and qz < z2:
                        break
                else:
                    nodes += 1
                    if nodes > max_nodes or (nodes & 63 == 0 and out_of_time()):
                        raise TimeoutError
                    placed.append((px, py, pz, x2, y2, z2))
                    spots[i] = (px, py, pz, ox, oy, oz)
                    nxt = [p for p in points if not (px <= p[0] < x2 and py <= p[1] < y2 and pz <= p[2] < z2)]
                    known = set(nxt)
                    for p in _new_points(placed[-1], placed):
                        if p[0] < bx and p[1] < by and p[2] < bz and p not in known:
                            known.add(p)
                            insort(nxt, p, key=POINT_KEYS[0])
                    if go(k + 1, nxt):
                        return True
                    placed.pop()
        return False

    try:
        ok = go(0, [(0, 0, 0)])
    except TimeoutError:
        return None, nodes
    return ([spots[i] for i in range(len(orients))] if ok else None), nodes


def shelf_fill(
    order: Sequence[int], orients: Sequence[Sequence[Dims]], box: Dims,
    weights: Sequence[int], max_load: int,
) -> dict[int, Spot]:
    """A fast, plain fill for when time is up: rows along x, rows side by side along y, layers up z.

    Rows advance by their deepest unit and layers by their tallest, so nothing can overlap.
    """
    bx, by, bz = box
    x = y = z = row = layer = 0
    load = 0
    spots: dict[int, Spot] = {}
    flat: dict[tuple[Dims, ...], list[Dims]] = {}  # orientations flattest first, per kind of unit
    for i in order:
        os = tuple(orients[i])
        if load + weights[i] > max_load or not os:
            continue
        ors = flat.get(os)
        if ors is None:
            ors = flat[os] = sorted(os, key=flat_first)
        for ox, oy, oz in ors:
            if x + ox <= bx and y + oy <= by and z + oz <= bz:
                break  # same row
            if oy <= by - y - row and z + oz <= bz and ox <= bx:
                x, y, row = 0, y + row, 0  # next row
                break
            if z + layer + oz <= bz and ox <= bx and oy <= by:
                x, y, z, row, layer = 0, 0, z + layer, 0, 0  # next layer
                break
        else:
            continue
        spots[i] = (x, y, z, ox, oy, oz)
        x += ox
        if oy > row:
            row = oy
        if oz > layer:
            layer = oz
        load += weights[i]
    return spots


def flat_first(o: Dims) -> tuple[int, int]:
    """Sort key of orientations for rows and layers: lowest first, then narrowest."""
    return (o[2], o[1])
