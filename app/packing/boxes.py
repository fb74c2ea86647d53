"""The box suggested for the open parcel: app.boxing's cheapest answer, or the smallest box that
holds the units by volume and weight where app.boxing cannot answer."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app import words
from app.boxing import BoxingError, suggest_boxes
from app.boxing.files import box_from_row, units_from_lines
from app.boxing.model import Goal, Objective
from app.packing.api import BoxSuggestion
from app.packing.desk import Desk
from app.packing.packs import OpenPack
from app.translator import phrase
from app.unit_of_work import BoxRecord, ProductRecord, UnitOfWork

log = logging.getLogger(__name__)

MAX_REMEMBERED = 64  # a few orders' worth: older suggestions are never needed again


def smallest_box(boxes: Sequence[Any], volume_mm3: int, weight_g: int) -> Any | None:
    """The smallest enabled box (by inner volume) whose volume and max load suffice."""
    fitting = [b for b in boxes if b.enabled and (b.stock is None or b.stock > 0)
               and b.inner_length_mm * b.inner_width_mm * b.inner_height_mm >= volume_mm3
               and b.max_load_g >= weight_g]
    return min(fitting, key=lambda b: (b.inner_length_mm * b.inner_width_mm * b.inner_height_mm, b.id), default=None)


def _units(pack: OpenPack) -> tuple[dict[int, int], dict[int, int]]:
    """(units in the open parcel, those plus the units still to scan) by product id."""
    in_parcel: dict[int, int] = {}
    for placed in pack.state.placed:
        in_parcel[placed.product_id] = in_parcel.get(placed.product_id, 0) + placed.quantity
    remaining = dict(in_parcel)
    for t in pack.state.lines:
        if t.product_id and t.remaining:
            remaining[t.product_id] = remaining.get(t.product_id, 0) + t.remaining
    return in_parcel, remaining


def suggest(uow: UnitOfWork, desk: Desk, pack: OpenPack) -> BoxSuggestion | None:
    """The box for the units still to pack in the open parcel (those in it and those still to
    scan). Computed when a pack is (re)loaded, never per scan: scanning moves units from "to
    scan" into the parcel and leaves the set the box must hold unchanged. Remembered by that
    set of units and the enabled boxes, so reloads (box chosen, label printed) reuse it."""
    if pack.open_parcel_id is None:
        return None
    return suggest_for_units(uow, desk, pack)


def suggest_for_units(uow: UnitOfWork, desk: Desk, pack: OpenPack) -> BoxSuggestion | None:
    """`suggest` whether or not the order has an open parcel yet (an order leased for offline
    packing has none until its first scan)."""
    return _remembered(uow, desk, uow.boxes.enabled(), *_units(pack))


def chosen(uow: UnitOfWork, desk: Desk, pack: OpenPack, suggestion: BoxSuggestion | None) -> BoxSuggestion | None:
    """The box taken for the open parcel when it is not the suggestion (an override), with the
    picture of the units in it; None when the parcel has no box yet or has the suggested one."""
    if pack.open_parcel_id is None:
        return None
    code = next((p.box_code for p in pack.base.parcels if p.parcel_id == pack.open_parcel_id), None)
    if not code or (suggestion is not None and suggestion.code == code):
        return None
    box = uow.boxes.find(code)
    if box is None:
        return None
    answer = _remembered(uow, desk, [box], *_units(pack))
    chosen = phrase("chosen by the packer instead of the suggested %(box)s", box=suggestion.name) \
        if suggestion is not None else phrase("chosen by the packer")
    return replace(answer or box_suggestion(box, ""), explanation=chosen)


def _remembered(uow: UnitOfWork, desk: Desk, boxes: list[BoxRecord], in_parcel: dict[int, int],
                remaining: dict[int, int]) -> BoxSuggestion | None:
    products: dict[int, ProductRecord] | None = None
    for units, why in ((tuple(sorted(remaining.items())), phrase("holds every unit still to pack")),
                       (tuple(sorted(in_parcel.items())), phrase("holds the units scanned into this parcel"))):
        if not units:
            continue
        key = (units, tuple(boxes))  # records are frozen values: equal boxes, equal key
        if key not in desk.suggestions:
            if products is None:
                products = {p.id: p for p in uow.products.by_ids(set(remaining))}
            if len(desk.suggestions) >= MAX_REMEMBERED:
                desk.suggestions.pop(next(iter(desk.suggestions)))
            desk.suggestions[key] = _answer(boxes, products, units, why)
        if desk.suggestions[key] is not None:
            return desk.suggestions[key]
    return None


def _answer(boxes: list[BoxRecord], products: dict[int, ProductRecord], units: tuple[tuple[int, int], ...],
            why: str) -> BoxSuggestion | None:
    engine = _engine_suggestion(boxes, [(products[pid], q) for pid, q in units if pid in products])
    if engine is not None:
        return engine
    volume = sum(products[pid].length_mm * products[pid].width_mm * products[pid].height_mm * q
                 for pid, q in units if pid in products)
    weight = sum(products[pid].weight_g * q for pid, q in units if pid in products)
    box = smallest_box(boxes, volume, weight)
    return None if box is None else box_suggestion(box, phrase("smallest box that %(why)s (%(weight)s g)",
                                                                             why=why, weight=weight))


def _engine_suggestion(boxes: list[BoxRecord], lines: list[tuple[ProductRecord, int]]) -> BoxSuggestion | None:
    """The first boxed parcel of app.boxing's cheapest suggestion, with its placements and the
    one-line explanation; None when the engine cannot answer (the volume rule stands in)."""
    if not lines:
        return None
    try:
        suggestion = suggest_boxes(units_from_lines(lines), [box_from_row(b) for b in boxes],
                                   Objective(goal=Goal.CHEAPEST_BOXES))
    except BoxingError as exc:
        log.info("box suggestion engine gave no answer (%s); using the smallest box that fits", exc)
        return None
    first = next((p for p in suggestion.parcels if p.box is not None), None)
    box = next((b for b in boxes if first is not None and first.box is not None and b.code == first.box.id), None)
    if box is None:
        return None
    boxed = sum(1 for p in suggestion.parcels if p.box is not None)
    why = suggestion.explanation or phrase("cheapest box that holds these %(units)s",
                                           units=words.count(len(first.placements), "unit"))
    if boxed > 1:
        why = phrase("box 1 of %(n)s: %(why)s", n=boxed, why=why)
    return replace(box_suggestion(box, why), parcel=first)


def box_suggestion(box: BoxRecord, why: str) -> BoxSuggestion:
    """A box of the catalogue as the screens show it."""
    return BoxSuggestion(box.code, box.barcode, box.name, (box.inner_length_mm, box.inner_width_mm,
                         box.inner_height_mm), box.tare_g, box.max_load_g, why)
