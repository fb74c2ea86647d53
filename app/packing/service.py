"""PackingService: the packing station's use cases, each one short unit of work.

Scans go through one short write transaction of Core statements; the open order's barcodes
and tallies are cached in memory (`OpenPack`), but every decision that matters is guarded by
the database (a line cannot be over-packed, a serial cannot be shipped twice, a lost lease
stops the station). Memory is updated only after the commit.
"""
from __future__ import annotations

import json
import logging
import threading
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.commands import Command
from app.db.models import Order, OrderEvent, OrderLine, ParcelItem, ScanRecord, SerialNumber, User, utcnow
from app.db.session import Database
from app.packing import claiming
from app.packing.api import (
    ERROR_OUTCOMES, HomeSummary, Packer, PackSnapshot, ScanOutcome, ScanResult,
)
from app.packing.errors import BadgeNotRecognised, NotAllowed
from app.packing.packs import OpenPack, load_pack, product_by_code
from app.packing.parcels import ParcelDesk
from app.packing.problems import ProblemDesk
from app.packing.scan_rules import Decision, ProductRef, apply, decide, gtin_key
from app.packing.settings import PackingSettings
from app.ports import Clock, Scan, SystemClock

log = logging.getLogger(__name__)

O = ScanOutcome
scans_t = ScanRecord.__table__
lines_t = OrderLine.__table__
items_t = ParcelItem.__table__
serials_t = SerialNumber.__table__
orders_t = Order.__table__
events_t = OrderEvent.__table__

# Statements built once (their cache keys are memoised): the scan path only binds values.
INSERT_SCAN = insert(scans_t).values(
    at=bindparam("at"), station=bindparam("station"), username=bindparam("user"), order_id=bindparam("order_id"),
    data=bindparam("data"), symbology=bindparam("symbology"), outcome=bindparam("outcome"),
    product_id=bindparam("product_id"), quantity=bindparam("quantity"), message=bindparam("message"))
PACK_UNITS = update(lines_t).where(
    lines_t.c.id == bindparam("line_id"),
    lines_t.c.packed_quantity + lines_t.c.backordered_quantity + bindparam("n") <= lines_t.c.quantity,
    lines_t.c.order_id.in_(select(orders_t.c.id).where(
        orders_t.c.id == bindparam("b_order"), orders_t.c.status == "packing",
        orders_t.c.claimed_by_station == bindparam("station")).scalar_subquery()),
).values(packed_quantity=lines_t.c.packed_quantity + bindparam("n"))
INSERT_ITEM = insert(items_t).values(
    parcel_id=bindparam("parcel_id"), order_line_id=bindparam("line_id"), quantity=bindparam("n"),
    lot=bindparam("lot"), expiry=bindparam("expiry"), serial=bindparam("serial"), scan_id=bindparam("scan_id"))
# The scan's entry in the order's event log: the same row app.orders.lifecycle.record_event
# writes, as one Core statement (no ORM object, no flush) on the scan path.
INSERT_EVENT = insert(events_t).values(
    order_id=bindparam("order_id"), at=bindparam("at"), kind=bindparam("kind"), station=bindparam("station"),
    username=bindparam("user"), detail=bindparam("detail"))
INSERT_SERIAL = insert(serials_t).values(product_id=bindparam("product_id"), serial=bindparam("serial"),
                                         order_id=bindparam("order_id"), parcel_item_id=bindparam("item_id"))

EVENTS = {
    O.ACCEPTED: "ItemScanned", O.WRONG_ITEM: "WrongItemScanned", O.UNKNOWN: "UnknownBarcodeScanned",
    O.OVER_SCAN: "OverScanned", O.UNDONE: "ScanUndone", O.INVALID_GS1: "InvalidCheckDigitScanned",
    O.SERIAL_USED: "SerialAlreadyUsed", O.WRONG_LABEL: "WrongLabelScanned",
}


class _Conflict(Exception):
    """The database refused what the cache allowed (another station, a race): reload and retry."""


