"""PackingService: the packing station's use cases (claim, scan, parcels, labels, problems,
people) behind app.packing.api.PackingApi, each call one unit of work on the central database.

A thin facade: it holds the station's `Desk` (code, settings, clock, the open pack in memory)
and hands each use case a new `SqlUnitOfWork`. Calls are serialised by a lock, since the
station's worker thread and a lease timer may call at once.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime

from app.packing import claim, labels, parcels, people, problems
from app.packing import scan as scanning
from app.packing.api import (
    BoxChoice, BoxSuggestion, HomeSummary, LabelConfirmation, LabelRequest, LabelState, Packer, PackSnapshot,
    ParcelClosed, PartialShipment, ProblemReported, ScanResult,
)
from app.packing.desk import Desk
from app.packing.settings import PackingSettings
from app.packing.reasons import Reason
from app.ports import Clock, PrintJob, Scan, SystemClock
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


class PackingService:
    """The station's use cases on the central database (implements app.packing.api.PackingApi)."""

    def __init__(self, db: Database, station_code: str, settings: PackingSettings | None = None,
                 clock: Clock | None = None) -> None:
        self.db = db
        self.station_code = station_code
        self.settings = settings or PackingSettings(station_code=station_code)
        self.clock = clock or SystemClock()
        self.desk = Desk(station_code, self.settings, self.clock)
        self._lock = threading.RLock()

    def _uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.db)

    def login(self, badge: str) -> Packer:
        """The active user with this badge, or BadgeNotRecognised (both recorded)."""
        return people.login(self._uow(), self.desk, badge)

    def logout(self, user: Packer, reason: str = "logged out") -> None:
        """Records the logout (an open pack stays claimed by this station for resume)."""
        with self._lock:
            people.logout(self._uow(), self.desk, user, reason)

    def home_summary(self, user: Packer) -> HomeSummary:
        """Queue size and the packer's figures today."""
        return people.home_summary(self._uow(), self.desk, user)

    def start_pack(self, user: Packer, ref: str) -> PackSnapshot:
        """Claims the order by number, tote or pick list id; OrderHeldElsewhere names the holder."""
        with self._lock:
            return claim.start_pack(self._uow(), self.desk, user, ref)

    def start_next(self, user: Packer) -> PackSnapshot | None:
        """Claims the next order of the queue (priority, then SLA); None when the queue is empty."""
        with self._lock:
            return claim.start_next(self._uow(), self.desk, user)

    def resume_open_pack(self, user: Packer) -> PackSnapshot | None:
        """The order this station still holds (after a crash or logout), with every committed scan."""
        with self._lock:
            return claim.resume_open_pack(self._uow(), self.desk, user)

    def snapshot(self, order: str) -> PackSnapshot:
        """The pack as it stands now (read only)."""
        with self._lock:
            return claim.snapshot(self._uow(), self.desk, order)

    def record_scan(self, order: str, user: Packer, scan: Scan) -> ScanResult:
        """Interprets and records one scan; committed before it returns."""
        with self._lock:
            return scanning.record_scan(self._uow(), self.desk, order, user, scan.data, scan.symbology)

    def acknowledge(self, order: str, user: Packer) -> ScanResult:
        """ACK by key: lifts the lock after a mis-scan."""
        with self._lock:
            return scanning.acknowledge(self._uow(), self.desk, order, user)

    def undo_last_scan(self, order: str, user: Packer) -> ScanResult:
        """UNDO by key: removes the last accepted scan of the open parcel."""
        with self._lock:
            return scanning.undo_last_scan(self._uow(), self.desk, order, user)

    def suggested_box(self, order: str) -> BoxSuggestion | None:
        """The box suggested for the units in the open parcel (None when nothing fits)."""
        with self._lock:
            return parcels.suggested_box(self._uow(), self.desk, order)

    def choose_box(self, order: str, box_barcode: str, reason: str | None = None,
                   user: Packer | None = None) -> BoxChoice:
        """Takes a box for the open parcel; another than the suggestion needs a reason."""
        with self._lock:
            return parcels.choose_box(self._uow(), self.desk, order, box_barcode, reason, user)

    def close_parcel(self, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
        """CLOSE BOX: weight check, SSCC, tracking number, label version 1 (pending)."""
        with self._lock:
            return parcels.close_parcel(self._uow(), self.desk, order, user, weight_g)

    def record_label_result(self, label_id: int, ok: bool, printer: str, message: str = "",
                            printed: tuple[PrintJob, ...] = ()) -> LabelState:
        """What the printer said: printed only when ok; a failed label stays retryable; the jobs
        the printer took (the label version, then its slip) are kept in the order's archive."""
        with self._lock:
            return labels.record_label_result(self._uow(), self.desk, label_id, ok, printer, message, printed)

    def label_request(self, label_id: int) -> LabelRequest:
        """The data of an existing label version (to retry a pending or failed one)."""
        return labels.label_request(self._uow(), self.desk, label_id)

    def reprint_label(self, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
        """REPRINT: a new label version; the previous one is recorded as reprinted with the reason."""
        with self._lock:
            return labels.reprint_label(self._uow(), self.desk, parcel_id, reason, user)

    def confirm_label(self, order: str, scanned: str, user: Packer | None = None) -> LabelConfirmation:
        """A label scanned back on its parcel; all confirmed -> packed, lease released."""
        with self._lock:
            return labels.confirm_label(self._uow(), self.desk, order, scanned, user)

    def report_problem(self, order: str, kind: str, reason: str, user: Packer) -> ProblemReported:
        """PROBLEM: the order goes on hold with a PackException; the station is free."""
        with self._lock:
            return problems.report_problem(self._uow(), self.desk, order, kind, reason, user)

    def ship_partial(self, order: str, supervisor_badge: str, user: Packer,
                     reason: Reason | None = None) -> PartialShipment:
        """A supervisor's badge or PIN approves shipping what is packed, for a reason; the rest is backordered."""
        with self._lock:
            return problems.ship_partial(self._uow(), self.desk, order, supervisor_badge, user, reason)

    def renew_lease(self, order: str) -> datetime:
        """Extends the station's lease on the order; returns the new expiry."""
        return claim.renew_lease(self._uow(), self.desk, order)

    def release(self, order: str, user: Packer | None = None) -> None:
        """The station lets go of an unfinished order (back to picked, scans kept)."""
        with self._lock:
            claim.release(self._uow(), self.desk, order, user)

