"""Two docks scan an order's last two parcels at the same moment, each on its own connection:
the order always ends shipped, with one StatusChanged to shipped, one invoice, one capture
queued and one captured. Repeated, on PostgreSQL (the order's row lock: SELECT ... FOR UPDATE)
and SQLite (one writer: BEGIN IMMEDIATE)."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select, update

from app.identifiers import s10, sscc
from app.shipping.capture import capture_pending
from app.shipping.dispatch import HandOver, scan_at_dock
from app.store.models import CaptureRequest, Order, OrderEvent, Parcel, Payment
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, add_order

NOW = datetime(2025, 3, 20, 16, 0, tzinfo=timezone.utc)
ROUNDS = 25


def packed_with_two_parcels(warehouse: Warehouse, number: str, n: int) -> tuple[str, str]:
    """A packed order with two labelled parcels; their tracking numbers."""
    add_order(warehouse.db, number, [("TEAPOT-RED", 2)], status="packed")
    codes = (s10("RR", 2 * n + 1, "DE"), s10("RR", 2 * n + 2, "DE"))
    with warehouse.db.write() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == number))
        session.execute(update(Order).where(Order.id == order_id).values(total=10))
        for seq, code in enumerate(codes, 1):
            session.add(Parcel(order_id=order_id, seq=seq, status="confirmed", tracking_number=code,
                               sscc=sscc(0, "4012345", 1000 + 2 * n + seq), carrier="POST", closed_at=NOW))
    return codes


def race(url: str, codes: tuple[str, str]) -> list[HandOver]:
    """Each code scanned by its own dock (thread, database connection) released at once."""
    start = threading.Barrier(2)
    answers: list[HandOver] = []
    errors: list[BaseException] = []

    def dock(code: str) -> None:
        db = Database(url)
        try:
            uow = SqlUnitOfWork(db)
            start.wait(timeout=30)
            answers.append(scan_at_dock(uow, code, NOW, user="dora", station=f"DOCK-{code[-4:]}"))
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=dock, args=(code,)) for code in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    return answers


@pytest.mark.timeout(600)
def test_two_docks_scanning_the_last_two_parcels_at_once_always_ship_the_order_once(
        warehouse: Warehouse) -> None:
    url = warehouse.db.url
    numbers = []
    for n in range(ROUNDS):
        number = f"PD-R{n:03d}"
        numbers.append(number)
        answers = race(url, packed_with_two_parcels(warehouse, number, n))
        assert sorted(a.ok for a in answers) == [True, True], [a.message for a in answers]
        assert sum(a.order_shipped for a in answers) == 1, [a.message for a in answers]
    assert capture_pending(lambda: SqlUnitOfWork(warehouse.db), NOW).captured == numbers
    with warehouse.db.read() as session:
        assert session.scalars(select(Order.status).where(Order.number.in_(numbers)).distinct()).all() == ["shipped"]
        for kind, each in (("InvoiceIssued", 1), ("CaptureRequested", 1), ("PaymentCaptured", 1),
                           ("ParcelHandedOver", 2)):
            counts = session.execute(select(OrderEvent.order_id, func.count()).where(OrderEvent.kind == kind)
                                     .group_by(OrderEvent.order_id)).all()
            assert len(counts) == ROUNDS and {c for _, c in counts} == {each}, kind
        shipped = session.scalar(select(func.count()).select_from(OrderEvent).where(
            OrderEvent.kind == "StatusChanged", OrderEvent.to_status == "shipped"))
        assert shipped == ROUNDS
        assert session.scalar(select(func.count()).select_from(Payment).where(Payment.kind == "capture")) == ROUNDS
        assert session.scalar(select(func.count()).select_from(CaptureRequest)) == ROUNDS
