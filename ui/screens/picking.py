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

log = logging.getLogger(__name__)

COLUMNS = ("#", "Location", "SKU", "Item", "Qty", "Picked", "Order", "Tote")
STATUS_COLOURS = {"open": GREY, "picked": GREEN, "short": AMBER}


class PickingScreen(QWidget):
    """One picker's pick list; every change arrives through Station.picking_changed."""

    own_message_line = True  # its own message label: the window shows no second one

    shows_messages = True  # its message line replaces the window's status bar

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = label("Picking", "title", wrap=False)
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
        self.prompt = label("Scan a pick list (PL-...)", "title")
        self.prompt.setStyleSheet("color: #8fb7ff;")
        self.message = label("", "message")
        for widget in (self.stop, self.what, self.prompt, self.message):
            layout.addWidget(widget)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.short_button = button("SHORT (fewer here)", "danger")
        self.logout_button = button("LOG OUT")
        buttons.addWidget(self.short_button, 2)
        buttons.addWidget(self.logout_button, 1)
        layout.addLayout(buttons)
        self.short_button.clicked.connect(station.short_pick)
        self.logout_button.clicked.connect(station.logout)
        station.picking_changed.connect(self.show_picking)
        station.message.connect(self._message)
        self.show_picking(station.snapshot.picking)

    def show_picking(self, p: PickingSnapshot | None) -> None:
        """Render the picker's snapshot."""
        p = p or PickingSnapshot()
        line = p.current
        self.title.setText(f"Pick list {p.code}" if p.code else
                           (f"Pick list {p.finished} done" if p.finished else "Picking"))
        total = len(p.lines)
        self.progress.setRange(0, max(1, p.units))
        self.progress.setValue(p.units_picked)
        self.progress_text.setText(f"{p.lines_done}/{total} stops, {p.units_picked}/{p.units} units"
                                   if total else "")
        if line is None:
            self.stop.setText("")
            self.what.setText("")
        else:
            self.stop.setText(line.location)
            self.what.setText(f"{line.quantity - line.picked_quantity} x {line.sku}  {line.name}"
                              + (f"  \u2192 tote {line.tote}" if line.tote else f"  (order {line.order_number})"))
        self.prompt.setText(p.prompt)
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
