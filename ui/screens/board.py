"""The live board: every station (who, which order, since when, its devices), the queue per
stage, the orders at risk of missing their SLA and the open exceptions. It asks the desk twice a
second, on the review's worker, whether anything changed (LISTEN/NOTIFY on PostgreSQL,
PRAGMA data_version on SQLite), so a change shows within 2 s. FULL SCREEN puts it on its own
window over the whole screen for a wall TV (ESC or CLOSE ends it)."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QLayout, QScrollArea, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.supervision.board import STAGES, Board
from ui.device_words import device_name, reported_state
from ui.floor_words import kind_words, stage_words
from ui.style import AMBER, GREEN, GREY, RED, STYLESHEET, button, label
from ui.translations import Retranslated, clock, moment
from ui.waiting import WaitingLabel
from ui.workers import Worker

log = logging.getLogger(__name__)

POLL_MS = 500
HEALTH_MS = 60_000  # a station reports itself at least this often
STATION_COLUMNS = 6  # station, who, order, since, last seen, devices
STATE_COLOURS = {"connected": GREEN, "disconnected": AMBER, "error": RED, "not configured": GREY}


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "-"
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("BoardView", "now")
    if minutes < 120:
        return QCoreApplication.translate("BoardView", "%1 min").replace("%1", str(minutes))
    return QCoreApplication.translate("BoardView", "%1 h").replace("%1", str(minutes // 60))


class BoardView(Retranslated, QWidget):
    """The board's widgets, fed by the desk through the worker."""

    shown = Signal(object)  # the Board just drawn
    failed = Signal(object)  # the exception of a look that failed

    def __init__(self, desk: Any, worker: Worker, full_screen: bool = False) -> None:
        super().__init__()
        self.desk, self.worker = desk, worker
        self.viewer = "wall" if full_screen else "board"
        self.board: Board | None = None
        self._asking = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = label("", "title")
        self.clock = label("", "hint")
        top.addWidget(self.title, 1)
        self.waiting = WaitingLabel([lambda: worker.pending] if full_screen else [])
        top.addWidget(self.waiting)
        top.addWidget(self.clock)
        self.full_screen = full_screen
        self.full_button = button("")
        top.addWidget(self.full_button)
        layout.addLayout(top)
        self.stages = QHBoxLayout()
        self.stage_tiles: dict[str, QLabel] = {}
        for stage in STAGES:
            tile = label("", "message", wrap=False)
            tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stage_tiles[stage] = tile
            self.stages.addWidget(tile)
        layout.addLayout(self.stages)
        self.stations = QTableWidget(0, STATION_COLUMNS)
        self.stations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stations.verticalHeader().setVisible(False)
        self.stations.horizontalHeader().setSectionResizeMode(STATION_COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.stations, 2)
        # the SLA list and the exception counts scroll: as plain labels their twelve lines took
        # all the height the review's board page has and left the station table none
        lists = QWidget()
        bottom = QHBoxLayout(lists)
        bottom.setContentsMargins(0, 0, 0, 0)
        self.risks = label("", "message")
        self.risks.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.exceptions = label("", "message")
        self.exceptions.setAlignment(Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.risks, 3)
        bottom.addWidget(self.exceptions, 2)
        self.lists = QScrollArea()
        self.lists.setWidgetResizable(True)
        self.lists.setFrameShape(QFrame.Shape.NoFrame)
        self.lists.setWidget(lists)
        layout.addWidget(self.lists, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.look)
        self.retranslate()

    def retranslate(self) -> None:
        """The board's words in the language shown now, and the last board again."""
        self.title.setText(self.tr("The floor"))
        self.full_button.setText(self.tr("CLOSE") if self.full_screen else self.tr("FULL SCREEN"))
        self.stations.setHorizontalHeaderLabels([self.tr("Station"), self.tr("Who"), self.tr("Order"),
                                                 self.tr("Since"), self.tr("Last seen"), self.tr("Devices")])
        if self.board is not None:
            self.show_board(self.board)

    def start(self) -> None:
        """Look now and twice a second from now on."""
        self.look()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def look(self) -> None:
        """Ask the desk (on the worker) whether the floor changed; draw the board if it did."""
        if self._asking:
            return
        self._asking = True
        self.worker.submit(self.desk.board_if_changed, self.viewer, on_done=self._answer, on_error=self._failed)

    def _answer(self, board: Board | None) -> None:
        self._asking = False
        if board is not None:
            self.show_board(board)

    def _failed(self, exc: BaseException) -> None:
        self._asking = False
        self.clock.setText(self.tr("not updated: %1").replace("%1", str(exc)))
        self.failed.emit(exc)

    def show_board(self, board: Board) -> None:
        """Draw a board."""
        self.board = board
        now = board.at
        self.clock.setText(self.tr("as of %1").replace("%1", clock(board.at.astimezone(), seconds=True)))
        for stage, tile in self.stage_tiles.items():
            count = board.stages.get(stage, 0)
            tile.setText(f"{stage_words(stage)}\n{count}")
            tile.setStyleSheet(f"background: {AMBER if stage == 'on_hold' and count else GREY}; "
                               "border-radius: 8px; font-size: 18pt;")
        self.stations.setRowCount(len(board.stations))
        for row, s in enumerate(board.stations):
            gone = s.gone(now)
            devices = "  ".join(f"{device_name(d)}: {reported_state(state)}" for d, state in s.devices) \
                or self.tr("not reported")
            values = (s.station + (" " + self.tr("(gone)") if gone else ""), s.user or "-",
                      (s.order or "-") + (" " + self.tr("(lease expired)") if s.lease_expired else ""),
                      _ago(s.since, now), _ago(s.last_seen, now), devices)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 0 and gone or column == 2 and s.lease_expired:
                    cell.setForeground(Qt.GlobalColor.red)
                if column == 5 and any(state in ("error", "disconnected") for _, state in s.devices):
                    cell.setForeground(Qt.GlobalColor.red)
                self.stations.setItem(row, column, cell)
        self.stations.resizeColumnsToContents()
        # two stations always in sight, however small the screen (the lists below scroll instead)
        rows = self.stations.rowHeight(0) if board.stations else self.stations.verticalHeader().defaultSectionSize()
        self.stations.setMinimumHeight(self.stations.horizontalHeader().height() + 2 * rows
                                       + 2 * self.stations.frameWidth())
        due, late = self.tr("due %1"), " " + self.tr("(late)")
        risks = [f"{r.number}  {stage_words(r.status)}  " + due.replace("%1", moment(r.sla_due_at.astimezone()))
                 + (late if r.sla_due_at < now else "") for r in board.at_risk[:12]]
        self.risks.setText(self.tr("At risk of missing the SLA:") + "\n"
                           + ("\n".join(risks) if risks else self.tr("none")))
        # every open exception, however old (the backlog), with how many came in the last 24 h
        recent = self.tr("(%1 in the last 24 h)")
        counts = [f"{kind_words(k)}: {n}" + (" " + recent.replace("%1", str(board.raised_last_day[k]))
                                             if board.raised_last_day.get(k) else "")
                  for k, n in sorted(board.open_exceptions.items())]
        self.exceptions.setText(self.tr("Open exceptions:") + "\n"
                                + ("\n".join(counts) if counts else self.tr("none")))
        self.shown.emit(board)


