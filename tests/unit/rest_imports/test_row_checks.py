"""An import's rows are checked in plain Python: against each other, and against the facts
the store looked up (no database here)."""
from __future__ import annotations

from decimal import Decimal

from app.imports import catalog, orders, places, users
from app.imports.errors import RowProblem
from app.imports.reading import Record
from app.store.import_rows import ProductFacts, UserFacts


def reasons(problems: list[RowProblem]) -> list[str]:
    return [str(p) for p in sorted(problems)]


def test_a_barcode_that_belongs_to_another_sku_is_a_problem_of_its_line() -> None:
    problems: list[RowProblem] = []
    rows = catalog.parse([Record(2, {"sku": "MUG-1", "name": "Mug", "gtin": "5012345001012"}),
                          Record(3, {"sku": "PEN-1", "name": "Pen", "gtin": "4006381333931"})], problems)
    catalog.check_owners(rows, {"5012345001012": "MUG-1", "4006381333931": "INK-9"}, problems)
    assert reasons(problems) == ["line 3: barcode 4006381333931 already belongs to SKU INK-9"]


def test_stock_of_an_unknown_sku_or_location_names_what_to_import_first() -> None:
    problems: list[RowProblem] = []
    rows = places.parse_stock([Record(2, {"sku": "MUG-1", "location": "A-01", "quantity": "4"}),
                               Record(3, {"sku": "LAMP-7", "location": "Z-99", "quantity": "1"})], problems)
    places.check_stock_references(rows, skus={"MUG-1"}, locations={"A-01"}, problems=problems)
    assert reasons(problems) == ["line 3: unknown SKU LAMP-7 (import the catalogue first)",
                                 "line 3: unknown location Z-99 (import the locations first)"]
    assert rows[0].key == ("MUG-1", "A-01") and rows[0].values == {"quantity": 4}


def test_a_supervisor_keeps_the_pin_already_set_but_not_someone_elses_badge() -> None:
    problems: list[RowProblem] = []
    rows = users.parse([Record(2, {"username": "sofia", "display_name": "Sofia", "role": "supervisor",
                                   "badge_code": "B-1"}),
                        Record(3, {"username": "ana", "display_name": "Ana", "role": "packer",
                                   "badge_code": "B-7"})], problems)
    stored = {"sofia": UserFacts("sofia", "B-1", has_pin=True), "max": UserFacts("max", "B-7", has_pin=False)}
    users.check_known(rows, stored, problems)
    assert reasons(problems) == ["line 3: badge B-7 already belongs to user max"]


def test_order_lines_take_name_and_price_from_the_catalogue_and_unknown_skus_are_reported() -> None:
    problems: list[RowProblem] = []
    address = {"ship_name": "Bram", "ship_address1": "Oudegracht 3", "ship_city": "Utrecht", "ship_country": "NL"}
    drafts = orders.parse([Record(2, {"order_number": "PD-1", **address, "sku": "MUG-1", "quantity": "2"}),
                           Record(3, {"order_number": "PD-1", "sku": "NOPE-9", "quantity": "1"})],
                          {"MUG-1": ProductFacts(7, "Blue mug", Decimal("12.50"))}, problems)
    assert reasons(problems) == ["line 3: unknown SKU NOPE-9 (not in the catalogue; import the catalogue first)"]
    first = drafts[0].lines[0]
    assert (first["product_id"], first["name"], first["unit_price"]) == (7, "Blue mug", Decimal("12.50"))
    assert drafts[0].fields["total"] == Decimal("25.00")


def test_only_an_order_nobody_has_started_to_pick_may_be_changed_by_an_import() -> None:
    problems: list[RowProblem] = []
    address = {"ship_name": "Bram", "ship_address1": "Oudegracht 3", "ship_city": "Utrecht", "ship_country": "NL"}
    drafts = orders.parse([Record(2, {"order_number": "PD-1", **address, "sku": "MUG-1", "quantity": "1"}),
                           Record(3, {"order_number": "PD-2", **address, "sku": "MUG-1", "quantity": "1"})],
                          {"MUG-1": ProductFacts(7, "Blue mug", Decimal("12.50"))}, problems)
    orders.check_existing(drafts, {"PD-1": "captured", "PD-2": "packing"}, problems)
    assert reasons(problems) == ["line 3: order PD-2 is already packing; an import can only change captured "
                                 "orders and those nobody has started to pick (validated, on hold, backordered, "
                                 "allocated); leave it out of the file or ask a supervisor"]
    problems.clear()
    orders.check_existing(drafts, {"PD-1": "allocated", "PD-2": "picked"}, problems)
    assert [p.line for p in problems] == [3]
