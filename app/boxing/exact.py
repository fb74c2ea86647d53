"""The complete search for small orders: it either finds an arrangement or proves that none
exists (and `bound_failure`, every bound of app.boxing.bounds in one call).

The search decides, pair by pair, which side of the other each unit lies on (left/right,
behind/in front, below/above: one axis that separates them). Every real packing separates
every pair along some axis, so exhausting the choices proves that no packing exists; a
complete set of choices whose chains fit the box is a packing (each unit at its earliest
start).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from app.boxing.bounds import quick_refusal, strong_refusal
from app.boxing.model import BoxType, Unit
from app.boxing.orientations import orientations_in

log = logging.getLogger(__name__)

Dims = tuple[int, int, int]
Spot = tuple[int, int, int, int, int, int]


def bound_failure(units: Sequence[Unit], box: BoxType) -> str | None:
    """A reason the box surely cannot hold all these units, or None when the bounds allow it."""
    shapes = [u.shape for u in units]
    weight = sum(u.weight for u in units)
    volume = sum(u.volume for u in units)
    if (weight > box.max_weight or volume > box.volume) and all(orientations_in(list(dict.fromkeys(shapes)), box.dims)):
        # every unit fits alone (checked once per kind: a big order repeats a few), so the
        # reason is the weight or the volume
        return quick_refusal((), (), box, weight, volume)
    orients = orientations_in(shapes, box.dims)
    reason = quick_refusal(units, orients, box, weight, volume)
    if reason is None:
        reason, _ = strong_refusal(units, orients, box, volume)
    return reason


@dataclass
class SearchResult:
    """Outcome of the complete search: spots when found, proved_empty when none exists."""

    spots: list[Spot] | None
    proved_empty: bool
    nodes: int


class _Budget(Exception):
    pass


def exact_pack(
    orients: Sequence[Sequence[Dims]], box: Dims, max_nodes: int, out_of_time: Callable[[], bool]
) -> SearchResult:
    """Complete search for an arrangement; gives up (neither found nor proved) past the budget.

    Units enter one at a time (largest first, each orientation in turn). Per axis a graph of
    "lies before" keeps for every unit its earliest start (`head`, the longest chain before
    it) and the room it needs from its start to the far wall (`tail`, itself plus the longest
    chain after it). The undecided pair with the fewest possible relations is decided next
    (none left: backtrack; one: forced); a pair is decided once a chain separates it.
    """
    n = len(orients)
    order = sorted(range(n), key=lambda i: -max(o[0] * o[1] * o[2] for o in orients[i]))
    os_ = [sorted(orients[i], key=lambda o: (o[2], -o[0] * o[1])) for i in order]
    dims: list[Dims] = [(0, 0, 0)] * n
    head = [[0] * n for _ in range(3)]
    tail = [[0] * n for _ in range(3)]
    succ: list[list[list[int]]] = [[[] for _ in range(n)] for _ in range(3)]
    pred: list[list[list[int]]] = [[[] for _ in range(n)] for _ in range(3)]
    reach = [[0] * n for _ in range(3)]  # bits of the units each one lies before (transitively)
    nodes = 0
    found: list[Spot] | None = None

    rel = [0] * n  # bits of the units each one is already separated from, on any axis

    def options(a: int, b: int) -> list[tuple[int, int, int, int]]:
        out = []
        for k in range(3):
            need = head[k][a] + dims[a][k] + tail[k][b]
            if need <= box[k]:
                out.append((need * 1000 // box[k], k, a, b))
            if a == 1 and b == 0:
                continue  # mirror symmetry: unit 1 never lies before unit 0 (reflect the box)
            need = head[k][b] + dims[b][k] + tail[k][a]
            if need <= box[k]:
                out.append((need * 1000 // box[k], k, b, a))
        out.sort()
        return out

    def link(k: int, a: int, b: int, log: list) -> bool:
        """Add a before b on axis k; raise heads after it and tails before it; False on overflow."""
        limit = box[k]
        h, t, d = head[k], tail[k], dims
        succ[k][a].append(b)
        pred[k][b].append(a)
        log.append(("edge", k, a, b))
        log.append(("rel", k, 0, rel[:]))
        gained = (1 << b) | reach[k][b]
        for x in range(n):
            if x == a or (reach[k][x] >> a) & 1:
                new = reach[k][x] | gained
                if new != reach[k][x]:
                    log.append(("reach", k, x, reach[k][x]))
                    reach[k][x] = new
                    rel[x] |= gained
                    g = gained
                    while g:
                        y = (g & -g).bit_length() - 1
                        g &= g - 1
                        rel[y] |= 1 << x
        stack = [(b, h[a] + d[a][k])]
        while stack:
            v, start = stack.pop()
            if start > h[v]:
                if start + t[v] > limit:
                    return False
                log.append(("head", k, v, h[v]))
                h[v] = start
                for w in succ[k][v]:
                    stack.append((w, start + d[v][k]))
        stack = [(a, d[a][k] + t[b])]
        while stack:
            v, need = stack.pop()
            if need > t[v]:
                if h[v] + need > limit:
                    return False
                log.append(("tail", k, v, t[v]))
                t[v] = need
                for w in pred[k][v]:
                    stack.append((w, d[w][k] + need))
        return True

    def undo(log: list[tuple[str, int, int, Any]]) -> None:
        for kind, k, x, old in reversed(log):  # newest first
            if kind == "edge":
                succ[k][x].pop()
                pred[k][old].pop()
            elif kind == "reach":
                reach[k][x] = old
            elif kind == "rel":
                rel[:] = old
            elif kind == "head":
                head[k][x] = old
            else:
                tail[k][x] = old

    def solve(m: int) -> bool:
        """m units are in; decide their pairs, then bring in the next unit."""
        nonlocal nodes, found
        best: list[tuple[int, int, int, int]] | None = None
        for a in range(m):
            ra = rel[a]
            for b in range(a):
                if (ra >> b) & 1:
                    continue
                opts = options(a, b)
                if not opts:
                    return False
                if best is None or len(opts) < len(best):
                    best = opts
                    if len(opts) == 1:
                        break
            if best is not None and len(best) == 1:
                break
        if best is not None:
            for _, k, a, b in best:
                nodes += 1
                if nodes > max_nodes or (nodes & 255 == 0 and out_of_time()):
                    raise _Budget
                log: list = []
                if link(k, a, b, log) and solve(m):
                    return True
                undo(log)
            return False
        if m == n:
            found = [(head[0][v], head[1][v], head[2][v], *dims[v]) for v in range(n)]
            return True
        for o in os_[m]:
            dims[m] = o
            for k in range(3):
                head[k][m] = 0
                tail[k][m] = o[k]
            nodes += 1
            if solve(m + 1):
                return True
        return False

    try:
        ok = solve(0)
    except _Budget:
        log.debug("exact search gave up after %d nodes", nodes)
        return SearchResult(None, False, nodes)
    if not ok:
        return SearchResult(None, True, nodes)
    back = [0] * n
    for pos, i in enumerate(order):
        back[i] = pos
    assert found is not None
    return SearchResult([found[back[i]] for i in range(n)], False, nodes)
