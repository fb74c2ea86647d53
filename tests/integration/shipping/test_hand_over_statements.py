"""The hand-over that ships an order writes its five events in one INSERT, and the statements
SQLAlchemy cannot cache are compiled once, not at every scan. Both databases."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from sqlalchemy import event, select

from app.shipping.dispatch import scan_at_dock
from app.store.models import OrderEvent
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.packed import pack_teapots


@contextmanager
def statements(warehouse: Warehouse) -> Iterator[list[tuple[str, bool]]]:
    """(SQL, executemany) of every statement the engine sends while the block runs."""
    sent: list[tuple[str, bool]] = []

    def seen(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        sent.append((statement, executemany))

    engine = warehouse.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@contextmanager
def compilations() -> Iterator[list[str]]:
    """The statements SQLAlchemy compiles while the block runs."""
    from sqlalchemy.sql import compiler

    made: list[str] = []
    original = compiler.SQLCompiler.__init__

    def counting(self, dialect, statement, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(type(statement).__name__)
        original(self, dialect, statement, *args, **kwargs)

    compiler.SQLCompiler.__init__ = counting  # type: ignore[method-assign]
    try:
        yield made
    finally:
        compiler.SQLCompiler.__init__ = original  # type: ignore[method-assign]


def test_the_scan_that_ships_an_order_writes_its_events_in_one_insert(warehouse: Warehouse) -> None:
    (label,) = pack_teapots(warehouse, "PD-6401", parcels=1)
    with statements(warehouse) as sent:
        result = scan_at_dock(SqlUnitOfWork(warehouse.db), label.tracking_number, datetime.now(timezone.utc),
                              user="dora", station="DOCK-1")
    assert result.ok and result.order_shipped
    inserts = [many for sql, many in sent if sql.lstrip().upper().replace('"', "").startswith("INSERT INTO ORDER_EVENTS")]
    assert len(inserts) == 1  # one statement (executemany or a multi-row insert) for the five events
    with warehouse.db.read() as session:
        kinds = session.scalars(select(OrderEvent.kind).where(OrderEvent.station == "DOCK-1")
                                .order_by(OrderEvent.id)).all()
        assert kinds == ["ParcelHandedOver", "StatusChanged", "StockShipped"]  # the dock's, in their order
        last = session.scalars(select(OrderEvent.kind).order_by(OrderEvent.id.desc()).limit(2)).all()
        assert last == ["CaptureRequested", "InvoiceIssued"]


def test_a_refused_scan_writes_no_event(warehouse: Warehouse) -> None:
    first, second = pack_teapots(warehouse, "PD-6402")
    now = datetime.now(timezone.utc)
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), first.tracking_number, now, user="dora").ok
    with warehouse.db.read() as session:
        before = session.scalar(select(OrderEvent.id).order_by(OrderEvent.id.desc()).limit(1))
    again = scan_at_dock(SqlUnitOfWork(warehouse.db), first.tracking_number, now, user="dora")
    assert again.already
    with warehouse.db.read() as session:
        assert session.scalar(select(OrderEvent.id).order_by(OrderEvent.id.desc()).limit(1)) == before


def test_later_hand_overs_compile_no_statement(warehouse: Warehouse) -> None:
    labels = [pack_teapots(warehouse, f"PD-641{i}", parcels=1)[0] for i in range(3)]
    now = datetime.now(timezone.utc)
    for label in labels[:2]:  # the first scans compile and cache what they send
        assert scan_at_dock(SqlUnitOfWork(warehouse.db), label.tracking_number, now, user="dora").order_shipped
    with compilations() as made:
        assert scan_at_dock(SqlUnitOfWork(warehouse.db), labels[2].tracking_number, now,
                            user="dora").order_shipped
    # the counter, the capture request and the shipped mail (INSERT ... ON CONFLICT) were
    # compiled at every scan before app/store/compiled_once.py
    assert made == []
