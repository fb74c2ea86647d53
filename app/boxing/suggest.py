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
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from time import perf_counter
from typing import Callable, Iterable, NamedTuple, Sequence

from app.boxing.errors import BoxingError
from app.boxing.bounds import quick_refusal, why_unit_misfits
from app.boxing.exact import bound_failure
from app.boxing.explain import Refusal, explain_choice, explain_split
from app.boxing.extreme_points import Spot, fill_in_order, shelf_fill, unit_orders
from app.boxing.model import BoxType, Goal, Objective, Parcel, Placement, Suggestion, Unit
from app.boxing.orientations import fitting_orientations, orientations_in
from app.translator import Lines, phrase
from app.boxing.trial import biggest_first_by_shape, try_box

log = logging.getLogger(__name__)

DEADLINE_S = 0.030  # safety net: past it only the cheapest valid steps run, so calls end within 50 ms
HURRY_S_PER_UNIT = 0.000006  # what those cheap steps cost per unit: a big order's deadline comes sooner
MIN_DEADLINE_S = 0.005
MANY_UNITS = 40  # orders of this many units refuse boxes by weight and volume before any unit's orientations


class BoxChoice(NamedTuple):
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
    """Each unit's placement from its spot: the padded envelope less the padding."""
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
    if units and isinstance(units[0], tuple):
        indexed: list[tuple[int, Unit]] = list(units)  # type: ignore[arg-type]
        plain: list[Unit] = [u for _, u in indexed]
    else:
        plain = list(units)  # type: ignore[arg-type]
        indexed = list(enumerate(plain))
    if out_of_time is None:
        out_of_time = _deadline(DEADLINE_S)
    # one pass over the units: shape, weight, padded volume (a fixed cost of every order)
    shapes = []
    weight = volume = 0
    for u in plain:
        shapes.append(u.shape)
        weight += u.weight
        volume += u.volume
    # a big order's kinds of unit, to refuse a box that is too small or weak for all of them
    # without working out every unit's orientations in it
    kinds = list(dict.fromkeys(shapes)) if len(shapes) >= MANY_UNITS else None
    order: list[int] | None = None
    refused: list[Refusal] = []
    for box in rank_boxes(boxes, plain, objective):
        if kinds is not None:
            reason = _kinds_refusal(plain, shapes, kinds, box, weight, volume)
            if reason is not None:
                refused.append(Refusal(box, reason, True))
                continue
        if order is None:
            order = biggest_first_by_shape(shapes)
        trial = try_box(plain, orientations_in(shapes, box.dims), box, weight, volume, out_of_time, order)
        if trial.spots is not None:
            billable = billable_weight(box, plain, objective) if objective.goal is Goal.CARRIER_COST else None
            text = explain_choice(box, refused, billable)
            return BoxChoice(box, _placements(indexed, trial.spots), tuple(refused),
                             all(r.proved for r in refused), text)
        refused.append(Refusal(box, trial.reason, trial.proved))
    return None


def _kinds_refusal(units: Sequence[Unit], shapes: Sequence[tuple[int, int, int, bool, int]],
                   kinds: Sequence[tuple[int, int, int, bool, int]], box: BoxType, weight: int, volume: int) -> str | None:
    """`quick_refusal`'s answer (the first unit that fits in no orientation, else the weight,
    else the volume), looking at each kind of unit once instead of at every unit."""
    fit = orientations_in(kinds, box.dims)
    if not all(fit):
        bad = {k for k, o in zip(kinds, fit) if not o}
        return why_unit_misfits(next(u for u, s in zip(units, shapes) if s in bad), box)
    if weight > box.max_weight or volume > box.volume:
        return quick_refusal((), (), box, weight, volume)
    return None


def _deadline(seconds: float) -> Callable[[], bool]:
    end = perf_counter() + seconds
    return lambda: perf_counter() > end


def _groups(indexed: list[tuple[int, Unit]]) -> list[list[tuple[int, Unit]]]:
    """Units split so that no group holds two incompatible classes (first fit, in order).

    Whether two units conflict depends only on their class and what they refuse, so each
    group keeps the (class, refused) pairs it holds and a unit is checked against those
    few, not against every unit already in the group."""
    if all(u.rules.hazard_class is None and not u.rules.incompatible_with for _, u in indexed):
        return [list(indexed)] if indexed else []  # no unit has a class or refuses one: nothing conflicts
    groups: list[list[tuple[int, Unit]]] = []
    kinds: list[dict[tuple[str | None, frozenset[str]], Unit]] = []
    for item in indexed:
        u = item[1]
        key = (u.rules.hazard_class, u.rules.incompatible_with)
        for g, held in zip(groups, kinds):
            if key in held or not any(u.conflicts_with(o) for o in held.values()):
                g.append(item)
                held.setdefault(key, u)
                break
        else:
            groups.append([item])
            kinds.append({key: u})
    return groups


def _fits_alone(u: Unit, b: BoxType) -> bool:
    return bool(fitting_orientations(u, b.dims)) and u.weight <= b.max_weight


