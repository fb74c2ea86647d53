"""Shopify exports as a user downloads them: recognised by their header, what is not work
skipped with a note, refunds cancelled, a narrower re-import blanking nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.imports import import_file
from app.store.models import Order
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
    assert report.notes[1:5] == [
        "order #1001 line 3 (Gift card) skipped: no SKU or nothing to ship (a gift card, a tip, a digital item)",
        "order #1002 skipped: no shipping address (pickup or digital)",
        "order #1003 skipped: already fulfilled",
        "order #1004 skipped: cancelled in Shopify",
    ]


def test_a_refunded_order_is_cancelled_and_a_pending_one_held(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_file(db, "orders", write(tmp_path, "orders_export_1.csv", HEADER + row("#1001") + row("#1002")))
    import_file(db, "orders", write(tmp_path, "orders_export_2.csv", HEADER + row("#1001", payment="refunded")
                                    + row("#1002", payment="pending")))
    assert status_of(db) == {"1001": "cancelled", "1002": "on_hold"}


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
