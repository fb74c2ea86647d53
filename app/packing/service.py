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
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.commands import Command
from app.store.models import Order, OrderEvent, ScanRecord, SerialNumber, StationEvent, User, utcnow
from app.store.session import Database
from app.orders import sql
from app.packing import claiming
from app.packing.api import (
    ERROR_OUTCOMES, HomeSummary, Packer, PackSnapshot, ScanOutcome, ScanResult,
)
from app.packing.errors import BadgeNotRecognised, NotAllowed
from app.packing.packs import OpenPack, load_pack, product_by_code
from app.packing.parcels import ParcelDesk
from app.packing.problems import ProblemDesk
from app.packing.scan_rules import Decision, ProductRef, apply, decide, gtin_key
from app.packing.scan_writes import Conflict, LinkWriter, SessionWriter, undo_scan, write_scan
from app.packing.settings import PackingSettings
from app.ports import Clock, Scan, SystemClock

log = logging.getLogger(__name__)

O = ScanOutcome
# outcomes that change more than the scan log: they run in an ORM unit of work
IN_SESSION = frozenset({O.BOX, O.LABEL_CONFIRMED, O.UNDONE})


class _Catalogue:
    """The rules' look-ups: the open order's cache first, the database for anything else."""

    def __init__(self, pack: OpenPack, session: Callable[[], Session],
                 boxes: Callable[[], frozenset[str]]) -> None:
        self.pack, self._session, self._boxes = pack, session, boxes

    @property
    def session(self) -> Session:
        return self._session()

    def product_for(self, code: str) -> ProductRef | None:
        hit = self.pack.products.get(code)
        if hit is None:
            key = gtin_key(code)
            hit = self.pack.products.get(key) if key else None
        return hit if hit is not None else product_by_code(self.session, code)

    def is_box(self, code: str) -> bool:
        return code in self._boxes()

    def is_parcel_label(self, code: str) -> bool:
        from app.store.models import Parcel

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
        """The active user with this badge, or BadgeNotRecognised (both recorded)."""
        code = badge.strip()
        with self.db.write() as session:
            user = session.scalar(select(User).where(User.badge_code == code, User.active.is_(True)))
            if user is None:
                # like a supervisor's refused badge, its value is not kept (it may be somebody's)
                _station_event(session, self.station_code, "BadgeRefused", "login", None)
            else:
                _station_event(session, self.station_code, "LoggedIn", "login", user.username)
        if user is None:
            raise BadgeNotRecognised(f"Badge {code!r} belongs to no active user; "
                                     "scan your own badge or ask a supervisor to register it.")
        log.info("%s logged in at %s", user.username, self.station_code)
        return Packer(user.id, user.username, user.display_name, user.role)

    def logout(self, user: Packer, reason: str = "logged out") -> None:
        """Records the logout (an open pack stays claimed by this station for resume)."""
        with self._lock:
            held = next(iter(self._packs), None)
            self._packs.clear()
        with self.db.write() as session:
            _station_event(session, self.station_code, "LoggedOut", "logout", user.username,
                           reason=reason, order=held)
        log.info("%s logged out at %s (%s)", user.username, self.station_code, reason)

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
            from app.store.models import Box

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
                except Conflict as exc:
                    log.warning("scan %r on %s refused by the database (%s); reloading", data, order, exc)
                    self._packs.pop(order, None)
                    if attempt == 2:
                        raise NotAllowed(f"Order {order} changed under this station ({exc}); "
                                         "go home and take it again.") from None
        raise AssertionError("unreachable")

    def _scan_once(self, pack: OpenPack, user: Packer, data: str, symbology: str | None) -> ScanResult:
        # What the scan means: from the open order's cache, reading the database only for a
        # barcode that is not in the order (the database still guards what gets written).
        with _LazyRead(self.db) as read:
            decision = decide(pack.state, data, symbology,
                              _Catalogue(pack, read.session, lambda: self._box_barcodes(read.session())))
        if decision.outcome in IN_SESSION:
            return self._scan_in_session(pack, user, data, symbology)
        integrity = self.db.engine.dialect.loaded_dbapi.IntegrityError
        try:
            with sql.write(self.db) as link:
                scan_id = write_scan(LinkWriter(link), self.station_code, pack, user, data, symbology,
                                     decision, self.clock.now())
        except integrity as exc:  # a serial shipped meanwhile by another station
            raise Conflict(str(exc)) from exc
        pack.state = apply(pack.state, decision, scan_id)
        return _result(decision, data, scan_id, None, None, pack.render())

    def _scan_in_session(self, pack: OpenPack, user: Packer, data: str, symbology: str | None) -> ScanResult:
        """A scan that chooses a box, confirms a label or undoes a scan: one ORM unit of work."""
        box = confirmation = None
        try:
            with self.db.write() as session:
                decision = decide(pack.state, data, symbology,
                                  _Catalogue(pack, lambda: session, lambda: self._box_barcodes(session)))
                if decision.outcome is O.BOX:
                    box = self._choose_box_in(session, pack, decision.code or "", None, user)
                elif decision.outcome is O.LABEL_CONFIRMED:
                    confirmation = self._confirm_in(session, pack, decision.code or "", user)
                    if not confirmation.ok:
                        decision = Decision(O.WRONG_LABEL, confirmation.message, code=decision.code)
                elif decision.outcome is O.UNDONE and decision.undo is not None:
                    undo_scan(session.connection(), pack, decision)
                scan_id = write_scan(SessionWriter(session.connection()), self.station_code, pack, user, data,
                                     symbology, decision, self.clock.now())
        except IntegrityError as exc:  # a serial shipped meanwhile by another station
            raise Conflict(str(exc.orig)) from exc
        pack.state = apply(pack.state, decision, scan_id)
        done = confirmation is not None and confirmation.all_confirmed
        if box is not None or confirmation is not None:
            self._packs.pop(pack.number, None)
            snap = None if done else self._pack(pack.number).snapshot
        else:
            snap = pack.render()
        return _result(decision, data, scan_id, box, confirmation, snap)


def _station_event(session: Session, station: str, kind: str, action: str, username: str | None,
                   **detail: Any) -> None:
    kept = {k: v for k, v in detail.items() if v is not None}
    session.add(StationEvent(at=utcnow(), station=station, kind=kind, action=action, username=username,
                             method="badge" if action == "login" else None,
                             detail=json.dumps(kept, sort_keys=True) if kept else None))


def _result(d: Decision, data: str, scan_id: int, box: Any, confirmation: Any, snap: PackSnapshot | None) -> ScanResult:
    return ScanResult(
        d.outcome, box.message if box else d.message, data, scan_id,
        d.product.sku if d.product else None, d.product.name if d.product else None, d.quantity, d.line_no,
        d.lot, d.expiry, d.serial, d.command, box, confirmation, snap)


class _LazyRead:
    """A read session opened on first use, closed at the end of the block."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cm: Any = None
        self._session: Session | None = None

    def session(self) -> Session:
        if self._session is None:
            self._cm = self.db.read()
            self._session = self._cm.__enter__()
        return self._session

    def __enter__(self) -> "_LazyRead":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._cm is not None:
            self._cm.__exit__(*exc)
