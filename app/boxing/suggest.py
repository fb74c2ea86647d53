"""`suggest_boxes`: the box (or boxes) for an order, with every unit's placement.

Boxes are tried in the objective's order; the first that holds the units wins. A box is
refused by a proof (bounds, or the complete search for small orders) or because no
arrangement was found. When every cheaper box was refused by a proof, the choice is proved
optimal. Work is bounded by try and node counts (so answers are deterministic) and, as a
safety net, by a wall-clock deadline well inside 50 ms.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Sequence

from app.boxing.errors import BoxingError
from app.boxing.bounds import why_unit_misfits
from app.boxing.exact import bound_failure
from app.boxing.explain import Refusal, explain_choice, explain_split
from app.boxing.extreme_points import Spot, fill_in_order, shelf_fill, unit_orders
from app.boxing.model import BoxType, Goal, Objective, Parcel, Placement, Suggestion, Unit
from app.boxing.orientations import fitting_orientations, orientations_in, shape_of
from app.boxing.trial import biggest_first, try_box

log = logging.getLogger(__name__)

DEADLINE_S = 0.030  # safety net: past it only the cheapest valid steps run, so calls end within 50 ms


@dataclass(frozen=True)
class BoxChoice:
    """The chosen box for a set of units, its placements, and the boxes refused before it."""

    box: BoxType
    placements: tuple[Placement, ...]
    refused: tuple[Refusal, ...]
    proved_cheapest: bool
    explanation: str


def billable_weight(box: BoxType, units: Sequence[Unit], objective: Objective) -> int:
    """Carrier's billable grams: the larger of gross weight and dimensional weight."""
    gross = box.tare + sum(u.weight for u in units)
    return max(gross, math.ceil(box.volume / objective.dim_divisor))


def rank_boxes(boxes: Sequence[BoxType], units: Sequence[Unit], objective: Objective) -> list[BoxType]:
    """Usable boxes, best first for the objective."""
    usable = [b for b in boxes if b.enabled and (b.stock is None or b.stock > 0)]
    if objective.goal is Goal.CARRIER_COST:
        return sorted(usable, key=lambda b: (billable_weight(b, units, objective), b.cost, b.volume, b.id))
    return sorted(usable, key=lambda b: (b.cost, b.volume, b.id))


def _placements(units: Sequence[tuple[int, Unit]], spots: Sequence[Spot]) -> tuple[Placement, ...]:
    out = []
    for (index, u), (x, y, z, dx, dy, dz) in zip(units, spots):
        p = u.rules.padding
        out.append(Placement(index, u.sku, x + p, y + p, z + p, dx - 2 * p, dy - 2 * p, dz - 2 * p))
    return tuple(out)


def choose_box(
    units: Sequence[Unit] | Sequence[tuple[int, Unit]],
    boxes: Sequence[BoxType],
    objective: Objective = Objective(),
    out_of_time: Callable[[], bool] | None = None,
) -> BoxChoice | None:
    """The best single box for all these units, or None when no box holds them all."""
    indexed = [u if isinstance(u, tuple) else (i, u) for i, u in enumerate(units)]  # type: ignore[misc]
    plain = [u for _, u in indexed]
    if out_of_time is None:
        out_of_time = _deadline(DEADLINE_S)
    shapes = [shape_of(u) for u in plain]
    weight = sum(u.weight for u in plain)
    volume = sum(u.volume for u in plain)
    order = biggest_first(plain)
    refused: list[Refusal] = []
    for box in rank_boxes(boxes, plain, objective):
        trial = try_box(plain, orientations_in(shapes, box.dims), box, weight, volume, out_of_time, order)
        if trial.spots is not None:
            billable = billable_weight(box, plain, objective)
            text = explain_choice(box, refused, objective, billable)
            return BoxChoice(box, _placements(indexed, trial.spots), tuple(refused),
                             all(r.proved for r in refused), text)
        refused.append(Refusal(box, trial.reason, trial.proved))
    return None


def _deadline(seconds: float) -> Callable[[], bool]:
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() > end


def _groups(indexed: list[tuple[int, Unit]]) -> list[list[tuple[int, Unit]]]:
    """Units split so that no group holds two incompatible classes (first fit, in order)."""
    groups: list[list[tuple[int, Unit]]] = []
    for item in indexed:
        for g in groups:
            if not any(item[1].conflicts_with(o) for _, o in g):
                g.append(item)
                break
        else:
            groups.append([item])
    return groups


def _fits_alone(u: Unit, b: BoxType) -> bool:
    return bool(fitting_orientations(u, b.dims)) and u.weight <= b.max_weight


def _in_stock(boxes: Sequence[BoxType], stock: dict[str, int | None]) -> list[BoxType]:
    return [b for b in boxes if b.enabled and stock.get(b.id, b.stock) != 0]


def _fill_box(
    rest: list[tuple[int, Unit]], boxes: list[BoxType], objective: Objective, hurry: bool = False
) -> tuple[BoxType, list[tuple[int, Unit]], list[Spot]]:
    """Fill the roomiest box the first remaining unit fits with as many units as go in."""
    head = rest[0][1]
    fits = [b for b in boxes if _fits_alone(head, b)]
    if objective.goal is Goal.CARRIER_COST:
        fits.sort(key=lambda b: (-b.volume, billable_weight(b, [], objective), b.id))
    else:
        fits.sort(key=lambda b: (-b.volume, b.cost, b.id))
    box = fits[0]
    orients = [fitting_orientations(u, box.dims) for _, u in rest]
    weights = [u.weight for _, u in rest]
    best: dict[int, Spot] = {}
    if hurry:
        best = shelf_fill(range(len(rest)), orients, box.dims, weights, box.max_weight)
        return box, [rest[i] for i in sorted(best)], [best[i] for i in sorted(best)]
    for order in unit_orders(orients)[:2]:
        order = [i for i in order if orients[i]]
        spots = fill_in_order(order, orients, box.dims, weights=weights, max_load=box.max_weight)
        if spots is not None and len(spots) > len(best):
            best = spots
    if 0 not in best:  # the head always fits an empty box of its own
        best = fill_in_order([0], orients, box.dims) or {}
    return box, [rest[i] for i in sorted(best)], [best[i] for i in sorted(best)]


