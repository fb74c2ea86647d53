"""Shopify exports as a user downloads them: recognised by their header, what is not work
skipped with a note, refunds cancelled, a narrower re-import blanking nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.imports import import_file
from app.store.models import Order, Stock
from app.store.session import Database
from tests.integration.orders.warehouse import stock_up, write

HEADER = ("Name,Email,Financial Status,Fulfillment Status,Cancelled at,Lineitem quantity,Lineitem name,"
          "Lineitem price,Lineitem sku,Lineitem requires shipping,Shipping Name,Shipping Address1,Shipping City,"
          "Shipping Zip,Shipping Country,Shipping Method,Note Attributes,Total\n")


def row(name: str, sku: str = "MUG-BLUE-350", *, payment: str = "paid", fulfilled: str = "", cancelled: str = "",
        item: str = "Blue mug", price: str = "12.50", ships: str = "true", street: str = "Lagerstrasse 1",
        city: str = "Hamburg", method: str = "DHL Express", notes: str = "", total: str = "12.50") -> str:
    return (f"{name},{name[1:]}@example.org,{payment},{fulfilled},{cancelled},1,{item},{price},{sku},{ships},"
            f"Ada Lovelace,{street},{city},20095,DE,{method},{notes},{total}\n")


def status_of(db: Database) -> dict[str, str]:
    with db.read() as session:
        return dict(session.execute(select(Order.number, Order.status)).all())


def test_a_shopify_export_is_recognised_by_its_header_and_says_so(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    report = import_file(db, "orders", write(tmp_path, "orders_export_1.csv", HEADER + row("#1001")))
    assert report.notes[0] == "read as a Shopify orders export (recognised from its header)"
    assert status_of(db) == {"1001": "allocated"}


def test_what_is_not_work_is_skipped_with_a_note_not_rejected(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    report = import_file(db, "orders", write(tmp_path, "orders_export_1.csv", HEADER
                         + row("#1001") + row("#1001", "", item="Gift card", price="25.00", ships="false")
                         + row("#1002", street="", city="", method="Pickup")
                         + row("#1003", fulfilled="fulfilled")
                         + row("#1004", cancelled="2026-11-20 16:00:00 +0100")))
    assert status_of(db) == {"1001": "allocated"}
    assert report.notes[1:] == [
        "order #1001 line 3 (Gift card) skipped: no SKU or nothing to ship (a gift card, a tip, a digital item)",
        "order #1002 skipped: no shipping address (pickup or digital)",
        "order #1003 skipped: already fulfilled",
        "order 1004 skipped: cancelled by its channel",
        "orders: 1 allocated",
    ]


def test_refunded_or_cancelled_orders_already_imported_are_cancelled_or_held_once_packing_started(
        db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path, "sku,location,quantity\nMUG-BLUE-350,A-01-1,10\n")
    import_file(db, "orders", write(tmp_path, "orders_export_1.csv", HEADER + row("#1001") + row("#1002")
                                    + row("#1003") + row("#1004")))
    with db.write() as session:  # a station has started to pack 1004
        session.execute(update(Order).where(Order.number == "1004").values(status="packing"))
    report = import_file(db, "orders", write(tmp_path, "orders_export_2.csv", HEADER
                                             + row("#1001", payment="refunded") + row("#1002", payment="pending")
                                             + row("#1003", cancelled="2026-11-21 09:00:00 +0100")
                                             + row("#1004", payment="voided") + row("#1005", payment="refunded")))
    assert status_of(db) == {"1001": "cancelled", "1002": "on_hold", "1003": "cancelled", "1004": "on_hold"}
    assert report.notes[1:5] == ["order 1001 cancelled: payment refunded", "order 1003 cancelled: cancelled by its channel",
                                 "order 1004 held: payment voided, and its packing had started",
                                 "order 1005 skipped: payment refunded"]
    with db.read() as session:
        assert sum(session.scalars(select(Stock.allocated))) == 1  # 1004 keeps its mug: it is at a station
    again = import_file(db, "orders", tmp_path / "orders_export_2.csv")
    assert status_of(db)["1004"] == "on_hold" and again.created == 0


def test_re_importing_a_narrower_export_never_blanks_what_it_does_not_carry(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_file(db, "orders", write(tmp_path, "wide.csv", HEADER + row("#1001", notes='"gift_wrap: true"')),
                fmt="shopify")
    narrow = ("Name,Lineitem quantity,Lineitem name,Lineitem sku,Lineitem price,Shipping Name,Shipping Address1,Shipping City,"
              "Shipping Zip,Shipping Country,Total\n")
    report = import_file(db, "orders", write(tmp_path, "narrow.csv", narrow
                                             + "#1001,1,Blue mug,MUG-BLUE-350,12.50,Ada Lovelace,Lagerstrasse 1,Hamburg,20095,"
                                               "DE,12.50\n"))
    assert report.unchanged == 1
    with db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "1001"))
        assert (order.service_level, order.gift_wrap, order.email) == ("express", True, "1001@example.org")


def test_orders_show_finds_a_shopify_order_by_its_name(db: Database, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    stock_up(db, tmp_path)
    import_file(db, "orders", write(tmp_path, "orders_export_1.csv", HEADER + row("#1001")))
    assert main(["orders", "show", "#1001", "--json", "--database", db.url]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == "1001"
