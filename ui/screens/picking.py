"""The picker screen: the pick list's current stop in large type (where, what, how many,
which tote), what to scan next, the progress, and every stop of the list in walking order.
It renders the core's PickingSnapshot (app/picking/flow.py) and posts SHORT and LOG OUT; a
wrong location or item is shown by the window's lock overlay, as at the packing station."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QProgressBar, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.picking.flow import PickingSnapshot
from ui.bridge import StationBridge as Station
from ui.style import AMBER, GREEN, GREY, RED, button, label
from ui.translations import Retranslated

log = logging.getLogger(__name__)

COLUMNS = 8  # #, location, SKU, item, quantity, picked, order, tote
STATUS_COLOURS = {"open": GREY, "picked": GREEN, "short": AMBER}


class PickingScreen(Retranslated, QWidget):
    """One picker's pick list; every change arrives through Station.picking_changed."""

    own_message_line = True  # its own message label: the window shows no second one

    shows_messages = True  # its message line replaces the window's status bar

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = label("", "title", wrap=False)
        self.progress_text = label("", "message", wrap=False)
        self.progress_text.setAlignment(Qt.AlignmentFlag.AlignRight)
        head.addWidget(self.title, 1)
        head.addWidget(self.progress_text)
        layout.addLayout(head)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMinimumHeight(28)
        self.progress.setStyleSheet(f"QProgressBar {{ background: {GREY}; border-radius: 6px; }} "
                                    f"QProgressBar::chunk {{ background: {GREEN}; border-radius: 6px; }}")
        layout.addWidget(self.progress)
        self.stop = label("", "big")  # the location, huge
        self.what = label("", "title")
        self.prompt = label("", "title")
        self.prompt.setStyleSheet("color: #8fb7ff;")
        self.message = label("", "message")
        for widget in (self.stop, self.what, self.prompt, self.message):
            layout.addWidget(widget)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.short_button = button("", "danger")
        self.logout_button = button("")
        buttons.addWidget(self.short_button, 2)
        buttons.addWidget(self.logout_button, 1)
        layout.addLayout(buttons)
        self.short_button.clicked.connect(station.short_pick)
        self.logout_button.clicked.connect(station.logout)
        station.picking_changed.connect(self.show_picking)
        station.message.connect(self._message)
        self._shown: PickingSnapshot | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now, and the pick list's again."""
        self.table.setHorizontalHeaderLabels([
            self.tr("#"), self.tr("Location"), self.tr("SKU"), self.tr("Item"), self.tr("Qty"), self.tr("Picked"),
            self.tr("Order"), self.tr("Tote")])
        self.short_button.setText(self.tr("SHORT (fewer here)"))
        self.logout_button.setText(self.tr("LOG OUT"))
        self.show_picking(self._shown if self._shown is not None else self.station.snapshot.picking)

    def show_picking(self, p: PickingSnapshot | None) -> None:
        """Render the picker's snapshot."""
        p = p or PickingSnapshot()
        self._shown = p
        line = p.current
        self.title.setText(self.tr("Pick list %1").replace("%1", p.code) if p.code else
                           (self.tr("Pick list %1 done").replace("%1", p.finished) if p.finished
                            else self.tr("Picking")))
        total = len(p.lines)
        self.progress.setRange(0, max(1, p.units))
        self.progress.setValue(p.units_picked)
        self.progress_text.setText(self.tr("%1/%2 stops, %3/%4 units").replace("%1", str(p.lines_done))
                                   .replace("%2", str(total)).replace("%3", str(p.units_picked))
                                   .replace("%4", str(p.units)) if total else "")
        if line is None:
            self.stop.setText("")
            self.what.setText("")
        else:
            self.stop.setText(line.location)
            self.what.setText(f"{line.quantity - line.picked_quantity} x {line.sku}  {line.name}  "
                              + (self.tr("\u2192 tote %1").replace("%1", line.tote) if line.tote
                                 else self.tr("(order %1)").replace("%1", line.order_number)))
        self.prompt.setText(p.prompt)  # the core's words (app/picking/flow.py)
        self.short_button.setEnabled(line is not None and p.at_location)
        self.table.setRowCount(total)
        for row, l in enumerate(p.lines):
            values = (str(l.seq), l.location, l.sku, l.name, str(l.quantity), str(l.picked_quantity),
                      l.order_number, l.tote or "")
            colour = STATUS_COLOURS.get(l.status, GREY)
            if line is not None and l.id == line.id:
                colour = "#2b5d9a"
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(QColor(colour))
                self.table.setItem(row, column, item)

    def _message(self, text: str, level: str) -> None:
        if self.station.step != "pick":
            return
        self.message.setText(text)
        self.message.setStyleSheet(f"background: {RED}; color: white;" if level == "error" else "")
