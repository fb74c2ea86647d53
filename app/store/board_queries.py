"""The live board's read model: stations from their logins, scans and leases; the queue per
stage; the orders at SLA risk; the open exceptions of the last day. Each is one indexed query."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from app.store.exception_queries import open_exceptions
from app.store.models import Order, OrderEvent, ScanRecord, Station, StationEvent, as_utc
from app.store.session import Database
from app.supervision.board import SLA_RISK_WINDOW, STAGES, Board, SlaRisk, StationRow
from app.supervision.model import ExceptionFilter

log = logging.getLogger(__name__)

orders_t, events_t, station_t, scans_t = Order.__table__, OrderEvent.__table__, StationEvent.__table__, ScanRecord.__table__
ACTIVE_WINDOW = timedelta(hours=12)  # stations seen within this are on the board


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
        exceptions: dict[str, int] = {}
        for item in open_exceptions(s, ExceptionFilter(since=now - timedelta(hours=24), limit=5000), now):
            exceptions[item.kind] = exceptions.get(item.kind, 0) + 1
    return Board(now, tuple(rows), {k: int(stages.get(k, 0)) for k in STAGES},
                 tuple(SlaRisk(r.number, r.status, as_utc(r.sla_due_at), r.claimed_by_station) for r in risky),
                 exceptions)


def _devices(text: str | None) -> tuple[tuple[str, str], ...]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in value.items())) if isinstance(value, dict) else ()

