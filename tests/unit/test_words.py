"""The words people read (issue 13, item 15): plurals, statuses, carriers, weights, ship-by."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app import words


def test_counts_take_the_right_plural() -> None:
    assert words.count(1, "order") == "1 order"
    assert words.count(2, "order") == "2 orders"
    assert words.count(0, "unit") == "0 units"
    assert words.count(1, "box") == "1 box" and words.count(3, "box") == "3 boxes"


def test_every_count_goes_through_the_installed_plural_function() -> None:
    seen = []
    try:
        words.use_plural(lambda n, one, many: seen.append((n, one, many)) or f"<{n}>")
        assert words.count(2, "parcel") == "<2>"
    finally:
        words.use_plural(words.english_plural)
    assert seen == [(2, "parcel", "parcels")]


def test_statuses_are_words_not_codes() -> None:
    assert words.status("on_hold") == "on hold"
    assert words.status("picked") == "picked, ready to pack"
    assert words.status("ready_for_shipment") == "ready for shipment"
    assert "_" not in words.status("some_new_status")


def test_carriers_and_services_as_people_write_them() -> None:
    assert words.shipping("ups", "express") == "UPS Express"
    assert words.shipping("postnl", "standard") == "PostNL Standard"
    assert words.shipping("Packdesk Post", "standard") == "Packdesk Post Standard"
    assert words.carrier("royal_mail") == "Royal Mail"


def test_a_weight_never_breaks_between_number_and_unit() -> None:
    assert words.grams(225) == "225\u00a0g"
    assert words.grams(1480) == "1480\u00a0g"
    assert "\n" not in words.grams(225)


def test_ship_by_has_the_year_and_flags_overdue() -> None:
    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    text, overdue = words.ship_by(now + timedelta(hours=3), now)
    assert "2026" in text and not overdue and "OVERDUE" not in text
    text, overdue = words.ship_by(now - timedelta(days=15), now)
    assert "2026" in text and overdue and text.endswith("OVERDUE")


@dataclass
class Line:
    name: str
    backordered: int


@dataclass
class Pack:
    order_number: str
    lines: tuple


def test_a_packed_order_names_its_backorder() -> None:
    assert words.order_packed(Pack("PD-1", (Line("Blue mug", 0),))) == "Order packed: ready for shipment."
    text = words.order_packed(Pack("PD-1", (Line("Blue mug", 0), Line("Red pen", 1))))
    assert "1 unit on backorder" in text and "1 x Red pen" in text


def test_an_order_that_cannot_be_packed_is_named_in_words() -> None:
    from app.orders.errors import NotPackable

    text = str(NotPackable("PD-10013", "on_hold"))
    assert "PD-10013 is on hold" in text
    assert "on_hold" not in text and "only picked orders can" not in text
