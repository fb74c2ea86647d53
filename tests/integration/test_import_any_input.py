"""Property: whatever an order file holds (CSV, JSON or a Shopify export), an import either
succeeds, or refuses with a message naming the line (exit 2 at the command line) and leaves
the database exactly as it was: never a traceback, never a partial write (issue 18)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.cli.main import main
from app.imports import ImportRejected, import_file, orders, shopify
from app.imports.errors import ImportFormatError
from app.store.models import Base
from app.store.session import Database

EXAMPLES = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# values a person, a spreadsheet or an attacker might put in a field
TRICKY = st.sampled_from([
    "", "MUG-1", "PEN-2", "1", "0", "-1", "3", "12.90", "1e3", "NaN", "99999999999999999999", "+3", "1_000",
    "\u0663", "\uff13", "DE", "de", "Greece", '"', '""', '"fragile', "a,b", "line\nbreak", "\x00", "\x1b[31m",
    "C" * 150, "true", "yes", "2026-11-20T14:30:00+01:00", "not a date", "\u00d6-\u00dcMLAUT-1", "A" * 30,
    "SO-1", "SO-2", "#1001", "ada@example.com",
])
FIELD = TRICKY | st.text(max_size=20)


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.read() as session:
        return {t.name: [tuple(r) for r in session.execute(t.select().order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables}


@pytest.fixture
def stocked(db: Database, tmp_path: Path) -> Database:
    """A database whose catalogue has MUG-1 and PEN-2."""
    path = tmp_path / "products.csv"
    path.write_text("sku,name,price\nMUG-1,Mug,12.90\nPEN-2,Pen,1.50\n", encoding="utf-8")
    import_file(db, "catalog", path)
    return db


def check_import(db: Database, path: Path, fmt: str) -> None:
    """The property itself."""
    before = snapshot(db)
    try:
        import_file(db, "orders", path, fmt)
    except ImportRejected as exc:
        assert exc.problems and all(str(p).startswith("line ") for p in exc.problems), str(exc)
        assert snapshot(db) == before
    except ImportFormatError as exc:
        assert str(exc).startswith(str(path)), str(exc)
        assert snapshot(db) == before


def csv_text(header: list[str], rows: list[list[str]], quote_all: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def raw_csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Joined with commas and no quoting at all: stray quotes and commas stay as they are."""
    return "\n".join(",".join(row) for row in [header, *rows]) + "\n"


ORDER_HEADERS = st.lists(st.sampled_from(sorted(orders.COLUMNS) + ["colour", ""]), min_size=1, max_size=12)
SHOPIFY_HEADERS = st.lists(st.sampled_from(sorted(shopify.COLUMNS) + ["Note Attributes", "Vendor"]),
                           min_size=1, max_size=12)


@st.composite
def table(draw: st.DrawFn, headers: st.SearchStrategy[list[str]], required: list[str]) -> tuple[list[str], list[list[str]]]:
    header = required + draw(headers)
    rows = draw(st.lists(st.lists(FIELD, min_size=len(header) - 1, max_size=len(header) + 1), max_size=6))
    return header, rows


@EXAMPLES
@given(table(ORDER_HEADERS, ["order_number", "sku", "quantity"]), st.booleans(), st.booleans())
def test_any_order_csv_is_imported_or_refused_by_line_with_nothing_written(
        stocked: Database, tmp_path: Path, data: tuple[list[str], list[list[str]]], quoted: bool, raw: bool) -> None:
    header, rows = data
    path = tmp_path / "orders.csv"
    path.write_text(raw_csv_text(header, rows) if raw else csv_text(header, rows, quoted), encoding="utf-8")
    check_import(stocked, path, "csv")


@EXAMPLES
@given(st.text(max_size=300))
def test_any_text_as_an_order_csv_is_imported_or_refused_with_nothing_written(
        stocked: Database, tmp_path: Path, text: str) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("order_number,sku,quantity,ship_name,ship_address1,ship_city,ship_country\n" + text,
                    encoding="utf-8")
    check_import(stocked, path, "csv")


@EXAMPLES
@given(table(SHOPIFY_HEADERS, ["Name", "Lineitem sku", "Lineitem quantity"]), st.booleans())
def test_any_shopify_export_is_imported_or_refused_by_line_with_nothing_written(
        stocked: Database, tmp_path: Path, data: tuple[list[str], list[list[str]]], raw: bool) -> None:
    header, rows = data
    path = tmp_path / "shopify.csv"
    path.write_text(raw_csv_text(header, rows) if raw else csv_text(header, rows, False), encoding="utf-8")
    check_import(stocked, path, "shopify")


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | FIELD,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(FIELD, inner, max_size=3),
                          max_leaves=8)
ORDER_KEYS = st.sampled_from(sorted(set(orders.COLUMNS) | {"number", "lines", "ship_to"}))
LINE = st.dictionaries(st.sampled_from(sorted(orders.JSON_LINE_KEYS) + ["colour"]), JSON_VALUE | FIELD, max_size=6)
ADDRESS = st.dictionaries(st.sampled_from(sorted(orders.JSON_ADDRESS_KEYS)), JSON_VALUE | FIELD, max_size=9)
ORDER = st.fixed_dictionaries({"number": FIELD, "lines": st.lists(LINE, max_size=3) | JSON_VALUE,
                               "ship_to": ADDRESS | JSON_VALUE},
                              optional={key: JSON_VALUE | FIELD for key in sorted(orders.ORDER_COLUMNS)})


@EXAMPLES
@given(st.lists(ORDER | JSON_VALUE, max_size=4), st.sampled_from([None, 0, 2]))
def test_any_order_json_is_imported_or_refused_by_line_with_nothing_written(
        stocked: Database, tmp_path: Path, records: list[object], indent: int | None) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(records, indent=indent), encoding="utf-8")
    check_import(stocked, path, "json")


@EXAMPLES
@given(st.text(max_size=200))
def test_any_text_as_an_order_json_is_imported_or_refused_with_nothing_written(
        stocked: Database, tmp_path: Path, text: str) -> None:
    path = tmp_path / "orders.json"
    path.write_text(text, encoding="utf-8")
    check_import(stocked, path, "json")


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table(ORDER_HEADERS, ["order_number", "sku", "quantity"]))
def test_any_order_csv_at_the_command_line_exits_0_or_2_with_one_message(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: tuple[list[str], list[list[str]]]) -> None:
    header, rows = data
    path = tmp_path / "orders.csv"
    path.write_text(raw_csv_text(header, rows), encoding="utf-8")
    code = main(["--database", db_url, "import", "orders", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err
    if code == 2:
        assert err.startswith("packdesk: ")
