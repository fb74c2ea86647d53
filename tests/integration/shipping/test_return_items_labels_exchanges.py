"""Returns, the rest of issue 15: each returned item scanned against the RMA (wrong items and one
too many refused), the return label as a printed document (read back by pdfium, zplkit and zxing,
kept in the order's archive), and exchanges (a new order linked to the RMA, validated and
allocated at no charge). Both databases."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.shipping.return_scans import WrongReturnItem
from app.shipping.returns_desk import ReturnsDesk
from app.store.models import ArchivedDocument, Location, Order, OrderEvent, Payment, Product, Stock
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import MUG_EAN, TEAPOT_EAN, Warehouse
from tests.integration.printing.decode import pdf_barcodes, pdf_text, zpl_barcodes
from tests.integration.shipping.test_returns import delivered_order, status


def create(warehouse: Warehouse, capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()
    assert main(["--database", warehouse.db.url, "returns", "create", *args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def mugs_on_shelf(warehouse: Warehouse, quantity: int, price: str = "8.00") -> None:
    with warehouse.db.write() as session:
        mug = session.scalars(select(Product).where(Product.sku == "MUG-BLUE-350")).one()
        mug.price = Decimal(price)
        shelf = Location(code="A-01-01", zone="A", walk_sequence=10)
        session.add(shelf)
        session.flush()
        session.add(Stock(product_id=mug.id, location_id=shelf.id, quantity=quantity, allocated=0))


def test_each_returned_item_is_scanned_against_the_rma(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9501", datetime.now(timezone.utc) - timedelta(days=2), parcels=2)
    rma = create(warehouse, capsys, "PD-9501", "--line", "TEAPOT-RED:2", "--reason", "wrong colour")["rma"]
    desk = ReturnsDesk(lambda: SqlUnitOfWork(warehouse.db), user="rita")

    view = desk.scan(rma.lower(), None)  # the RMA off the parcel: received
    assert (view.status, view.progress) == ("received", "0 of 2 items received")
    with pytest.raises(WrongReturnItem, match=f"MUG-BLUE-350 \\(Blue mug 350 ml\\) is not in return {rma}, "
                                              "which expects 2 x TEAPOT-RED"):
        desk.scan(MUG_EAN, rma)
    with pytest.raises(WrongReturnItem, match="4099999999994 is no product of the catalogue"):
        desk.scan("4099999999994", rma)
    assert desk.scan(TEAPOT_EAN, rma).progress == "1 of 2 items received"
    with pytest.raises(Exception, match="1 of 2 items are scanned; scan the rest \\(1 x TEAPOT-RED\\) first"):
        desk.inspect(rma, [["TEAPOT-RED", "restock", "R-01-01"]])
    view = desk.scan("0105012345678900", rma)  # the same teapot as a GS1 element string (AI 01)
    assert view.progress == "2 of 2 items received" and view.scanned_all
    assert "inspect each line" in view.message
    with pytest.raises(WrongReturnItem, match=f"1 more x TEAPOT-RED is too many: return {rma} names 2 and 2 are "
                                              "received"):
        desk.scan("TEAPOT-RED", rma)  # a typed SKU counts too - and this one is one too many
    assert desk.scan(rma, rma).progress == "2 of 2 items received"  # scanning the RMA again reopens it
    view = desk.inspect(rma, [["TEAPOT-RED", "restock", "R-01-01"]])
    assert view.status == "inspected"
    assert Decimal(desk.refund(rma).refund_amount) == Decimal("25.00")
    with warehouse.db.read() as session:
        scanned = session.scalars(select(OrderEvent.detail).where(OrderEvent.kind == "ReturnItemReceived")
                                  .order_by(OrderEvent.id)).all()
    assert [json.loads(d)["scan"] for d in scanned] == [TEAPOT_EAN, "0105012345678900"]


def test_the_return_label_is_a_document_kept_with_the_order(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9502", datetime.now(timezone.utc) - timedelta(days=2), parcels=1)
    capsys.readouterr()
    url = warehouse.db.url
    assert main(["--database", url, "returns", "create", "PD-9502", "--line", "TEAPOT-RED:1", "--reason",
                 "lid chipped"]) == 0
    said = capsys.readouterr().out
    rma = said.split()[1]
    assert f"return-label-{rma}.pdf, return-label-{rma}.zpl" in said
    with warehouse.db.read() as session:
        tracking = session.scalar(select(Order.id).where(Order.number == "PD-9502"))
        kept = {d.name: bytes(d.content) for d in session.scalars(
            select(ArchivedDocument).where(ArchivedDocument.kind == "return_label"))}
    assert set(kept) == {f"return-label-{rma}.pdf", f"return-label-{rma}.zpl"} and tracking

    out = tmp_path / "documents"
    assert main(["--database", url, "orders", "documents", "PD-9502", "--out", str(out)]) == 0
    written = {p.name.split("-", 2)[2]: p.read_bytes() for p in out.iterdir()}
    pdf, zpl = written[f"return-label-{rma}.pdf"], written[f"return-label-{rma}.zpl"]

    capsys.readouterr()
    assert main(["--database", url, "returns", "show", rma, "--json"]) == 0
    return_tracking = json.loads(capsys.readouterr().out)["tracking_number"]
    read = {r.text for r in pdf_barcodes(pdf)}
    assert read == {rma, return_tracking}
    text = pdf_text(pdf)[0]
    assert "RETURN TO" in text and "Ada Lovelace" in text and "lid chipped" in text and "PD-9502" in text
    assert {r.text for r in zpl_barcodes(zpl)} == {rma, return_tracking}

    again = tmp_path / "again.zpl"
    assert main(["--database", url, "returns", "label", rma.lower(), "--format", "zpl", "--out", str(again)]) == 0
    assert again.read_bytes() == zpl  # the same label: kept once
    with warehouse.db.read() as session:
        assert session.scalar(select(ArchivedDocument.id).where(ArchivedDocument.kind == "return_label")
                              .order_by(ArchivedDocument.id.desc()).limit(1)) is not None
        assert len(session.scalars(select(ArchivedDocument.id).where(
            ArchivedDocument.kind == "return_label")).all()) == 2
    capsys.readouterr()
    assert main(["--database", url, "returns", "label", "RMA-999999", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "No return has the RMA RMA-999999" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_an_exchange_asked_for_at_creation_is_a_linked_order_allocated_at_no_charge(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9503", datetime.now(timezone.utc) - timedelta(days=2), parcels=1)
    mugs_on_shelf(warehouse, 5, price="8.00")
    url = warehouse.db.url
    capsys.readouterr()
    assert main(["--database", url, "returns", "create", "PD-9503", "--line", "TEAPOT-RED:1", "--reason", "colour",
                 "--exchange", "NOPE-1:1", "--exchange", "MUG-BLUE-350:0"]) == 2
    err = capsys.readouterr().err
    assert "NOPE-1 is not in the catalogue" in err and "0 x MUG-BLUE-350: send at least one" in err
    with warehouse.db.read() as session:
        assert session.scalar(select(Order.id).where(Order.channel == "exchange")) is None  # nothing made

    made = create(warehouse, capsys, "PD-9503", "--line", "TEAPOT-RED:1", "--reason", "colour",
                  "--exchange", "MUG-BLUE-350:1")
    rma, swap = made["rma"], made["exchange_order"]
    assert swap == f"{rma}-X" and f"Exchange order {swap} is" in made["message"]
    assert status(warehouse, swap) == "allocated"
    with warehouse.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == swap)).one()
        assert (order.total, order.financial_status, order.channel) == (Decimal("0.00"), "paid", "exchange")
        assert session.scalar(select(Stock.allocated).join(Location).where(Location.code == "A-01-01")) == 1

    for number, mine, other in (("PD-9503", "ExchangeOrdered", swap), (swap, "ExchangeFor", "PD-9503")):
        capsys.readouterr()
        assert main(["--database", url, "orders", "show", number, "--json"]) == 0
        shown = json.loads(capsys.readouterr().out)
        linked = [e for e in shown["events"] if e["kind"] == mine]
        assert len(linked) == 1 and linked[0]["detail"]["rma"] == rma
        assert other in json.dumps(linked[0]["detail"])
        assert shown["returns"] == [{"rma": rma, "status": "open", "order": "PD-9503", "exchange_order": swap}]
    assert main(["--database", url, "orders", "show", "PD-9503"]) == 0
    assert f"return {rma} open, exchange order {swap}" in capsys.readouterr().out
    assert main(["--database", url, "orders", "show", swap]) == 0
    assert f"exchange for return {rma} of order PD-9503" in capsys.readouterr().out

    base = ["--database", url, "returns"]
    assert main(base + ["receive", rma]) == 0
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:restock:R-01-01"]) == 0
    capsys.readouterr()
    assert main(base + ["refund", rma, "--json"]) == 0
    refunded = json.loads(capsys.readouterr().out)
    # the teapot (12.50) less the mug sent in exchange (8.00 in the catalogue)
    assert Decimal(refunded["refund_amount"]) == Decimal("4.50")


def test_an_exchange_decided_at_inspection_sends_the_same_goods_and_refunds_nothing(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9504", datetime.now(timezone.utc) - timedelta(days=2), parcels=2)
    url = warehouse.db.url
    rma = create(warehouse, capsys, "PD-9504", "--line", "TEAPOT-RED:2", "--reason", "scratched")["rma"]
    base = ["--database", url, "returns"]
    assert main(base + ["receive", rma]) == 0
    # the two returned teapots go back on R-01-01 and the exchange order takes them from there
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:exchange:R-01-01"]) == 0
    capsys.readouterr()
    assert main(base + ["show", rma, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["exchange_order"] == f"{rma}-X" and shown["lines"][0]["outcome"] == "exchange"
    assert status(warehouse, f"{rma}-X") == "allocated"
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:exchange"]) == 2  # inspected once
    capsys.readouterr()
    assert main(base + ["refund", rma]) == 0
    assert "settled by its exchange: nothing to refund" in capsys.readouterr().out
    with warehouse.db.read() as session:
        assert session.scalars(select(Payment).where(Payment.kind == "refund")).all() == []
    assert status(warehouse, "PD-9504") == "completed"
