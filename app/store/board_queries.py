"""The live board's read model: stations from their logins, scans and leases; the queue per
stage; the orders at SLA risk; every exception open now, whatever its age (the supervisors'
backlog), and how many of them were raised in the last 24 hours. Each is one indexed query; the
exceptions are counted in SQL per source, by the same rules as the queue
(app.store.exception_queries), never loaded."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from typing import Any

from sqlalchemy import String, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from app.store.exception_queries import (
    EVENT_KINDS, MIS_SCAN_OUTCOMES, NOT_SHIPPED, PROBLEM_KIND, REFUSALS, still_to_act,
)
from app.store.models import (
    ExceptionReview, Order, OrderEvent, OrderHold, PackException, ScanRecord, Station, StationEvent, as_utc,
)
from app.store.session import Database
from app.supervision.board import SLA_RISK_WINDOW, STAGES, Board, SlaRisk, StationRow
from app.supervision.model import ExceptionKind as K

log = logging.getLogger(__name__)

orders_t, events_t, station_t, scans_t = Order.__table__, OrderEvent.__table__, StationEvent.__table__, ScanRecord.__table__
holds_t, pex_t, reviews_t = OrderHold.__table__, PackException.__table__, ExceptionReview.__table__
ACTIVE_WINDOW = timedelta(hours=12)  # stations seen within this are on the board
RECENT = timedelta(hours=24)  # "raised in the last 24 h"


def floor_board(db: Database, now: datetime | None = None) -> Board:
    """The board as it stands now."""
    now = now or datetime.now(timezone.utc)
    with db.session() as s:
        since = now - ACTIVE_WINDOW
        # each station's last login or logout
        last = (select(station_t.c.station, func.max(station_t.c.id).label("id"))
                .where(station_t.c.kind.in_(("LoggedIn", "LoggedOut")), station_t.c.at >= since)
                .group_by(station_t.c.station).subquery())
        logins = {r.station: r for r in s.execute(
            select(station_t.c.station, station_t.c.kind, station_t.c.username, station_t.c.at)
            .join(last, last.c.id == station_t.c.id)).all()}
        seen = dict(s.execute(select(scans_t.c.station, func.max(scans_t.c.at)).where(scans_t.c.at >= since)
                              .group_by(scans_t.c.station)).all())
        held = {r.claimed_by_station: r for r in s.execute(
            select(orders_t.c.id, orders_t.c.number, orders_t.c.claimed_by_station, orders_t.c.lease_expires_at)
            .where(orders_t.c.status == "packing", orders_t.c.claimed_by_station.is_not(None))).all()}
        claimed_at = dict(s.execute(
            select(events_t.c.order_id, func.max(events_t.c.at))
            .where(events_t.c.order_id.in_([r.id for r in held.values()]), events_t.c.kind == "StatusChanged",
                   events_t.c.to_status == "packing").group_by(events_t.c.order_id)).all()) if held else {}
        health = {r.code: r.devices for r in s.execute(select(Station.code, Station.devices)).all()}
        rows = []
        for code in sorted(set(logins) | set(seen) | set(held)):
            login, order = logins.get(code), held.get(code)
            on = login is not None and login.kind == "LoggedIn"
            moments = [m for m in (as_utc(seen.get(code)), as_utc(login.at) if login else None) if m]
            since_at = as_utc(claimed_at.get(order.id)) if order else (as_utc(login.at) if on else None)
            rows.append(StationRow(code, login.username if on else None, order.number if order else None, since_at,
                                   max(moments) if moments else None, _devices(health.get(code)),
                                   bool(order and order.lease_expires_at and as_utc(order.lease_expires_at) < now)))
        stages = dict(s.execute(select(orders_t.c.status, func.count()).where(orders_t.c.status.in_(STAGES))
                                .group_by(orders_t.c.status)).all())
        risky = s.execute(select(orders_t.c.number, orders_t.c.status, orders_t.c.sla_due_at,
                                 orders_t.c.claimed_by_station)
                          .where(orders_t.c.status.in_([x for x in STAGES if x != "packed"]),
                                 orders_t.c.sla_due_at < now + SLA_RISK_WINDOW)
                          .order_by(orders_t.c.sla_due_at).limit(30)).all()
        exceptions, recent = open_exception_counts(s, now)
    return Board(now, tuple(rows), {k: int(stages.get(k, 0)) for k in STAGES},
                 tuple(SlaRisk(r.number, r.status, as_utc(r.sla_due_at), r.claimed_by_station) for r in risky),
                 exceptions, recent)


def _unreviewed(key: Any) -> Any:
    return ~exists().where(reviews_t.c.key == key)


def _key(prefix: str, *columns: Any) -> Any:
    key: Any = literal(prefix) + cast(columns[0], String)
    for column in columns[1:]:
        key = key + literal("-") + cast(column, String)
    return key


def open_exception_counts(s: Session, now: datetime) -> tuple[dict[str, int], dict[str, int]]:
    """Every exception open now by kind, whatever its age, and those of them raised in the last
    24 hours (at the time the queue lists them at): the queue's sources and rules, counted."""
    since = now - RECENT

    def counted(at: Any, kind: Any, *where: Any, join: Any = None) -> list[tuple[Any, int, int]]:
        """(kind, open, recent) rows: per kind column, or one row when the source has one kind."""
        counts = (func.count().label("n"), func.coalesce(func.sum(case((at >= since, 1), else_=0)), 0).label("recent"))
        stmt = select(kind.label("kind"), *counts).group_by(kind) if kind is not None else select(*counts)
        if join is not None:
            stmt = stmt.select_from(join)
        return [(r.kind if kind is not None else None, r.n, r.recent) for r in s.execute(stmt.where(*where))]

    first = (select(holds_t.c.order_id, func.min(holds_t.c.id).label("id"))
             .join(orders_t, orders_t.c.id == holds_t.c.order_id)
             .where(holds_t.c.released_at.is_(None), orders_t.c.status == "on_hold")
             .group_by(holds_t.c.order_id).subquery())
    found: list[tuple[str, int, int]] = []
    for kind, rows in (
        (lambda k: K.HOLD.value, counted(holds_t.c.created_at, None,
                                         _unreviewed(_key("H-", first.c.id)),
                                         join=first.join(holds_t, holds_t.c.id == first.c.id))),
        (lambda k: PROBLEM_KIND.get(k, K.PROBLEM).value,
         counted(pex_t.c.at, pex_t.c.kind, pex_t.c.resolved_at.is_(None), _unreviewed(_key("X-", pex_t.c.id)))),
        (lambda k: K.MIS_SCAN.value, counted(scans_t.c.at, None,
                                             scans_t.c.outcome.in_(MIS_SCAN_OUTCOMES),
                                             _unreviewed(_key("S-", scans_t.c.id)),
                                             still_to_act(scans_t.c.order_id))),
        (lambda k: EVENT_KINDS[k].value,
         counted(events_t.c.at, events_t.c.kind, events_t.c.kind.in_(list(EVENT_KINDS)),
                 or_(events_t.c.kind != "BoxChosen", events_t.c.detail.like('%"reason": "%')),
                 _unreviewed(_key("E-", events_t.c.id)), still_to_act(events_t.c.order_id))),
        (lambda k: K.REFUSED_BADGE.value, counted(station_t.c.at, None,
                                                  station_t.c.kind.in_(REFUSALS),
                                                  _unreviewed(_key("R-", station_t.c.id)))),
        (lambda k: K.STALE_LEASE.value, counted(orders_t.c.lease_expires_at, None,
                                                orders_t.c.status == "packing", orders_t.c.lease_expires_at < now,
                                                _unreviewed(_key("L-", orders_t.c.id, orders_t.c.version)))),
        (lambda k: K.SLA_BREACH.value, counted(orders_t.c.sla_due_at, None,
                                               orders_t.c.sla_breached_at.is_not(None),
                                               orders_t.c.status.in_(NOT_SHIPPED),
                                               _unreviewed(_key("B-", orders_t.c.id)))),
    ):
        found += [(kind(k), int(n), int(new or 0)) for k, n, new in rows]
    total: dict[str, int] = {}
    recent: dict[str, int] = {}
    for kind_name, n, new in found:
        if n:
            total[kind_name] = total.get(kind_name, 0) + n
        if new:
            recent[kind_name] = recent.get(kind_name, 0) + new
    return total, recent


def _devices(text: str | None) -> tuple[tuple[str, str], ...]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in value.items())) if isinstance(value, dict) else ()

