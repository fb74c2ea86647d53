"""The parcel and label repositories without ORM objects (docs/scaling.md, "CPU per packed
order"): what a unit of work adds, saves and reads back, the defaults an add leaves to the
database, a second read that costs no statement, and an object the session holds kept in step.
On SQLite and PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from sqlalchemy import event, select

from app.store.models import Order, Parcel
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import LabelRecord, ParcelRecord
from tests.integration.packing.conftest import Warehouse, add_order

AT = datetime(2026, 12, 5, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def order_id(warehouse: Warehouse) -> int:
    add_order(warehouse.db, "PD-7001", [("MUG-BLUE-350", 1)])
    with warehouse.db.read() as session:
        return int(session.scalar(select(Order.id).where(Order.number == "PD-7001")))


@pytest.fixture
def statements(warehouse: Warehouse) -> Iterator[list[str]]:
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement.split()[0].upper())
    event.listen(warehouse.db.engine, "before_cursor_execute", count)
    yield sent
    event.remove(warehouse.db.engine, "before_cursor_execute", count)


def test_an_added_parcel_takes_the_defaults_and_reads_back_without_a_statement(
        warehouse: Warehouse, order_id: int, statements: list[str]) -> None:
    db: Database = warehouse.db
    with SqlUnitOfWork(db) as uow:
        parcel_id = uow.parcels.add(ParcelRecord(0, order_id, 1))  # status, opened_at left to the defaults
        statements.clear()
        parcel = uow.parcels.get(parcel_id)
        assert statements == []
        uow.commit()
    assert parcel is not None and parcel.status == "open" and parcel.opened_at is not None
    with SqlUnitOfWork(db) as uow:
        assert uow.parcels.get(parcel_id) == parcel


def test_a_saved_label_reads_back_as_saved_in_the_unit_of_work_and_after(
        warehouse: Warehouse, order_id: int, statements: list[str]) -> None:
    db = warehouse.db
    with SqlUnitOfWork(db) as uow:
        parcel_id = uow.parcels.add(ParcelRecord(0, order_id, 1, status="closed", opened_at=AT, closed_at=AT))
        label_id = uow.labels.add(LabelRecord(0, parcel_id, 1, "zpl", created_at=AT))
        uow.commit()
    with SqlUnitOfWork(db) as uow:
        statements.clear()
        label = uow.labels.get(label_id)
        again = uow.labels.get(label_id)
        assert statements == ["SELECT"]  # the second read is the row the first one kept
        assert label == again and label is not None and label.status == "pending"
        uow.labels.save(replace(label, status="printed", printed_at=AT, printer="tcp://zebra-1"))
        assert uow.labels.get(label_id) == replace(label, status="printed", printed_at=AT, printer="tcp://zebra-1")
        uow.commit()
    with SqlUnitOfWork(db) as uow:
        stored = uow.labels.get(label_id)
    assert stored is not None and (stored.status, stored.printed_at, stored.printer) == ("printed", AT, "tcp://zebra-1")


def test_a_parcel_object_the_session_holds_is_told_what_is_saved(warehouse: Warehouse, order_id: int) -> None:
    with SqlUnitOfWork(warehouse.db) as uow:
        parcel_id = uow.parcels.add(ParcelRecord(0, order_id, 1, opened_at=AT))
        [held] = uow.parcels.of_order(order_id)  # an ORM query: the session now holds the parcel
        uow.parcels.save(replace(held, status="closed", closed_at=AT, sscc="050123450000000017"))
        assert uow.session is not None
        obj = uow.session.get(Parcel, parcel_id)
        assert obj is not None and (obj.status, obj.sscc) == ("closed", "050123450000000017")
        assert uow.parcels.get(parcel_id) == replace(held, status="closed", closed_at=AT, sscc="050123450000000017")
        uow.commit()


def test_a_handed_over_parcel_is_read_again(warehouse: Warehouse, order_id: int) -> None:
    with SqlUnitOfWork(warehouse.db) as uow:
        parcel_id = uow.parcels.add(ParcelRecord(0, order_id, 1, status="confirmed", opened_at=AT))
        uow.parcels.hand_over(parcel_id, AT, "dock-1")
        parcel = uow.parcels.get(parcel_id)
        uow.commit()
    assert parcel is not None and (parcel.handed_over_at, parcel.handed_over_by) == (AT, "dock-1")
