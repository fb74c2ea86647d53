"""The exception queue's read model: the open exceptions gathered from where they are
recorded (order holds, the stations' exceptions, the scan log, order events, the stations'
audit log, expired leases) and the decided ones (exception_reviews), filtered in SQL."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, String, and_, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from app import words
from app.orders.hold_words import reason, said
from app.orders.status import OrderStatus
from app.store.models import (
    ExceptionReview, Order, OrderEvent, OrderHold, PackException, ScanRecord, StationEvent, as_utc,
)
from app.store.session import Database
from app.supervision.model import ExceptionFilter, ExceptionItem, ExceptionKind as K
from app.supervision.words import (
    AT_STATION, HELD, HELD_FOR, MIS_SCANNED, MIS_SCANNED_SAID, RESOLVED_THERE, hold_kind_words, mis_scan_words,
    station_kind_words, station_said, summary_said,
)
from app.translator import Lines, phrase

log = logging.getLogger(__name__)

MIS_SCAN_OUTCOMES = ("wrong_item", "unknown", "over_scan", "invalid_gs1", "serial_used", "wrong_label")
# order events that are exceptions, and their kind
EVENT_KINDS = {"BoxChosen": K.BOX_OVERRIDE, "LabelReprinted": K.REPRINT, "LabelPrintFailed": K.PRINT_FAILURE}
REFUSALS = ("BadgeRefused", "SupervisorRefused")
# a station's exception kinds that are not a PROBLEM: a weight, a partial shipment, a picker's short pick
PROBLEM_KIND = {"weight": K.WEIGHT, "partial": K.SHORT_PICK, "short_pick": K.SHORT_PICK}
# an order flagged late (`packdesk tracking late`) is an exception until it leaves the building
# (shipped, and so delivered, completed or returned after) or is cancelled
NOT_SHIPPED = tuple(s.value for s in OrderStatus
                    if s.value not in ("shipped", "delivered", "completed", "returned", "cancelled"))
LEFT = tuple(s.value for s in OrderStatus if s.value not in NOT_SHIPPED)

orders_t, holds_t, pex_t = Order.__table__, OrderHold.__table__, PackException.__table__
scans_t, events_t, station_t = ScanRecord.__table__, OrderEvent.__table__, StationEvent.__table__
reviews_t = ExceptionReview.__table__
left_t = events_t.alias("left_event")


def still_to_act(order_id: Any) -> Any:
    """A mis-scan, a box override, a reprint or a print failure is open while its order has not
    shipped nor been cancelled (or it has no order): once the order has left there is nothing left
    to act on, like an SLA breach. The board counts by the same rule. Asked of the orders still in
    the building (the index on status, a few thousand ids hashed once): for the board's counts a
    join of every mis-scan ever with a million orders made PostgreSQL hash the orders table. The
    queue's lists join the order anyway and filter on its status (the same rule)."""
    return or_(order_id.is_(None), order_id.in_(select(orders_t.c.id).where(orders_t.c.status.in_(NOT_SHIPPED))))


def _left_at() -> Any:
    """When the order reached the status it is in (its last StatusChanged there)."""
    return (select(func.max(left_t.c.at))
            .where(left_t.c.order_id == orders_t.c.id, left_t.c.kind == "StatusChanged",
                   left_t.c.to_status == orders_t.c.status).scalar_subquery())


def _closing(closed: bool, stmt: Select, order_id: Any) -> Select:
    """Open ones (the order still to act on), or closed ones (its order shipped or cancelled, not
    decided) with the order's status and the time it got there."""
    if not closed:  # the order's status, joined already (an IN over the orders here made PostgreSQL
        # walk every scan by time for the ORDER BY ... LIMIT: 1 s at 1,000,000 orders)
        return stmt.where(or_(order_id.is_(None), orders_t.c.status.in_(NOT_SHIPPED)))
    return stmt.add_columns(orders_t.c.status.label("left_as"), _left_at().label("left_at")).where(
        orders_t.c.status.in_(LEFT))


def _closed(item: ExceptionItem, r: Any, closed: bool) -> ExceptionItem:
    if not closed:
        return item
    return replace(item, action=r.left_as, resolved_at=as_utc(r.left_at) if r.left_at else item.at)