class _Catalogue:
    """The rules' look-ups: the open order's cache first, the database for anything else."""

    def __init__(self, pack: OpenPack, session: Session, boxes: frozenset[str]) -> None:
        self.pack, self.session, self.boxes = pack, session, boxes

    def product_for(self, code: str) -> ProductRef | None:
        hit = self.pack.products.get(code)
        if hit is None:
            key = gtin_key(code)
            hit = self.pack.products.get(key) if key else None
        return hit if hit is not None else product_by_code(self.session, code)

    def is_box(self, code: str) -> bool:
        return code in self.boxes

    def is_parcel_label(self, code: str) -> bool:
        from app.db.models import Parcel

        return self.session.scalar(select(Parcel.id).where(
            (Parcel.sscc == code) | (Parcel.tracking_number == code)).limit(1)) is not None

    def serial_used(self, product_id: int, serial: str) -> bool:
        return self.session.scalar(select(SerialNumber.id).where(
            SerialNumber.product_id == product_id, SerialNumber.serial == serial)) is not None


class PackingService(ParcelDesk, ProblemDesk):
    """The station's use cases on the central database (implements app.packing.api.PackingApi)."""

    def __init__(self, db: Database, station_code: str, settings: PackingSettings | None = None,
                 clock: Clock | None = None) -> None:
        self.db = db
        self.station_code = station_code
        self.settings = settings or PackingSettings(station_code=station_code)
        self.clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._packs: dict[str, OpenPack] = {}
        self._boxes: frozenset[str] | None = None
        self._suggestions: dict[object, object] = {}  # units to pack + boxes -> BoxSuggestion (parcels.py)

    # --- people and home ---------------------------------------------------------------

    def login(self, badge: str) -> Packer:
        """The active user with this badge, or BadgeNotRecognised."""
        with self.db.read() as session:
            user = session.scalar(select(User).where(User.badge_code == badge.strip(), User.active.is_(True)))
        if user is None:
            raise BadgeNotRecognised(f"Badge {badge.strip()!r} belongs to no active user; "
                                     "scan your own badge or ask a supervisor to register it.")
        log.info("%s logged in at %s", user.username, self.station_code)
        return Packer(user.id, user.username, user.display_name, user.role)

    def logout(self, user: Packer) -> None:
        """Records the logout (an open pack stays claimed by this station for resume)."""
        with self._lock:
            self._packs.clear()
        log.info("%s logged out at %s", user.username, self.station_code)

    def home_summary(self, user: Packer) -> HomeSummary:
        """Queue size and the packer's figures today."""
        now = self.clock.now()
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        errors = [o.value for o in ERROR_OUTCOMES]
        with self.db.read() as session:
            queue = session.scalar(select(func.count()).select_from(Order).where(
                (Order.status == "picked") | and_(Order.status == "packing", Order.lease_expires_at < now)))
            mine = and_(ScanRecord.username == user.username, ScanRecord.at >= start)
            accepted = session.scalar(select(func.count()).where(mine, ScanRecord.outcome == O.ACCEPTED.value))
            units = session.scalar(select(func.coalesce(func.sum(ScanRecord.quantity), 0)).where(
                mine, ScanRecord.outcome.in_([O.ACCEPTED.value, O.UNDONE.value])))
            mis = session.scalar(select(func.count()).where(mine, ScanRecord.outcome.in_(errors)))
            packed = session.scalar(select(func.count()).select_from(OrderEvent).where(
                OrderEvent.username == user.username, OrderEvent.at >= start,
                OrderEvent.kind == "StatusChanged", OrderEvent.to_status == "packed"))
            held = session.scalar(select(Order.number).where(
                Order.claimed_by_station == self.station_code, Order.status == "packing").limit(1))
        total = (accepted or 0) + (mis or 0)
        return HomeSummary(self.station_code, int(queue or 0), int(packed or 0), int(units or 0), total,
                           int(mis or 0), round(100.0 * (accepted or 0) / total, 1) if total else None, held)

    # --- taking an order -----------------------------------------------------------------

    def start_pack(self, user: Packer, ref: str) -> PackSnapshot:
        """Claims the order by number, tote or pick list id; OrderHeldElsewhere names the holder."""
        number = claiming.claim_order(self.db, ref.strip(), self.station_code, user.username,
                                      self.settings.lease_seconds)
        return self._opened(number)

    def start_next(self, user: Packer) -> PackSnapshot | None:
        """Claims the next order of the queue (priority, then SLA); None when the queue is empty."""
        number = claiming.claim_next(self.db, self.station_code, user.username, self.settings.lease_seconds)
        return None if number is None else self._opened(number)

    def resume_open_pack(self, user: Packer) -> PackSnapshot | None:
        """The order this station still holds (after a crash or logout), with every committed scan."""
        with self.db.read() as session:
            number = session.scalar(select(Order.number).where(
                Order.claimed_by_station == self.station_code, Order.status == "packing")
                .order_by(Order.lease_expires_at.desc()).limit(1))
        if number is None:
            return None
        claiming.renew_lease(self.db, number, self.station_code, self.settings.lease_seconds)
        with self._lock:
            self._packs.pop(number, None)
        return self._opened(number)

    def snapshot(self, order: str) -> PackSnapshot:
        """The pack as it stands now (read only)."""
        return self._reload(order).snapshot

    def renew_lease(self, order: str) -> datetime:
        """Extends the station's lease on the order; returns the new expiry."""
        return claiming.renew_lease(self.db, order, self.station_code, self.settings.lease_seconds)

    def release(self, order: str, user: Packer | None = None) -> None:
        """The station lets go of an unfinished order (back to picked, scans kept)."""
        claiming.release(self.db, order, self.station_code, user.username if user else None, "picked",
                         reason="released by the station")
        with self._lock:
            self._packs.pop(order, None)

    def _opened(self, number: str) -> PackSnapshot:
        with self.db.write() as session:
            self._ensure_open_parcel(session, number)
        return self._reload(number).snapshot

    def _reload(self, number: str) -> OpenPack:
        with self._lock:
            with self.db.read() as session:
                pack = load_pack(session, number, self.station_code, None, None)
                pack.base = self._decorate(session, pack)
            pack.render()
            self._packs[number] = pack
            return pack

    def _pack(self, number: str) -> OpenPack:
        pack = self._packs.get(number)
        return pack if pack is not None else self._reload(number)

    def _box_barcodes(self, session: Session) -> frozenset[str]:
        if self._boxes is None:
            from app.db.models import Box

            self._boxes = frozenset(session.scalars(select(Box.barcode).where(Box.enabled.is_(True))))
        return self._boxes

    # --- scans ---------------------------------------------------------------------------

    def record_scan(self, order: str, user: Packer, scan: Scan) -> ScanResult:
        """Interprets and records one scan; committed before it returns."""
        return self._scan(order, user, scan.data, scan.symbology)

    def acknowledge(self, order: str, user: Packer) -> ScanResult:
        """ACK by key: lifts the lock after a mis-scan."""
        return self._scan(order, user, Command.ACK.value, None)

    def undo_last_scan(self, order: str, user: Packer) -> ScanResult:
        """UNDO by key: removes the last accepted scan of the open parcel."""
        return self._scan(order, user, Command.UNDO.value, None)

    def _scan(self, order: str, user: Packer, data: str, symbology: str | None) -> ScanResult:
        with self._lock:
            for attempt in (1, 2):
                pack = self._pack(order)
                try:
                    return self._scan_once(pack, user, data, symbology)
                except _Conflict as exc:
                    log.warning("scan %r on %s refused by the database (%s); reloading", data, order, exc)
                    self._packs.pop(order, None)
                    if attempt == 2:
                        raise NotAllowed(f"Order {order} changed under this station ({exc}); "
                                         "go home and take it again.") from None
        raise AssertionError("unreachable")

    def _scan_once(self, pack: OpenPack, user: Packer, data: str, symbology: str | None) -> ScanResult:
        box = confirmation = None
        try:
            with self.db.write() as session:
                decision = decide(pack.state, data, symbology, _Catalogue(pack, session, self._box_barcodes(session)))
                if decision.outcome is O.BOX:
                    box = self._choose_box_in(session, pack, decision.code or "", None, user)
                elif decision.outcome is O.LABEL_CONFIRMED:
                    confirmation = self._confirm_in(session, pack, decision.code or "", user)
                    if not confirmation.ok:
                        decision = Decision(O.WRONG_LABEL, confirmation.message, code=decision.code)
                scan_id = self._write_scan(session, pack, user, data, symbology, decision, box or confirmation)
        except IntegrityError as exc:  # a serial shipped meanwhile by another station
            raise _Conflict(str(exc.orig)) from exc
        pack.state = apply(pack.state, decision, scan_id)
        done = confirmation is not None and confirmation.all_confirmed
        if box is not None or confirmation is not None:
            self._packs.pop(pack.number, None)
            snap = None if done else self._pack(pack.number).snapshot
        else:
            snap = pack.render()
        return ScanResult(
            decision.outcome, box.message if box else decision.message, data, scan_id,
            decision.product.sku if decision.product else None,
            decision.product.name if decision.product else None, decision.quantity, decision.line_no,
            decision.lot, decision.expiry, decision.serial, decision.command, box, confirmation, snap)

    def _write_scan(self, session: Session, pack: OpenPack, user: Packer, data: str, symbology: str | None,
                    d: Decision, extra: object) -> int:
        conn = session.connection()
        outcome = d.outcome
        scan_id = conn.execute(INSERT_SCAN, {
            "at": self.clock.now(), "station": self.station_code, "user": user.username,
            "order_id": pack.order_id, "data": data[:400], "symbology": symbology, "outcome": outcome.value,
            "product_id": d.product.product_id if d.product else None, "quantity": d.quantity,
            "message": d.message[:400]}).inserted_primary_key[0]
        if outcome is O.ACCEPTED:
            self._place(conn, pack, d, scan_id)
        elif outcome is O.UNDONE and d.undo is not None:
            self._unplace(conn, pack, d)
        kind = EVENTS.get(outcome)
        if kind is not None:
            detail = {"barcode": data, "line_no": d.line_no, "lot": d.lot, "parcel": pack.open_parcel_seq,
                      "quantity": d.quantity or None, "scan_id": scan_id, "serial": d.serial,
                      "sku": d.product.sku if d.product else None}
            conn.execute(INSERT_EVENT, {"order_id": pack.order_id, "at": utcnow(), "kind": kind,
                                        "station": self.station_code, "user": user.username,
                                        "detail": json.dumps(detail, default=str, sort_keys=True)})
        return int(scan_id)

    def _place(self, conn, pack: OpenPack, d: Decision, scan_id: int) -> None:  # type: ignore[no-untyped-def]
        if pack.open_parcel_id is None:
            raise _Conflict(f"order {pack.number} has no open parcel")
        line_id = pack.line_ids[d.line_no or 0]
        result = conn.execute(PACK_UNITS, {"line_id": line_id, "n": d.quantity, "b_order": pack.order_id,
                                           "station": self.station_code})
        if result.rowcount != 1:
            raise _Conflict(f"line {d.line_no} of {pack.number} cannot take {d.quantity} more, "
                            f"or station {self.station_code} no longer holds the order")
        item_id = conn.execute(INSERT_ITEM, {
            "parcel_id": pack.open_parcel_id, "line_id": line_id, "n": d.quantity, "lot": d.lot,
            "expiry": d.expiry.isoformat() if d.expiry else None, "serial": d.serial, "scan_id": scan_id,
        }).inserted_primary_key[0]
        if d.serial is not None and d.product is not None:
            conn.execute(INSERT_SERIAL, {"product_id": d.product.product_id, "serial": d.serial,
                                         "order_id": pack.order_id, "item_id": item_id})

    def _unplace(self, conn, pack: OpenPack, d: Decision) -> None:  # type: ignore[no-untyped-def]
        last = d.undo
        assert last is not None
        items = select(items_t.c.id).where(items_t.c.scan_id == last.scan_id,
                                           items_t.c.parcel_id == pack.open_parcel_id)
        conn.execute(delete(serials_t).where(serials_t.c.parcel_item_id.in_(items.scalar_subquery())))
        removed = conn.execute(delete(items_t).where(items_t.c.scan_id == last.scan_id,
                                                     items_t.c.parcel_id == pack.open_parcel_id)).rowcount
        if removed != 1:
            raise _Conflict(f"scan {last.scan_id} is no longer in the open parcel of {pack.number}")
        conn.execute(update(lines_t).where(lines_t.c.id == pack.line_ids[last.line_no])
                     .values(packed_quantity=lines_t.c.packed_quantity - last.quantity))


