"""The station's window: the screens in a stack, the lock overlay, the status bar, the
demo panel; full screen as a kiosk that only a supervisor may close."""
from __future__ import annotations

import logging

from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QWidget

from collections.abc import Callable

from app.packing.api import PROBLEM_KINDS, BoxChoice
from app.packing.reasons import ANSWERED, BOX_REASONS, PROBLEM_REASONS, REFUSED, REPRINT_REASONS, Reason
from app.ports import Scan
from ui.screens.home import HomeScreen
from ui.screens.lock import LockOverlay
from ui.screens.login import LoginScreen
from ui.screens.pack import PackScreen
from ui.screens.prompts import ReasonPrompt, SupervisorPrompt
from ui.screens.steps import ConfirmScreen, PrintScreen, WeighScreen
from ui.station import Station
from ui.readout import Readout
from ui.style import PANEL, STATUS_PT, STYLESHEET

log = logging.getLogger(__name__)
ERROR_TEXT = "#ff8a80"

# record(username, order number, data, symbology, outcome, message) -> scan id (database worker)
PromptScanRecorder = Callable[[str | None, str | None, str, str | None, str, str], int]


class _Central(QWidget):
    """Holds the screens; keeps the lock overlay covering them."""

    overlay: LockOverlay | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        if self.overlay is not None:
            self.overlay.setGeometry(self.rect())
        super().resizeEvent(event)


