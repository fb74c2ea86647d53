"""The items and boxes files of `packdesk boxes suggest` refuse what would be silently wrong or
would never finish (issue 18, items 5 and 12)."""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.boxing.errors import BoxingError
from app.boxing.files import MAX_UNITS, parse_boxes, parse_items, units_from_lines

MUG = {"sku": "MUG", "length": 120, "width": 90, "height": 90, "weight": 300}
BOX = {"id": "S", "length": 300, "width": 200, "height": 150, "max_weight": 10000, "cost": 0.6}


def test_a_misspelt_item_rule_is_refused_not_ignored() -> None:
    with pytest.raises(BoxingError) as caught:
        parse_items([{**MUG, "uprigth": True}])
    assert 'item 1 (MUG): unknown key "uprigth"' in str(caught.value)


def test_a_misspelt_box_key_is_refused_not_ignored() -> None:
    with pytest.raises(BoxingError) as caught:
        parse_boxes([{**BOX, "max_wieght": 5}])
    assert 'box S: unknown key "max_wieght"' in str(caught.value)


@pytest.mark.parametrize("cost", [float("nan"), "NaN", "Infinity", -0.5, "-1", True, [1]])
def test_a_box_cost_that_is_not_a_number_of_zero_or_more_is_refused(cost: object) -> None:
    with pytest.raises(BoxingError) as caught:
        parse_boxes([{**BOX, "cost": cost}])
    assert 'box S: "cost" must be a number >= 0' in str(caught.value)


def test_a_box_cost_of_zero_or_more_reads_exactly() -> None:
    assert [b.cost for b in parse_boxes([{**BOX, "cost": 0.6}, {**BOX, "id": "M", "cost": "0"}])] == [
        Decimal("0.6"), Decimal("0")]


def test_more_units_than_a_suggestion_takes_are_refused_before_any_is_built() -> None:
    with pytest.raises(BoxingError) as caught:
        parse_items([{**MUG, "qty": 50_000_000}])
    assert f"the items list has 50,000,000 units; a box suggestion takes at most {MAX_UNITS:,}" in str(caught.value)


def test_an_order_of_more_units_than_a_suggestion_takes_is_refused() -> None:
    product = SimpleNamespace(sku="MUG", length_mm=120, width_mm=90, height_mm=90, weight_g=300, upright=False,
                              own_container=False, padding_mm=0, compat_class=None)
    with pytest.raises(BoxingError) as caught:
        units_from_lines([(product, 50_000_000)])
    assert "the order has 50,000,000 units" in str(caught.value)


def test_the_most_units_a_suggestion_takes_are_still_read() -> None:
    assert len(parse_items([{**MUG, "qty": MAX_UNITS}])) == MAX_UNITS
