"""Bad fields of an import file are refused with their line, in plain Python (no database):
quotes that never close, numbers written in ways a person did not mean, values the database
columns cannot hold, and objects where text belongs."""
from __future__ import annotations

from decimal import Decimal

import pytest

from app.imports import orders, places
from app.imports.errors import ImportFormatError, RowProblem
from app.imports.reading import Record, Row, check_columns, read_csv
from app.imports.limits import LIMITS
from app.store.import_rows import ProductFacts

MUG = {"MUG-1": ProductFacts(1, "Mug", Decimal("12.90"))}
ORDER = {"order_number": "SO-1001", "sku": "MUG-1", "quantity": "1", "ship_name": "Ada Lovelace",
         "ship_address1": "1 Analytical Way", "ship_city": "London", "ship_country": "GB"}


def reasons(problems: list[RowProblem]) -> list[str]:
    return [str(p) for p in sorted(problems)]


def order_problems(**fields: object) -> list[str]:
    problems: list[RowProblem] = []
    orders.parse([Record(2, {**ORDER, **fields})], MUG, problems)
    return reasons(problems)


# --- item 1: an unbalanced quote ---------------------------------------------------------------


def test_a_quote_that_never_closes_refuses_the_file_naming_its_line() -> None:
    text = ("order_number,sku,quantity,notes\n"
            "SO-1,MUG-1,1,ok\n"
            'SO-2,MUG-1,1,"fragile\n'
            "SO-3,MUG-1,1,\n"
            "SO-4,MUG-1,1,\n"
            "SO-5,MUG-1,1,\n")
    with pytest.raises(ImportFormatError) as caught:
        read_csv(text, "orders.csv")
    assert "orders.csv: line 3:" in str(caught.value)
    assert "quote" in str(caught.value)


def test_a_quote_in_the_middle_of_a_quoted_field_refuses_the_file_naming_its_line() -> None:
    text = ('order_number,sku,quantity,notes\n'
            'SO-1,MUG-1,1,"fragile\n'
            'SO-2,MUG-1,1,"gift"\n')
    with pytest.raises(ImportFormatError) as caught:
        read_csv(text, "orders.csv")
    assert "orders.csv: line 2:" in str(caught.value)


def test_a_quoted_field_may_still_hold_commas_newlines_and_doubled_quotes() -> None:
    header, records = read_csv('sku,name\nMUG-1,"Mug, ""big""\nand blue"\nMUG-2,Mug\n', "p.csv")
    assert header == ["sku", "name"]
    assert [(r.line, r.values["name"]) for r in records] == [(2, 'Mug, "big"\nand blue'), (4, "Mug")]


def test_short_long_and_unnamed_columns_are_read_as_the_header_says() -> None:
    # a short row's missing cells are empty, a long row's extra cells kept apart, and a column
    # without a name (a trailing comma in the header) is left out of every row
    _, records = read_csv(" sku , name \nMUG-1,Mug\nMUG-2\nMUG-3,Cup,extra\n", "p.csv")
    assert [r.values for r in records] == [{"sku": "MUG-1", "name": "Mug"}, {"sku": "MUG-2", "name": ""},
                                           {"sku": "MUG-3", "name": "Cup", "__extra__": ["extra"]}]
    _, records = read_csv("sku,,name\nMUG-1,x,Mug\nMUG-2\n", "p.csv")
    assert [r.values for r in records] == [{"sku": "MUG-1", "name": "Mug"}, {"sku": "MUG-2", "name": ""}]


# --- item 14: header and numbers -----------------------------------------------------------------


def test_a_column_named_twice_in_the_header_is_a_problem_of_line_one() -> None:
    problems = check_columns(["sku", "name", "sku"], {"sku", "name"}, {"sku"})
    assert reasons(problems) == ["line 1: column 'sku' appears twice (columns 1 and 3)"]


def test_a_semicolon_separated_file_gets_a_hint_to_save_it_with_commas() -> None:
    problems = check_columns(["sku;name;price"], {"sku", "name", "price"}, {"sku", "name"})
    assert any("separated by semicolons" in r for r in reasons(problems))


@pytest.mark.parametrize("written", ["1_000", "+3", "\u0663", "\uff13", " 3 3", "3.0", "0x10"])
def test_a_quantity_must_be_written_with_the_digits_0_to_9(written: str) -> None:
    assert order_problems(quantity=written) == [f"line 2: quantity {written.strip()!r} is not a whole number"]


@pytest.mark.parametrize("written", ["1_000.50", "\u0661\u0662.5", "+12.5", "1e3", "12,50"])
def test_a_price_must_be_written_with_the_digits_0_to_9_and_a_point(written: str) -> None:
    assert order_problems(unit_price=written) == [
        f"line 2: unit_price {written!r} is not a decimal number (write it like 12.50)"]


def test_negative_numbers_and_plain_decimals_still_read() -> None:
    problems: list[RowProblem] = []
    row = Row(Record(2, {"priority": "-3", "price": "12.5", "cents": ".5"}), problems)
    assert (row.integer("priority"), row.decimal("price"), row.decimal("cents")) == (-3, Decimal("12.5"),
                                                                                   Decimal("0.5"))
    assert problems == []


def test_a_json_object_in_a_text_field_is_refused_not_stored_as_python_text() -> None:
    assert order_problems(notes={"fragile": True}) == [
        "line 2: notes must be text, not a JSON object or list"]


# --- item 4: the columns' own limits ---------------------------------------------------------------