def _in_stock(boxes: Sequence[BoxType], stock: dict[str, int | None]) -> list[BoxType]:
    return [b for b in boxes if b.enabled and stock.get(b.id, b.stock) != 0]


WINDOW_VOLUMES = 1  # the biggest remaining units a fill considers: up to this many box volumes
WINDOW_EXTRA = 24  # and this many units more
GAP_VOLUMES = 1  # plus the smallest remaining units, up to this many box volumes, to fill the gaps


def _window(rest: Iterable[tuple[int, Unit]], box: BoxType, volumes: int, extra: int, limit: int) -> int:
    """How many of these units (in this order, at most `limit`) come to `volumes` times the
    box's volume or load, and `extra` more."""
    volume = weight = 0
    room, load = volumes * box.volume, volumes * box.max_weight
    for n, (_, u) in enumerate(rest):
        volume += u.volume
        weight += u.weight
        if volume > room or weight > load:
            return min(limit, n + extra)
    return limit


def _candidates(rest: list[tuple[int, Unit]], box: BoxType, hurry: bool) -> tuple[int, int]:
    """How many of the remaining units (biggest first) a fill of one box considers, from the
    front and from the back: the biggest, and the smallest to fill the gaps they leave. A big
    order's fill never looks at every unit for every parcel (3,000 units took most of a
    second that way); out of time, it looks at about what the box can hold and no more."""
    n = len(rest)
    head = _window(rest, box, WINDOW_VOLUMES, 0 if hurry else WINDOW_EXTRA, n)
    if head >= n or hurry:
        return head, 0
    return head, _window(islice(reversed(rest), n - head), box, GAP_VOLUMES, 0, n - head)


@dataclass(frozen=True)
class _Fill:
    box: BoxType
    taken: list[tuple[int, Unit]]
    spots: list[Spot]
    head: int  # the units it considered: this many from the front of the remaining ones
    tail: int  # and this many from the back


def _fill_box(
    rest: list[tuple[int, Unit]], boxes: list[BoxType], objective: Objective, out_of_time: Callable[[], bool],
) -> _Fill:
    """Fill the roomiest box the first remaining unit fits with as many units as go in."""
    first = rest[0][1]
    fits = [b for b in boxes if _fits_alone(first, b)]
    if objective.goal is Goal.CARRIER_COST:
        fits.sort(key=lambda b: (-b.volume, billable_weight(b, [], objective), b.id))
    else:
        fits.sort(key=lambda b: (-b.volume, b.cost, b.id))
    box = fits[0]
    hurry = out_of_time()
    head, tail = _candidates(rest, box, hurry)
    units = rest[:head] + rest[len(rest) - tail:] if tail else rest[:head]
    orients = orientations_in([u.shape for _, u in units], box.dims)
    weights = [u.weight for _, u in units]
    # rows and layers (linear time) often fill a box with many small units best; the
    # extreme-point fills do better with mixed sizes, when there is time for them
    best = shelf_fill(range(len(units)), orients, box.dims, weights, box.max_weight)
    for order in ([] if hurry else unit_orders(orients)[:2]):
        order = [i for i in order if orients[i]]
        spots = fill_in_order(order, orients, box.dims, weights=weights, max_load=box.max_weight,
                              out_of_time=out_of_time)
        if spots is not None and len(spots) > len(best):
            best = spots
    if not best:  # the first unit always fits an empty box of its own
        best = fill_in_order([0], orients, box.dims) or {}
    return _Fill(box, [units[i] for i in sorted(best)], [best[i] for i in sorted(best)], head, tail)


def _split(group: list[tuple[int, Unit]], boxes: Sequence[BoxType], objective: Objective,
           out_of_time: Callable[[], bool], stock: dict[str, int | None]) -> list[BoxChoice]:
    """Several parcels for units that no single box holds."""
    # a big order repeats a few unit records: each is checked once, not each unit (grouped by
    # record, not by value: hashing 6,000 records costs more than the check; two equal
    # records only get checked twice)
    kinds = {id(u): u for _, u in group}
    rest = sorted(group, key=lambda iu: (-iu[1].volume, iu[0]))
    left = Counter(id(u) for _, u in rest)  # units of each kind still to pack: a big order repeats a few
    choices: list[BoxChoice] = []
    checked: list[BoxType] | None = None
    while rest:
        usable = _in_stock(boxes, stock)
        if usable != checked:  # the first time, and when a box ran out: a kind may have no box left
            for key, u in kinds.items():
                if left[key]:
                    _check_packable(u, boxes, usable)
            checked = usable
        whole = choose_box(rest, usable, objective, out_of_time) if choices and not out_of_time() else None
        if whole is not None:
            choices.append(whole)
            _take(stock, whole.box)
            break
        fill = _fill_box(rest, usable, objective, out_of_time)
        # a smaller box may do; out of time, the filled box stands
        choice = None if out_of_time() else choose_box(fill.taken, usable, objective, out_of_time)
        if choice is None:
            choice = BoxChoice(fill.box, _placements(fill.taken, fill.spots), (), False, phrase("%(box)s: filled", box=fill.box.id))
        choices.append(choice)
        _take(stock, choice.box)
        for _, u in fill.taken:
            left[id(u)] -= 1
        rest = _without(rest, {i for i, _ in fill.taken}, fill.head, fill.tail)
    return choices