def _not_reviewed(prefix: str, id_column: Any) -> Any:
    return ~exists().where(reviews_t.c.key == literal(prefix) + cast(id_column, String))


def _reviewed(s: Session, keys: list[str]) -> set[str]:
    """Which of these keys a supervisor decided (one query per thousand keys)."""
    found: set[str] = set()
    for i in range(0, len(keys), 1000):
        found.update(s.scalars(select(reviews_t.c.key).where(reviews_t.c.key.in_(keys[i:i + 1000]))))
    return found


def _window(stmt: Select, at: Any, station: Any, user: Any, f: ExceptionFilter) -> Select:
    if f.since is not None:
        stmt = stmt.where(at >= f.since)
    if f.before is not None:
        stmt = stmt.where(at < f.before)
    if f.station:
        stmt = stmt.where(station == f.station) if station is not None else stmt.where(literal(False))
    if f.packer:
        stmt = stmt.where(user == f.packer) if user is not None else stmt.where(literal(False))
    return stmt.order_by(at).limit(f.limit)


def _wanted(f: ExceptionFilter, *kinds: K) -> bool:
    return f.kinds is None or any(k.value in f.kinds for k in kinds)


def _detail(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- the sources of open exceptions -------------------------------------------------------------


def _holds(s: Session, f: ExceptionFilter, key_id: int | None = None) -> list[ExceptionItem]:
    stmt = (select(holds_t.c.id, holds_t.c.order_id, holds_t.c.kind, holds_t.c.detail, holds_t.c.created_at,
                   orders_t.c.number)
            .join(orders_t, orders_t.c.id == holds_t.c.order_id)
            .where(holds_t.c.released_at.is_(None), orders_t.c.status == "on_hold"))
    if f.station or f.packer:
        return []
    rows = s.execute(stmt.order_by(holds_t.c.order_id, holds_t.c.id)).all()
    by_order: dict[int, list[Any]] = {}
    for row in rows:
        by_order.setdefault(row.order_id, []).append(row)
    items = []
    decided = _reviewed(s, [f"H-{held[0].id}" for held in by_order.values()])
    for held in by_order.values():
        first = held[0]
        key = f"H-{first.id}"
        at = as_utc(first.created_at)
        if (key_id is not None and first.id != key_id) or key in decided:
            continue
        if (f.since and at < f.since) or (f.before and at >= f.before):
            continue
        reasons = Lines([reason(HELD_FOR, kind=hold_kind_words(h.kind),
                                reason=said(h.detail, h.kind))
                         for h in held], "; ")
        items.append(ExceptionItem(key, K.HOLD.value, at, reason(HELD,
                                                                 number=first.number, reasons=reasons), first.number))
    return items


def _pack_exceptions(s: Session, f: ExceptionFilter, key_id: int | None = None) -> list[ExceptionItem]:
    stmt = (select(pex_t, orders_t.c.number).join(orders_t, orders_t.c.id == pex_t.c.order_id)
            .where(pex_t.c.resolved_at.is_(None), _not_reviewed("X-", pex_t.c.id)))
    if key_id is not None:
        stmt = stmt.where(pex_t.c.id == key_id)
    if f.kinds is not None:
        kinds = [k for k, v in PROBLEM_KIND.items() if v.value in f.kinds]
        stmt = stmt.where(or_(pex_t.c.kind.in_(kinds), and_(literal(K.PROBLEM.value in f.kinds),
                                                            pex_t.c.kind.not_in(list(PROBLEM_KIND)))))
    rows = s.execute(_window(stmt, pex_t.c.at, pex_t.c.station, pex_t.c.username, f)).all()
    return [ExceptionItem(f"X-{r.id}", PROBLEM_KIND.get(r.kind, K.PROBLEM).value, as_utc(r.at),
                          reason(AT_STATION, number=r.number,
                                 kind=station_kind_words(r.kind), reason=said(r.reason, r.kind)),
                          r.number, r.station, r.username)
            for r in rows]


def _mis_scans(s: Session, f: ExceptionFilter, key_id: int | None = None, closed: bool = False) -> list[ExceptionItem]:
    stmt = (select(scans_t.c.id, scans_t.c.at, scans_t.c.station, scans_t.c.username, scans_t.c.data,
                   scans_t.c.outcome, scans_t.c.message, orders_t.c.number)
            .outerjoin(orders_t, orders_t.c.id == scans_t.c.order_id)
            .where(scans_t.c.outcome.in_(MIS_SCAN_OUTCOMES), _not_reviewed("S-", scans_t.c.id)))
    stmt = _closing(closed, stmt, scans_t.c.order_id)
    if key_id is not None:
        stmt = stmt.where(scans_t.c.id == key_id)
    rows = s.execute(_window(stmt, scans_t.c.at, scans_t.c.station, scans_t.c.username, f)).all()
    return [_closed(ExceptionItem(f"S-{r.id}", K.MIS_SCAN.value, as_utc(r.at), _mis_scan(r), r.number, r.station,
                                  r.username), r, closed)
            for r in rows]


def _mis_scan(r: Any) -> str:
    """"wrong item: '4006381333931' - Scanned ...": the outcome and the station's message (read back
    from its stored English, app/supervision/words.py) in the reader's language, the data as scanned."""
    what = mis_scan_words(r.outcome)
    if r.message:
        return reason(MIS_SCANNED_SAID, outcome=what, data=repr(r.data),
                      said=station_said(r.message))
    return reason(MIS_SCANNED, outcome=what, data=repr(r.data))


def _events(s: Session, f: ExceptionFilter, key_id: int | None = None, closed: bool = False) -> list[ExceptionItem]:
    kinds = [e for e, k in EVENT_KINDS.items() if _wanted(f, k)]
    stmt = (select(events_t.c.id, events_t.c.at, events_t.c.kind, events_t.c.station, events_t.c.username,
                   events_t.c.detail, orders_t.c.number)
            .join(orders_t, orders_t.c.id == events_t.c.order_id)
            .where(events_t.c.kind.in_(kinds), _not_reviewed("E-", events_t.c.id),
                   # a box the station chose itself, or the suggested one, is no override
                   or_(events_t.c.kind != "BoxChosen", events_t.c.detail.like('%"reason": "%'))))
    stmt = _closing(closed, stmt, events_t.c.order_id)
    if key_id is not None:
        stmt = stmt.where(events_t.c.id == key_id)
    rows = s.execute(_window(stmt, events_t.c.at, events_t.c.station, events_t.c.username, f)).all()
    items = []
    for r in rows:
        d = _detail(r.detail)
        kind = EVENT_KINDS[r.kind]
        what = {K.BOX_OVERRIDE: phrase("box %(box)s instead of %(suggested)s: %(reason)s", box=d.get("box"),
                                       suggested=d.get("suggested"), reason=d.get("reason")),
                K.REPRINT: phrase("label reprinted (version %(version)s): %(reason)s", version=d.get("version"),
                                  reason=d.get("reason")),
                K.PRINT_FAILURE: phrase("label %(label)s not printed on %(printer)s: %(problem)s", label=d.get("label"),
                                        printer=d.get("printer"), problem=d.get("message"))}[kind]
        parcel = d.get("parcel") if isinstance(d.get("parcel"), int) else None
        items.append(_closed(ExceptionItem(f"E-{r.id}", kind.value, as_utc(r.at),
                                           phrase("Order %(number)s parcel %(parcel)s: %(what)s", number=r.number,
                                                  parcel=parcel, what=what), r.number, r.station, r.username, parcel),
                             r, closed))
    return items


def _refusals(s: Session, f: ExceptionFilter, key_id: int | None = None) -> list[ExceptionItem]:
    stmt = (select(station_t).where(station_t.c.kind.in_(REFUSALS), _not_reviewed("R-", station_t.c.id)))
    if key_id is not None:
        stmt = stmt.where(station_t.c.id == key_id)
    if f.packer:
        return []
    rows = s.execute(_window(stmt, station_t.c.at, station_t.c.station, None, f)).all()
    return [ExceptionItem(f"R-{r.id}", K.REFUSED_BADGE.value, as_utc(r.at), _refusal(r), None, r.station)
            for r in rows]


def _refusal(r: Any) -> str:
    """"badge refused at login at station ST-1 (PDU-9)", "override refused at station ST-1"."""
    presented = _detail(r.detail).get("presented")
    what = (phrase("badge refused at login at station %(station)s", station=r.station) if r.kind == "BadgeRefused"
            else phrase("%(action)s refused at station %(station)s", action=r.action, station=r.station))
    return phrase("%(what)s (%(presented)s)", what=what, presented=presented) if presented else what


def _stale_leases(s: Session, f: ExceptionFilter, now: datetime, key_id: int | None = None) -> list[ExceptionItem]:
    stmt = select(orders_t.c.id, orders_t.c.number, orders_t.c.version, orders_t.c.claimed_by_station,
                  orders_t.c.claimed_by_user, orders_t.c.lease_expires_at).where(
        orders_t.c.status == "packing", orders_t.c.lease_expires_at < now)
    if key_id is not None:
        stmt = stmt.where(orders_t.c.id == key_id)
    rows = s.execute(_window(stmt, orders_t.c.lease_expires_at, orders_t.c.claimed_by_station,
                             orders_t.c.claimed_by_user, f)).all()
    items = []
    decided = _reviewed(s, [f"L-{r.id}-{r.version}" for r in rows])
    for r in rows:
        key = f"L-{r.id}-{r.version}"
        if key in decided:
            continue
        items.append(ExceptionItem(key, K.STALE_LEASE.value, as_utc(r.lease_expires_at),
                                   phrase("Order %(number)s held by station %(station)s, which stopped renewing "
                                          "its lease", number=r.number, station=r.claimed_by_station),
                                   r.number, r.claimed_by_station, r.claimed_by_user))
    return items


def _sla_breaches(s: Session, f: ExceptionFilter, key_id: int | None = None) -> list[ExceptionItem]:
    """Orders flagged for missing their SLA due time and not shipped yet: at risk, not held (they
    must still ship, as soon as they can); listed at their due time."""
    stmt = (select(orders_t.c.id, orders_t.c.number, orders_t.c.status, orders_t.c.sla_due_at,
                   orders_t.c.claimed_by_station, orders_t.c.claimed_by_user)
            .where(orders_t.c.sla_breached_at.is_not(None), orders_t.c.status.in_(NOT_SHIPPED),
                   _not_reviewed("B-", orders_t.c.id)))
    if key_id is not None:
        stmt = stmt.where(orders_t.c.id == key_id)
    rows = s.execute(_window(stmt, orders_t.c.sla_due_at, orders_t.c.claimed_by_station,
                             orders_t.c.claimed_by_user, f)).all()
    return [ExceptionItem(f"B-{r.id}", K.SLA_BREACH.value, as_utc(r.sla_due_at), _missed(r),
                          r.number, r.claimed_by_station, r.claimed_by_user) for r in rows]


def _missed(r: Any) -> str:
    """"Order PD-1 missed its SLA: due 2025-03-14 17:00 UTC, still packing at station ST-1"."""
    due, status = f"{as_utc(r.sla_due_at):%Y-%m-%d %H:%M}", words.status_name(r.status)
    if r.claimed_by_station:
        return phrase("Order %(number)s missed its SLA: due %(due)s UTC, still %(status)s at station %(station)s",
                      number=r.number, due=due, status=status, station=r.claimed_by_station)
    return phrase("Order %(number)s missed its SLA: due %(due)s UTC, still %(status)s", number=r.number, due=due,
                  status=status)


Source = Callable[..., list[ExceptionItem]]
SOURCES: dict[str, tuple[tuple[K, ...], Source]] = {
    "H": ((K.HOLD,), _holds),
    "X": ((K.PROBLEM, K.WEIGHT, K.SHORT_PICK), _pack_exceptions),
    "S": ((K.MIS_SCAN,), _mis_scans),
    "E": ((K.BOX_OVERRIDE, K.REPRINT, K.PRINT_FAILURE), _events),
    "R": ((K.REFUSED_BADGE,), _refusals),
    "B": ((K.SLA_BREACH,), _sla_breaches),
}


def open_exceptions(s: Session, f: ExceptionFilter, now: datetime | None = None) -> list[ExceptionItem]:
    """The open exceptions that pass the filter, oldest first."""
    now = now or datetime.now(timezone.utc)
    items: list[ExceptionItem] = []
    for kinds, source in SOURCES.values():
        if _wanted(f, *kinds):
            items += source(s, f)
    if _wanted(f, K.STALE_LEASE):
        items += _stale_leases(s, f, now)
    items.sort(key=lambda i: i.at)
    return items[: f.limit]


def decided_exceptions(s: Session, f: ExceptionFilter) -> list[ExceptionItem]:
    """Exceptions a supervisor decided (and the stations' own, resolved where they happened)."""
    stmt = select(reviews_t, orders_t.c.number).outerjoin(orders_t, orders_t.c.id == reviews_t.c.order_id)
    if f.kinds is not None:
        stmt = stmt.where(reviews_t.c.kind.in_(sorted(f.kinds)))
    rows = s.execute(_window(stmt, reviews_t.c.happened_at, reviews_t.c.station, reviews_t.c.packer, f)).all()
    items = [ExceptionItem(r.key, r.kind, as_utc(r.happened_at), summary_said(r.summary, r.kind), r.number, r.station, r.packer, None,
                           r.action, r.reason, r.note, r.by, as_utc(r.at)) for r in rows]
    resolved_here = (select(pex_t, orders_t.c.number).join(orders_t, orders_t.c.id == pex_t.c.order_id)
                     .where(pex_t.c.resolved_at.is_not(None), _not_reviewed("X-", pex_t.c.id)))
    for r in s.execute(_window(resolved_here, pex_t.c.at, pex_t.c.station, pex_t.c.username, f)).all():
        kind = PROBLEM_KIND.get(r.kind, K.PROBLEM).value
        if f.kinds is None or kind in f.kinds:
            summary = reason(RESOLVED_THERE, number=r.number, reason=said(r.reason, r.kind))
            items.append(ExceptionItem(f"X-{r.id}", kind, as_utc(r.at), summary, r.number, r.station, r.username, None, "resolve", None, r.resolution, r.resolved_by,
                                       as_utc(r.resolved_at)))
    # closed without a decision: their order shipped or was cancelled (action: the order's status)
    if _wanted(f, K.MIS_SCAN):
        items += _mis_scans(s, f, closed=True)
    if _wanted(f, *EVENT_KINDS.values()):
        items += _events(s, f, closed=True)
    return items


def exception_queue(db: Database, f: ExceptionFilter, now: datetime | None = None) -> list[ExceptionItem]:
    """The queue as the review screen and `packdesk exceptions list` show it."""
    with db.session() as s:
        items = open_exceptions(s, f, now)
        if not f.open_only:
            items = sorted(items + decided_exceptions(s, f), key=lambda i: i.at)[: f.limit]
    return items


def find_open(s: Session, key: str, now: datetime) -> ExceptionItem | None:
    """The open exception with this key (None if there is none, or it is decided)."""
    prefix, _, rest = key.strip().upper().partition("-")
    try:
        number = int(rest.split("-")[0])
    except ValueError:
        return None
    everything = ExceptionFilter(limit=1_000_000)
    if prefix == "L":
        found = _stale_leases(s, everything, now, number)
    elif prefix in SOURCES:
        found = SOURCES[prefix][1](s, everything, number)
    else:
        return None
    return next((i for i in found if i.key == key.strip().upper()), None)


def decision_of(s: Session, key: str) -> tuple[str, str] | None:
    """(action, by) of a decided exception, or None."""
    row = s.execute(select(reviews_t.c.action, reviews_t.c.by).where(reviews_t.c.key == key.strip().upper())).first()
    if row is not None:
        return row.action, row.by
    prefix, _, rest = key.strip().upper().partition("-")
    if prefix == "X" and rest.isdigit():
        done = s.execute(select(pex_t.c.resolved_by).where(pex_t.c.id == int(rest),
                                                          pex_t.c.resolved_at.is_not(None))).first()
        if done is not None:
            return "resolve", done.resolved_by or "the station"
    if prefix in ("S", "E") and rest.isdigit():  # closed with its order: shipped, cancelled
        everything = ExceptionFilter(limit=1)
        found = SOURCES[prefix][1](s, everything, int(rest), closed=True)
        if found:
            return found[0].action or "closed", "the order"
    return None
