"""`packdesk orders archive`: completed orders older than [orders] archive_after_days are marked
archived (out of `orders list`), `orders show` still finds them and says so, and their
documents stay retrievable. Both databases."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.shipping import archive
from app.shipping.archive import keep
from app.store.models import Order, OrderEvent
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, add_order

NOW = datetime.now(timezone.utc)


def completed(warehouse: Warehouse, number: str, days_ago: int, status: str = "completed") -> None:
    add_order(warehouse.db, number, [("TEAPOT-RED", 1)], status=status)
    with warehouse.db.write() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == number))
        session.add(OrderEvent(order_id=order_id, kind="StatusChanged", from_status="delivered", to_status=status,
                               at=NOW - timedelta(days=days_ago)))


def test_old_completed_orders_are_archived_and_still_found(warehouse: Warehouse, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        completed(warehouse, f"PD-OLD{n}", days_ago=400 + n)
    completed(warehouse, "PD-NEW", days_ago=10)
    completed(warehouse, "PD-SHIPPED", days_ago=500, status="shipped")  # not completed: stays
    keep(SqlUnitOfWork(warehouse.db), "PD-OLD0", "invoice", "invoice-PD-OLD0.pdf", b"%PDF-old invoice", NOW)
    url = warehouse.db.url
    config = tmp_path / "packdesk.toml"
    config.write_text("[orders]\narchive_after_days = 365\n")
    monkeypatch.setattr(archive, "ARCHIVE_BATCH", 2)  # two batches: the progress shows both

    capsys.readouterr()
    assert main(["--database", url, "--config", str(config), "orders", "archive", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "3 completed order(s)" in out and "would be archived" in out and "PD-OLD0" in out
    with warehouse.db.read() as session:
        assert session.scalars(select(Order.number).where(Order.archived_at.is_not(None))).all() == []

    assert main(["--database", url, "--config", str(config), "orders", "archive"]) == 0
    printed = capsys.readouterr()
    assert "3 completed order(s)" in printed.out and "archived" in printed.out
    assert "2 of 3 orders" in printed.err and "3 of 3 orders" in printed.err
    with warehouse.db.read() as session:
        assert sorted(session.scalars(select(Order.number).where(Order.archived_at.is_not(None)))) == [
            "PD-OLD0", "PD-OLD1", "PD-OLD2"]
    # again: nothing left to archive
    assert main(["--database", url, "--config", str(config), "orders", "archive"]) == 0
    assert "0 completed order(s)" in capsys.readouterr().out

    assert main(["--database", url, "orders", "list", "--status", "completed"]) == 0
    listed = capsys.readouterr().out
    assert "PD-NEW" in listed and "PD-OLD" not in listed
    assert main(["--database", url, "orders", "list", "--status", "completed", "--archived"]) == 0
    assert "PD-OLD1" in capsys.readouterr().out
    assert main(["--database", url, "orders", "show", "PD-OLD0"]) == 0
    assert "ARCHIVED" in capsys.readouterr().out
    folder = tmp_path / "docs"
    assert main(["--database", url, "orders", "documents", "PD-OLD0", "--out", str(folder)]) == 0
    assert [p.read_bytes() for p in folder.iterdir()] == [b"%PDF-old invoice"]


def test_archive_before_a_day_and_a_bad_day(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    completed(warehouse, "PD-A", days_ago=30)
    completed(warehouse, "PD-B", days_ago=3)
    url = warehouse.db.url
    day = (NOW - timedelta(days=10)).date().isoformat()
    assert main(["--database", url, "orders", "archive", "--before", day]) == 0
    assert "1 completed order(s)" in capsys.readouterr().out
    with warehouse.db.read() as session:
        assert session.scalars(select(Order.number).where(Order.archived_at.is_not(None))).all() == ["PD-A"]
    assert main(["--database", url, "orders", "archive", "--before", "31/01/2025"]) != 0
    assert "write it as 2025-01-31" in capsys.readouterr().err
