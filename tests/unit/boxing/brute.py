"""Brute force for tiny cases: fill the box cell by cell (1 mm cells), independent of app.boxing.

At the first empty cell (in z, y, x order) either a remaining unit starts there, in any
allowed orientation, or the cell stays empty; that enumerates every packing of integer
positions, and any packing can be pushed to integer positions.
"""
from __future__ import annotations

from itertools import permutations


def allowed(dims: tuple[int, int, int], upright: bool) -> set[tuple[int, int, int]]:
    l, w, h = dims
    if upright:
        return {(l, w, h), (w, l, h)}
    return set(permutations(dims))


def fits(items: list[tuple[tuple[int, int, int], bool]], box: tuple[int, int, int]) -> bool:
    """True when the items (dims, upright) can all be placed in the box without overlap."""
    bx, by, bz = box
    spare = bx * by * bz - sum(d[0] * d[1] * d[2] for d, _ in items)
    if spare < 0:
        return False
    filled = [[[False] * bx for _ in range(by)] for _ in range(bz)]
    kinds: dict[tuple, int] = {}
    for d, up in items:
        key = (tuple(sorted(allowed(d, up))),)
        kinds[key] = kinds.get(key, 0) + 1
    shapes = list(kinds)
    left = [kinds[s] for s in shapes]

    def first_empty(start: int) -> int:
        for c in range(start, bx * by * bz):
            z, r = divmod(c, bx * by)
            y, x = divmod(r, bx)
            if not filled[z][y][x]:
                return c
        return -1

    def free(x: int, y: int, z: int, o: tuple[int, int, int]) -> bool:
        if x + o[0] > bx or y + o[1] > by or z + o[2] > bz:
            return False
        return all(not filled[k][j][i] for k in range(z, z + o[2]) for j in range(y, y + o[1]) for i in range(x, x + o[0]))

    def mark(x: int, y: int, z: int, o: tuple[int, int, int], v: bool) -> None:
        for k in range(z, z + o[2]):
            for j in range(y, y + o[1]):
                for i in range(x, x + o[0]):
                    filled[k][j][i] = v

    def go(start: int, spare: int) -> bool:
        if not any(left):
            return True
        c = first_empty(start)
        if c < 0:
            return False
        z, r = divmod(c, bx * by)
        y, x = divmod(r, bx)
        for s, shape in enumerate(shapes):
            if not left[s]:
                continue
            for o in shape[0]:
                if free(x, y, z, o):
                    mark(x, y, z, o, True)
                    left[s] -= 1
                    if go(c + 1, spare):
                        return True
                    left[s] += 1
                    mark(x, y, z, o, False)
        if spare > 0:
            filled[z][y][x] = True
            ok = go(c + 1, spare - 1)
            filled[z][y][x] = False
            return ok
        return False

    return go(0, spare)
