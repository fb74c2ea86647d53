"""The admin repository of SqlUnitOfWork (app.admin.ports.AdminRecords): users, boxes, the
reason codes an administrator changed, and the stations the database knows."""
from __future__ import annotations

import json
import logging

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.store.models import Box, Order, OrderEvent, ReasonCode, Station, User, as_utc
from app.store.repositories import _columns, _record
from app.unit_of_work import BoxRecord, LeaseRow, ReasonRow, StationRecord, UserRecord

log = logging.getLogger(__name__)


class SqlAdmin:
    """Reads and writes for the administrator's use cases (app/admin)."""

    def __init__(self, session: Session) -> None:
        self.s = session

    # --- users --------------------------------------------------------------------------------

    def users(self, include_inactive: bool = True) -> list[UserRecord]:
        query = select(User).order_by(User.username)
        if not include_inactive:
            query = query.where(User.active.is_(True))
        return [_record(UserRecord, u) for u in self.s.scalars(query)]

    def user(self, username: str) -> UserRecord | None:
        row = self.s.scalar(select(User).where(User.username == username))
        return None if row is None else _record(UserRecord, row)

    def user_of_badge(self, badge: str) -> UserRecord | None:
        row = self.s.scalar(select(User).where(User.badge_code == badge))
        return None if row is None else _record(UserRecord, row)

    def add_user(self, user: UserRecord) -> int:
        row = User(**_columns(user))
        self.s.add(row)
        self.s.flush()
        return row.id

    def save_user(self, user: UserRecord) -> None:
        self.s.execute(update(User).where(User.id == user.id).values(**_columns(user)))

    # --- boxes --------------------------------------------------------------------------------

    def boxes(self) -> list[BoxRecord]:
        return [_record(BoxRecord, b) for b in self.s.scalars(select(Box).order_by(Box.code))]

    def box(self, code: str) -> BoxRecord | None:
        row = self.s.scalar(select(Box).where(Box.code == code))
        return None if row is None else _record(BoxRecord, row)

    def box_of_barcode(self, barcode: str) -> BoxRecord | None:
        row = self.s.scalar(select(Box).where(Box.barcode == barcode))
        return None if row is None else _record(BoxRecord, row)

    def add_box(self, box: BoxRecord) -> int:
        row = Box(**_columns(box))
        self.s.add(row)
        self.s.flush()
        return row.id

    def save_box(self, box: BoxRecord) -> None:
        self.s.execute(update(Box).where(Box.id == box.id).values(**_columns(box)))

    # --- reason codes ---------------------------------------------------------------------------

    def reasons(self) -> list[ReasonRow]:
        return [ReasonRow(r.code, r.active, r.changed_by, as_utc(r.changed_at))
                for r in self.s.scalars(select(ReasonCode).order_by(ReasonCode.code))]

    def set_reason(self, row: ReasonRow) -> None:
        found = self.s.get(ReasonCode, row.code)
        if found is None:
            self.s.add(ReasonCode(code=row.code, active=row.active, changed_by=row.changed_by,
                                  changed_at=row.changed_at))
        else:
            found.active, found.changed_by, found.changed_at = row.active, row.changed_by, row.changed_at
        self.s.flush()

    # --- stations -------------------------------------------------------------------------------

    def stations(self) -> list[StationRecord]:
        return [StationRecord(s.code, s.name, as_utc(s.last_seen_at), json.loads(s.devices) if s.devices else {})
                for s in self.s.scalars(select(Station).order_by(Station.code))]

    def leases(self, station: str | None = None) -> list[LeaseRow]:
        """The orders stations hold for packing (of one station when given), by station and claim;
        since: the order's latest claim or take-over in its event log."""
        claimed = (select(func.max(OrderEvent.at)).where(
            OrderEvent.order_id == Order.id,
            or_(OrderEvent.to_status == "packing", OrderEvent.kind == "LeaseTakenOver")).scalar_subquery())
        query = (select(Order.claimed_by_station, Order.number, Order.claimed_by_user, claimed, Order.lease_expires_at)
                 .where(Order.status == "packing", Order.claimed_by_station.is_not(None)))
        if station is not None:
            query = query.where(Order.claimed_by_station == station)
        rows = self.s.execute(query.order_by(Order.claimed_by_station, claimed, Order.number))
        return [LeaseRow(r[0], r[1], r[2], as_utc(r[3]), as_utc(r[4])) for r in rows]