def _without(rest: list[tuple[int, Unit]], taken: set[int], head: int, tail: int) -> list[tuple[int, Unit]]:
    """The remaining units less those taken, which are all among the first `head` and the
    last `tail` (the middle is copied as it is)."""
    end = len(rest) - tail
    return ([iu for iu in rest[:head] if iu[0] not in taken] + rest[head:end]
            + [iu for iu in rest[end:] if iu[0] not in taken])


def _take(stock: dict[str, int | None], box: BoxType) -> None:
    if stock.get(box.id) is not None:
        stock[box.id] -= 1  # type: ignore[operator]


def _check_packable(u: Unit, boxes: Sequence[BoxType], usable: Sequence[BoxType]) -> None:
    """Raise BoxingError naming the unit when no usable box can take it even alone."""
    if any(_fits_alone(u, b) for b in usable):
        return
    if not usable:
        raise BoxingError(phrase("no box is enabled and in stock for %(sku)s; enable or restock a box in the catalogue",
                                 sku=u.sku))
    if any(_fits_alone(u, b) for b in boxes if b.enabled):
        raise BoxingError(phrase("%(sku)s: the boxes it fits are out of stock; restock one or ship it in its own "
                                 "container", sku=u.sku))
    if any(fitting_orientations(u, b.dims) for b in usable):
        strongest = max(usable, key=lambda b: b.max_weight)
        raise BoxingError(phrase("%(sku)s weighs %(weight)s g, no box that fits it carries that much "
                                 "(strongest: %(box)s, %(most)s g)", sku=u.sku, weight=u.weight, box=strongest.id,
                                 most=strongest.max_weight))
    biggest = max(usable, key=lambda b: sorted(b.dims, reverse=True))
    raise BoxingError(phrase("%(sku)s fits no box: %(why)s", sku=u.sku, why=why_unit_misfits(u, biggest)))


def suggest_boxes(
    units: Sequence[Unit], boxes: Sequence[BoxType], objective: Objective = Objective()
) -> Suggestion:
    """The parcels for an order: boxes, every unit's placement, total box cost, one-line reason."""
    if not units:
        raise BoxingError(phrase("the order has no units to pack"))
    out_of_time = _deadline(max(MIN_DEADLINE_S, DEADLINE_S - HURRY_S_PER_UNIT * len(units)))
    indexed = list(enumerate(units))
    own = [iu for iu in indexed if iu[1].rules.own_container]
    boxed = [iu for iu in indexed if not iu[1].rules.own_container]
    parcels: list[Parcel] = []
    notes: list[str] = []
    groups = _groups(boxed)
    if len(groups) > 1:
        a, b = next((x, y) for _, x in groups[0] for _, y in groups[1] if x.conflicts_with(y))
        notes.append(phrase("%(sku)s and %(other)s packed apart (incompatible classes)", sku=a.sku, other=b.sku))
    stock: dict[str, int | None] = {b.id: b.stock for b in boxes}
    for group in groups:
        single = choose_box(group, _in_stock(boxes, stock), objective, out_of_time)
        if single is not None:
            parcels.append(Parcel(single.box, single.placements, single.proved_cheapest))
            notes.append(single.explanation)
            _take(stock, single.box)
            continue
        choices = _split(group, boxes, objective, out_of_time, stock)
        refusals = [r for r in (_whole_refusal(group, boxes, objective),) if r]
        why = phrase("no single box holds all %(n)s units (%(reason)s)", n=len(group), reason=refusals[0]) \
            if refusals else phrase("no single box holds all %(n)s units", n=len(group))
        notes.append(explain_split([c.box.id for c in choices], why))
        parcels.extend(Parcel(c.box, c.placements, c.proved_cheapest) for c in choices)
    for index, u in own:
        parcels.append(Parcel(None, (Placement(index, u.sku, 0, 0, 0, u.length, u.width, u.height),)))
        notes.append(phrase("%(sku)s ships in its own container", sku=u.sku))
    cost = sum((p.box.cost for p in parcels if p.box is not None), Decimal("0"))
    log.debug("suggested %s for %d units", [p.box_id for p in parcels], len(units))
    return Suggestion(tuple(parcels), cost, Lines(notes, "; "), tuple(units))


def _whole_refusal(group: list[tuple[int, Unit]], boxes: Sequence[BoxType], objective: Objective) -> str | None:
    """Why the roomiest box cannot take the whole group, when a bound says so."""
    ranked = rank_boxes(boxes, [u for _, u in group], objective)
    if not ranked:
        return None
    biggest = max(ranked, key=lambda b: b.volume)
    reason = bound_failure([u for _, u in group], biggest)
    return phrase("%(box)s: %(reason)s", box=biggest.id, reason=reason) if reason else None
