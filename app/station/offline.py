"""The station packs on through a central-database outage (issue 17; docs/operations.md, "Offline").

`OfflineCapable` is the PackingApi the core talks to when `[station] offline_buffer` is set: it
passes every call to the central PackingService while the database answers, and keeps the
offline journal provisioned (orders leased in advance, reserved SSCC and S10 blocks, a copy of
each order this station holds). When a call finds the database gone (DatabaseUnavailable, on
the station thread) it switches to the journal by itself and answers the same call from it:
the open pack and the orders this station holds go on (scans, parcels, labels, printing); NEXT
takes only leased orders. The station's database check (its own thread) keeps trying the
database; when it answers, the core calls `back_online` on the station thread, which replays
the journal a few events at a time (the count on screen goes down) and then switches back.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from app.commands import Command
from app.errors import DatabaseUnavailable, PackdeskError
from app.packing.api import (
    BoxChoice, BoxSuggestion, HomeSummary, LabelConfirmation, LabelRequest, LabelState, Packer, PackSnapshot,
    ParcelClosed, PartialShipment, ProblemReported, ScanResult,
)
from app.packing.desk import Desk
from app.packing.offline import OfflineCopy, OfflinePack, detached, printed_payload, replay_with, take_copy
from app.packing.offline_json import copy_document, copy_from_document, person_document, person_from_document
from app.packing.service import PackingService
from app.ports import PrintJob, Scan
from app.station.state import OfflineState
from app.store.journal import Journal, Numbering, ReplayReport
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)

T = TypeVar("T")
NUMBERS_BLOCK = 50  # SSCC and S10 serials reserved at a time
NUMBERS_LOW = 10  # fewer left: reserve another block while the database is there
REPLAY_TURN = 20  # events replayed per turn of the station thread


class NotOffline(PackdeskError):
    """Something the station cannot do while the central database is away."""


def not_offline(what: str) -> NotOffline:
    return NotOffline(phrase("%(what)s is not possible while the central database cannot be reached: the station "
                             "packs on offline. Carry on with the open order, or wait until the database is back.",
                             what=what))


@dataclass
class Provisioning:
    """How much the station keeps ready for an outage."""

    buffer: int  # orders leased in advance ([station] offline_buffer)
    numbers: int = NUMBERS_BLOCK


class OfflineCapable:
    """PackingApi on the central database, or on the offline journal while it is away."""

    def __init__(self, central: PackingService, db: Database, journal: Journal, provisioning: Provisioning) -> None:
        self.central, self.db, self.journal, self.provisioning = central, db, journal, provisioning
        self.station_code, self.settings = central.station_code, central.settings
        s = central.settings
        journal.numbering = Numbering(s.sscc_extension_digit, s.gs1_company_prefix, s.carrier.s10_service_indicator,
                                      s.carrier.s10_country)
        self.offline = False
        self.reason = ""
        self.packs: dict[str, OfflinePack] = {}
        journal.convert_pickled(copy_document, person_document)  # a journal an older station kept
        self.waiting = journal.waiting()
        self.last_replay: ReplayReport | None = None
        self._hold_leased()

    # --- the switch ---------------------------------------------------------------------

    def status(self) -> OfflineState | None:
        """What the screens show: None while online with nothing waiting."""
        if not self.offline and not self.waiting:
            return None
        return OfflineState(self.waiting, self.offline, self.reason)

    def _online_only(self, what: str, online: Callable[[], T]) -> T:
        def offline() -> T:
            raise not_offline(what)
        return self._either(online, offline)

    def _either(self, online: Callable[[], T], offline: Callable[[], T]) -> T:
        if not self.offline:
            try:
                return online()
            except DatabaseUnavailable as exc:
                self._go_offline(exc)
        return offline()

    def _go_offline(self, exc: BaseException) -> None:
        log.warning("the central database cannot be reached: the station packs on into the journal %s (%s)",
                    self.journal.path, exc)
        self.offline, self.reason = True, str(exc)
        for number, pack in self.central.desk.packs.items():  # the latest committed state of each open pack
            copy = self._copy_of(number)
            if copy is not None and number not in self.packs:
                suggested = copy.pack.base.suggested_box  # an order not opened yet has it from take_copy only
                copy.pack = detached(pack)
                if copy.pack.base.suggested_box is None:
                    copy.pack.base = replace(copy.pack.base, suggested_box=suggested)
                self.journal.keep_copy(number, copy_document(copy))
        self.central.desk.packs.clear()  # online again, every pack is read afresh

    def back_online(self) -> list[str] | None:
        """The database answers again: replay a turn of the journal; once it is empty, switch
        back. None while events still wait (call again on the next turn)."""
        if not self.offline and not self.waiting:
            return None
        apply = replay_with(Desk(self.station_code, self.settings, self.central.clock))
        try:
            report = self.journal.replay(self.db, apply, limit=REPLAY_TURN)
        except DatabaseUnavailable as exc:
            log.warning("the journal waits: the database went again (%s)", exc)
            return None
        finally:
            self.waiting = self.journal.waiting()
        self._add(report)
        if self.waiting:
            return None
        log.info("the journal is in the central database: the station is online again")
        self.offline, self.reason = False, ""
        self.packs.clear()
        self.central.desk.packs.clear()
        done, self.last_replay = self.last_replay, None
        return done.conflicts if done is not None else []

    def _add(self, report: ReplayReport) -> None:
        total = self.last_replay or ReplayReport()
        total.applied += report.applied
        total.skipped += report.skipped
        total.conflicts += [n for n in report.conflicts if n not in total.conflicts]
        self.last_replay = total

    # --- provisioning (online) ------------------------------------------------------------

    def provision(self) -> None:
        """Tops the leased orders and the reserved numbers up (online, on the station thread)."""
        if self.offline:
            return
        try:
            self.journal.drop_lost(self.db)  # given back by a supervisor while this station was down
            if self.journal.numbers_left() < min(NUMBERS_LOW, self.provisioning.numbers):
                self.journal.reserve(self.db, self.provisioning.numbers)
            for number in self.journal.lease(self.db, self.provisioning.buffer):
                self.central.desk.packs.pop(number, None)
                self._keep(number)
        except DatabaseUnavailable as exc:
            self._go_offline(exc)
        self._hold_leased()

    def _hold_leased(self) -> None:
        self.central.desk.offline_buffer = frozenset(self.journal.leased())

    def _keep(self, number: str) -> None:
        """Keeps a copy of an order this station holds (read while online)."""
        self.journal.keep_copy(number, copy_document(take_copy(self.central._uow(), self.central.desk, number)))

    def release_leases(self) -> list[str]:
        """The station closes for good: leased orders it has not started go back to the queue."""
        if self.offline:
            return []
        try:
            numbers = self.journal.release_leases(self.db)
        except DatabaseUnavailable as exc:
            log.warning("the leased orders stay leased (they expire by themselves): %s", exc)
            return []
        self._hold_leased()
        return numbers

    # --- offline packs ----------------------------------------------------------------------

    def _pack(self, order: str) -> OfflinePack:
        pack = self.packs.get(order)
        if pack is None:
            copy = self._copy_of(order)
            if copy is None:
                raise NotOffline(phrase("Order %(order)s was not kept at this station for offline packing: it cannot "
                                        "be packed until the central database is back.", order=order))
            pack = self.packs[order] = OfflinePack(copy, self.station_code, self.settings)
        return pack

    def _copy_of(self, number: str) -> OfflineCopy | None:
        document = self.journal.copy_of(number)
        return None if document is None else copy_from_document(document)

    @contextmanager
    def _durable(self, pack: OfflinePack) -> Iterator[None]:
        """A step on the copy in memory, then its event and the changed copy in one journal write
        (a restart while offline resumes from exactly what will be replayed). When the write
        fails the copy in memory is ahead of the journal: it is read again on the next step."""
        try:
            yield
        except BaseException:
            self.packs.pop(pack.copy.number, None)
            raise
        finally:
            self.waiting = self.journal.waiting()

    def _opened_offline(self, order: str) -> PackSnapshot:
        pack = self._pack(order)
        self.journal.hold(order)
        return pack.snapshot

    # --- PackingApi -------------------------------------------------------------------------

    def login(self, badge: str) -> Packer:
        def online() -> Packer:
            user = self.central.login(badge)
            self.journal.remember_person(badge, person_document(user))
            self.journal.user = user.username
            return user

        def offline() -> Packer:
            kept = self.journal.person(badge)
            user = None if kept is None else person_from_document(kept)
            if user is None:
                raise NotOffline(phrase("Badge %(badge)s has not logged in at this station before: while the central "
                                        "database cannot be reached, only people who worked here before can log "
                                        "in.", badge=badge))
            self.journal.user = user.username
            return user
        return self._either(online, offline)

    def logout(self, user: Packer, reason: str = "logged out") -> None:
        self._either(lambda: self.central.logout(user, reason), lambda: None)

    def home_summary(self, user: Packer) -> HomeSummary:
        def online() -> HomeSummary:
            self.provision()
            summary = self.central.home_summary(user)
            if not self.waiting:  # (events still waiting may be of an order the database has not seen open)
                self.journal.only_open(summary.open_order)
            return summary
        return self._either(online, lambda: HomeSummary(self.station_code, self.journal.leased_count(), 0, 0, 0, 0,
                                                        None))

    def start_pack(self, user: Packer, ref: str) -> PackSnapshot:
        def online() -> PackSnapshot:
            snap = self.central.start_pack(user, ref)
            self._opened_online(snap)
            return snap
        return self._either(online, lambda: self._opened_offline(ref.strip()))

    def start_next(self, user: Packer) -> PackSnapshot | None:
        def online() -> PackSnapshot | None:
            leased = self.journal.leased()
            snap = self.central.start_pack(user, leased[0]) if leased else self.central.start_next(user)
            if snap is not None:
                self._opened_online(snap)
            return snap

        def offline() -> PackSnapshot | None:
            number = self.journal.next_order()
            return None if number is None else self._opened_offline(number)
        return self._either(online, offline)

    def _opened_online(self, snap: PackSnapshot) -> None:
        pack = self.central.desk.packs.get(snap.order_number)
        self.journal.hold(snap.order_number, pack.order_id if pack else 0)
        self._hold_leased()
        self._keep(snap.order_number)

    def resume_open_pack(self, user: Packer) -> PackSnapshot | None:
        def offline() -> PackSnapshot | None:
            open_ = next((p for p in self.packs.values() if p.copy.number in self._started()), None)
            if open_ is not None:
                return open_.snapshot
            started = self._started()
            return self._pack(started[0]).snapshot if started else None
        return self._either(lambda: self.central.resume_open_pack(user), offline)

    def _started(self) -> list[str]:
        return self.journal.started()

    def snapshot(self, order: str) -> PackSnapshot:
        return self._either(lambda: self.central.snapshot(order), lambda: self._pack(order).snapshot)

    def record_scan(self, order: str, user: Packer, scan: Scan) -> ScanResult:
        def offline() -> ScanResult:
            pack = self._pack(order)
            with self._durable(pack):
                _decision, result = pack.scan(scan.data, scan.symbology, self.journal)  # on the copy, then
                done = result.confirmation is not None and result.confirmation.all_confirmed
                self.journal.scan(order, scan.data, scan.symbology, user.username,  # durable before it is shown
                                  copy=None if done else copy_document(pack.copy), finished=done)
            if done:
                self.packs.pop(order, None)
            return result
        return self._either(lambda: self.central.record_scan(order, user, scan), offline)

    def acknowledge(self, order: str, user: Packer) -> ScanResult:
        return self.record_scan(order, user, Scan(Command.ACK.value))

    def undo_last_scan(self, order: str, user: Packer) -> ScanResult:
        return self.record_scan(order, user, Scan(Command.UNDO.value))

    def suggested_box(self, order: str) -> BoxSuggestion | None:
        return self._either(lambda: self.central.suggested_box(order), lambda: None)

    def choose_box(self, order: str, box_barcode: str, reason: str | None = None,
                   user: Packer | None = None) -> BoxChoice:
        def offline() -> BoxChoice:  # on the copy; the box goes into the journal with CLOSE BOX
            pack = self._pack(order)
            with self._durable(pack):
                choice = pack.choose_box(box_barcode, reason)
                if choice.accepted:
                    self.journal.keep_copy(order, copy_document(pack.copy))
            return choice
        return self._either(lambda: self.central.choose_box(order, box_barcode, reason, user), offline)

    def close_parcel(self, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
        def offline() -> ParcelClosed:
            pack = self._pack(order)
            seq = pack.copy.pack.open_parcel_seq
            refused = pack.refusal(seq)
            refused = refused or pack.weight_refusal(seq, weight_g)
            if refused is not None:
                return ParcelClosed(False, order, seq, refused, actual_weight_g=weight_g)
            box = pack.parcel_box()
            closed: list[ParcelClosed] = []
            today = self.central.clock.now().date()

            def with_parcel(code: str, tracking: str) -> dict[str, Any]:
                closed.append(pack.close(code, tracking, weight_g, today))
                return copy_document(pack.copy)
            with self._durable(pack):
                self.journal.close_parcel(order, weight_g, user.username, with_parcel, box=box.code if box else None)
            return closed[0]
        return self._either(lambda: self.central.close_parcel(order, user, weight_g), offline)

    def record_label_result(self, label_id: int, ok: bool, printer: str, message: str = "",
                            printed: tuple[PrintJob, ...] = ()) -> LabelState:
        if label_id < 0:  # made offline: it stays the journal's, even once the database is back
            pack = self._offline_label(label_id)
            with self._durable(pack):
                state, printed_now = pack.label_result(label_id, ok, printer, message)
                if printed_now:  # the jobs the printer took go with it: archived when the journal syncs
                    self.journal.label_printed(pack.copy.number, pack.label_request(label_id).sscc, printer,
                                               printed_payload(printed), copy=copy_document(pack.copy))
                else:
                    self.journal.keep_copy(pack.copy.number, copy_document(pack.copy))
            return state

        return self._online_only(phrase("Recording a label made before the outage"),
                                 lambda: self.central.record_label_result(label_id, ok, printer, message, printed))

    def _offline_label(self, label_id: int) -> OfflinePack:
        for pack in self.packs.values():
            if label_id in pack.copy.labels:
                return pack
        raise NotOffline(phrase("The label %(label)s made offline is no longer at this station; REPRINT it once the "
                                "database is back.", label=label_id))

    def label_request(self, label_id: int) -> LabelRequest:
        if label_id < 0:
            return self._offline_label(label_id).label_request(label_id)

        return self._online_only(phrase("Printing a label made before the outage"),
                                 lambda: self.central.label_request(label_id))

    def reprint_label(self, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
        return self._online_only("REPRINT", lambda: self.central.reprint_label(parcel_id, reason, user))

    def confirm_label(self, order: str, scanned: str, user: Packer | None = None) -> LabelConfirmation:
        def offline() -> LabelConfirmation:
            assert user is not None
            result = self.record_scan(order, user, Scan(scanned))
            if result.confirmation is None:
                return LabelConfirmation(False, None, False, "packing", result.message)
            return result.confirmation
        return self._either(lambda: self.central.confirm_label(order, scanned, user), offline)

    def report_problem(self, order: str, kind: str, reason: str, user: Packer) -> ProblemReported:
        return self._online_only("PROBLEM", lambda: self.central.report_problem(order, kind, reason, user))

    def ship_partial(self, order: str, supervisor_badge: str, user: Packer) -> PartialShipment:
        return self._online_only(phrase("A partial shipment"),
                                 lambda: self.central.ship_partial(order, supervisor_badge, user))

    def renew_lease(self, order: str) -> datetime:
        def offline() -> datetime:  # the order is leased for the outage; nothing to renew
            return datetime.now(timezone.utc) + timedelta(seconds=self.settings.lease_seconds)
        return self._either(lambda: self.central.renew_lease(order), offline)

    def release(self, order: str, user: Packer | None = None) -> None:
        self._online_only(phrase("Releasing an order"), lambda: self.central.release(order, user))


@dataclass
class OfflineRecords:
    """The station's records (supervisor approvals, prompt scans) that an outage does not stop:
    a prompt scan is logged, a supervisor is refused (with the reason) until the database is back."""

    records: Any

    def authorise_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str | None:
        try:
            return self.records.authorise_supervisor(badge_or_pin, action, order)  # type: ignore[no-any-return]
        except DatabaseUnavailable as exc:
            log.warning("%s cannot be authorised offline: %s", action, exc)
            return None

    def record_prompt_scan(self, username: str | None, order_number: str | None, data: str,
                           symbology: str | None, outcome: str, message: str) -> int:
        try:
            return self.records.record_prompt_scan(  # type: ignore[no-any-return]
                username, order_number, data, symbology, outcome, message)
        except DatabaseUnavailable:
            log.info("prompt scan %r at %s (offline, not in the database): %s", data, order_number, message)
            return 0

    def demo_badges(self) -> list[tuple[str, str]]:
        return self.records.demo_badges()  # type: ignore[no-any-return]

