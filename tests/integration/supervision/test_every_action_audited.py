"""Every decision the review offers (each kind of exception with each action that fits it,
app.supervision.model.ACTIONS), and the supervisor's override at a station with its reason,
leaves its chained audit record: who, which exception, the action, the reason code and the
note. SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import update

from app.packing.reasons import OVERRIDE_REASONS
from app.store.audit_log import audit_entries, verify_audit
from app.store.models import Order
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.supervision.decisions import Policies, decide
from app.supervision.model import ACTIONS, ExceptionKind
from tests.integration.packing.conftest import MUG_EAN, Warehouse, scan
from tests.integration.supervision.floor import busy_morning
from tests.integration.supervision.test_short_picks_and_sla import late_order, queue, short_picked_with_nothing_elsewhere

DECISIONS = [(kind, action) for kind, actions in ACTIONS.items() for action in actions]


def _late_order_a_station_sits_on(db: Database, tmp_path: Path) -> None:
    late_order(db, tmp_path)
    # a station that claimed the late order and sits on it (the claim's own path needs a picked
    # order; the lease columns are what release_lease reads)
    with db.write() as s:
        s.execute(update(Order).where(Order.number == "WEB-1").values(
            status="packing", claimed_by_station="PACK-09", claimed_by_user="pat",
            lease_expires_at=datetime.now(timezone.utc) + timedelta(minutes=10)))


def _make(kind: ExceptionKind, action: str, db: Database, request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """The floor with one exception of `kind`: a picker's short pick or a late order in an order
    flow's warehouse, every other kind on the packing stations' busy morning."""
    if kind is ExceptionKind.SHORT_PICK:
        short_picked_with_nothing_elsewhere(db, tmp_path)
        return db
    if kind is ExceptionKind.SLA_BREACH:
        (_late_order_a_station_sits_on if action == "release_lease" else late_order)(db, tmp_path)
        return db
    warehouse: Warehouse = request.getfixturevalue("warehouse")
    busy_morning(warehouse)
    return warehouse.db


def test_the_walk_covers_every_kind_and_every_action() -> None:
    assert {k for k, _a in DECISIONS} == set(ExceptionKind)
    assert {a for _k, a in DECISIONS} == set(a for actions in ACTIONS.values() for a in actions)


@pytest.mark.parametrize("kind,action", DECISIONS, ids=[f"{k.value}-{a.value}" for k, a in DECISIONS])
def test_every_decision_is_audited_with_its_reason_and_note(db: Database, request: pytest.FixtureRequest,
                                                            tmp_path: Path, kind: ExceptionKind, action) -> None:
    db = _make(kind, action.value, db, request, tmp_path)
    [item] = queue(db, kind.value)[:1]
    before = len(list(audit_entries(db)))
    done = decide(SqlUnitOfWork(db), item.key, action.value, "other", "sam", Policies(),
                  note=f"walked: {kind.value} {action.value}")
    new = list(audit_entries(db))[before:]
    decided = [e for e in new if e.action == "ExceptionDecided"]
    assert [(e.actor, e.subject, e.seq) for e in decided] == [("sam", f"exception {item.key}", done.audit_seq)]
    detail = json.loads(decided[0].detail or "{}")
    assert (detail["kind"], detail["action"], detail["reason"], detail["note"], detail["order"]) == (
        kind.value, action.value, "other", f"walked: {kind.value} {action.value}", item.order_number)
    assert item.key not in {i.key for i in queue(db, kind.value)}
    assert verify_audit(db)[1] is None


@pytest.mark.parametrize("reason", OVERRIDE_REASONS, ids=[r.code for r in OVERRIDE_REASONS])
def test_a_supervisors_override_at_a_station_is_audited_with_its_reason(warehouse: Warehouse, reason) -> None:
    station = warehouse.service("PACK-01")
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(MUG_EAN))
    station.ship_partial("PD-1042", "BADGE-SAM", pat, reason)
    [override] = [e for e in audit_entries(warehouse.db) if e.action == "SupervisorAuthorised"]
    assert (override.actor, override.subject, override.chain) == ("sam", "station PACK-01", "PACK-01")
    detail = json.loads(override.detail or "{}")
    assert (detail["action"], detail["order"], detail["reason"]) == (
        "partial shipment", "PD-1042", f"{reason.code}: {reason.text}")
    assert verify_audit(warehouse.db)[1] is None
