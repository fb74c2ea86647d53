"""The unit of work since a station's connection is kept between its units and its hot
statements go straight to the driver (docs/scaling.md, "CPU per packed order"): a unit rolls
back unless committed, nothing read in one unit is seen by the next, a refused key is a
Conflict on either path, a watched engine sees every statement. On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import bindparam, event, select, text, update

from app.store.models import Order, Parcel, ScanRecord, as_utc
from app.store.session import Database
from app.store.station_statements import _PLANS, send
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import Conflict, ParcelRecord, ScanEntry
from tests.integration.packing.conftest import add_order

AT = datetime(2026, 12, 5, 21, 30, tzinfo=timezone.utc)


@pytest.fixture
def order_id(db: Database) -> int:
    add_order(db, "PD-8001", [])  # (an order without lines: what a scan or a parcel refers to)
    with db.read() as session:
        return int(session.scalar(select(Order.id).where(Order.number == "PD-8001")))


def _scans(db: Database) -> int:
    with db.read() as session:
        return len(session.scalars(select(ScanRecord.id)).all())


def _scan(order_id: int) -> ScanEntry:
    return ScanEntry(AT, "ST-1", "ann", order_id, "05012345000017", "accepted", quantity=1)


def test_a_unit_not_committed_leaves_nothing_and_the_next_one_commits(db: Database, order_id: int) -> None:
    with SqlUnitOfWork(db) as uow:
        uow.scans.add(_scan(order_id))  # no commit
    assert _scans(db) == 0
    with SqlUnitOfWork(db) as uow:
        uow.scans.add(_scan(order_id))
        uow.commit()
    with pytest.raises(RuntimeError):
        with SqlUnitOfWork(db) as uow:
            uow.scans.add(_scan(order_id))
            raise RuntimeError("the printer caught fire")
    assert _scans(db) == 1


def test_a_unit_that_failed_is_undone_and_the_next_one_works(db: Database, order_id: int) -> None:
    with SqlUnitOfWork(db) as uow:
        uow.parcels.add(ParcelRecord(0, order_id, 1, status="closed", sscc="000000000000000017"))
        uow.commit()
    with pytest.raises(Conflict):
        with SqlUnitOfWork(db) as uow:
            uow.scans.add(_scan(order_id))
            uow.parcels.add(ParcelRecord(0, order_id, 2, status="closed", sscc="000000000000000017"))
            uow.commit()
    assert _scans(db) == 0  # the scan before the refused parcel went with it
    with SqlUnitOfWork(db) as uow:
        uow.scans.add(_scan(order_id))
        uow.commit()
    assert _scans(db) == 1


def test_nothing_read_in_one_unit_is_seen_by_the_next(db: Database, order_id: int) -> None:
    with SqlUnitOfWork(db) as uow:
        parcel_id = uow.parcels.add(ParcelRecord(0, order_id, 1))  # status and opened_at: the defaults
        uow.commit()
    with SqlUnitOfWork(db) as uow:
        parcel = uow.parcels.get(parcel_id)  # kept by id in this unit's repository
        held = uow.session.get(Parcel, parcel_id) if uow.session is not None else None  # and in its identity map
        assert parcel is not None and held is not None
        assert parcel.status == "open" and parcel.opened_at is not None and parcel.opened_at.tzinfo is not None
        uow.commit()
    with db.write() as session:  # another writer changes the row in between
        session.execute(update(Parcel).where(Parcel.id == parcel_id).values(status="confirmed"))
    with SqlUnitOfWork(db) as uow:
        parcel = uow.parcels.get(parcel_id)
        held = uow.session.get(Parcel, parcel_id) if uow.session is not None else None
        assert parcel is not None and parcel.status == "confirmed"
        assert held is not None and held.status == "confirmed"


def test_an_orm_object_added_in_a_unit_is_written_by_its_commit(db: Database, order_id: int) -> None:
    with SqlUnitOfWork(db) as uow:
        assert uow.session is not None
        uow.session.add(ScanRecord(at=AT, station="ST-1", username="ann", order_id=order_id, data="x",
                                   outcome="accepted", quantity=1))
        uow.commit()
    assert _scans(db) == 1


def test_units_one_after_another_use_one_connection(db: Database, order_id: int) -> None:
    if db.is_sqlite:
        pytest.skip("a PostgreSQL backend's process id")
    pids = set()
    for _ in range(3):
        with SqlUnitOfWork(db) as uow:
            assert uow.session is not None
            pids.add(uow.session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one())
            uow.scans.add(_scan(order_id))
            uow.commit()
    assert len(pids) == 1
    with SqlUnitOfWork(db) as uow:  # a unit inside another takes a connection of its own
        assert uow.session is not None
        outer = uow.session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one()
        with SqlUnitOfWork(db) as inner:
            assert inner.session is not None
            assert inner.session.connection().execute(text("SELECT pg_backend_pid()")).scalar_one() != outer


def test_a_watched_engine_sees_the_hot_statements(db: Database, order_id: int) -> None:
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement.split()[0].upper())
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with SqlUnitOfWork(db) as uow:
            uow.scans.add(_scan(order_id))
            uow.commit()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert "INSERT" in sent
    assert _scans(db) == 1


def test_a_statement_sent_straight_reads_and_writes_its_values_as_sqlalchemy_does(db: Database,
                                                                                   order_id: int) -> None:
    """On sqlite3 as on psycopg: a bound time stored as SQLAlchemy stores it, times read in UTC,
    amounts as Decimals, flags as bools - the values SQLAlchemy's own execution gives."""
    o = Order.__table__.c
    stamp = update(Order.__table__).where(o.id == bindparam("order_id")).values(sla_due_at=bindparam("due"),
                                                                               total=bindparam("total"))
    read = select(o.created_at, o.sla_due_at, o.total, o.gift_wrap).where(o.id == bindparam("order_id"))
    with SqlUnitOfWork(db) as uow:
        assert send(uow.session, stamp, {"order_id": order_id, "due": AT, "total": Decimal("24.95")}).rowcount == 1
        uow.commit()
    with SqlUnitOfWork(db) as uow:
        straight = send(uow.session, read, {"order_id": order_id}).one()
        through = uow.session.execute(read, {"order_id": order_id}).one()
    assert straight == tuple(as_utc(v) if isinstance(v, datetime) else v for v in through)
    created, due, total, gift_wrap = straight
    assert due == AT and due.tzinfo is not None and created.tzinfo is not None
    assert total == Decimal("24.95") and gift_wrap is True
    assert [plan for key, plan in _PLANS.items() if key[0] == id(read)] != [None]  # it went straight
