"""Two sources of the exception queue, on SQLite and PostgreSQL: a picker's short pick (its own
kind, with the decisions a held order takes) and an order past its SLA due time (an at-risk
exception, never a hold: it must still ship)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select, update

from app.orders import picking, waves
from app.shipping.tracking import flag_late
from app.store.audit_log import audit_entries
from app.store.exception_queries import exception_queue
from app.store.models import Order, PackException
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.supervision.decisions import Policies, decide
from app.supervision.errors import ActionNotAllowed
from app.supervision.model import ExceptionFilter, ExceptionItem
from tests.integration.orders.test_waves_and_picking import setup, statuses
from tests.integration.orders.warehouse import order_row

import pytest


def queue(db: Database, *kinds: str) -> list[ExceptionItem]:
    return exception_queue(db, ExceptionFilter(frozenset(kinds) if kinds else None))


def short_picked_with_nothing_elsewhere(db: Database, tmp_path: Path) -> None:
    setup(db, tmp_path, order_row("WEB-1", quantity=7))  # 3 + 4 in two bins: all of it
    made = waves.create(SqlUnitOfWork(db), "single")
    uow = SqlUnitOfWork(db)
    with uow:
        sheet = picking.sheet_in(uow, made[0].code)
        picking.short_in(uow, made[0].code, sheet.lines[0].id, 2, user="dmitri", station="PICK-01")
        uow.commit()


def test_a_pickers_short_pick_is_in_the_queue_as_a_short_pick_with_its_picker(db: Database, tmp_path: Path) -> None:
    short_picked_with_nothing_elsewhere(db, tmp_path)
    [item] = queue(db, "short_pick")
    assert (item.order_number, item.station, item.packer) == ("WEB-1", "PICK-01", "dmitri")
    assert "short pick at A-01-1: 2 of 3 x MUG-BLUE-350 found" in item.summary
    assert item.actions == ("release", "requeue", "cancel", "resolve")
    assert queue(db, "problem") == []  # not a packer's PROBLEM


def test_releasing_a_short_pick_when_stock_is_found_sends_the_order_on_and_is_audited(
        db: Database, tmp_path: Path) -> None:
    short_picked_with_nothing_elsewhere(db, tmp_path)
    [item] = queue(db, "short_pick")
    decided = decide(SqlUnitOfWork(db), item.key, "release", "stock_found", "sam", Policies(), note="bin B-01-1")
    assert "released" in decided.message and statuses(db)["WEB-1"] != "on_hold"
    assert queue(db, "short_pick", "hold") == []  # the hold's reasons closed with it
    with db.read() as s:
        assert s.scalar(select(PackException.resolved_by)) == "sam"
    last = list(audit_entries(db))[-1]
    assert (last.actor, last.action, last.subject) == ("sam", "ExceptionDecided", f"exception {item.key}")
    assert '"reason": "stock_found"' in (last.detail or "")


def late_order(db: Database, tmp_path: Path) -> datetime:
    setup(db, tmp_path, order_row("WEB-1"))
    due = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=2)
    with db.write() as s:
        s.execute(update(Order).where(Order.number == "WEB-1").values(sla_due_at=due))
    assert [o.number for o in flag_late(SqlUnitOfWork(db), datetime.now(timezone.utc))] == ["WEB-1"]
    return due


def test_an_order_past_its_sla_is_an_at_risk_exception_with_its_due_time_and_is_not_held(
        db: Database, tmp_path: Path) -> None:
    due = late_order(db, tmp_path)
    before = statuses(db)["WEB-1"]
    [item] = queue(db, "sla_breach")
    assert item.order_number == "WEB-1" and item.at == due
    assert f"due {due:%Y-%m-%d %H:%M} UTC, still {before}" in item.summary
    assert before != "on_hold" and queue(db, "hold") == []  # flagged, not held: it must still ship
    assert item.actions == ("release_lease", "resolve")
    with pytest.raises(ActionNotAllowed):
        decide(SqlUnitOfWork(db), item.key, "cancel", "other", "sam", Policies())
    decide(SqlUnitOfWork(db), item.key, "resolve", "other", "sam", Policies(), note="on the 14:00 truck")
    assert queue(db, "sla_breach") == []
    assert [(i.key, i.action, i.note) for i in exception_queue(db, ExceptionFilter(frozenset({"sla_breach"}),
                                                                                   open_only=False))] == [
        (item.key, "resolve", "on the 14:00 truck")]


def test_a_late_order_leaves_the_queue_once_it_is_cancelled(db: Database, tmp_path: Path) -> None:
    late_order(db, tmp_path)
    with db.write() as s:
        s.execute(update(Order).where(Order.number == "WEB-1").values(status="cancelled"))
    assert queue(db, "sla_breach") == []


@pytest.mark.parametrize("after", ["shipped", "delivered", "completed", "returned"])
def test_a_late_order_leaves_the_queue_once_it_has_left_the_building(db: Database, tmp_path: Path,
                                                                     after: str) -> None:
    late_order(db, tmp_path)
    with db.write() as s:
        s.execute(update(Order).where(Order.number == "WEB-1").values(status=after))
    assert queue(db, "sla_breach") == []
