"""The ways a unit may lie in a box: permutations of its dimensions that its rules allow.

A unit's orientations depend only on its shape (length, width, height, upright, padding),
so the answers are cached by shape and box dimensions: a shift's orders repeat the same
products in the same few boxes. The small answers the search asks of every orientation
tuple (smallest sizes here, per-axis extents in bounds, preferred orders in trial) are
cached by the tuple's value too: without those three caches the benchmark's warm 1-6-unit
p95 went from about 60 to 77-84 us.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from itertools import permutations
from typing import Sequence

from app.boxing.model import Unit

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]
Shape = tuple[int, int, int, bool, int]  # (length, width, height, upright, padding): Unit.shape


@lru_cache(maxsize=4096)
def shape_orientations(shape: Shape) -> tuple[Dims, ...]:
    """Distinct (dx, dy, dz) of a shape's padded envelope; upright shapes keep their height on z."""
    length, width, height, upright, padding = shape
    p = 2 * padding
    l, w, h = length + p, width + p, height + p
    found = [(l, w, h), (w, l, h)] if upright else list(permutations((l, w, h)))
    return tuple(dict.fromkeys(found))  # distinct, in the order found


@lru_cache(maxsize=65536)
def shape_fits(shape: Shape, box: Dims) -> tuple[Dims, ...]:
    """The orientations of a shape that fit an empty box of these inner dimensions."""
    bx, by, bz = box
    return tuple(o for o in shape_orientations(shape) if o[0] <= bx and o[1] <= by and o[2] <= bz)


def orientations(unit: Unit) -> tuple[Dims, ...]:
    """Distinct (dx, dy, dz) of the unit's padded envelope; upright units keep their height on z."""
    return shape_orientations(unit.shape)


def fitting_orientations(unit: Unit, box: Dims) -> tuple[Dims, ...]:
    """The orientations of the unit that fit in an empty box of these inner dimensions."""
    return shape_fits(unit.shape, box)


def orientations_in(shapes: Sequence[Shape], box: Dims) -> list[tuple[Dims, ...]]:
    """Per unit (given by its shape), the orientations that fit an empty box of these dimensions."""
    return [shape_fits(s, box) for s in shapes]


@lru_cache(maxsize=8192)
def smallest_sizes(os: tuple[Dims, ...]) -> Dims:
    """The smallest size along each axis over these orientations."""
    return (min(o[0] for o in os), min(o[1] for o in os), min(o[2] for o in os))