def test_the_limits_come_from_the_database_columns() -> None:
    assert LIMITS.text("addresses", "city") == 100
    assert LIMITS.text("addresses", "postcode") == 20
    assert LIMITS.text("addresses", "phone") == 40
    assert LIMITS.integer("order_lines", "quantity") == (-2**31, 2**31 - 1)
    assert LIMITS.decimal("order_lines", "tax_rate") == (6, 4)
    assert LIMITS.decimal("orders", "total") == (14, 4)


def test_address_fields_longer_than_their_columns_are_refused() -> None:
    assert order_problems(ship_city="C" * 101, ship_region="R" * 101, ship_postcode="1" * 21,
                          ship_phone="5" * 41) == [
        "line 2: order SO-1001 has no ship_city",
        "line 2: ship_city is 101 characters long; at most 100 allowed",
        "line 2: ship_phone is 41 characters long; at most 40 allowed",
        "line 2: ship_postcode is 21 characters long; at most 20 allowed",
        "line 2: ship_region is 101 characters long; at most 100 allowed",
    ]


def test_a_priority_beyond_a_four_byte_integer_is_refused() -> None:
    assert order_problems(priority="2147483648") == [
        "line 2: priority 2147483648 is more than 2147483647"]


def test_a_tax_rate_with_too_many_digits_is_refused() -> None:
    assert order_problems(tax_rate="100") == [
        "line 2: tax_rate 100 has too many digits before the point (at most 2)"]
    assert order_problems(tax_rate="0.21005") == [
        "line 2: tax_rate 0.21005 has more than 4 decimal places"]


def test_zeros_that_change_nothing_do_not_count_as_digits() -> None:
    # leading zeros before the point and trailing ones after it: the column holds the value
    assert order_problems(tax_rate="00.21000000") == []
    assert order_problems(shipping_total="0000000004.9000000", tax_rate=".5") == []
    assert order_problems(shipping_total="1234567890.") == []
    assert order_problems(tax_rate="0.2105010") == [
        "line 2: tax_rate 0.2105010 has more than 4 decimal places"]
    assert order_problems(shipping_total="012345678901") == [
        "line 2: shipping_total 012345678901 has too many digits before the point (at most 10)"]


def test_money_beyond_its_column_is_refused() -> None:
    assert order_problems(shipping_total="12345678901.5") == [
        "line 2: shipping_total 12345678901.5 has too many digits before the point (at most 10)"]


def test_a_nul_byte_in_a_text_field_is_refused() -> None:
    assert order_problems(notes="fragile\x00") == [
        "line 2: notes holds a NUL character (\\x00); remove it"]


def test_a_box_dimension_beyond_a_four_byte_integer_is_refused() -> None:
    problems: list[RowProblem] = []
    box = {"code": "B1", "name": "Box", "inner_length_mm": "99999999999999999999", "inner_width_mm": "1",
           "inner_height_mm": "1", "outer_length_mm": "99999999999999999999", "outer_width_mm": "1",
           "outer_height_mm": "1", "tare_g": "1", "max_load_g": "1", "cost": "1", "barcode": "B1"}
    places.parse_boxes([Record(2, box)], problems)
    assert reasons(problems) == [
        "line 2: inner_length_mm 99999999999999999999 is more than 2147483647",
        "line 2: outer_length_mm 99999999999999999999 is more than 2147483647",
    ]


# --- item 5: a maximum quantity per line -----------------------------------------------------------


def test_a_line_over_the_maximum_quantity_is_refused_naming_the_maximum() -> None:
    problems: list[RowProblem] = []
    orders.parse([Record(2, {**ORDER, "quantity": "50000000"})], MUG, problems, max_line_quantity=10_000)
    assert reasons(problems) == [
        "line 2: quantity 50000000 is more than 10000, the most one order line may hold "
        "([imports] max_line_quantity)"]


def test_the_maximum_quantity_per_line_itself_is_allowed() -> None:
    problems: list[RowProblem] = []
    drafts = orders.parse([Record(2, {**ORDER, "quantity": "10000"})], MUG, problems, max_line_quantity=10_000)
    assert problems == [] and drafts[0].lines[0]["quantity"] == 10_000


# --- item 11: order numbers every document can carry ------------------------------------------------


@pytest.mark.parametrize("number", ["\u00d6-\u00dcMLAUT-1", "A" * 24, "SO-1\u200b"])
def test_an_order_number_a_slip_barcode_cannot_carry_is_refused(number: str) -> None:
    found = order_problems(order_number=number)
    assert len(found) == 1 and found[0].startswith(f"line 2: order number {number!r}")


# --- issue 18, item 13: control characters ----------------------------------------------------


@pytest.mark.parametrize("field, value, shown", [
    ("ship_city", "Lon\ndon", "'\\n'"),
    ("ship_name", "Ada\tLovelace", "'\\t'"),
    ("ship_address1", "1 Way\x1b[31m", "'\\x1b'"),
    ("ship_name", "Ada\u2028Lovelace", "'\\u2028'"),
    ("phone", "+44\r20", "'\\r'"),
    ("order_number", "SO\t1", "'\\t'"),
])
def test_a_control_character_in_a_one_line_field_is_refused_by_line(field: str, value: str, shown: str) -> None:
    assert (f"line 2: {field} holds the control character {shown}; remove it "
            "(line breaks belong in notes and gift_message only)") in order_problems(**{field: value})


def test_notes_and_gift_messages_keep_their_line_breaks_but_not_other_controls() -> None:
    assert order_problems(notes="fragile\nthis way up\tplease", gift_message="Happy birthday,\r\nAda") == []
    assert order_problems(gift_message="Hi\x07") == ["line 2: gift_message holds the control character '\\x07'; remove it"]
