"""An independent check of any packing: it knows the rules, not how the answer was found."""
from __future__ import annotations

import logging
from collections import Counter
from typing import Sequence

from app.boxing.errors import InvalidPacking
from app.boxing.model import Parcel, Suggestion, Unit

log = logging.getLogger(__name__)


def parcel_problems(units: Sequence[Unit], parcel: Parcel) -> list[str]:
    """What is wrong with one parcel (empty when it is physically and rule-wise sound)."""
    problems: list[str] = []
    box = parcel.box
    boxes: list[tuple[int, int, int, int, int, int]] = []
    for q in parcel.placements:
        if not 0 <= q.unit < len(units):
            problems.append(f"placement of {q.sku} names unit {q.unit}, which the order does not have")
            continue
        u = units[q.unit]
        if q.sku != u.sku:
            problems.append(f"unit {q.unit} is {u.sku}, not {q.sku}")
        coords = (q.x, q.y, q.z, q.dx, q.dy, q.dz)
        if not all(type(c) is int for c in coords):
            problems.append(f"{u.sku} has a non-integer position or size {coords}")
            continue
        if sorted((q.dx, q.dy, q.dz)) != sorted((u.length, u.width, u.height)):
            problems.append(f"{u.sku} placed as {q.dx}x{q.dy}x{q.dz}, it is {u.length}x{u.width}x{u.height}")
        if u.rules.upright and q.dz != u.height:
            problems.append(f"{u.sku} must stay upright ({u.height} mm tall) but stands {q.dz} mm")
        if box is None:
            if not u.rules.own_container:
                problems.append(f"{u.sku} is not allowed to ship without a box")
            continue
        if u.rules.own_container:
            problems.append(f"{u.sku} ships in its own container but was put in {box.id}")
        p = u.rules.padding
        env = (q.x - p, q.y - p, q.z - p, q.x + q.dx + p, q.y + q.dy + p, q.z + q.dz + p)
        if env[0] < 0 or env[1] < 0 or env[2] < 0 or env[3] > box.length or env[4] > box.width or env[5] > box.height:
            problems.append(f"{u.sku} at ({q.x},{q.y},{q.z}) size {q.dx}x{q.dy}x{q.dz} (padding {p}) sticks out of {box.id}")
        boxes.append(env)
    if box is None:
        if len(parcel.placements) != 1:
            problems.append(f"a parcel without a box holds {len(parcel.placements)} units, not 1")
        return problems
    if not box.enabled:
        problems.append(f"box {box.id} is disabled")
    for i in range(len(boxes)):
        a = boxes[i]
        for j in range(i):
            b = boxes[j]
            if a[0] < b[3] and b[0] < a[3] and a[1] < b[4] and b[1] < a[4] and a[2] < b[5] and b[2] < a[5]:
                problems.append(f"{parcel.placements[i].sku} and {parcel.placements[j].sku} overlap in {box.id}")
    inside = [units[q.unit] for q in parcel.placements if 0 <= q.unit < len(units)]
    load = sum(u.weight for u in inside)
    if load > box.max_weight:
        problems.append(f"{box.id} carries {load} g, more than its {box.max_weight} g")
    for i in range(len(inside)):
        for j in range(i):
            if inside[i].conflicts_with(inside[j]):
                problems.append(f"{inside[i].sku} and {inside[j].sku} are incompatible but share {box.id}")
    return problems


def packing_problems(units: Sequence[Unit], parcels: Sequence[Parcel]) -> list[str]:
    """Everything wrong with these parcels for this order; empty means valid."""
    problems: list[str] = []
    seen = Counter(q.unit for p in parcels for q in p.placements)
    for i, u in enumerate(units):
        if seen[i] != 1:
            problems.append(f"unit {i} ({u.sku}) is packed {seen[i]} times, not once")
    for p in parcels:
        problems.extend(parcel_problems(units, p))
    used = Counter(p.box.id for p in parcels if p.box is not None)
    for p in parcels:
        if p.box is not None and p.box.stock is not None and used[p.box.id] > p.box.stock:
            problems.append(f"{used[p.box.id]} x {p.box.id} used, {p.box.stock} in stock")
            used[p.box.id] = 0  # report once
    return problems


def validate_suggestion(suggestion: Suggestion, units: Sequence[Unit] | None = None) -> None:
    """Raise InvalidPacking naming every problem, or return quietly when the suggestion is valid."""
    problems = packing_problems(units if units is not None else suggestion.units, suggestion.parcels)
    if problems:
        raise InvalidPacking(problems)
