"""Returns through the command line: an RMA for delivered units within the window, received,
inspected (restock to a bin, write off), refunded only after inspection. Both databases."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.store.models import Location, Order, OrderEvent, OutboxMessage, Payment, Product, Stock
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.packed import pack_teapots


def delivered_order(warehouse: Warehouse, tmp_path: Path, number: str, when: datetime, parcels: int = 2) -> None:
    labels = pack_teapots(warehouse, number, parcels)
    with warehouse.db.write() as session:
        session.execute(update(Order).where(Order.number == number).values(
            email="ada@example.org", total=Decimal("25.00")))
        session.add(Location(code="R-01-01", zone="R", walk_sequence=900))
    for label in labels:
        assert main(["--database", warehouse.db.url, "dispatch", "scan", label.tracking_number]) == 0
    f = tmp_path / f"{number}.csv"
    f.write_text("tracking_number,status,time\n" + "".join(f"{l.tracking_number},delivered,{when.isoformat()}\n"
                                                            for l in labels), encoding="utf-8")
    assert main(["--database", warehouse.db.url, "tracking", "import", str(f)]) == 0


def status(warehouse: Warehouse, number: str) -> str:
    with warehouse.db.read() as session:
        return session.scalar(select(Order.status).where(Order.number == number))


def test_a_return_from_rma_to_refund(warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9201", datetime.now(timezone.utc) - timedelta(days=3))
    assert status(warehouse, "PD-9201") == "completed"
    url = warehouse.db.url
    base = ["--database", url, "returns"]
    capsys.readouterr()
    assert main(base + ["create", "PD-9201", "--line", "TEAPOT-RED:3", "--line", "MUG-BLUE-350:1",
                        "--reason", "broken"]) == 2
    err = capsys.readouterr().err
    assert "3 x TEAPOT-RED: 2 of the 2 shipped can still come back" in err and "MUG-BLUE-350 is not on order" in err
    assert main(base + ["create", "PD-9201", "--line", "TEAPOT-RED:2", "--reason", "wrong colour", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    rma = created["rma"]
    assert rma == "RMA-000001" and created["status"] == "open" and created["tracking_number"]
    assert main(base + ["create", "PD-9201", "--line", "TEAPOT-RED:1", "--reason", "again"]) == 2
    assert "0 of the 2 shipped can still come back" in capsys.readouterr().err
    assert main(base + ["refund", rma]) == 2
    assert "a refund comes only after inspection" in capsys.readouterr().err
    assert main(base + ["receive", rma]) == 0
    assert status(warehouse, "PD-9201") == "returned"
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:restock"]) == 2
    assert "restock to which bin?" in capsys.readouterr().err
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:restock:Z-99"]) == 2
    assert "cannot be restocked to Z-99" in capsys.readouterr().err
    assert main(base + ["inspect", rma, "--line", "TEAPOT-RED:restock:R-01-01", "--photo", "/photos/rma1.jpg"]) == 0
    with warehouse.db.read() as session:
        teapot = session.scalar(select(Product.id).where(Product.sku == "TEAPOT-RED"))
        assert session.scalar(select(Stock.quantity).where(Stock.product_id == teapot)) == 2
    capsys.readouterr()
    assert main(base + ["refund", rma, "--json"]) == 0
    refunded = json.loads(capsys.readouterr().out)
    assert refunded["status"] == "refunded" and Decimal(refunded["refund_amount"]) == Decimal("25.00")
    assert status(warehouse, "PD-9201") == "completed"
    with warehouse.db.read() as session:
        refund = session.scalars(select(Payment).where(Payment.kind == "refund")).one()
        assert (refund.key, refund.amount) == (f"refund:{rma}", Decimal("25.00"))
        kinds = set(session.scalars(select(OutboxMessage.kind)))
        assert {"return_received", "refunded"} <= kinds
        events = session.scalars(select(OrderEvent.kind).where(OrderEvent.kind.like("Return%"))
                                 .order_by(OrderEvent.id)).all()
        assert events == ["ReturnCreated", "ReturnReceived", "ReturnInspected"]
    assert main(base + ["refund", rma]) == 2  # once
    assert "is refunded; a refund comes only after inspection" in capsys.readouterr().err


def test_the_return_window_closes(warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    delivered_order(warehouse, tmp_path, "PD-9202", datetime.now(timezone.utc) - timedelta(days=31), parcels=1)
    assert main(["--database", warehouse.db.url, "returns", "create", "PD-9202", "--line", "TEAPOT-RED:1",
                 "--reason", "too late"]) == 2
    assert "more than 30 days ago ([returns] window_days): the return window is closed" in capsys.readouterr().err
    config = tmp_path / "station.toml"
    config.write_text("[returns]\nwindow_days = 60\n", encoding="utf-8")
    assert main(["--config", str(config), "--database", warehouse.db.url, "returns", "create", "PD-9202",
                 "--line", "TEAPOT-RED:1", "--reason", "within 60 days"]) == 0
    assert main(["--database", warehouse.db.url, "returns", "create", "PD-1042", "--line", "MUG-BLUE-350:1",
                 "--reason", "x"]) == 2
    assert "only delivered or completed orders can be returned" in capsys.readouterr().err
    assert main(["--database", warehouse.db.url, "returns", "create", "PD-9202", "--line", "TEAPOT-RED",
                 "--reason", "x"]) == 2
    assert "is not SKU:QTY" in capsys.readouterr().err
