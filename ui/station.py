"""The station controller on the GUI thread: takes scans from the inbox and touches from the
screens, hands them to the session on the database worker, and applies the events that
come back (one `pack_changed` signal every screen listens to)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.packing.api import HomeSummary, LabelRequest, Packer, PackSnapshot, ScanOutcome
from app.ports import DeviceState, DeviceStatus, Scan
from ui import session as ev
from ui.devices import StationDevices
from ui.documents import render_documents
from ui.sounds import Sounds
from ui.workers import Worker

log = logging.getLogger(__name__)

LOGIN, HOME, PACK, WEIGH, PRINT, CONFIRM = "login", "home", "pack", "weigh", "print", "confirm"


@dataclass(frozen=True)
class PrintState:
    """Where printing of a parcel's label and slip stands."""

    parcel_seq: int
    label_id: int | None
    ok: bool | None  # None while printing
    message: str


class Station(QObject):
    """One station's behaviour; screens subscribe to its signals."""

    step_changed = Signal(str)
    user_changed = Signal(object)  # Packer | None
    pack_changed = Signal(object)  # PackSnapshot | None
    home_changed = Signal(object)  # HomeSummary
    scan_done = Signal(object)  # ScanResult
    lock_changed = Signal(object)  # message while locked, None when free
    message = Signal(str, str)  # text, level: info | ok | error
    box_reason_needed = Signal(object, str)  # BoxChoice, the box barcode scanned
    weigh_changed = Signal(str, bool)  # text, error
    print_changed = Signal(object)  # PrintState
    device_changed = Signal(object)  # DeviceStatus
    exit_authorised = Signal(str)
    applied = Signal()  # an event from the worker has been applied (benchmarks, tests)

    def __init__(self, session: ev.StationSession, db_worker: Worker, device_worker: Worker,
                 devices: StationDevices, sounds: Sounds, idle_timeout_s: int = 600,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.db = db_worker
        self.io = device_worker
        self.devices = devices
        self.sounds = sounds
        self.step = LOGIN
        self.user: Packer | None = None
        self.pack: PackSnapshot | None = None
        self.summary: HomeSummary | None = None
        self.locked: str | None = None
        self.printed_files: list[str] = []
        self.device_states: dict[str, DeviceStatus] = {s.device: s for s in devices.statuses()}
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_timeout_s * 1000)
        self.idle.timeout.connect(self.idle_logout)
        self.lease = QTimer(self)
        self.lease.setInterval(max(10, session.service.settings.lease_seconds // 3) * 1000)
        self.lease.timeout.connect(lambda: self.db.submit(self.session.renew_lease))
        self.db.failed.connect(lambda exc: self._error(f"The station could not finish that: {exc}"))
        self.io.failed.connect(lambda exc: self._error(f"A device failed: {exc}"))

    # --- input ---------------------------------------------------------------------------

    def handle_scan(self, scan: Scan) -> None:
        """Every scan, from every source, comes here (on the GUI thread)."""
        self.touch()
        self.db.submit(self.session.handle, scan, on_done=self.apply)

    def device_status(self, status: DeviceStatus) -> None:
        """A device reported its state."""
        self.device_states[status.device] = status
        self.device_changed.emit(status)

    def touch(self) -> None:
        """Activity: restart the idle timer."""
        if self.user is not None:
            self.idle.start()

    def idle_logout(self) -> None:
        """No activity for the idle timeout: log out (the open pack stays claimed)."""
        if self.user is not None:
            self.db.submit(self.session.logout, "Logged out after being idle.", on_done=self.apply)

    def _call(self, method: object, *args: object) -> None:
        self.touch()
        self.db.submit(method, *args, on_done=self.apply)  # type: ignore[arg-type]

    def acknowledge(self) -> None:
        """ACK by key or touch."""
        self._call(self.session.acknowledge)

    def undo(self) -> None:
        """UNDO by key or touch."""
        self._call(self.session.undo)

    def next_order(self) -> None:
        """NEXT by touch."""
        self._call(self.session.next_order)

    def logout(self) -> None:
        """LOGOUT by touch."""
        self._call(self.session.logout)

    def choose_box(self, barcode: str, reason: str | None = None) -> None:
        """A box chosen by touch, or the reason for a box that is not the suggestion."""
        self._call(self.session.choose_box, barcode, reason)
        self._box_barcode = barcode

    def close_box(self) -> None:
        """CLOSE BOX: weigh (when there is a scale) then close the parcel and print."""
        self.touch()
        if self.devices.scale is None:
            self.db.submit(self.session.close_parcel, None, on_done=self.apply)
            return
        self._set_step(WEIGH)
        self.weigh_changed.emit("Put the parcel on the scale and keep it still...", False)
        self.io.submit(self.devices.read_stable_weight, on_done=self._weighed, on_error=self._weigh_failed)

    def _weighed(self, grams: int) -> None:
        self.weigh_changed.emit(f"{grams} g - checking...", False)
        self.db.submit(self.session.close_parcel, grams, on_done=self.apply)

    def _weigh_failed(self, exc: BaseException) -> None:
        self.sounds.play("error")
        self.weigh_changed.emit(f"No stable weight: {exc}. Check the scale and press WEIGH AGAIN.", True)

    def retry_print(self) -> None:
        """RETRY a label that failed (same version: never a second label for one parcel)."""
        pending = self.pack.pending_labels if self.pack else ()
        if pending:
            self._call(self.session.label_request, pending[0].label_id)

    def reprint(self, reason: str) -> None:
        """REPRINT the current parcel's label with a reason."""
        parcel = self._last_closed_parcel()
        if parcel is None:
            self._error("There is no closed parcel to reprint a label for.")
            return
        self._call(self.session.reprint, parcel, reason)

    def report_problem(self, kind: str, reason: str) -> None:
        """PROBLEM with a reason."""
        self._call(self.session.report_problem, kind, reason)

    def expect_supervisor(self, what: str | None) -> None:
        """The next scan is a supervisor badge for "partial" or "exit" (None cancels)."""
        self.db.submit(self.session.expect, what)

    def authorise_exit(self, badge_or_pin: str) -> None:
        """A typed PIN (or badge) to allow closing the kiosk."""
        self._call(self.session.authorise_exit, badge_or_pin)

    def refresh_home(self) -> None:
        """Reload the home figures."""
        if self.user is not None:
            self.db.submit(self.session.summary, on_done=self.apply)

    # --- events from the worker -----------------------------------------------------------

    def apply(self, event: object) -> None:
        """Apply one event from the session to the screens."""
        handler = getattr(self, f"_on_{type(event).__name__}", None)
        if handler is None:
            log.debug("no handler for %r", event)
        else:
            handler(event)
        self.applied.emit()

    def _on_LoggedIn(self, e: ev.LoggedIn) -> None:
        self.user = e.user
        self.user_changed.emit(e.user)
        self.idle.start()
        self._show_home(e.summary)
        if e.pack is not None:
            self._show_pack(e.pack)
            self.message.emit(f"Resumed order {e.pack.order_number} with every scan kept.", "info")
            if e.pack.pending_labels:
                self._set_step(PRINT)
                self.print_changed.emit(PrintState(e.pack.current_parcel_seq, e.pack.pending_labels[0].label_id,
                                                   False, "This label was not printed before the restart: press RETRY."))
            elif e.pack.unconfirmed_parcels:
                self._set_step(CONFIRM)
        self.message.emit(f"Hello {e.user.display_name}.", "ok")

    def _on_LoggedOut(self, e: ev.LoggedOut) -> None:
        self.user, self.pack, self.locked = None, None, None
        self.idle.stop()
        self.lease.stop()
        self.lock_changed.emit(None)
        self.user_changed.emit(None)
        self.pack_changed.emit(None)
        self._set_step(LOGIN)
        self.message.emit(e.message, "info")

    def _on_HomeShown(self, e: ev.HomeShown) -> None:
        self._show_home(e.summary)
        if e.message:
            self.sounds.play("error" if e.error else "accept")
            self.message.emit(e.message, "error" if e.error else "info")

    def _on_PackShown(self, e: ev.PackShown) -> None:
        self.sounds.play("accept")
        self._show_pack(e.pack)
        self.message.emit(e.message or f"Order {e.pack.order_number}: scan every unit.", "ok")

    def _on_Scanned(self, e: ev.Scanned) -> None:
        r = e.result
        if r.is_error:
            self.sounds.play("lock")
        elif r.outcome in (ScanOutcome.ACCEPTED, ScanOutcome.ACKNOWLEDGED, ScanOutcome.UNDONE, ScanOutcome.BOX):
            self.sounds.play("accept")
        elif r.outcome in (ScanOutcome.LOCKED, ScanOutcome.NOTHING_TO_UNDO):
            self.sounds.play("error")
        if r.pack is not None:
            self._show_pack(r.pack)
        self.scan_done.emit(r)
        self.message.emit(r.message, "error" if r.is_error or r.outcome is ScanOutcome.LOCKED else "ok")
        if r.box is not None and r.box.needs_reason:
            self.box_reason_needed.emit(r.box, r.data)
        if r.confirmation is not None and r.confirmation.ok:
            if r.confirmation.all_confirmed:
                self.sounds.play("done")
                self._free("Order packed: ready for shipment.")
            elif self.pack is not None:
                self._set_step(PACK)
        if r.command is not None:
            self._command(r.command.name)

    def _command(self, name: str) -> None:
        if name == "CLOSE_BOX":
            self.close_box()
        elif name == "LOGOUT":
            self.logout()
        elif name == "PROBLEM":
            self.message.emit("PROBLEM: choose what is wrong.", "info")
            self._set_step("problem")
        elif name == "REPRINT":
            self._set_step("reprint")

    def _on_BoxChosen(self, e: ev.BoxChosen) -> None:
        self.sounds.play("accept" if e.choice.accepted else "error")
        self._show_pack(e.pack)
        self.message.emit(e.choice.message, "ok" if e.choice.accepted else "error")
        if e.choice.needs_reason and not e.choice.accepted:
            self.box_reason_needed.emit(e.choice, getattr(self, "_box_barcode", ""))

    def _on_Closed(self, e: ev.Closed) -> None:
        c = e.closed
        if c.pack is not None:
            self._show_pack(c.pack)
        if not c.ok:
            self.sounds.play("lock")
            self._set_step(WEIGH)
            self.weigh_changed.emit(c.message, True)
            return
        if c.label is not None:
            self._print(c.label)

    def _on_LabelToPrint(self, e: ev.LabelToPrint) -> None:
        self._print(e.request)

    def _print(self, request: LabelRequest) -> None:
        self._set_step(PRINT)
        self.print_changed.emit(PrintState(request.parcel_seq, request.label_id, None,
                                           f"Printing label and packing slip for parcel {request.parcel_seq}..."))
        self.io.submit(self._print_job, request, on_done=self._printed)

    def _print_job(self, request: LabelRequest) -> tuple[LabelRequest, bool, str, str, list[str]]:
        """On the devices worker: render, send, and say what the printers answered."""
        label, slip = render_documents(request)
        result = self.devices.print_label(label)
        files: list[str] = []
        if result.ok and slip is not None and request.version == 1:
            slip_result = self.devices.print_document(slip)
            if not slip_result.ok:
                log.warning("packing slip for %s failed: %s", request.order_number, slip_result.message)
        files = [d.get("path", "") for d in (result.details,) if d.get("path")]
        return request, result.ok, result.address, result.message, files

    def _printed(self, outcome: tuple[LabelRequest, bool, str, str, list[str]]) -> None:
        request, ok, address, text, files = outcome
        self.printed_files.extend(files)
        if not ok:
            self.sounds.play("error")
        self.print_changed.emit(PrintState(request.parcel_seq, request.label_id, ok,
                                           "Label printed: scan it on the parcel." if ok else
                                           f"The label printer at {address} failed: {text}. Fix it and press RETRY."))
        self.db.submit(self.session.record_label, request.label_id, ok, address, text, on_done=self.apply)

    def _on_LabelRecorded(self, e: ev.LabelRecorded) -> None:
        self._show_pack(e.pack)
        if e.state.status == "printed":
            self._set_step(CONFIRM)

    def _on_ProblemDone(self, e: ev.ProblemDone) -> None:
        self.sounds.play("accept")
        self._free(e.problem.message, e.summary)

    def _on_PartialDone(self, e: ev.PartialDone) -> None:
        self.sounds.play("accept")
        if e.partial.pack is not None:
            self._show_pack(e.partial.pack)
        self._set_step(PACK)
        self.message.emit(e.partial.message, "ok")

    def _on_ExitAuthorised(self, e: ev.ExitAuthorised) -> None:
        self.exit_authorised.emit(e.by)

    def _on_Refused(self, e: ev.Refused) -> None:
        self._error(e.message)

    # --- helpers --------------------------------------------------------------------------

    def _show_home(self, summary: HomeSummary) -> None:
        self.summary = summary
        self.home_changed.emit(summary)
        if self.pack is None:
            self._set_step(HOME)

    def _show_pack(self, pack: PackSnapshot) -> None:
        self.pack = pack
        if not self.lease.isActive():
            self.lease.start()
        if self.step in (LOGIN, HOME):
            self._set_step(PACK)
        lock = pack.lock_message if pack.locked else None
        if lock != self.locked:
            self.locked = lock
            self.lock_changed.emit(lock)
        self.pack_changed.emit(pack)

    def _free(self, text: str, summary: HomeSummary | None = None) -> None:
        self.pack, self.locked = None, None
        self.lease.stop()
        self.lock_changed.emit(None)
        self.pack_changed.emit(None)
        self._set_step(HOME)
        self.message.emit(text, "ok")
        if summary is not None:
            self._show_home(summary)
        else:
            self.refresh_home()

    def _last_closed_parcel(self) -> int | None:
        if self.pack is None:
            return None
        closed = [p for p in self.pack.parcels if p.status in ("closed", "confirmed")]
        return closed[-1].parcel_id if closed else None

    def _set_step(self, step: str) -> None:
        if step != self.step:
            self.step = step
            self.step_changed.emit(step)

    def _error(self, text: str) -> None:
        self.sounds.play("error")
        self.message.emit(text, "error")

    def shutdown(self) -> None:
        """Stop timers; the composition root stops workers and devices."""
        self.idle.stop()
        self.lease.stop()


def monotonic_ms_since(scan: Scan) -> float:
    """Milliseconds since the scan's terminator arrived."""
    return (time.monotonic() - scan.received_at) * 1000


__all__ = ["Station", "PrintState", "DeviceState"]
