"""The capture made after the hand-over, on both databases: a gateway that times out leaves the
order shipped, the capture queued and an exception for the supervisors; the retry captures
once and resolves it. `packdesk payments list|capture --pending` show and retry."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.shipping.capture import RETRY, capture_pending
from app.store.models import CaptureRequest, Order, PackException, Payment
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.packed import pack_teapots
from tests.unit.shipping.test_capture_on_the_fake import FlakyGateway

NOW = datetime(2025, 3, 20, 9, 0, tzinfo=timezone.utc)


def test_a_gateway_that_fails_then_succeeds_captures_once(warehouse: Warehouse,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (label,) = pack_teapots(warehouse, "PD-9501", parcels=1)
    from app.shipping.dispatch import scan_at_dock
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), label.sscc, NOW, user="dora").order_shipped
    gateway = FlakyGateway(failures=1)
    run = capture_pending(lambda: SqlUnitOfWork(warehouse.db), NOW, gateway)
    assert run.failed and "did not answer" in run.failed[0][1]
    with warehouse.db.read() as session:
        assert session.scalar(select(Order.status).where(Order.number == "PD-9501")) == "shipped"
        assert session.scalars(select(Payment.kind)).all() == ["authorisation"]
        problem = session.scalars(select(PackException)).one()
        assert problem.kind == "payment" and problem.resolved_at is None and "PD-9501" in problem.reason
    capsys.readouterr()
    assert main(["--database", warehouse.db.url, "payments", "list"]) == 0
    assert "PD-9501" in (listed := capsys.readouterr().out) and "did not answer" in listed
    assert capture_pending(lambda: SqlUnitOfWork(warehouse.db), NOW + RETRY, gateway).captured == ["PD-9501"]
    assert capture_pending(lambda: SqlUnitOfWork(warehouse.db), NOW + 100 * RETRY, gateway).captured == []
    with warehouse.db.read() as session:
        captures = session.scalars(select(Payment).where(Payment.kind == "capture")).all()
        assert [(p.key, p.reference) for p in captures] == [("capture:PD-9501", "CAPT-capture:PD-9501")]
        assert session.scalars(select(PackException.resolved_at)).one() is not None
        assert session.scalars(select(CaptureRequest.state)).all() == ["captured"]
    assert gateway.captures == ["capture:PD-9501", "capture:PD-9501"] and gateway.authorisations == 1
    assert main(["--database", warehouse.db.url, "payments", "list"]) == 0
    assert "Every payment of a shipped order is captured." in capsys.readouterr().out


def test_payments_capture_pending_makes_the_queued_captures(warehouse: Warehouse,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (label,) = pack_teapots(warehouse, "PD-9502", parcels=1)
    from app.shipping.dispatch import scan_at_dock
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), label.tracking_number, NOW).order_shipped
    capsys.readouterr()
    assert main(["--database", warehouse.db.url, "payments", "capture", "--pending"]) == 0
    assert "1 payment(s) captured, 0 failed" in capsys.readouterr().out
    with warehouse.db.read() as session:
        assert sorted(session.scalars(select(Payment.kind))) == ["authorisation", "capture"]
        assert session.scalars(select(Payment.amount).where(Payment.kind == "capture")).one() == 0  # the order's total
