"""The day's figures' read model: each order packed that day with its packer, station, claim
and packed times (from the order's event log), units, lines and parcels; each packer's scans and
mis-scans at each station per hour; and the exceptions the stations raised per hour, whatever
their orders' state. A day is a UTC day, and its hours are cut at the same bounds in SQL."""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import case, func, select

from app.store.exception_queries import MIS_SCAN_OUTCOMES
from app.store.models import Order, OrderEvent, OrderLine, PackException, Parcel, ScanRecord, as_utc
from app.store.session import Database
from app.supervision.figures import DailyFigures, PackedOrder, RaisedExceptions, ScanCount, daily_figures

log = logging.getLogger(__name__)

events_t, orders_t, lines_t = OrderEvent.__table__, Order.__table__, OrderLine.__table__
parcels_t, pex_t, scans_t = Parcel.__table__, PackException.__table__, ScanRecord.__table__


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=timezone.utc)
    return start, start + timedelta(days=1)


def packed_orders(db: Database, day: date) -> list[PackedOrder]:
    """Orders whose status became packed on the day, oldest first."""
    start, end = day_bounds(day)
    packed = (select(events_t.c.order_id, events_t.c.at, events_t.c.username, events_t.c.station)
              .where(events_t.c.kind == "StatusChanged", events_t.c.to_status == "packed",
                     events_t.c.at >= start, events_t.c.at < end).subquery())
    with db.session() as s:
        rows = s.execute(select(packed, orders_t.c.number, orders_t.c.gift_wrap, orders_t.c.special_packaging,
                                orders_t.c.sla_due_at)
                         .join(orders_t, orders_t.c.id == packed.c.order_id).order_by(packed.c.at)).all()
        ids = [r.order_id for r in rows]
        if not ids:
            return []
        claimed = {}  # the last claim before packing ended: when, by whom, where
        for c in s.execute(select(events_t.c.order_id, events_t.c.at, events_t.c.username, events_t.c.station).where(
                events_t.c.order_id.in_(ids), events_t.c.kind == "StatusChanged", events_t.c.to_status == "packing",
                events_t.c.at < end).order_by(events_t.c.id)):
            claimed[c.order_id] = c
        lines = {r.order_id: (int(r.units or 0), int(r.lines)) for r in s.execute(
            select(lines_t.c.order_id, func.sum(lines_t.c.packed_quantity).label("units"),
                   func.count().label("lines")).where(lines_t.c.order_id.in_(ids)).group_by(lines_t.c.order_id))}
        parcels = dict(s.execute(select(parcels_t.c.order_id, func.count()).where(
            parcels_t.c.order_id.in_(ids), parcels_t.c.status != "voided").group_by(parcels_t.c.order_id)).all())
    out = []
    for r in rows:
        units, line_count = lines.get(r.order_id, (0, 0))
        packed_at = as_utc(r.at)
        claim = claimed.get(r.order_id)
        out.append(PackedOrder(r.number, (claim.username if claim else None) or r.username or "?",
                               (claim.station if claim else None) or r.station or "?",
                               as_utc(claim.at) if claim else packed_at, packed_at, units, line_count,
                               int(parcels.get(r.order_id, 0)), bool(r.gift_wrap or r.special_packaging),
                               as_utc(r.sla_due_at)))
    return out


def hour_of(at: Any, start: datetime) -> Any:
    """The UTC hour (0-23) of a time within the day that starts at `start`: the same bounds as the
    day's, on SQLite and PostgreSQL alike (no database time zone involved)."""
    return case(*[(at < start + timedelta(hours=h + 1), h) for h in range(23)], else_=23)


def scan_counts(db: Database, day: date) -> list[ScanCount]:
    """Each packer's accepted scans and mis-scans at each station in each hour of the day."""
    start, end = day_bounds(day)
    wrong = case((scans_t.c.outcome.in_(MIS_SCAN_OUTCOMES), 1), else_=0)
    right = case((scans_t.c.outcome == "accepted", 1), else_=0)
    hour = hour_of(scans_t.c.at, start).label("hour")
    with db.session() as s:
        rows = s.execute(select(scans_t.c.username, scans_t.c.station, hour, func.sum(right), func.sum(wrong))
                         .where(scans_t.c.at >= start, scans_t.c.at < end, scans_t.c.username.is_not(None))
                         .group_by(scans_t.c.username, scans_t.c.station, hour)).all()
    return [ScanCount(u, st, int(a or 0), int(w or 0), int(h)) for u, st, h, a, w in rows]


def raised_exceptions(db: Database, day: date) -> list[RaisedExceptions]:
    """The exceptions raised on the day (a station's PROBLEM, weight, short pick; a carrier's) per
    packer, station and hour, whether their order was packed, is still open or never got packed."""
    start, end = day_bounds(day)
    hour = hour_of(pex_t.c.at, start).label("hour")
    with db.session() as s:
        rows = s.execute(select(pex_t.c.username, pex_t.c.station, hour, func.count())
                         .where(pex_t.c.at >= start, pex_t.c.at < end)
                         .group_by(pex_t.c.username, pex_t.c.station, hour)).all()
    return [RaisedExceptions(u, st, int(h), int(n)) for u, st, h, n in rows]


def figures_of_day(db: Database, day: date) -> DailyFigures:
    """The day's figures (app.supervision.figures) from the database."""
    return daily_figures(day, packed_orders(db, day), scan_counts(db, day), raised_exceptions(db, day))
