"""The items and boxes JSON files of `packdesk boxes suggest`, and rows from the catalogue.

Items: [{"sku", "length", "width", "height", "weight", "qty"?, "upright"?, "own_container"?,
"padding"?, "class"?, "incompatible"?}]; boxes: [{"id", "length", "width", "height",
"max_weight", "tare"?, "cost"?, "enabled"?, "stock"?}]. Lengths mm, weights g (integers).
"""
from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from app.boxing.errors import BoxingError
from app.boxing.model import BoxType, Rules, Unit
from app.translator import Number, phrase

log = logging.getLogger(__name__)

# The most units one suggestion takes: 20,000 are answered in about 0.2 s; tens of millions
# (a quantity typed wrong) would fill memory before the search even starts.
MAX_UNITS = 20_000
ITEM_KEYS = frozenset({"sku", "length", "width", "height", "weight", "qty", "upright", "own_container",
                       "padding", "class", "incompatible"})
BOX_KEYS = frozenset({"id", "length", "width", "height", "max_weight", "tare", "cost", "enabled", "stock"})


def check_unit_count(count: int, what: str) -> None:
    """BoxingError when `count` units are more than one suggestion can handle in time and memory."""
    if count > MAX_UNITS:
        raise BoxingError(phrase("%(what)s has %(count)s units; a box suggestion takes at most %(most)s. "
                                 "Check the quantities, or split the order and suggest boxes for each part",
                                 what=what, count=Number(count), most=Number(MAX_UNITS)))


def _known_keys(entry: dict[str, Any], known: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - known)
    if unknown:
        raise BoxingError(phrase("%(where)s: unknown key \"%(key)s\" (keys are: %(keys)s); "
                                 "a misspelt rule would be ignored, so fix it (see docs/boxing.md)",
                                 where=where, key=unknown[0], keys=", ".join(sorted(known))))

# A demo catalogue for when no boxes file is given (inner mm, grams, EUR).
DEFAULT_BOXES: tuple[BoxType, ...] = (
    BoxType("XS", 220, 160, 100, 5000, 90, Decimal("0.35")),
    BoxType("S", 300, 220, 150, 10000, 150, Decimal("0.55")),
    BoxType("M", 400, 300, 200, 15000, 250, Decimal("0.85")),
    BoxType("L", 500, 400, 300, 20000, 400, Decimal("1.30")),
    BoxType("XL", 600, 450, 400, 25000, 600, Decimal("1.90")),
)


