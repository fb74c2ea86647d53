"""At shipping the invoice is issued and the payment captured through the payment port, once;
a refund never pays back more than was captured. Both databases."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli.main import main
from app.shipping.errors import ShippingError
from app.shipping.payments import refund_in
from app.store.models import CaptureRequest, Order, OrderEvent, Payment
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.packed import pack_teapots

NOW = datetime(2025, 3, 20, 9, 0, tzinfo=timezone.utc)


def test_shipping_issues_the_invoice_and_captures_the_payment_once(warehouse: Warehouse, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    labels = pack_teapots(warehouse, "PD-9101", parcels=2)
    with warehouse.db.write() as session:
        session.execute(update(Order).where(Order.number == "PD-9101").values(total=Decimal("25.00")))
    for label in labels:
        assert main(["--database", warehouse.db.url, "dispatch", "scan", label.sscc]) == 0
    assert main(["--database", warehouse.db.url, "dispatch", "scan", labels[1].sscc]) == 0  # again: nothing new
    with warehouse.db.read() as session:
        payments = session.scalars(select(Payment).order_by(Payment.id)).all()
        assert [(p.kind, p.amount, p.gateway) for p in payments] == [
            ("authorisation", Decimal("25.00"), "recorded"), ("capture", Decimal("25.00"), "recorded")]
        invoice = payments[1].invoice_number
        assert invoice is not None and invoice.startswith("INV-")
        assert len(session.scalars(select(OrderEvent).where(OrderEvent.kind == "InvoiceIssued")).all()) == 1
    # the printed invoice carries the number issued at shipping
    out = tmp_path / "invoice.pdf"
    assert main(["--database", warehouse.db.url, "documents", "invoice", "PD-9101", "--out", str(out)]) == 0
    from tests.integration.printing.decode import pdf_text
    assert invoice in pdf_text(out.read_bytes())[0]


def test_an_invoice_printed_before_the_dock_keeps_its_number(warehouse: Warehouse, tmp_path: Path) -> None:
    # the dock reads the invoice already issued with the statement that locks the order
    (label,) = pack_teapots(warehouse, "PD-9103", parcels=1)
    assert main(["--database", warehouse.db.url, "documents", "invoice", "PD-9103",
                 "--out", str(tmp_path / "early.pdf")]) == 0
    with warehouse.db.read() as session:
        (printed,) = session.scalars(select(OrderEvent.detail).where(OrderEvent.kind == "InvoiceIssued")).all()
    assert main(["--database", warehouse.db.url, "dispatch", "scan", label.tracking_number]) == 0
    with warehouse.db.read() as session:
        assert session.scalars(select(OrderEvent.detail).where(OrderEvent.kind == "InvoiceIssued")).all() == [printed]
        request = session.scalar(select(CaptureRequest.invoice_number))
    assert request is not None and request in printed  # the capture bills the printed number


def test_refunds_are_kept_once_and_never_exceed_the_capture(warehouse: Warehouse) -> None:
    labels = pack_teapots(warehouse, "PD-9102", parcels=1)
    with warehouse.db.write() as session:
        session.execute(update(Order).where(Order.number == "PD-9102").values(total=Decimal("12.50")))
    uow = SqlUnitOfWork(warehouse.db)
    with uow:  # not shipped yet: nothing to refund
        with pytest.raises(ShippingError, match="no captured payment"):
            refund_in(uow, uow.orders.get("PD-9102"), "RMA-1", Decimal("5"), NOW)
    assert main(["--database", warehouse.db.url, "dispatch", "scan", labels[0].tracking_number]) == 0
    for _ in range(2):  # the same RMA twice: one refund
        uow = SqlUnitOfWork(warehouse.db)
        with uow:
            refund_in(uow, uow.orders.get("PD-9102"), "RMA-1", Decimal("10.00"), NOW)
            uow.commit()
    uow = SqlUnitOfWork(warehouse.db)
    with uow:
        with pytest.raises(ShippingError, match="more than the 12.5"):
            refund_in(uow, uow.orders.get("PD-9102"), "RMA-2", Decimal("3.00"), NOW)
    with warehouse.db.read() as session:
        assert [(p.kind, p.amount) for p in session.scalars(select(Payment).where(Payment.kind == "refund"))] == [
            ("refund", Decimal("10.00"))]
