"""An order over several lines of a file: a later line may repeat the order's values or leave them
empty; one that gives another value contradicts the first line and is refused naming both; a bad
value repeated on every line is reported on every line (plain Python, no database)."""
from __future__ import annotations

from decimal import Decimal

from app.imports import orders
from app.imports.errors import RowProblem
from app.imports.reading import Record
from app.store.import_rows import ProductFacts

CATALOGUE = {"MUG-1": ProductFacts(1, "Mug", Decimal("12.90")), "PEN-1": ProductFacts(2, "Pen", Decimal("1.50"))}
FIRST = {"order_number": "SO-1", "sku": "MUG-1", "quantity": "1", "ship_name": "Ada Lovelace",
         "ship_address1": "1 Analytical Way", "ship_city": "London", "ship_country": "GB", "priority": "2",
         "email": "ada@example.org", "carrier": "dhl", "shipping_total": "4.90"}


def parsed(*later: dict[str, str]) -> tuple[list[orders.OrderDraft], list[str]]:
    problems: list[RowProblem] = []
    records = [Record(2, dict(FIRST))] + [Record(3 + i, {"order_number": "SO-1", "sku": "PEN-1", "quantity": "2",
                                                         **values}) for i, values in enumerate(later)]
    drafts = orders.parse(records, CATALOGUE, problems)
    return drafts, [str(p) for p in sorted(problems)]


def test_a_later_line_that_repeats_the_order_or_leaves_it_empty_agrees() -> None:
    repeated = {k: v for k, v in FIRST.items() if k not in ("sku", "quantity")}
    drafts, problems = parsed(repeated, {"ship_name": "", "priority": ""})
    assert problems == []
    (draft,) = drafts
    assert [line["sku"] for line in draft.lines] == ["MUG-1", "PEN-1", "PEN-1"]
    assert draft.fields["priority"] == 2 and draft.fields["carrier"] == "dhl" and draft.address["name"] == "Ada Lovelace"


def test_a_later_line_that_gives_another_value_is_refused_naming_both_lines() -> None:
    _, problems = parsed({"carrier": "ups"}, {"ship_city": "Paris"})
    assert problems == [
        "line 3: carrier 'ups' contradicts line 2 of order SO-1 ('dhl'); leave it empty on later lines",
        "line 4: ship_city 'Paris' contradicts line 2 of order SO-1 ('London'); leave it empty on later lines"]


def test_the_same_value_written_otherwise_agrees() -> None:
    _, problems = parsed({"priority": " 2 ", "shipping_total": "4.9"})
    assert problems == []


def test_a_bad_value_repeated_on_every_line_is_reported_on_each() -> None:
    problems: list[RowProblem] = []
    bad = {**FIRST, "priority": "high"}
    orders.parse([Record(2, bad), Record(3, {**bad, "sku": "PEN-1"})], CATALOGUE, problems)
    assert [str(p) for p in sorted(problems)] == ["line 2: priority 'high' is not a whole number",
                                                  "line 3: priority 'high' is not a whole number"]
