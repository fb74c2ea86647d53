"""The carriers' rate tables and the parcels at the dock, for the shipping use cases (issue 15)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from app.store.import_rows import KeyedRow, assign
from sqlalchemy import bindparam, insert, update

from app.store.models import (
    Address, Carrier, CarrierRate, CarrierService, CarrierZone, Order, OrderEvent, Parcel, TrackingEvent, as_utc,
    utcnow,
)
from app.store.payments import INVOICE_ISSUED, invoice_number
from app.store.repositories import ORDER_ROWS, SqlOrders, _order_row
from app.store.station_statements import send
from app.unit_of_work import CarrierRecord, DockLine, OrderRecord, ParcelRecord, RateRecord, RateTable, ServiceRecord, ZoneRecord

log = logging.getLogger(__name__)

LABELLED = ("closed", "confirmed")
CHUNK = 5000  # ids bound in one IN (a statement binds at most 65,535 values)


def parcel_record(row: Any) -> ParcelRecord:
    """The plain record of a row read by PARCEL_COLUMNS (by position; times in UTC)."""
    values = list(row)
    for i in _PARCEL_TIMES:
        if values[i] is not None:
            values[i] = as_utc(values[i])
    return ParcelRecord(*values)


INSERT_TRACKING = insert(TrackingEvent.__table__)  # built once: a tracking file's reports in one executemany
SET_TRACKING = (update(Parcel.__table__).where(Parcel.__table__.c.id == bindparam("parcel_id"))
                .values(tracking_status=bindparam("new_status"), delivered_at=bindparam("delivered")))


PARCEL_COLUMNS = [Parcel.__table__.c[f.name] for f in fields(ParcelRecord)]  # the record's fields, in order
_PARCEL_TIMES = [i for i, f in enumerate(fields(ParcelRecord)) if "datetime" in str(f.type)]
PARCELS_AT_DOCK = (select(*PARCEL_COLUMNS).where(Parcel.order_id == bindparam("order_id"), Parcel.status != "voided")
                   .order_by(Parcel.seq))  # built once: read at every dock scan
# a dock scan's first read: the order of the parcel with this SSCC or tracking number, its row
# locked (two docks scanning its last two parcels queue here), that parcel's id, and the detail
# of the order's first InvoiceIssued event (the invoice a shipping issues, if one was issued)
_events = OrderEvent.__table__.c
ORDER_LOCKED_BY_LABEL = (ORDER_ROWS.add_columns(
                             Parcel.__table__.c.id,
                             select(_events.detail).where(_events.order_id == Order.__table__.c.id,
                                                          _events.kind == INVOICE_ISSUED)
                             .order_by(_events.id).limit(1).scalar_subquery())
                         .join(Parcel.__table__, Parcel.__table__.c.order_id == Order.__table__.c.id)
                         .where((Parcel.__table__.c.sscc == bindparam("code"))
                                | (Parcel.__table__.c.tracking_number == bindparam("code")))
                         .limit(1).with_for_update(of=Order.__table__))
# a parcel of the dock's day list as the list shows it, made by the database (a day is thousands
# of parcels): its carrier (its own, else its order's, else :builtin), service (its own, else the
# order's level), weight (weighed, else expected) and destination ("postcode city, country"); an
# empty text or a weight of 0 counts as none, as `or` in Python
_p, _o, _a = Parcel.__table__.c, Order.__table__.c, Address.__table__.c
_BUILTIN = bindparam("builtin", type_=String)
DOCK_LINES = (select(_o.number, _p.seq,
                     func.coalesce(func.nullif(_p.carrier, ""), func.nullif(_o.carrier, ""), _BUILTIN, ""),
                     func.coalesce(func.nullif(_p.service, ""), _o.service_level),
                     func.coalesce(_p.tracking_number, ""), func.coalesce(_p.sscc, ""),
                     func.coalesce(func.nullif(_p.actual_weight_g, 0), func.nullif(_p.expected_weight_g, 0), 0),
                     case((_a.city.is_(None), ""),
                          else_=func.trim(func.coalesce(_a.postcode, "") + " " + _a.city + ", " + _a.country)))
              .select_from(Parcel.__table__.join(Order.__table__, _o.id == _p.order_id)
                           .outerjoin(Address.__table__, _a.id == _o.ship_to_id)))


def _dock_day(by_carrier: bool) -> Any:
    """The dock's day in one read: the parcels handed over between :since and :until (part 0, by
    hand-over), then the labelled parcels closed before :until never handed over (part 1, by
    closing); with `by_carrier`, only those whose carrier (else their order's, else :builtin) is
    :carrier. Each row has the one time its list shows ("at": the hand-over, or the labelling)."""

    def part(no: int, at: Any, *where: Any) -> Any:
        query = DOCK_LINES.add_columns(literal(no).label("part"), at.label("at"), _p.id.label("parcel_id")).where(*where)
        if by_carrier:
            query = query.where(func.coalesce(_p.carrier, _o.carrier, _BUILTIN) == bindparam("carrier"))
        return query

    return union_all(
        part(0, _p.handed_over_at, _p.handed_over_at >= bindparam("since"), _p.handed_over_at < bindparam("until")),
        # (the statuses as literals, not an expanding IN: the statement is compiled once, app/store/station_statements.py)
        part(1, _p.closed_at, or_(*(_p.status == status for status in LABELLED)), _p.handed_over_at.is_(None),
             _p.closed_at < bindparam("until")),
    ).order_by("part", "at", "parcel_id")


DOCK_DAY = {by_carrier: _dock_day(by_carrier) for by_carrier in (False, True)}  # built once each


class SqlCarriers:
    def __init__(self, session: Session) -> None:
        self.s = session

    def table(self) -> RateTable:
        carriers = self.s.scalars(select(Carrier).where(Carrier.active.is_(True)).order_by(Carrier.code)).all()
        if not carriers:
            return RateTable()
        ids = {c.id: c.code for c in carriers}
        services = self.s.scalars(select(CarrierService).where(CarrierService.carrier_id.in_(ids))
                                  .order_by(CarrierService.id)).all()
        service_keys = {s.id: (ids[s.carrier_id], s.code) for s in services}
        zones = self.s.scalars(select(CarrierZone).where(CarrierZone.carrier_id.in_(ids))
                               .order_by(CarrierZone.id)).all()
        rates = self.s.scalars(select(CarrierRate).where(CarrierRate.service_id.in_(service_keys))
                               .order_by(CarrierRate.service_id, CarrierRate.zone, CarrierRate.max_weight_g)).all()
        return RateTable(
            tuple(CarrierRecord(c.code, c.name, c.dim_divisor, c.adapter, c.s10_service_indicator, c.s10_country)
                  for c in carriers),
            tuple(ServiceRecord(ids[s.carrier_id], s.code, s.name, s.level, s.transit_days, s.cutoff)
                  for s in services),
            tuple(ZoneRecord(ids[z.carrier_id], z.zone, z.country, z.postcode_prefix) for z in zones),
            tuple(RateRecord(*service_keys[r.service_id], r.zone, r.max_weight_g, r.price, r.currency)
                  for r in rates))

    # the manifest's and the tracking import's reads are plain rows (no ORM objects: a day at the
    # dock, or a carrier's file, is thousands of parcels)
    def dock_lines(self, carrier: str | None, since: datetime, until: datetime,
                   builtin: str | None = None) -> tuple[list[DockLine], list[DockLine]]:
        params: dict[str, Any] = {"since": since, "until": until, "builtin": builtin}
        if carrier is not None:
            params["carrier"] = carrier
        handed: list[DockLine] = []
        missing: list[DockLine] = []
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with session.execute
        rows = send(self.s, DOCK_DAY[carrier is not None], params).rows  # the driver's tuples
        for number, seq, carrier_, service, tracking, sscc, weight, where, part, at, _ in rows:
            if part:  # (`at` in UTC on both databases: send reads SQLite's text so)
                missing.append(DockLine(number, seq, carrier_, service, tracking, sscc, weight, where, None, at))
            else:
                handed.append(DockLine(number, seq, carrier_, service, tracking, sscc, weight, where, at))
        return handed, missing

    def parcels_by_codes(self, codes: list[str]) -> dict[str, ParcelRecord]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        found: dict[str, ParcelRecord] = {}
        for start in range(0, len(codes), CHUNK):
            part = codes[start:start + CHUNK]
            for p in self.s.execute(select(*PARCEL_COLUMNS).where(Parcel.tracking_number.in_(part))):
                found[p.tracking_number] = parcel_record(p)
            rest = [c for c in part if c not in found]
            if rest:
                for p in self.s.execute(select(*PARCEL_COLUMNS).where(Parcel.sscc.in_(rest))):
                    found[p.sscc] = parcel_record(p)
        return found

    def parcels_with_their_orders(self, codes: list[str]) -> tuple[dict[str, ParcelRecord],
                                                                      dict[int, list[ParcelRecord]]]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        every: dict[int, ParcelRecord] = {}
        for start in range(0, len(codes), CHUNK):  # one read a chunk: the parcels and their orders' others
            part = codes[start:start + CHUNK]
            orders = select(Parcel.order_id).where(Parcel.tracking_number.in_(part) | Parcel.sscc.in_(part))
            for row in self.s.execute(select(*PARCEL_COLUMNS).where(Parcel.order_id.in_(orders))
                                      .order_by(Parcel.order_id, Parcel.seq)):
                if row.id not in every:
                    every[row.id] = parcel_record(row)
        wanted = set(codes)
        found = {p.tracking_number: p for p in every.values() if p.tracking_number in wanted}
        for p in every.values():  # by SSCC the codes no tracking number has
            if p.sscc in wanted and p.sscc not in found:
                found[p.sscc] = p
        of_order: dict[int, list[ParcelRecord]] = {}
        for p in sorted((p for p in every.values() if p.status != "voided"), key=lambda p: (p.order_id, p.seq)):
            of_order.setdefault(p.order_id, []).append(p)
        return found, of_order

    def order_locked_by_label(self, code: str) -> tuple[OrderRecord, int, str | None] | None:
        self.s.flush()  # a plain row: what the session holds unwritten counts, as with an ORM query
        row = send(self.s, ORDER_LOCKED_BY_LABEL, {"code": code}).first()
        if row is None:
            return None
        *order, parcel_id, invoice = row
        return _order_row(order), parcel_id, invoice_number(invoice)

    def parcels_at_dock(self, order_id: int) -> list[ParcelRecord]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        return [parcel_record(p) for p in send(self.s, PARCELS_AT_DOCK, {"order_id": order_id}).rows]

    def parcels_of_orders(self, order_ids: list[int]) -> dict[int, list[ParcelRecord]]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        found: dict[int, list[ParcelRecord]] = {i: [] for i in order_ids}
        for start in range(0, len(order_ids), CHUNK):
            rows = self.s.execute(select(*PARCEL_COLUMNS).where(Parcel.order_id.in_(order_ids[start:start + CHUNK]),
                                                                Parcel.status != "voided")
                                  .order_by(Parcel.order_id, Parcel.seq))
            for p in rows:
                found[p.order_id].append(parcel_record(p))
        return found

    def orders_by_ids(self, order_ids: list[int]) -> dict[int, OrderRecord]:
        self.s.flush()  # plain rows: what the session holds unwritten counts, as with an ORM query
        found: dict[int, OrderRecord] = {}
        for start in range(0, len(order_ids), CHUNK):
            for row in self.s.execute(ORDER_ROWS.where(Order.__table__.c.id.in_(order_ids[start:start + CHUNK]))):
                order = _order_row(row)
                found[order.id] = order
        return found

    def add_tracking_event(self, parcel_id: int, status: str, at: datetime, location: str) -> bool:
        if self.s.scalar(select(TrackingEvent.id).where(TrackingEvent.parcel_id == parcel_id,
                                                        TrackingEvent.status == status, TrackingEvent.at == at)):
            return False
        self.s.add(TrackingEvent(parcel_id=parcel_id, status=status, at=at, location=location))
        self.s.flush()
        return True

    def due_for_completion(self, delivered_before: datetime) -> list[tuple[int, str]]:
        query = (select(Order.id, Order.number).join(Parcel, Parcel.order_id == Order.id)
                 .where(Order.status == "delivered", Parcel.status != "voided")
                 .group_by(Order.id, Order.number).having(func.max(Parcel.delivered_at) <= delivered_before)
                 .order_by(Order.id))
        return [(i, n) for i, n in self.s.execute(query)]

    def known_reports(self, parcel_ids: list[int]) -> set[tuple[int, str, datetime]]:
        known: set[tuple[int, str, datetime]] = set()
        t = TrackingEvent
        for start in range(0, len(parcel_ids), CHUNK):
            known |= {(p, status, as_utc(at)) for p, status, at in self.s.execute(
                select(t.parcel_id, t.status, t.at).where(t.parcel_id.in_(parcel_ids[start:start + CHUNK])))}
        return known

    def add_tracking_events(self, rows: list[tuple[int, str, datetime, str]]) -> None:
        if rows:
            now = utcnow()
            self.s.execute(INSERT_TRACKING, [{"parcel_id": p, "status": status, "at": at, "location": location,
                                              "imported_at": now} for p, status, at, location in rows])

    def set_tracking(self, rows: list[tuple[int, str | None, datetime | None]]) -> None:
        if rows:
            self.s.execute(SET_TRACKING, [{"parcel_id": p, "new_status": status, "delivered": at}
                                          for p, status, at in rows])

    def late_orders(self, now: datetime, statuses: tuple[str, ...]) -> list[OrderRecord]:
        numbers = list(self.s.scalars(select(Order.number).where(
            Order.status.in_(statuses), Order.sla_due_at < now, Order.sla_breached_at.is_(None))))
        return SqlOrders(self.s).in_status(statuses, numbers) if numbers else []

    def flag_late(self, order_id: int, at: datetime) -> None:
        self.s.execute(update(Order).where(Order.id == order_id).values(sla_breached_at=at)
                       .execution_options(synchronize_session=False))


# --- imports ---------------------------------------------------------------------------------

Count = Callable[[bool, bool], None]


def carrier_services(session: Session) -> set[tuple[str, str]]:
    """Every (carrier code, service code) stored."""
    return set(session.execute(select(Carrier.code, CarrierService.code).join(
        CarrierService, CarrierService.carrier_id == Carrier.id)).all())


def carrier_zones(session: Session) -> set[tuple[str, str]]:
    """Every (carrier code, zone) stored."""
    return set(session.execute(select(Carrier.code, CarrierZone.zone).join(
        CarrierZone, CarrierZone.carrier_id == Carrier.id)).all())


def write_carriers(session: Session, rows: list[KeyedRow], count: Count) -> None:
    """Creates or updates each carrier by code and each service by (carrier, code); one count a service."""
    carriers = {c.code: c for c in session.scalars(select(Carrier))}
    for row in rows:
        values = row.values["carrier"]
        carrier = carriers.get(values["code"])
        carrier_changed = False
        if carrier is None:
            carrier = carriers[values["code"]] = Carrier(active=True, **values)
            session.add(carrier)
            session.flush()
            carrier_changed = True
        else:
            carrier_changed = assign(carrier, values)
        service_values = row.values["service"]
        service = session.scalar(select(CarrierService).where(CarrierService.carrier_id == carrier.id,
                                                              CarrierService.code == service_values["code"]))
        if service is None:
            session.add(CarrierService(carrier_id=carrier.id, **service_values))
            count(True, True)
        else:
            count(False, assign(service, service_values) or carrier_changed)
    session.flush()


def write_zones(session: Session, rows: list[KeyedRow], count: Count) -> None:
    """Creates or updates each destination (carrier, country, postcode prefix) with its zone."""
    ids = dict(session.execute(select(Carrier.code, Carrier.id)).all())
    existing = {(z.carrier_id, z.country, z.postcode_prefix): z for z in session.scalars(select(CarrierZone))}
    for row in rows:
        carrier, country, prefix = row.key
        zone = existing.get((ids[carrier], country, prefix))
        if zone is None:
            session.add(CarrierZone(carrier_id=ids[carrier], country=country, postcode_prefix=prefix, **row.values))
            count(True, True)
        else:
            count(False, assign(zone, row.values))
    session.flush()


def write_rates(session: Session, rows: list[KeyedRow], count: Count) -> None:
    """Creates or updates each bracket (carrier, service, zone, max weight) with its price."""
    services = {(c, s): i for c, s, i in session.execute(select(Carrier.code, CarrierService.code, CarrierService.id)
                                                         .join(Carrier, CarrierService.carrier_id == Carrier.id))}
    existing = {(r.service_id, r.zone, r.max_weight_g): r for r in session.scalars(select(CarrierRate))}
    for row in rows:
        carrier, service, zone, weight = row.key
        key = (services[(carrier, service)], zone, weight)
        rate = existing.get(key)
        if rate is None:
            rate = existing[key] = CarrierRate(service_id=key[0], zone=zone, max_weight_g=weight, **row.values)
            session.add(rate)
            count(True, True)
        else:
            count(False, assign(rate, row.values))
    session.flush()