def _split(group: list[tuple[int, Unit]], boxes: Sequence[BoxType], objective: Objective,
           out_of_time: Callable[[], bool], stock: dict[str, int | None]) -> list[BoxChoice]:
    """Several parcels for units that no single box holds."""
    rest = sorted(group, key=lambda iu: (-iu[1].volume, iu[0]))
    choices: list[BoxChoice] = []
    while rest:
        usable = _in_stock(boxes, stock)
        for _, u in rest:
            _check_packable(u, boxes, usable)
        whole = choose_box(rest, usable, objective, out_of_time) if choices and not out_of_time() else None
        if whole is not None:
            taken, choice = rest, whole
        else:
            box, taken, spots = _fill_box(rest, usable, objective, hurry=out_of_time())
            # a smaller box may do; out of time, the filled box stands
            choice = None if out_of_time() else choose_box(taken, usable, objective, out_of_time)
            if choice is None:
                choice = BoxChoice(box, _placements(taken, spots), (), False, f"{box.id}: filled")
        choices.append(choice)
        _take(stock, choice.box)
        ids = {i for i, _ in taken}
        rest = [iu for iu in rest if iu[0] not in ids]
    return choices


def _take(stock: dict[str, int | None], box: BoxType) -> None:
    if stock.get(box.id) is not None:
        stock[box.id] -= 1  # type: ignore[operator]


def _check_packable(u: Unit, boxes: Sequence[BoxType], usable: Sequence[BoxType]) -> None:
    """Raise BoxingError naming the unit when no usable box can take it even alone."""
    if any(_fits_alone(u, b) for b in usable):
        return
    if not usable:
        raise BoxingError(f"no box is enabled and in stock for {u.sku}; enable or restock a box in the catalogue")
    if any(_fits_alone(u, b) for b in boxes if b.enabled):
        raise BoxingError(f"{u.sku}: the boxes it fits are out of stock; restock one or ship it in its own container")
    if any(fitting_orientations(u, b.dims) for b in usable):
        strongest = max(usable, key=lambda b: b.max_weight)
        raise BoxingError(f"{u.sku} weighs {u.weight} g, no box that fits it carries that much "
                          f"(strongest: {strongest.id}, {strongest.max_weight} g)")
    biggest = max(usable, key=lambda b: sorted(b.dims, reverse=True))
    raise BoxingError(f"{u.sku} fits no box: {why_unit_misfits(u, biggest)}")


def suggest_boxes(
    units: Sequence[Unit], boxes: Sequence[BoxType], objective: Objective = Objective()
) -> Suggestion:
    """The parcels for an order: boxes, every unit's placement, total box cost, one-line reason."""
    if not units:
        raise BoxingError("the order has no units to pack")
    out_of_time = _deadline(DEADLINE_S)
    indexed = list(enumerate(units))
    own = [iu for iu in indexed if iu[1].rules.own_container]
    boxed = [iu for iu in indexed if not iu[1].rules.own_container]
    parcels: list[Parcel] = []
    notes: list[str] = []
    groups = _groups(boxed)
    if len(groups) > 1:
        a, b = next((x, y) for _, x in groups[0] for _, y in groups[1] if x.conflicts_with(y))
        notes.append(f"{a.sku} and {b.sku} packed apart (incompatible classes)")
    stock: dict[str, int | None] = {b.id: b.stock for b in boxes}
    for group in groups:
        single = choose_box(group, _in_stock(boxes, stock), objective, out_of_time)
        if single is not None:
            parcels.append(Parcel(single.box, single.placements, single.proved_cheapest))
            notes.append(single.explanation)
            _take(stock, single.box)
            continue
        choices = _split(group, boxes, objective, out_of_time, stock)
        why = f"no single box holds all {len(group)} units"
        refusals = [r for r in (_whole_refusal(group, boxes, objective),) if r]
        notes.append(explain_split([c.box.id for c in choices], why + (f" ({refusals[0]})" if refusals else "")))
        parcels.extend(Parcel(c.box, c.placements, c.proved_cheapest) for c in choices)
    for index, u in own:
        parcels.append(Parcel(None, (Placement(index, u.sku, 0, 0, 0, u.length, u.width, u.height),)))
        notes.append(f"{u.sku} ships in its own container")
    cost = sum((p.box.cost for p in parcels if p.box is not None), Decimal("0"))
    log.debug("suggested %s for %d units", [p.box_id for p in parcels], len(units))
    return Suggestion(tuple(parcels), cost, "; ".join(notes), tuple(units))


def _whole_refusal(group: list[tuple[int, Unit]], boxes: Sequence[BoxType], objective: Objective) -> str | None:
    """Why the roomiest box cannot take the whole group, when a bound says so."""
    ranked = rank_boxes(boxes, [u for _, u in group], objective)
    if not ranked:
        return None
    biggest = max(ranked, key=lambda b: b.volume)
    reason = bound_failure([u for _, u in group], biggest)
    return f"{biggest.id}: {reason}" if reason else None
