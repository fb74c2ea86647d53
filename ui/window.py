"""The station's window: the screens in a stack, the lock overlay, the status bar, the demo
panel; full screen as a kiosk that only a supervisor may close. It shows the screen the
core's snapshot names and renders the open question; it decides nothing."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.messages import _
from app.packing.api import PROBLEM_KINDS, PackSnapshot
from app.packing.reasons import BOX_REASONS, LOGOUT_REASONS, OVERRIDE_REASONS, PROBLEM_REASONS, REPRINT_REASONS
from app.station.questions import QUESTION_TEXT
from app.station.state import Question, QuestionKind
from ui.bridge import StationBridge
from ui.readout import Readout
from ui.screens.home import HomeScreen
from ui.screens.lock import LockOverlay
from ui.screens.login import LoginScreen
from ui.screens.pack import PackScreen
from ui.screens.picking import PickingScreen
from ui.screens.prompts import ReasonPrompt, SupervisorPrompt
from ui.screens.steps import ConfirmScreen, PrintScreen, WeighScreen
from ui.style import ERROR_TEXT, GREEN, MESSAGE_PT, PANEL, RED, STATUS_PT, STYLESHEET
from ui.waiting import WaitingLabel
from ui.translations import Retranslated

log = logging.getLogger(__name__)


class Screens(Mapping[str, QWidget]):
    """The window's screens by step, on its stack. One added with a builder (`add_later`: the
    review and admin screens, which only supervisors see) is built the first time it is asked
    for - when its step comes, or when code looks it up or goes through them all - and put on
    the stack then; a station whose packer never leaves the packing screens never builds it."""

    def __init__(self, stack: QStackedWidget) -> None:
        self._stack = stack
        self._built: dict[str, QWidget] = {}
        self._later: dict[str, Callable[[], QWidget]] = {}
        self._then: dict[str, list[Callable[[QWidget], None]]] = {}

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._built and name in self._later:
            self._build(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._built, *(name for name in self._later if name not in self._built)])

    def __len__(self) -> int:
        return len(self._built.keys() | self._later.keys())

    def add(self, name: str, screen: QWidget) -> None:
        """A screen built now."""
        self._built[name] = screen
        self._stack.addWidget(screen)

    def add_later(self, name: str, build: Callable[[], QWidget]) -> None:
        """A screen built by `build` the first time it is asked for."""
        self._later[name] = build

    def when_built(self, name: str, then: Callable[[QWidget], None]) -> None:
        """Call `then` with the screen once it is built (at once if it is)."""
        if name in self._built:
            then(self._built[name])
        else:
            self._then.setdefault(name, []).append(then)

    def _build(self, name: str) -> None:
        screen = self._later.pop(name)()
        self.add(name, screen)
        # Its words and the widths made to fit them (a field's whole placeholder) again, now in the
        # window's style sheet: what the translator's LanguageChange at the station's start gives
        # the screens built with the window (their first retranslate() ran before they had a parent).
        QCoreApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
        for then in self._then.pop(name, []):
            then(screen)


class _Central(QWidget):
    """Holds the screens; keeps the lock overlay covering them."""

    overlay: LockOverlay | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        if self.overlay is not None:
            self.overlay.setGeometry(self.rect())
        super().resizeEvent(event)


def partial_lines(pack: PackSnapshot | None) -> str:
    """What a partial shipment ships now and what becomes a backorder, line by line."""
    if pack is None:
        return ""
    ships = [f"{line.scanned} x {line.name}" for line in pack.lines if line.scanned]
    later = [f"{line.remaining} x {line.name}" for line in pack.lines if line.remaining]
    return (QCoreApplication.translate("StationWindow", "Ships now: %1").replace(
                "%1", "; ".join(ships) or QCoreApplication.translate("StationWindow", "nothing scanned yet")) + "\n"
            + QCoreApplication.translate("StationWindow", "Backordered, ships later: %1").replace(
                "%1", "; ".join(later) or QCoreApplication.translate("StationWindow", "nothing")))


class StationWindow(Retranslated, QMainWindow):
    """The kiosk window."""

    def __init__(self, station: StationBridge, side_panel: QWidget | None = None) -> None:
        super().__init__()
        self.station = station
        self.exit_allowed = False
        self.setStyleSheet(STYLESHEET)
        central = _Central()
        row = QHBoxLayout(central)
        row.setContentsMargins(8, 8, 8, 8)
        self.stack = QStackedWidget()
        column = QVBoxLayout()
        column.addWidget(self.stack, 1)
        # what the station says, in large type on every screen without a message line of its
        # own: a refusal is never only in the status bar
        self.message_line = Readout(lines=2, point_size=MESSAGE_PT)
        self.message_line.hide()
        column.addWidget(self.message_line)
        row.addLayout(column, 1)
        if side_panel is not None:
            row.addWidget(side_panel)
        self.side_panel = side_panel
        self.setCentralWidget(central)
        self.screens = Screens(self.stack)
        for name, screen in {
            "login": LoginScreen(station), "home": HomeScreen(station), "pack": PackScreen(station),
            "weigh": WeighScreen(station), "print": PrintScreen(station), "confirm": ConfirmScreen(station),
            "pick": PickingScreen(station),
        }.items():
            self.screens.add(name, screen)
        cancel = station.cancel_question
        self.box_prompt = ReasonPrompt(QUESTION_TEXT[QuestionKind.BOX_REASON], BOX_REASONS,
                                       lambda c, _r: station.answer(c), cancel)
        self.reprint_prompt = ReasonPrompt(QUESTION_TEXT[QuestionKind.REPRINT], REPRINT_REASONS,
                                           lambda c, _r: station.answer(c), cancel)
        kinds = [k for k in PROBLEM_REASONS if k.code in PROBLEM_KINDS]
        self.problem_prompt = ReasonPrompt(QUESTION_TEXT[QuestionKind.PROBLEM], kinds,
                                           lambda c, _r: station.answer(c), cancel)
        self.partial_prompt = SupervisorPrompt(QUESTION_TEXT[QuestionKind.PARTIAL], station.authorise, cancel)
        self.exit_prompt = SupervisorPrompt(QUESTION_TEXT[QuestionKind.EXIT], station.authorise, cancel)
        def logout_hint() -> str:
            return self.tr("Touch the button, press 1 or scan LOG OUT again - or CANCEL")

        self.logout_prompt = ReasonPrompt(QUESTION_TEXT[QuestionKind.LOGOUT], LOGOUT_REASONS,
                                          lambda c, _r: station.answer(c), cancel, logout_hint)
        # after a supervisor's badge or PIN approved a partial shipment: why (the supervisor touches it)
        self.override_prompt = ReasonPrompt(QUESTION_TEXT[QuestionKind.OVERRIDE_REASON], OVERRIDE_REASONS,
                                            lambda c, _r: station.answer(c), cancel)
        self.prompts: dict[str, QWidget] = {
            "box_reason": self.box_prompt, "reprint": self.reprint_prompt, "problem": self.problem_prompt,
            "partial": self.partial_prompt, "exit": self.exit_prompt, "logout": self.logout_prompt,
            "override_reason": self.override_prompt}
        self.prompt_kinds = {prompt: QuestionKind(step) for step, prompt in self.prompts.items()}
        for name, prompt in self.prompts.items():
            self.screens.add(name, prompt)
        self.overlay = LockOverlay(station, central)
        central.overlay = self.overlay
        self.status = Readout(lines=1, point_size=STATUS_PT, pad=4, elide=True)
        self.statusBar().addWidget(self.status, 1)
        # the station core's calls (a scan, a login) and, once built, the review's worker
        self.waiting = WaitingLabel([lambda: station.pending])
        self.statusBar().addPermanentWidget(self.waiting)
        station.step_changed.connect(self.show_step)
        station.question_changed.connect(self.show_question)
        station.message.connect(self._status)
        station.sounds.unavailable.connect(lambda text: self._status(text, "info"))
        station.exit_authorised.connect(self._exit_authorised)
        self.show_step(station.step)
        self.retranslate()

    def retranslate(self) -> None:
        """The window's title, the questions (the core's words, through its gettext catalogue) and
        the open question's detail in the language shown now."""
        self.setWindowTitle(self.tr("Packdesk station %1").replace("%1", self.station.station_code))
        for prompt, kind in self.prompt_kinds.items():
            prompt.question.setText(_(QUESTION_TEXT[kind]))  # type: ignore[attr-defined]
        question = getattr(self.station, "question", None)
        if question is not None and question.kind is QuestionKind.PARTIAL:
            self.partial_prompt.show_detail(partial_lines(self.station.pack))

    def add_screen(self, name: str, screen: QWidget) -> None:
        """A screen built after the window (the device settings)."""
        self.screens.add(name, screen)
        if self.station.step == name:
            self.show_step(name)

    def add_screen_later(self, name: str, build: Callable[[], QWidget]) -> None:
        """A screen built the first time its step comes or it is looked up (`Screens.add_later`)."""
        self.screens.add_later(name, build)
        if self.station.step == name:
            self.show_step(name)

    def show_step(self, step: str) -> None:
        """Bring the screen of a step (or of the open question) to the front."""
        screen = self.screens.get(step)
        if screen is None:
            log.error("no screen for step %s", step)
            return
        if screen is not self.stack.currentWidget():
            self.stack.setCurrentWidget(screen)
            self._status("", "info")  # a message of the step before would mislead here
        screen.setFocus()

    def show_question(self, question: Question | None) -> None:
        """The open question's detail and the refusal of a scan that did not answer it."""
        if question is None:
            return
        prompt = self.prompts.get(question.kind.value)
        if question.kind is QuestionKind.PARTIAL:
            self.partial_prompt.show_detail(partial_lines(self.station.pack))
        if not isinstance(prompt, ReasonPrompt):
            return
        prompt.detail.setText(question.detail)
        if question.refusal:
            prompt.show_refusal(question.refusal)
        else:
            prompt.message.hide()

    def _status(self, text: str, level: str) -> None:
        """The last message in large type on the screen in front - its own message line (the
        pack, home, login and label screens say `own_message_line`), a prompt's banner
        (`show_message`), or else the window's message line under it - and in the status bar,
        shortened with "..." (the whole text in the tooltip), unless the screen `shows_messages`."""
        screen = self.stack.currentWidget()
        own = getattr(screen, "show_message", None)
        if own is not None:
            own(text, level)
        here = bool(text) and own is None and not getattr(screen, "own_message_line", False)
        if here:
            self.message_line.show_text(text, RED if level == "error" else GREEN if level == "ok" else PANEL)
        self.message_line.setVisible(here)
        if getattr(screen, "shows_messages", False):
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
        self.station.ask("exit")

    def _exit_authorised(self, by: str) -> None:
        log.warning("station closing, authorised by %s", by)
        self.exit_allowed = True
        self.close()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        """A side panel (the demo's barcodes) takes a fifth of the window, 240-420 px: at 1366 or
        1280 wide its 300-354 px left the pack screen's item names no room."""
        if self.side_panel is not None:
            self.side_panel.setFixedWidth(max(240, min(420, event.size().width() // 5)))
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        """Refused unless a supervisor authorised it."""
        if self.exit_allowed:
            event.accept()
            return
        event.ignore()
        self.request_exit()