def _read(path: Path, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except FileNotFoundError:
        raise BoxingError(phrase("%(what)s file %(path)s does not exist; pass an existing JSON file",
                                 what=what, path=str(path))) from None
    except json.JSONDecodeError as exc:
        raise BoxingError(phrase("%(what)s file %(path)s is not valid JSON: %(problem)s",
                                 what=what, path=str(path), problem=str(exc))) from None
    except ValueError as exc:  # NaN or Infinity, which JSON itself does not have
        raise BoxingError(phrase("%(what)s file %(path)s: %(problem)s", what=what, path=str(path),
                                 problem=str(exc))) from None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise BoxingError(phrase("%(what)s file %(path)s must hold a JSON list of objects (see docs/boxing.md)",
                                 what=what, path=str(path)))
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(phrase("%(name)s is not a number JSON allows; write a number", name=name))


def _int(entry: dict[str, Any], key: str, where: str, default: int | None = None, low: int = 0) -> int:
    value = entry.get(key, default)
    if value is None:
        raise BoxingError(phrase("%(where)s has no \"%(key)s\"; add it (see docs/boxing.md)", where=where, key=key))
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise BoxingError(phrase("%(where)s: \"%(key)s\" must be a whole number >= %(low)s, not %(value)s",
                                 where=where, key=key, low=low, value=repr(value)))
    return value


def _bool(entry: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise BoxingError(phrase("%(where)s: \"%(key)s\" must be true or false, not %(value)s",
                                 where=where, key=key, value=repr(value)))
    return value


def parse_items(data: Iterable[dict[str, Any]]) -> list[Unit]:
    """Units from item entries (each entry repeated qty times)."""
    units: list[Unit] = []
    entries = list(data)
    for n, e in enumerate(entries, 1):
        sku = e.get("sku")
        if not isinstance(sku, str) or not sku:
            raise BoxingError(phrase("item %(n)s has no \"sku\" text; add one", n=n))
        where = phrase("item %(n)s (%(sku)s)", n=n, sku=sku)
        _known_keys(e, ITEM_KEYS, where)
        incompatible = e.get("incompatible", [])
        if not isinstance(incompatible, list) or not all(isinstance(c, str) for c in incompatible):
            raise BoxingError(phrase("%(where)s: \"incompatible\" must be a list of class names", where=where))
        rules = Rules(
            upright=_bool(e, "upright", where, False),
            own_container=_bool(e, "own_container", where, False),
            padding=_int(e, "padding", where, 0),
            hazard_class=e.get("class") if isinstance(e.get("class"), str) else None,
            incompatible_with=frozenset(incompatible),
        )
        unit = Unit(sku, _int(e, "length", where, low=1), _int(e, "width", where, low=1),
                    _int(e, "height", where, low=1), _int(e, "weight", where), rules)
        quantity = _int(e, "qty", where, 1, low=1)
        check_unit_count(len(units) + quantity, phrase("the items list"))
        units.extend([unit] * quantity)
    if not units:
        raise BoxingError(phrase("the items list is empty; give at least one item"))
    return units


def parse_boxes(data: Iterable[dict[str, Any]]) -> list[BoxType]:
    """Box types from box entries; ids must be unique."""
    boxes: list[BoxType] = []
    for n, e in enumerate(data, 1):
        box_id = e.get("id")
        if not isinstance(box_id, str) or not box_id:
            raise BoxingError(phrase("box %(n)s has no \"id\" text; add one", n=n))
        where = phrase("box %(id)s", id=box_id)
        _known_keys(e, BOX_KEYS, where)
        if any(b.id == box_id for b in boxes):
            raise BoxingError(phrase("box id %(id)s appears twice; ids must be unique", id=box_id))
        cost = _cost(e, where)
        stock = e.get("stock")
        boxes.append(BoxType(
            box_id, _int(e, "length", where, low=1), _int(e, "width", where, low=1), _int(e, "height", where, low=1),
            _int(e, "max_weight", where, low=1), _int(e, "tare", where, 0), cost,
            _bool(e, "enabled", where, True),
            None if stock is None else _int(e, "stock", where),
        ))
    if not boxes:
        raise BoxingError(phrase("the boxes list is empty; give at least one box"))
    return boxes


def _cost(entry: dict[str, Any], where: str) -> Decimal:
    value = entry.get("cost", 0)
    try:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise InvalidOperation
        cost = Decimal(str(value))
    except InvalidOperation:
        cost = Decimal("NaN")
    if not cost.is_finite() or cost < 0:
        raise BoxingError(phrase("%(where)s: \"cost\" must be a number >= 0, not %(value)s", where=where, value=repr(value)))
    return cost


def load_items(path: Path) -> list[Unit]:
    """Units from an items JSON file."""
    return parse_items(_read(path, phrase("items")))


def load_boxes(path: Path) -> list[BoxType]:
    """Box types from a boxes JSON file."""
    return parse_boxes(_read(path, phrase("boxes")))


def units_from_lines(lines: Iterable[tuple[Any, int]]) -> list[Unit]:
    """Units from (product, quantity) pairs; product has sku, *_mm, weight_g and the rule columns.

    Products of different compat_class never share a box (the catalogue's rule).
    """
    pairs = list(lines)
    check_unit_count(sum(qty for _, qty in pairs), phrase("the order"))
    classes = {p.compat_class for p, _ in pairs if getattr(p, "compat_class", None)}
    units: list[Unit] = []
    for p, qty in pairs:
        if min(p.length_mm, p.width_mm, p.height_mm) <= 0:
            raise BoxingError(phrase("%(sku)s has no dimensions in the catalogue; measure it and enter them", sku=p.sku))
        cls = getattr(p, "compat_class", None) or None
        rules = Rules(upright=bool(p.upright), own_container=bool(p.own_container), padding=int(p.padding_mm or 0),
                      hazard_class=cls, incompatible_with=frozenset(classes - {cls}) if cls else frozenset())
        units.extend([Unit(p.sku, p.length_mm, p.width_mm, p.height_mm, p.weight_g, rules)] * qty)
    return units


def box_from_row(row: Any) -> BoxType:
    """A BoxType from a catalogue row with code, inner_*_mm, tare_g, max_load_g, cost, enabled, stock."""
    return BoxType(row.code, row.inner_length_mm, row.inner_width_mm, row.inner_height_mm, row.max_load_g,
                   row.tare_g, Decimal(row.cost), bool(row.enabled), row.stock)
