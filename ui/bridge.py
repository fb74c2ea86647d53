"""The one bridge between the station core (app/station, on its own thread) and the screens:
inputs from scanners and touches are posted to the core; every snapshot the core publishes
comes back to the GUI thread through a queued signal and is re-emitted as the signals the
screens listen to, for the parts that changed. The bridge decides nothing."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from app.packing.api import HomeSummary, Packer, PackSnapshot
from app.ports import DeviceStatus, Scan
from app.station.runner import StationRunner
from app.station.state import OfflineState, PrintState, Question, QuestionKind, StationSnapshot
from ui.sounds import Sounds

log = logging.getLogger(__name__)


class StationBridge(QObject):
    """The station as the screens see it: the latest snapshot, change signals, and inputs."""

    step_changed = Signal(str)  # the screen in front: a step, or the open question's kind
    user_changed = Signal(object)  # Packer | None
    pack_changed = Signal(object)  # PackSnapshot | None
    home_changed = Signal(object)  # HomeSummary
    scan_done = Signal(object)  # ScanResult
    lock_changed = Signal(object)  # message while locked, None when free
    message = Signal(str, str)  # text, level: info | ok | error
    question_changed = Signal(object)  # Question | None
    weigh_changed = Signal(str, bool)  # text, error
    print_changed = Signal(object)  # PrintState
    device_changed = Signal(object)  # DeviceStatus
    supervisor_changed = Signal(object)  # who opened the device settings, or None
    test_scan = Signal(object)  # Scan read during the device screen's scan test
    exit_authorised = Signal(str)
    picking_changed = Signal(object)  # PickingSnapshot | None: the picker screen
    offline_changed = Signal(object)  # OfflineState | None: "offline: N events waiting" (issue 17)
    applied = Signal()  # a snapshot has been applied (tests, benchmarks)
    _published = Signal(object)  # from the core's thread to the GUI thread

    def __init__(self, runner: StationRunner, sounds: Sounds, initial: StationSnapshot,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.sounds = runner, sounds
        self.snapshot = initial
        self._undelivered = 0
        self._silenced = False  # silence(): the screens are gone, snapshots are only counted
        self._lock = threading.Lock()
        self._published.connect(self._apply, Qt.ConnectionType.QueuedConnection)
        runner.subscribe(self._from_core)
        # screens that read a scan themselves while they are in front (the admin's USERS page:
        # scan a badge to find its user); each returns True when it took the scan
        self.scan_takers: list[Callable[[Scan], bool]] = []

    # --- what the screens read -------------------------------------------------------------

    @property
    def step(self) -> str:
        """The screen in front (login, home, pack, weigh, print, confirm, devices, or a question)."""
        return self.snapshot.screen

    @property
    def user(self) -> Packer | None:
        """Who is logged in."""
        return self.snapshot.user

    @property
    def pack(self) -> PackSnapshot | None:
        """The open order."""
        return self.snapshot.pack

    @property
    def summary(self) -> HomeSummary | None:
        """The home screen's figures."""
        return self.snapshot.home

    @property
    def locked(self) -> str | None:
        """The mis-scan message while the station waits for ACK."""
        return self.snapshot.lock

    @property
    def question(self) -> Question | None:
        """The open question."""
        return self.snapshot.question

    @property
    def offline(self) -> OfflineState | None:
        """The offline journal's state; None while online with nothing waiting."""
        return self.snapshot.offline

    @property
    def station_code(self) -> str:
        """This station's code."""
        return self.snapshot.station_code

    @property
    def device_states(self) -> dict[str, DeviceStatus]:
        """Each device's last known state by name."""
        return {status.device: status for status in self.snapshot.devices}

    @property
    def pending(self) -> int:
        """Inputs whose outcome has not been shown yet (0: the screens show everything)."""
        return self.runner.pending + self._undelivered

    # --- snapshots from the core ----------------------------------------------------------

    def _from_core(self, snapshot: StationSnapshot) -> None:
        """On the core's thread: hand the snapshot to the GUI thread."""
        with self._lock:
            self._undelivered += 1
        self._published.emit(snapshot)

    def silence(self) -> None:
        """The window is closing: snapshots still on their way change nothing on screen (its
        widgets may be deleted while the core ends off the GUI thread)."""
        self._silenced = True

    def _apply(self, new: StationSnapshot) -> None:
        old, self.snapshot = self.snapshot, new
        try:
            if not self._silenced:
                self._emit_changes(old, new)
        finally:
            with self._lock:
                self._undelivered -= 1
            self.applied.emit()

    def _emit_changes(self, old: StationSnapshot, new: StationSnapshot) -> None:
        if new.user != old.user:
            self.user_changed.emit(new.user)
        if new.home is not None and new.home != old.home:
            self.home_changed.emit(new.home)
        before = {d.device: d for d in old.devices}
        for status in new.devices:
            if before.get(status.device) != status:
                self.device_changed.emit(status)
        if new.pack != old.pack:
            self.pack_changed.emit(new.pack)
        if new.lock != old.lock:
            self.lock_changed.emit(new.lock)
        if new.printing is not None and new.printing != old.printing:
            self.print_changed.emit(new.printing)
        if new.weighing is not None and new.weighing != old.weighing:
            self.weigh_changed.emit(new.weighing.text, new.weighing.error)
        if new.question != old.question:
            self.question_changed.emit(new.question)
        if new.screen != old.screen:
            self.step_changed.emit(new.screen)
        if new.scan is not None and new.scan != old.scan:
            self.scan_done.emit(new.scan.result)
        if new.message is not None and new.message != old.message:
            if new.message.sound is not None:
                self.sounds.play(new.message.sound.value)
            if new.message.text:
                self.message.emit(new.message.text, new.message.level.value)
        if new.supervisor != old.supervisor:
            self.supervisor_changed.emit(new.supervisor)
        if new.test_scan is not None and new.test_scan != old.test_scan:
            self.test_scan.emit(new.test_scan.scan)
        if new.picking != old.picking:
            self.picking_changed.emit(new.picking)
        if new.offline != old.offline:
            self.offline_changed.emit(new.offline)
        if new.exit_authorised_by and new.exit_authorised_by != old.exit_authorised_by:
            self.exit_authorised.emit(new.exit_authorised_by)

    # --- input: posted to the core, never waited for ---------------------------------------

    def handle_scan(self, scan: Scan) -> None:
        """Every scan, from every scanner (a screen in front that reads scans itself first)."""
        if any(take(scan) for take in self.scan_takers):
            return
        self.runner.call("scan", scan)

    def device_status(self, status: DeviceStatus) -> None:
        """A scanner reported its state."""
        self.runner.call("device_status", status)

    def touch(self) -> None:
        """Activity on the screen: the idle logout starts counting again."""
        self.runner.call("touch")

    def acknowledge(self) -> None:
        """ACK by key or touch."""
        self.runner.call("acknowledge")

    def short_pick(self) -> None:
        """SHORT by touch on the picker screen."""
        self.runner.call("short_pick")

    def undo(self) -> None:
        """UNDO by touch."""
        self.runner.call("undo")

    def next_order(self) -> None:
        """NEXT by touch."""
        self.runner.call("next_order")

    def logout(self) -> None:
        """LOG OUT by touch."""
        self.runner.call("logout")

    def close_box(self) -> None:
        """CLOSE BOX or WEIGH AGAIN by touch."""
        self.runner.call("close_box")

    def back_to_packing(self) -> None:
        """BACK TO PACKING from the weigh screen."""
        self.runner.call("back_to_packing")

    def retry_print(self) -> None:
        """RETRY a failed label."""
        self.runner.call("retry_print")

    def print_on_other_printer(self) -> None:
        """The failed label on the station's document printer."""
        self.runner.call("print_on_other_printer")

    def ask(self, kind: str) -> None:
        """Open a question by touch: problem, reprint, partial or exit."""
        self.runner.call("ask", QuestionKind(kind))

    def answer(self, code: str) -> None:
        """A reason chosen by touch or number key."""
        self.runner.call("answer", code)

    def cancel_question(self) -> None:
        """CANCEL the open question."""
        self.runner.call("cancel_question")

    def authorise(self, badge_or_pin: str) -> None:
        """A typed supervisor PIN (exit, partial shipment, device settings)."""
        self.runner.call("authorise", badge_or_pin)

    def refresh_home(self) -> None:
        """Reload the home figures."""
        self.runner.call("refresh_home")

    def open_device_settings(self) -> None:
        """DEVICES on the home screen."""
        self.runner.call("open_device_settings")

    def leave_device_settings(self) -> None:
        """BACK on the device screen."""
        self.runner.call("leave_device_settings")

    def check_device_soon(self, name: str) -> None:
        """Check a device again now (after a test of it)."""
        self.runner.call("check_device_soon", name)

    def set_idle_timeout(self, seconds: float) -> None:
        """Change the idle logout (tests)."""
        self.runner.call("set_idle_timeout", seconds)

    def idle_logout(self) -> None:
        """Log out now as the idle timeout does."""
        self.runner.call("logout", "Logged out after being idle.", True)


__all__ = ["StationBridge", "PrintState"]