class BoardWindow(Retranslated, QWidget):
    """The board alone, over the whole screen (a wall TV)."""

    def __init__(self, desk: Any, worker: Worker) -> None:
        super().__init__()
        self.setStyleSheet(STYLESHEET)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the screen's size, even a small one
        self.view = BoardView(desk, worker, full_screen=True)
        layout.addWidget(self.view)
        self.view.full_button.clicked.connect(self.close)
        self.retranslate()

    def retranslate(self) -> None:
        """The window's title in the language shown now."""
        self.setWindowTitle(self.tr("Packdesk - the floor"))

    def show_full_screen(self) -> None:
        """Geometry first (no window manager needs it), then full screen, then start looking."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.view.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        self.view.stop()
        super().closeEvent(event)


def install_health_reports(app: Any) -> QTimer:
    """The station reports its devices' states to the board (on the review's worker) when one
    changes and every minute: the GUI thread never waits for it."""
    def report() -> None:
        states = {name: status.state.value for name, status in app.station.device_states.items()}
        app.review_worker.submit(app.supervision.report_station, app.station.station_code, states,
                                 on_error=lambda exc: log.warning("health report failed: %s", exc))

    app.station.device_changed.connect(lambda _status: report())
    timer = QTimer(app.window)
    timer.setInterval(HEALTH_MS)
    timer.timeout.connect(report)
    timer.start()
    report()
    return timer
