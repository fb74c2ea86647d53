"""The ways a unit may lie in a box: permutations of its dimensions that its rules allow."""
from __future__ import annotations

import logging
from functools import lru_cache
from itertools import permutations
from typing import Final, Sequence

from app.boxing.model import Unit

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]


@lru_cache(maxsize=4096)
def orientations(unit: Unit) -> tuple[Dims, ...]:
    """Distinct (dx, dy, dz) of the unit's padded envelope; upright units keep their height on z."""
    p = 2 * unit.rules.padding
    l, w, h = unit.length + p, unit.width + p, unit.height + p
    if unit.rules.upright:
        found = [(l, w, h), (w, l, h)]
    else:
        found = [(a, b, c) for a, b, c in permutations((l, w, h))]
    seen: list[Dims] = []
    for dims in found:
        if dims not in seen:
            seen.append(dims)
    return tuple(seen)


@lru_cache(maxsize=16384)
def fitting_orientations(unit: Unit, box: Dims) -> tuple[Dims, ...]:
    """The orientations of the unit that fit in an empty box of these inner dimensions."""
    bx, by, bz = box
    return tuple(o for o in orientations(unit) if o[0] <= bx and o[1] <= by and o[2] <= bz)


@lru_cache(maxsize=4096)
def shape_orientations(shape: tuple[int, int, int, bool, int]) -> tuple[Dims, ...]:
    """Distinct padded (dx, dy, dz) for a shape; keyed by plain ints, so cheap to look up."""
    l, w, h, upright, padding = shape
    p = 2 * padding
    l, w, h = l + p, w + p, h + p
    found: list[Dims] = [(l, w, h), (w, l, h)] if upright else [(a, b, c) for a, b, c in permutations((l, w, h))]
    return tuple(dict.fromkeys(found))


Shape = tuple[int, int, int, bool, int]
TABLE_SHAPES = 65536  # shapes remembered over all boxes; past it the tables start over
_tables: Final[dict[Dims, dict[Shape, tuple[Dims, ...]]]] = {}
_remembered = 0


def _fitting(shape: Shape, box: Dims) -> tuple[Dims, ...]:
    bx, by, bz = box
    return tuple(o for o in shape_orientations(shape) if o[0] <= bx and o[1] <= by and o[2] <= bz)


def orientations_in(shapes: Sequence[Shape], box: Dims) -> list[tuple[Dims, ...]]:
    """Per unit (given by its shape), the orientations that fit an empty box of these dimensions.

    Every order asks this of every box it tries, so the answers are kept in one table per
    box, keyed by the shape alone (cheaper to look up than a cache keyed by shape and box).
    A shape's answer is the same tuple object each time, which the passes rely on to treat
    units of one product as one kind."""
    global _remembered
    table = _tables.get(box)
    if table is None:
        table = _tables[box] = {}
    out = []
    for s in shapes:
        o = table.get(s)
        if o is None:
            if _remembered >= TABLE_SHAPES:
                _tables.clear()
                _remembered = 0
                table = _tables[box] = {}
            o = table[s] = _fitting(s, box)
            _remembered += 1
        out.append(o)
    return out


IdentityMemo = dict[int, tuple[object, object]]  # id(tuple) -> (the tuple, its answer)
IDENTITY_MEMO_SIZE: Final = 8192  # answers per memo; past it the memo starts over


def remember(memo: IdentityMemo, key: object, value: object) -> None:
    """Keep an answer for this tuple object, looked up later by `memo.get(id(key))`.

    The orientation tables hand out one tuple per kind of unit and box, and an id is far
    cheaper to look up than a tuple of tuples is to hash (which every order did several
    times per unit and box). The entry keeps its tuple alive, so the id stays its own while
    remembered; a lookup still checks `entry[0] is key`."""
    if len(memo) >= IDENTITY_MEMO_SIZE:
        memo.clear()
    memo[id(key)] = (key, value)


_smallest: Final[IdentityMemo] = {}


def smallest_sizes(os: tuple[Dims, ...]) -> Dims:
    """The smallest size along each axis over these orientations (remembered per tuple)."""
    hit = _smallest.get(id(os))
    if hit is not None and hit[0] is os:
        return hit[1]  # type: ignore[return-value]
    out = os[0] if len(os) == 1 else (min(o[0] for o in os), min(o[1] for o in os), min(o[2] for o in os))
    remember(_smallest, os, out)
    return out
