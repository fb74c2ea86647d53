"""The station's session: who is logged in, which order is open, what a scan means now.

It runs ONLY on the database worker thread, so every scan is interpreted against the state
left by the scan before it, one at a time, in arrival order. Each call returns an event (a
plain dataclass) that the GUI thread applies to the screens."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.commands import Command, command_for
from app.errors import PackdeskError
from app.packing.api import (
    BoxChoice, HomeSummary, LabelRequest, LabelState, PackingApi, Packer, PackSnapshot,
    ParcelClosed, PartialShipment, ProblemReported, ScanResult,
)
from app.ports import Scan

log = logging.getLogger(__name__)

SUPERVISOR_ROLES = ("supervisor", "admin")


@dataclass(frozen=True)
class LoggedIn:
    user: Packer
    summary: HomeSummary
    pack: PackSnapshot | None  # an order this station still held: resumed


@dataclass(frozen=True)
class LoggedOut:
    message: str


@dataclass(frozen=True)
class HomeShown:
    summary: HomeSummary
    message: str = ""
    error: bool = False


@dataclass(frozen=True)
class PackShown:
    pack: PackSnapshot
    message: str = ""


@dataclass(frozen=True)
class Scanned:
    result: ScanResult


@dataclass(frozen=True)
class BoxChosen:
    choice: BoxChoice
    pack: PackSnapshot


@dataclass(frozen=True)
class Closed:
    closed: ParcelClosed


@dataclass(frozen=True)
class LabelToPrint:
    request: LabelRequest


@dataclass(frozen=True)
class LabelRecorded:
    state: LabelState
    pack: PackSnapshot


@dataclass(frozen=True)
class ProblemDone:
    problem: ProblemReported
    summary: HomeSummary


@dataclass(frozen=True)
class PartialDone:
    partial: PartialShipment


@dataclass(frozen=True)
class ExitAuthorised:
    by: str


@dataclass(frozen=True)
class Refused:
    """A scan or action that did nothing; the message says why and what to do."""

    message: str
    lock: bool = False  # an error the packer must acknowledge
    data: str = ""


class StationSession:
    """State and routing of one station; every method runs on the database worker."""

    def __init__(self, service: PackingApi) -> None:
        self.service = service
        self.user: Packer | None = None
        self.order: str | None = None
        self.expecting: str | None = None  # "partial" or "exit": the next scan is a supervisor badge
        self.exit_checker: Any = None  # callable(badge_or_pin) -> str | None (who authorised)

    # --- scans ---------------------------------------------------------------------------

    def handle(self, scan: Scan) -> object:
        """What this scan means now, carried out."""
        try:
            return self._route(scan)
        except PackdeskError as exc:
            return Refused(str(exc), lock=self.order is not None, data=scan.data)

    def _route(self, scan: Scan) -> object:
        if self.expecting == "exit":
            return self.authorise_exit(scan.data)
        if self.user is None:
            return self.login(scan.data)
        if self.expecting == "partial" and self.order:
            return self.ship_partial(scan.data)
        command = command_for(scan.data)
        if self.order is None:
            if command is Command.LOGOUT:
                return self.logout()
            if command is Command.NEXT:
                return self.next_order()
            if command is not None:
                return Refused(f"{command.label} does nothing on the home screen: scan an order, "
                               "a tote or NEXT.", data=scan.data)
            return self.start(scan.data)
        result = self.service.record_scan(self.order, self.user, scan)
        self._follow(result.pack)
        return Scanned(result)

    # --- people --------------------------------------------------------------------------

    def login(self, badge: str) -> object:
        """A badge logs in and resumes any order this station still holds."""
        user = self.service.login(badge)
        self.user = user
        pack = self.service.resume_open_pack(user)
        self.order = pack.order_number if pack else None
        return LoggedIn(user, self.service.home_summary(user), pack)

    def logout(self, reason: str = "Logged out.") -> object:
        """The packer leaves; an open pack stays claimed for resume."""
        if self.user is not None:
            self.service.logout(self.user, reason)
        self.user, self.order, self.expecting = None, None, None
        return LoggedOut(reason)

    def authorise_exit(self, badge_or_pin: str) -> object:
        """A supervisor's badge (or PIN) allows the kiosk to close."""
        who = self.exit_checker(badge_or_pin) if self.exit_checker else None
        if who is None:  # still waiting for a supervisor
            return Refused("That is not a supervisor's badge or PIN: the station stays open.")
        self.expecting = None
        return ExitAuthorised(who)

    def expect(self, what: str | None) -> None:
        """The next scan is a supervisor badge for "partial" or "exit" (None: back to normal)."""
        self.expecting = what

    # --- home ----------------------------------------------------------------------------

    def summary(self) -> object:
        """The home screen's figures."""
        assert self.user is not None
        return HomeShown(self.service.home_summary(self.user))

    def next_order(self) -> object:
        """NEXT: claim the next order of the queue."""
        assert self.user is not None
        pack = self.service.start_next(self.user)
        if pack is None:
            return HomeShown(self.service.home_summary(self.user), "The queue is empty: nothing to pack.")
        self.order = pack.order_number
        return PackShown(pack)

    def start(self, ref: str) -> object:
        """An order number, tote or pick list scanned at home."""
        assert self.user is not None
        try:
            pack = self.service.start_pack(self.user, ref)
        except PackdeskError as exc:
            return HomeShown(self.service.home_summary(self.user), str(exc), error=True)
        self.order = pack.order_number
        return PackShown(pack)

    # --- the pack ------------------------------------------------------------------------

    def acknowledge(self) -> object:
        """ACK by key or touch."""
        return self._pack_call(lambda o, u: Scanned(self._followed(self.service.acknowledge(o, u))))

    def undo(self) -> object:
        """UNDO by key or touch."""
        return self._pack_call(lambda o, u: Scanned(self._followed(self.service.undo_last_scan(o, u))))

    def choose_box(self, barcode: str, reason: str | None) -> object:
        """A box (with the reason when it is not the suggested one)."""
        def call(order: str, user: Packer) -> object:
            choice = self.service.choose_box(order, barcode, reason, user)
            return BoxChosen(choice, self.service.snapshot(order))
        return self._pack_call(call)

    def close_parcel(self, weight_g: int | None) -> object:
        """CLOSE BOX, with the scale's stable weight when there is a scale."""
        return self._pack_call(lambda o, u: Closed(self.service.close_parcel(o, u, weight_g)))

    def label_request(self, label_id: int) -> object:
        """The data of a pending or failed label, to retry it."""
        return LabelToPrint(self.service.label_request(label_id))

    def reprint(self, parcel_id: int, reason: str) -> object:
        """REPRINT with a reason: a new label version."""
        return self._pack_call(lambda o, u: LabelToPrint(self.service.reprint_label(parcel_id, reason, u)))

    def record_label(self, label_id: int, ok: bool, printer: str, message: str) -> object:
        """What the printer said about a label."""
        state = self.service.record_label_result(label_id, ok, printer, message)
        assert self.order is not None
        return LabelRecorded(state, self.service.snapshot(self.order))

    def report_problem(self, kind: str, reason: str) -> object:
        """PROBLEM: the order goes on hold; the station is free."""
        def call(order: str, user: Packer) -> object:
            problem = self.service.report_problem(order, kind, reason, user)
            self.order = None
            return ProblemDone(problem, self.service.home_summary(user))
        return self._pack_call(call)

    def ship_partial(self, supervisor_badge: str) -> object:
        """A supervisor's badge approves a partial shipment."""
        done = self._pack_call(lambda o, u: PartialDone(self.service.ship_partial(o, supervisor_badge, u)))
        if isinstance(done, PartialDone):
            self.expecting = None
        return done

    def renew_lease(self) -> None:
        """Keep the lease on the open order alive."""
        if self.order:
            self.service.renew_lease(self.order)

    def _pack_call(self, call: Any) -> object:
        if self.order is None or self.user is None:
            return Refused("No order is open at this station.")
        try:
            return call(self.order, self.user)
        except PackdeskError as exc:
            return Refused(str(exc))

    def _followed(self, result: ScanResult) -> ScanResult:
        self._follow(result.pack)
        return result

    def _follow(self, pack: PackSnapshot | None) -> None:
        """After a scan: the order stays open unless the pack finished (label confirmations)."""
        if pack is None or pack.status in ("packed", "on_hold", "picked"):
            self.order = None
