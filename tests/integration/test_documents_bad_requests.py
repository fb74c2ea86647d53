"""`packdesk documents` on totes and output paths that cannot be served: a tote names only the
order using it now (issue 18, item 2), and a document that cannot be written records nothing
(item 10), on SQLite and PostgreSQL."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.documents import DocumentError, labels, pick_list
from app.packing.settings import PackingSettings
from app.store.models import Address, Base, Order, OrderEvent, OrderLine, Product
from app.store.session import Database


def add_order(db: Database, number: str, status: str, tote: str | None) -> None:
    with db.write() as s:
        mug = s.scalars(select(Product).where(Product.sku == "MUG-1")).one_or_none()
        if mug is None:
            mug = Product(sku="MUG-1", name="Blue mug", length_mm=120, width_mm=90, height_mm=100, weight_g=350,
                          price=Decimal("12.50"))
            s.add(mug)
            s.flush()
        order = Order(number=number, status=status, tote=tote,
                      ship_to=Address(name="Bram", line1="Oudegracht 3", postcode="3511", city="Utrecht",
                                      country="NL"))
        s.add(order)
        s.flush()
        s.add(OrderLine(order_id=order.id, line_no=1, product_id=mug.id, sku="MUG-1", name="Blue mug",
                        quantity=2, unit_price=Decimal("12.50")))


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order."""
    with db.read() as session:
        return {t.name: [tuple(r) for r in session.execute(t.select().order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables}


def events(db: Database) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(OrderEvent.kind).order_by(OrderEvent.id)))


# --- item 2: a tote names the order using it now ---------------------------------------------------


def test_a_tote_prints_the_order_using_it_now_not_an_old_shipped_one(db: Database) -> None:
    add_order(db, "PD-OLD", "shipped", "T-7")
    add_order(db, "PD-NOW", "picked", "T-7")
    [label] = labels(db, PackingSettings(), "T-7")
    assert label.order_number == "PD-NOW"


def test_a_tote_only_an_old_shipped_order_had_is_refused_and_records_nothing(db: Database) -> None:
    add_order(db, "PD-OLD", "shipped", "T-7")
    before = snapshot(db)
    with pytest.raises(DocumentError) as caught:
        labels(db, PackingSettings(), "T-7")
    assert "tote T-7 holds no order being picked or packed now" in str(caught.value)
    assert "PD-OLD" in str(caught.value) and "shipped" in str(caught.value)
    assert snapshot(db) == before


def test_a_tote_two_orders_use_at_once_is_refused_naming_both(db: Database) -> None:
    add_order(db, "PD-A", "picked", "T-9")
    add_order(db, "PD-B", "packing", "T-9")
    with pytest.raises(DocumentError) as caught:
        pick_list(db, "T-9")
    assert "tote T-9 is in use by 2 orders" in str(caught.value)
    assert "PD-A (picked)" in str(caught.value) and "PD-B (packing)" in str(caught.value)


def test_a_pick_list_of_ready_orders_takes_the_allocated_ones(db: Database) -> None:
    add_order(db, "PD-HELD", "allocated", None)
    add_order(db, "PD-WAIT", "captured", None)
    picks = pick_list(db, "ready")
    assert [line.order_number for line in picks.lines] == ["PD-HELD"]


def test_a_pick_list_of_ready_orders_when_none_is_allocated_says_so(db: Database) -> None:
    add_order(db, "PD-WAIT", "captured", None)
    with pytest.raises(DocumentError) as caught:
        pick_list(db, "ready")
    assert "no order is allocated" in str(caught.value)


# --- item 10: a document that cannot be written changes nothing ---------------------------------------


@pytest.mark.parametrize("document", ["label", "invoice", "picklist"])
def test_a_document_that_cannot_be_written_records_nothing(db_url: str, document: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    with Database(db_url) as db:
        add_order(db, "PD-1", "picked", "T-1")
        before = snapshot(db)
    folder = tmp_path / "documents"
    folder.mkdir()
    unwritable = folder / "missing" / "x.pdf"
    assert main(["--database", db_url, "documents", document, "PD-1", "--out", str(unwritable)]) == 2
    assert "choose a writable path with --out" in capsys.readouterr().err
    with Database(db_url) as db:
        assert snapshot(db) == before
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("document, event", [("label", "LabelPreprinted"), ("invoice", "InvoiceIssued")])
def test_a_document_written_keeps_what_it_recorded(db_url: str, document: str, event: str, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    out = folder / "doc.pdf"
    with Database(db_url) as db:
        add_order(db, "PD-1", "picked", "T-1")
    assert main(["--database", db_url, "documents", document, "PD-1", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in folder.iterdir()] == ["doc.pdf"]
    with Database(db_url) as db:
        assert events(db) == [event]
