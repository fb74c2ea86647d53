"""Issue 15's returns end to end, on SQLite and PostgreSQL: an order packed at a station, handed
over at the dock and tracked to delivered; a return created on the command line with its label
(read back from the order's archive); at the returns screen the RMA and each item scanned (a wrong
one refused), inspected and refunded through the payment port, the customer's mails sent over
SMTP; then an exchange whose new order is validated and allocated at no charge."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.cli.main import main
from app.store.models import Location, Order, OutboxMessage, Payment, Product, Stock
from app.store.uow import SqlUnitOfWork
from app.shipping.returns_desk import ReturnsDesk
from tests.integration.packing.conftest import MUG_EAN, TEAPOT_EAN, Warehouse, warehouse  # noqa: F401
from tests.integration.printing.decode import pdf_barcodes
from tests.integration.shipping.smtp_server import smtp_server
from tests.integration.shipping.test_returns import delivered_order, status
from ui.screens.returns import ReturnsScreen
from ui.sounds import Sounds
from ui.workers import Worker


def test_a_return_scanned_at_the_station_refunded_then_an_exchange_allocated(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    url = warehouse.db.url
    delivered_order(warehouse, tmp_path, "PD-9601", datetime.now(timezone.utc) - timedelta(days=1), parcels=3)
    assert status(warehouse, "PD-9601") == "completed"

    # the customer asks to send two teapots back: an RMA, its label kept with the order
    capsys.readouterr()
    assert main(["--database", url, "returns", "create", "PD-9601", "--line", "TEAPOT-RED:2",
                 "--reason", "too big", "--json"]) == 0
    rma = json.loads(capsys.readouterr().out)["rma"]
    printed = tmp_path / "label.pdf"
    assert main(["--database", url, "returns", "label", rma, "--out", str(printed)]) == 0
    assert rma in {r.text for r in pdf_barcodes(printed.read_bytes())}

    # the returns station: the RMA, a mug that is not in it, the two teapots
    worker = Worker("returns")
    sounds = Sounds(enabled=False)
    screen = ReturnsScreen(ReturnsDesk(lambda: SqlUnitOfWork(warehouse.db), user="rita"), worker, sounds)
    qtbot.addWidget(screen)

    def scan(code: str) -> None:
        qtbot.keyClicks(screen.input, code)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: worker.pending == 0, timeout=10000)

    try:
        scan(rma)
        assert status(warehouse, "PD-9601") == "returned"
        scan(MUG_EAN)
        assert screen.error and "not in return" in screen.error and sounds.played[-1] == "error"
        scan(TEAPOT_EAN)
        scan(TEAPOT_EAN)
        assert screen.progress.text() == "2 of 2 items received" and sounds.played[-1] == "done"
        screen.lines.cellWidget(0, 2).setCurrentText("restock")
        screen.lines.cellWidget(0, 3).setText("R-01-01")
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        with warehouse.db.read() as session:
            assert session.scalars(select(Payment).where(Payment.kind == "refund")).all() == []  # not before
        screen.refund_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "refunded", timeout=10000)
    finally:
        worker.shutdown()
    assert status(warehouse, "PD-9601") == "completed"
    with warehouse.db.read() as session:
        teapot = session.scalar(select(Product.id).where(Product.sku == "TEAPOT-RED"))
        restocked = session.scalar(select(Stock.quantity).join(Location).where(
            Location.code == "R-01-01", Stock.product_id == teapot))
        assert restocked == 2
        refund = session.scalars(select(Payment).where(Payment.kind == "refund")).one()
        assert (refund.key, refund.amount) == (f"refund:{rma}", Decimal("25.00"))
        assert {"return_received", "refunded"} <= set(session.scalars(select(OutboxMessage.kind)))

    # the third teapot comes back for an exchange: the same teapot, from the two just restocked
    capsys.readouterr()
    assert main(["--database", url, "returns", "create", "PD-9601", "--line", "TEAPOT-RED:1",
                 "--reason", "dented", "--exchange", "TEAPOT-RED:1", "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    swap = made["exchange_order"]
    assert status(warehouse, swap) == "allocated"
    with warehouse.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == swap)).one()
        assert order.total == Decimal("0") and order.financial_status == "paid"
        assert session.scalars(select(Payment).where(Payment.order_id == order.id)).all() == []
    assert main(["--database", url, "orders", "show", swap]) == 0
    assert f"exchange for return {made['rma']} of order PD-9601" in capsys.readouterr().out

    # the customer's mails: the return received, the refund
    with smtp_server() as (inbox, port):
        config = tmp_path / "mail.toml"
        config.write_text(f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsender = "Shop <orders@example.org>"\n',
                          encoding="utf-8")
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 0
    subjects = inbox.subjects()
    assert f"We received your return {rma}" in subjects and f"Your refund for return {rma}" in subjects
