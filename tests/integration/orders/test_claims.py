"""Claiming orders for packing: one holder at a time, leases expire, the lifecycle decides."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.store.models import Order, OrderEvent, ScanRecord
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.orders import status
from app.orders.claims import claim_next, claim_order, release, renew_lease
from app.orders.errors import LeaseLost, NotPackable, OrderHeldElsewhere, OrderNotFound
from app.orders.status import IllegalStatusChange, OrderStatus
from tests.integration.orders.seeding import BASE, add_orders, server_gone
from tests.integration.orders.stations import confirm_packed, record_scans


def _order(db: Database, number: str) -> Order:
    with db.read() as session:
        return session.scalars(select(Order).where(Order.number == number)).one()


def _events(db: Database, number: str) -> list[tuple[str, str | None, str | None, str | None]]:
    with db.read() as session:
        rows = session.execute(
            select(OrderEvent.kind, OrderEvent.from_status, OrderEvent.to_status, OrderEvent.station)
            .join(Order, Order.id == OrderEvent.order_id).where(Order.number == number)
            .order_by(OrderEvent.id)
        ).all()
    return [tuple(r) for r in rows]


def test_claim_next_takes_priority_then_sla_then_oldest(db: Database) -> None:
    add_orders(db, 4)
    with db.engine.begin() as conn:
        o = Order.__table__
        conn.execute(update(o).where(o.c.number == "PD-00004").values(priority=5))
        conn.execute(update(o).where(o.c.number == "PD-00003").values(sla_due_at=BASE + timedelta(hours=1)))
    taken = [claim_next(SqlUnitOfWork(db), "ST-01", "ana").number for _ in range(4)]
    assert taken == ["PD-00004", "PD-00003", "PD-00001", "PD-00002"]
    assert claim_next(SqlUnitOfWork(db), "ST-01", "ana") is None


def test_a_claim_moves_picked_to_packing_and_records_the_event(db: Database) -> None:
    add_orders(db, 1)
    claim = claim_next(SqlUnitOfWork(db), "ST-01", "ana", lease_seconds=60)
    assert claim is not None and claim.version == 2
    order = _order(db, "PD-00001")
    assert (order.status, order.claimed_by_station, order.claimed_by_user) == ("packing", "ST-01", "ana")
    assert order.lease_expires_at is not None
    assert _events(db, "PD-00001") == [("StatusChanged", "picked", "packing", "ST-01")]


def test_an_order_held_by_one_station_is_refused_to_another(db: Database) -> None:
    add_orders(db, 1)
    claim_order(SqlUnitOfWork(db), "PD-00001", "ST-01", "ana")
    with pytest.raises(OrderHeldElsewhere, match=r"PD-00001 is being packed at ST-01 \(ana\) until"):
        claim_order(SqlUnitOfWork(db), "PD-00001", "ST-02", "ben")
    assert claim_next(SqlUnitOfWork(db), "ST-02", "ben") is None


def test_the_same_station_claiming_again_renews_its_lease(db: Database) -> None:
    add_orders(db, 1)
    first = claim_order(SqlUnitOfWork(db), "PD-00001", "ST-01", "ana", lease_seconds=10)
    again = claim_order(SqlUnitOfWork(db), "PD-00001", "ST-01", "ana", lease_seconds=600)
    assert again.lease_expires_at > first.lease_expires_at
    assert [e[0] for e in _events(db, "PD-00001")] == ["StatusChanged"]


def test_an_expired_lease_is_taken_over_and_the_old_holder_has_lost_it(db: Database) -> None:
    add_orders(db, 1)
    old = claim_next(SqlUnitOfWork(db), "ST-01", "ana", lease_seconds=-1)  # already expired
    assert old is not None
    new = claim_next(SqlUnitOfWork(db), "ST-02", "ben")
    assert new is not None and new.number == "PD-00001" and new.version == old.version + 1
    assert _events(db, "PD-00001")[-1] == ("LeaseTakenOver", None, None, "ST-02")
    with pytest.raises(LeaseLost, match="ST-01 no longer holds order PD-00001"):
        confirm_packed(db, old)
    with pytest.raises(LeaseLost):
        renew_lease(SqlUnitOfWork(db), "PD-00001", "ST-01")


def test_claim_by_tote_and_unknown_or_unpackable_orders(db: Database) -> None:
    add_orders(db, 2)
    add_orders(db, 1, status="allocated", prefix="AL-")
    with db.engine.begin() as conn:
        o = Order.__table__
        conn.execute(update(o).where(o.c.number == "PD-00002").values(tote="T-042"))
    assert claim_order(SqlUnitOfWork(db), "T-042", "ST-01", "ana").number == "PD-00002"
    with pytest.raises(NotPackable, match="AL-00001 is allocated and cannot be packed here"):
        claim_order(SqlUnitOfWork(db), "AL-00001", "ST-01", "ana")
    with pytest.raises(OrderNotFound, match="'NOPE-1'"):
        claim_order(SqlUnitOfWork(db), "NOPE-1", "ST-01", "ana")


def test_release_returns_the_order_to_the_queue(db: Database) -> None:
    add_orders(db, 1)
    claim = claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    assert claim is not None
    with pytest.raises(LeaseLost):
        release(SqlUnitOfWork(db), "PD-00001", "ST-09")
    with pytest.raises(IllegalStatusChange, match="packing and cannot become shipped"):
        release(SqlUnitOfWork(db), "PD-00001", "ST-01", to_status="shipped")
    release(SqlUnitOfWork(db), "PD-00001", "ST-01", reason="end of shift")
    order = _order(db, "PD-00001")
    assert (order.status, order.claimed_by_station, order.lease_expires_at) == ("picked", None, None)
    assert claim_next(SqlUnitOfWork(db), "ST-02", "ben").number == "PD-00001"  # type: ignore[union-attr]


def test_scans_and_confirm_finish_the_pack(db: Database) -> None:
    add_orders(db, 1)
    claim = claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    assert claim is not None
    record_scans(db, claim, 3)
    confirm_packed(db, claim)
    order = _order(db, "PD-00001")
    assert (order.status, order.claimed_by_station) == ("packed", None)
    assert _events(db, "PD-00001")[-1] == ("StatusChanged", "packing", "packed", "ST-01")
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ScanRecord)) == 3


def test_claims_and_the_confirm_obey_the_transitions_table(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    add_orders(db, 1)
    S = OrderStatus
    monkeypatch.setitem(status.TRANSITIONS, S.PICKED, frozenset({S.ON_HOLD}))
    with pytest.raises(IllegalStatusChange, match="PD-00001 is picked and cannot become packing"):
        claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    assert _order(db, "PD-00001").status == "picked"  # rolled back, no event
    assert _events(db, "PD-00001") == []
    monkeypatch.undo()
    claim = claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    assert claim is not None
    monkeypatch.setitem(status.TRANSITIONS, S.PACKING, frozenset({S.PICKED}))
    with pytest.raises(IllegalStatusChange, match="packing and cannot become packed"):
        confirm_packed(db, claim)
    assert _order(db, "PD-00001").status == "packing"


def test_an_orm_writer_with_a_stale_version_is_refused(db: Database) -> None:
    from sqlalchemy.orm.exc import StaleDataError

    add_orders(db, 1)
    stale = _order(db, "PD-00001")  # version 1, loaded before the claim
    claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    with pytest.raises(StaleDataError):
        with db.write() as session:
            session.add(stale)
            stale.notes = "edited on an old copy"
    assert _order(db, "PD-00001").notes is None


def test_a_station_whose_server_went_away_is_refused_and_claims_again_on_a_new_connection(db: Database) -> None:
    from app.errors import DatabaseUnavailable

    if db.is_sqlite:
        pytest.skip("a SQLite file has no server to cut the connection")
    add_orders(db, 2)
    assert claim_next(SqlUnitOfWork(db), "ST-01", "ana") is not None
    with server_gone(db):
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            claim_next(SqlUnitOfWork(db), "ST-01", "ana")
    claim = claim_next(SqlUnitOfWork(db), "ST-01", "ana")  # a new connection
    assert claim is not None and claim.number == "PD-00002"