class StationWindow(QMainWindow):
    """The kiosk window."""

    def __init__(self, station: Station, side_panel: QWidget | None = None,
                 record_prompt_scan: PromptScanRecorder | None = None) -> None:
        super().__init__()
        self.station = station
        self.record_prompt_scan = record_prompt_scan
        self.exit_allowed = False
        self.setWindowTitle(f"Packdesk station {station.session.service.station_code}")
        self.setStyleSheet(STYLESHEET)
        central = _Central()
        row = QHBoxLayout(central)
        row.setContentsMargins(12, 12, 12, 12)
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        if side_panel is not None:
            row.addWidget(side_panel)
        self.side_panel = side_panel
        self.setCentralWidget(central)
        self.screens: dict[str, QWidget] = {
            "login": LoginScreen(station), "home": HomeScreen(station), "pack": PackScreen(station),
            "weigh": WeighScreen(station), "print": PrintScreen(station), "confirm": ConfirmScreen(station),
        }
        self._before_prompt = "home"  # where CANCEL goes back to (pack, weigh, print or confirm)
        back = lambda: station._set_step(self._before_prompt if station.pack else "home")  # noqa: E731
        self.box_prompt = ReasonPrompt("Why this box and not the suggested one?",
                                       BOX_REASONS, self._box_reason, back)
        self.reprint_prompt = ReasonPrompt("Why reprint the label?", REPRINT_REASONS,
                                           lambda _c, r: station.reprint(r), back)
        kinds = [k for k in PROBLEM_REASONS if k.code in PROBLEM_KINDS]
        self.problem_prompt = ReasonPrompt("What is the problem?", kinds,
                                           lambda c, r: station.report_problem(c, r), back)
        self.partial_prompt = SupervisorPrompt(
            "Partial shipment: a supervisor scans their badge", None,
            lambda: (station.expect_supervisor(None), back()))
        self.partial_prompt.message.setText("What is packed ships now; the rest becomes a backorder.")
        self.exit_prompt = SupervisorPrompt(
            "Closing the station: supervisor badge or PIN", station.authorise_exit,
            lambda: (station.expect_supervisor(None), station._set_step(self._before_exit)))
        self.screens.update({"box_reason": self.box_prompt, "reprint": self.reprint_prompt,
                             "problem": self.problem_prompt, "partial": self.partial_prompt,
                             "exit": self.exit_prompt})
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.overlay = LockOverlay(station, central)
        central.overlay = self.overlay
        self._pending_box: tuple[BoxChoice, str] | None = None
        self._before_exit = "login"
        self.status = Readout(lines=1, point_size=STATUS_PT, pad=4, elide=True)
        self.statusBar().addWidget(self.status, 1)
        station.step_changed.connect(self.show_step)
        station.box_reason_needed.connect(self._ask_box_reason)
        station.message.connect(self._status)
        station.sounds.unavailable.connect(lambda text: self._status(text, "info"))
        station.exit_authorised.connect(self._exit_authorised)
        self.show_step(station.step)

    def show_step(self, step: str) -> None:
        """Bring the screen of a step to the front."""
        screen = self.screens.get(step)
        if screen is None:
            log.error("no screen for step %s", step)
            return
        if step == "partial":
            self.station.expect_supervisor("partial")
        if step in ("pack", "weigh", "print", "confirm"):
            self._before_prompt = step
        if screen is not self.stack.currentWidget():
            self._status("", "info")  # a message of the step before would mislead here
        self.stack.setCurrentWidget(screen)
        screen.setFocus()

    # --- scans while a question is open -------------------------------------------------

    def take_scan(self, scan: Scan) -> bool:
        """A scan while a reason prompt is in front: it answers the question (a reason barcode
        or CANCEL) or is refused, and is recorded either way; False when no question is open."""
        prompt = self.screens.get(self.station.step)
        if not isinstance(prompt, ReasonPrompt):
            return False
        self.station.touch()
        answer = prompt.answer(scan.data)
        if answer is not None:
            what = answer.text if isinstance(answer, Reason) else "cancelled"
            self._record(scan, ANSWERED, f"Answered {prompt.question.text()!r}: {what}.")
            prompt.take(answer)  # queued after the record on the same database worker
            return True
        text = (f"{scan.data} was not used: answer the question first. Touch a reason, press its "
                "number or scan it on the command sheet - or CANCEL - then scan again.")
        self._record(scan, REFUSED, text, lambda _id: self._refused(prompt, text))
        return True

    def _record(self, scan: Scan, outcome: str, text: str, then: Callable[[int], None] | None = None) -> None:
        if self.record_prompt_scan is None:  # a window without a database (screenshots)
            if then is not None:
                then(0)
            return
        user = self.station.user.username if self.station.user else None
        order = self.station.pack.order_number if self.station.pack else None
        self.station.db.submit(self.record_prompt_scan, user, order, scan.data, scan.symbology, outcome, text,
                               on_done=then)

    def _refused(self, prompt: ReasonPrompt, text: str) -> None:
        """After the refused scan is committed: the error sound and the message on the prompt."""
        self.station.sounds.play("error")
        prompt.show_refusal(text)
        self._status(text, "error")

    def _ask_box_reason(self, choice: BoxChoice, barcode: str) -> None:
        self._pending_box = (choice, barcode)
        self.box_prompt.detail.setText(f"Suggested: {choice.suggested_code or '-'}; "
                                       f"scanned: {choice.box_name or choice.box_code}")
        self.station._set_step("box_reason")

    def _box_reason(self, _code: str, reason: str) -> None:
        pending = self._pending_box
        self._pending_box = None
        self.station._set_step("pack")
        if pending is not None:
            self.station.choose_box(pending[1], reason)

    def _status(self, text: str, level: str) -> None:
        """The last message, shortened with "..." to fit (the whole text in the tooltip).
        A screen with its own message line (the pack screen) shows it there, in large type,
        and the status bar stays empty rather than repeat it."""
        if getattr(self.stack.currentWidget(), "shows_messages", False):
            text = ""
        self.status.show_text(text, PANEL, ERROR_TEXT if level == "error" else None)
        if self.status.toolTip() != text:
            self.status.setToolTip(text)

    # --- kiosk ---------------------------------------------------------------------------

    def show_kiosk(self) -> None:
        """Full screen: the screen's geometry first (no window manager needs it), then full screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def request_exit(self) -> None:
        """Ask for a supervisor to close the station."""
        if self.station.step != "exit":
            self._before_exit = self.station.step
        self.station.expect_supervisor("exit")
        self.station._set_step("exit")

    def _exit_authorised(self, by: str) -> None:
        log.warning("station closing, authorised by %s", by)
        self.exit_allowed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        """Refused unless a supervisor authorised it."""
        if self.exit_allowed:
            event.accept()
            return
        event.ignore()
        self.request_exit()
