"""The supervisor's home: the live exception queue, filterable by kind, station, packer and age,
and a decision on the selected exception with a reason code and a note. Every database call
runs on the review's worker thread (the GUI thread never waits); the queue reloads every few
seconds while the screen is shown. Scanning an order here still packs it at this station."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QScrollArea, QSizePolicy, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.messages import say
from app.station.roles import may_administer, may_supervise
from app.supervision.model import Action, ExceptionFilter, ExceptionItem, ExceptionKind
from app.supervision.words import reason_words
from ui.bridge import StationBridge
from ui.screens.board import BoardView, BoardWindow
from ui.floor_words import action_words, kind_words, stage_words
from ui.screens.figures import FiguresView
from ui.style import GREEN, PANEL, RED, button, label
from ui.translations import Retranslated, moment
from ui.waiting import WaitingLabel
from ui.workers import Worker

log = logging.getLogger(__name__)

STEP = "review"
PAGES = ("exceptions", "board", "figures", "admin")  # admin: only the role admin sees it
REFRESH_MS = 3000
COLUMNS = 7  # ID, kind, when, station, packer, order, what
# the age filter: (newer than, older than); its words in ReviewScreen.retranslate
AGES = ((None, None), (timedelta(hours=1), None), (timedelta(hours=24), None),
        (None, timedelta(minutes=15)), (None, timedelta(hours=1)))


class OwnRoomLabel(QLabel):
    """Words that wrap inside the width their row gives them, as tall as they need at that width
    (up to `most_lines`: the queue above gives up the height). It answers no height-for-width: a
    wrapping label's made the queue's scroll area size its page to the preferred height (the
    table's 192 px), which put the decisions below a scroll at 1366x768."""

    def __init__(self, most_lines: int = 4) -> None:
        super().__init__()
        self.most_lines = most_lines

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt)
        return False

    def setText(self, text: str) -> None:  # noqa: N802 (Qt)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The least height that shows the whole text at the present width (a width changes only
        with the window, so this settles at once)."""
        room = self.contentsRect()
        if room.width() <= 0:
            return
        metrics = self.fontMetrics()
        needed = metrics.boundingRect(room.adjusted(0, 0, 0, 100_000), Qt.TextFlag.TextWordWrap, self.text()).height()
        height = min(needed, self.most_lines * metrics.lineSpacing()) + self.height() - room.height()
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)  # no more either: the queue above takes the rest


class ReviewScreen(Retranslated, QWidget):
    """The exception queue and the decisions on it."""


    loaded = Signal(int)  # the queue was shown: how many exceptions
    decided = Signal(str)  # a decision went through: its message
    refused = Signal(str)  # a decision or a load failed: why

    def __init__(self, station: StationBridge, desk: Any, worker: Worker, admin: QWidget | None = None) -> None:
        super().__init__()
        self.station, self.desk, self.worker = station, desk, worker
        self.admin = admin  # ui.screens.admin.AdminView
        self.items: list[ExceptionItem] = []
        self._loading = False
        self._reloading = False  # the queue's rows are being replaced: a selection change then is no choice
        self._chosen: str | None = None  # the key of the exception the reason and the note were chosen for
        self._confirming: str | None = None  # the key of the exception whose order a CANCEL asks to confirm
        # the station's stack is sized by the packing screens: the review (tables, many buttons)
        # must not widen it and make the pack screen relayout while a packer works
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        # a decision that does not fit looks switched off, whatever its colour; the filters and the
        # note as tall as the choices beside them (the packer's 56 px scan field took a queue row
        # from a 1366x768 screen, twice)
        self.setStyleSheet("QPushButton#danger:disabled, QPushButton#ok:disabled "
                           "{ background: #33373b; color: #888; border-color: #555; } "
                           "QLineEdit { min-height: 40px; font-size: 18pt; padding: 0px 8px; }")
        outer = QVBoxLayout(self)
        outer.setSpacing(4)
        # a row over the pages (their buttons, the count), then one line with the hint and the
        # greeting: beside the buttons (German, 1366x768 beside the demo panel) they had no room and
        # were cut off; one line of small type costs the queue less than a title line of big type
        self.hello = label("", "hint", wrap=False)
        self.hello.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count = label("", "hint", wrap=False)
        self.waiting = WaitingLabel([lambda: worker.pending])  # the queue, board, figures and admin pages
        pages_row = QHBoxLayout()
        self.page_buttons = {name: button("") for name in PAGES}
        for name, widget in self.page_buttons.items():
            widget.setCheckable(True)
            widget.clicked.connect(lambda _=False, n=name: self.show_page(n))
            pages_row.addWidget(widget)
        # the hint beside the page buttons, not a line of its own over the queue (1366x768)
        # REFRESH beside the page buttons (the queue's; shown with it): the filters' row is no taller
        # than its fields
        self.refresh_button = button("")
        pages_row.addWidget(self.refresh_button)
        self.intro = label("", "hint", wrap=True)  # a second line rather than words cut off
        self.intro.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for words in (self.intro, self.hello):
            words.setStyleSheet("font-size: 14pt;")
        pages_row.addStretch(1)
        pages_row.addWidget(self.waiting)
        pages_row.addWidget(self.count)
        outer.addLayout(pages_row)
        words_row = QHBoxLayout()
        words_row.addWidget(self.intro, 1)
        words_row.addWidget(self.hello)
        outer.addLayout(words_row)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        queue_page = QWidget()
        layout = QVBoxLayout(queue_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem("", None)
        for kind in ExceptionKind:
            self.kind.addItem("", kind.value)
        self.station_filter = QLineEdit()
        self.packer_filter = QLineEdit()
        self.age = QComboBox()
        for _ in AGES:
            self.age.addItem("")
        self.open_only = QCheckBox()
        self.open_only.setChecked(True)
        for widget in (self.kind, self.station_filter, self.packer_filter, self.age, self.open_only):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        # no sideways scroll under the rows (a row's height at 1366x768): the chosen exception's
        # words are shown in full beside its reason (self.detail)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table, 1)
        # the decision under the queue in two rows, so that the queue and its buttons fit a 1366x768
        # screen together: the chosen exception in full beside its reason and note (the table cuts its
        # words off at the edge, and a tooltip needs a mouse a touch screen has not), then the buttons
        self.detail = OwnRoomLabel()
        self.detail.setObjectName("hint")
        self.detail.setStyleSheet("font-size: 16pt;")  # a station's whole message in three lines beside the demo panel
        self.detail.setWordWrap(True)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # a long one reads from its start
        layout.addWidget(self.detail)  # the whole width: a mis-scan's words beside the reason ran to 8 lines
        chosen_row = QHBoxLayout()
        self.reason_label = label("", "hint", wrap=False)
        # no reason until one is chosen for this exception: a reason left from the last decision
        # went into the audit log of the next without anyone choosing it
        self.reason = QComboBox()
        for code in desk.reason_codes:
            self.reason.addItem(say(reason_words(code)), code)
        self.reason.setCurrentIndex(-1)
        self.note = QLineEdit()
        chosen_row.addWidget(self.reason_label)
        chosen_row.addWidget(self.reason)
        chosen_row.addWidget(self.note, 1)
        layout.addLayout(chosen_row)
        self.decision_row = QStackedWidget()  # the decisions, or the question a CANCEL asks first
        buttons = QWidget()
        buttons_row = QHBoxLayout(buttons)
        buttons_row.setContentsMargins(0, 0, 0, 0)
        self.action_buttons: dict[str, Any] = {}
        for action in Action:
            widget = button("", "danger" if action is Action.CANCEL else "ok" if action is Action.RESOLVE else "")
            widget.setEnabled(False)
            widget.clicked.connect(lambda _=False, a=action.value: self.decide(a))
            # narrower than its words at their size when the row is short of room (German beside the
            # demo panel): each shrinks its type to fit (TouchButton) rather than crowding a neighbour
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            buttons_row.addWidget(widget)
            self.action_buttons[action.value] = widget
        buttons_row.addStretch(1)
        # only the decisions that fit the chosen exception (four at most) stand in the row, at a
        # finger's width each, so the row fits beside the demo panel too; it keeps its height when
        # nothing is chosen
        buttons.setMinimumHeight(max(w.sizeHint().height() for w in self.action_buttons.values()))
        self.decision_row.addWidget(buttons)
        confirm = QWidget()
        confirm_row = QHBoxLayout(confirm)
        confirm_row.setContentsMargins(0, 0, 0, 0)
        self.confirm_text = OwnRoomLabel()
        self.confirm_text.setObjectName("message")
        self.confirm_text.setWordWrap(True)
        self.confirm_text.setStyleSheet(f"background: {RED}; color: white;")
        self.confirm_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.confirm_button = button("", "danger")
        self.confirm_button.clicked.connect(self.confirm_cancel)
        self.back_button = button("")
        self.back_button.clicked.connect(self.back)
        confirm_row.addWidget(self.confirm_text, 1)
        confirm_row.addWidget(self.confirm_button)
        confirm_row.addWidget(self.back_button)
        self.decision_row.addWidget(confirm)
        self.decision_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.decision_row)
        # a screen smaller than 1366x768 scrolls the queue instead of forcing the window off the screen
        queue_scroll = QScrollArea()
        queue_scroll.setWidgetResizable(True)
        queue_scroll.setFrameShape(QFrame.Shape.NoFrame)
        queue_scroll.setWidget(queue_page)
        self.pages.addWidget(queue_scroll)
        self.board = BoardView(desk, worker)
        self.board.full_button.clicked.connect(self.show_board_full_screen)
        self.pages.addWidget(self.board)
        self.figures = FiguresView(desk, worker)
        scroll = QScrollArea()  # six charts need more height than a 1366x768 screen has: they scroll there
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.figures)
        self.pages.addWidget(scroll)
        admin_scroll = QScrollArea()  # the admin forms are taller than a 1366x768 screen: they scroll there
        admin_scroll.setWidgetResizable(True)
        admin_scroll.setWidget(admin if admin is not None else QWidget())
        self.pages.addWidget(admin_scroll)
        self.page_buttons["admin"].setVisible(False)
        self.wall: BoardWindow | None = None
        self.message = label("", "message")
        self.message.hide()  # a line only while there is something to say: the queue has the height otherwise
        outer.addWidget(self.message)
        bottom = QHBoxLayout()
        # the station's own functions for its supervisor (home is the packers' screen):
        # the device settings, the doctor (wired by ui/doctor_dialog.install_doctor), closing the kiosk
        self.devices_button = button("")
        self.devices_button.clicked.connect(lambda: station.open_device_settings())
        self.doctor_button = button("")
        self.close_button = button("")
        self.close_button.clicked.connect(lambda: station.ask("exit"))
        self.logout_button = button("")
        for widget in (self.devices_button, self.doctor_button, self.close_button):
            bottom.addWidget(widget)
        bottom.addStretch(1)
        bottom.addWidget(self.logout_button)
        outer.addLayout(bottom)
        self.show_page("exceptions")
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        for combo in (self.kind, self.age):
            combo.currentIndexChanged.connect(lambda _=0: self.refresh())
        self.open_only.toggled.connect(lambda _=False: self.refresh())
        for edit in (self.station_filter, self.packer_filter):
            edit.returnPressed.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.logout_button.clicked.connect(station.logout)
        station.user_changed.connect(self._user)
        station.step_changed.connect(self._step)
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now, and the queue's rows again."""
        pages = {"exceptions": self.tr("EXCEPTIONS"), "board": self.tr("BOARD"), "figures": self.tr("FIGURES"),
                 "admin": self.tr("ADMIN")}
        for name, widget in self.page_buttons.items():
            widget.setText(pages[name])
        self.intro.setText(self.tr("Exceptions to review. Scan an order to pack it here."))
        self.kind.setItemText(0, self.tr("every kind"))
        for i in range(1, self.kind.count()):
            self.kind.setItemText(i, kind_words(self.kind.itemData(i)))
        self.station_filter.setPlaceholderText(self.tr("station"))
        self.packer_filter.setPlaceholderText(self.tr("packer"))
        ages = (self.tr("any age"), self.tr("last hour"), self.tr("today"), self.tr("older than 15 min"),
                self.tr("older than 1 h"))
        for i, text in enumerate(ages):
            self.age.setItemText(i, text)
        self.open_only.setText(self.tr("open only"))
        self.refresh_button.setText(self.tr("REFRESH"))
        self.table.setHorizontalHeaderLabels([self.tr("ID"), self.tr("Kind"), self.tr("When"), self.tr("Station"),
                                              self.tr("Packer"), self.tr("Order"), self.tr("What")])
        self.note.setPlaceholderText(self.tr("note (optional)"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("choose a reason"))
        for i in range(self.reason.count()):
            self.reason.setItemText(i, say(reason_words(self.reason.itemData(i))))
        self.confirm_button.setText(self.tr("CONFIRM CANCEL"))
        self.back_button.setText(self.tr("BACK"))
        if self._confirming is not None:
            self._ask_to_cancel(self.selected())
        for action, widget in self.action_buttons.items():
            widget.setText(action_words(action))
        self.devices_button.setText(self.tr("DEVICES"))
        self.doctor_button.setText(self.tr("DOCTOR"))
        self.close_button.setText(self.tr("CLOSE STATION"))
        self.logout_button.setText(self.tr("LOG OUT"))
        self._user(self.station.user, greet_only=True)
        if self.items:
            self._show(self.items, reloaded=False)

    # --- pages --------------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        """EXCEPTIONS, BOARD or FIGURES (the board looks for changes only while it is shown)."""
        self.pages.setCurrentIndex(PAGES.index(name))
        for page, widget in self.page_buttons.items():
            widget.setChecked(page == name)
        self.refresh_button.setVisible(name == "exceptions")
        if name == "board" and self._allowed():
            self.board.start()
        else:
            self.board.stop()
        if name == "figures" and self._allowed() and self.figures.figures is None:
            self.figures.load()
        if name == "admin" and self.admin is not None and self._administers():
            self.admin.load()

    def show_board_full_screen(self) -> None:
        """The board on its own window over the whole screen (a wall TV)."""
        if self.wall is None:
            self.wall = BoardWindow(self.desk, self.worker)
        self.board.stop()  # one board looking at a time; the screen's resumes when it is shown again
        self.wall.show_full_screen()

    # --- loading ------------------------------------------------------------------------------

    def current_filter(self, now: datetime | None = None) -> ExceptionFilter:
        """The filter the controls describe."""
        now = now or datetime.now(timezone.utc)
        newer, older = AGES[self.age.currentIndex()]
        kind = self.kind.currentData()
        return ExceptionFilter(frozenset({kind}) if kind else None, self.station_filter.text().strip() or None,
                               self.packer_filter.text().strip() or None, now - newer if newer else None,
                               now - older if older else None, self.open_only.isChecked(), 500)

    def refresh(self) -> None:
        """Load the queue on the worker (one load at a time; the timer's next tick catches up)."""
        if self._loading or not self._allowed():
            return
        self._loading = True
        self.worker.submit(self.desk.queue, self.current_filter(), on_done=self._show, on_error=self._load_failed)

    def _show(self, items: list[ExceptionItem], reloaded: bool = True) -> None:
        if reloaded:
            self._loading = False
        chosen = self.selected()
        self._reloading = True
        # no current row while the rows change: in single selection Qt would select the decided
        # row's neighbour by itself, and one more tap would decide an order nobody looked at
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            if item.resolved_by:
                decided = self.tr("[%1 by %2: %3]").replace("%1", action_words(item.action or "").lower()) \
                    .replace("%2", item.resolved_by).replace("%3", say(reason_words(item.reason)))
            else:  # closed by its order leaving the building (shipped, cancelled...), nobody decided it
                decided = self.tr("[closed: order %1]").replace("%1", stage_words(item.action or ""))
            values = (item.key, kind_words(item.kind), moment(item.at.astimezone()),
                      item.station or "", item.packer or "", item.order_number or "",
                      say(item.summary) if item.open else f"{decided} {say(item.summary)}")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(say(item.summary))
                self.table.setItem(row, column, cell)
            if chosen is not None and item.key == chosen.key:
                self.table.selectRow(row)
        for column in range(COLUMNS - 1):  # the last takes the width they leave (its words end in "...")
            self.table.resizeColumnToContents(column)
        self._reloading = False
        opened = sum(1 for i in items if i.open)
        self.count.setText(self.tr("%1 open").replace("%1", str(opened)) if opened == len(items)
                           else self.tr("%1 open, %2 shown").replace("%1", str(opened)).replace("%2", str(len(items))))
        self._selected()
        if reloaded:
            self.loaded.emit(len(items))

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._say(self.tr("The queue could not be loaded: %1").replace("%1", str(exc)), error=True)
        self.refused.emit(str(exc))

    # --- deciding -----------------------------------------------------------------------------

    def selected(self) -> ExceptionItem | None:
        """The exception of the selected row."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def _selected(self) -> None:
        if self._reloading:
            return
        item = self.selected()
        key = item.key if item is not None else None
        if key != self._chosen:  # another exception: its own reason and note, no question left open
            self._chosen = key
            self._forget_choice()
        self.detail.setText(f"{item.key}: {say(item.summary)}" if item is not None else "")
        fits = set(item.actions) if item is not None else set()
        for action, widget in self.action_buttons.items():
            widget.setEnabled(action in fits)
            widget.setVisible(action in fits)
        if item is not None:  # the words under the queue took its height: the chosen row stays in sight
            QTimer.singleShot(0, self._chosen_in_sight)

    def _chosen_in_sight(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            self.table.scrollTo(rows[0])

    def decide(self, action: str) -> None:
        """Carry out `action` on the selected exception with the chosen reason (on the worker); a
        decision without a reason is refused here, and CANCEL ORDER asks first (it cannot be undone)."""
        item = self.selected()
        if item is None or self.station.user is None or not self._allowed():
            return
        if self.reason.currentData() is None:
            text = self.tr("Choose a reason first: every decision is recorded with its reason.")
            self._say(text, error=True)
            self.refused.emit(text)
            return
        if action == Action.CANCEL.value:
            self._ask_to_cancel(item)
            return
        self._submit(item.key, action)

    def confirm_cancel(self) -> None:
        """CONFIRM CANCEL: cancel the order of the exception the question was asked for."""
        item, key = self.selected(), self._confirming
        self.back()
        if item is not None and item.key == key:
            self._submit(key, Action.CANCEL.value)

    def back(self) -> None:
        """BACK: no cancel; the decisions again."""
        self._confirming = None
        self.decision_row.setCurrentIndex(0)

    def _ask_to_cancel(self, item: ExceptionItem | None) -> None:
        if item is None:
            self.back()
            return
        self._confirming = item.key
        what = item.order_number or item.key
        self.confirm_text.setText(self.tr("Cancel order %1? It cannot be undone.").replace("%1", what))
        self.decision_row.setCurrentIndex(1)

    def _submit(self, key: str, action: str) -> None:
        user = self.station.user
        if user is None:
            return
        for widget in self.action_buttons.values():
            widget.setEnabled(False)
        self.worker.submit(self.desk.decide, key, action, self.reason.currentData(), user.username,
                           self.note.text().strip() or None, on_done=self._decided, on_error=self._refused)

    def _forget_choice(self) -> None:
        """No reason, no note, no open question: the next decision starts from nothing."""
        self.reason.setCurrentIndex(-1)
        self.note.clear()
        self.back()

    def _decided(self, done: Any) -> None:
        self._forget_choice()
        text = say(done.message)
        self._say(text)
        self.decided.emit(text)
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        text = say(str(exc))  # a supervision refusal (a Phrase) in the station's language
        self._say(text, error=True)
        self.refused.emit(text)
        self._selected()

    # --- who is here ----------------------------------------------------------------------------

    def _allowed(self) -> bool:
        user = self.station.user
        return user is not None and may_supervise(user.role)

    def _administers(self) -> bool:
        user = self.station.user
        return user is not None and may_administer(user.role)

    def set_reason_codes(self, codes: tuple[str, ...]) -> None:
        """The reason codes a decision may carry now (an admin added or retired one)."""
        chosen = self.reason.currentData()
        self.reason.clear()
        for code in codes:
            self.reason.addItem(say(reason_words(code)), code)
        self.reason.setCurrentIndex(self.reason.findData(chosen) if chosen is not None else -1)

    def _user(self, user: Any, greet_only: bool = False) -> None:
        self.hello.setText(self.tr("%1 - review at %2").replace("%1", user.display_name)
                           .replace("%2", self.station.station_code) if user else "")
        if greet_only:
            return
        self._forget_choice()  # the next supervisor chooses their own reason
        admin = user is not None and may_administer(user.role) and self.admin is not None
        self.page_buttons["admin"].setVisible(admin)
        if user is None or not admin and self.pages.currentIndex() == PAGES.index("admin"):
            # whoever logs in next starts at the queue, not on the page the last one left open
            self.show_page("exceptions")
        if user is None or not may_supervise(user.role):
            self.items = []
            self.table.setRowCount(0)
            self.timer.stop()
            self.board.stop()
            if self.wall is not None:
                self.wall.close()

    def _step(self, step: str) -> None:
        if step == STEP and self._allowed():
            self.refresh()
            self.timer.start()
            if self.pages.currentWidget() is self.board:
                self.board.start()
        else:
            self.timer.stop()
            self.board.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self._allowed():
            self.refresh()
            self.timer.start()

    def show_message(self, text: str, level: str) -> None:
        """The station's messages (the greeting, a scan's answer) on the review's own line: the
        window's second line under it cost the height a 1366x768 screen does not have, and
        showed two banners at once."""
        colour = RED if level == "error" else GREEN if level == "ok" else PANEL
        self.message.setText(text)
        self.message.setStyleSheet(f"background: {colour}; color: white;" if text else "")
        self.message.setVisible(bool(text))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"background: {RED if error else GREEN}; color: white;" if text else "")
        self.message.setVisible(bool(text))


def install_review(app: Any) -> None:
    """Add the supervisors' review screen (the HOME of supervisor and admin) to a built StationApp,
    built with its admin pages the first time a supervisor's step comes or it is looked up (most
    stations' packers never see it); it works on the station's review worker (app.review_worker,
    shut down by StationApp.close)."""
    app.window.add_screen_later(STEP, lambda: build_review(app))


def build_review(app: Any) -> ReviewScreen:
    """The review screen and its admin pages, wired to the station as it is now."""
    admin = None
    if getattr(app, "admin", None) is not None:
        from ui.screens.admin import install_admin

        admin = install_admin(app)
    screen = ReviewScreen(app.station, app.supervision, app.review_worker, admin)
    if admin is not None:
        admin.pages["reasons"].codes_changed.connect(screen.set_reason_codes)
        for page in admin.pages.values():
            page.said.connect(lambda text, error: screen._say(text, error))
        app.review_worker.submit(app.admin.reason_codes, on_done=screen.set_reason_codes,
                                 on_error=lambda exc: log.warning("reason codes not read: %s", exc))
    # built after the station's user and step changed: what their signals would have told it
    screen._user(app.station.user)
    screen._step(app.station.step)
    return screen
