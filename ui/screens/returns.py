"""The returns station: scan the RMA on the returned parcel (it is received), then each item in it
(barcode, GTIN or SKU; a wrong item or one too many is refused in red with the error sound), decide
each line (restock to a bin, write off, damaged, exchange; a photo path optional), INSPECT, then
REFUND. The screen only posts scans and touches to the Qt-free desk (app/shipping/returns_desk.py);
every database call runs on the worker thread, the GUI thread paints."""
from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.messages import say
from app.shipping.returns import OUTCOMES, ReturnView
from app.shipping.returns_desk import ReturnsDesk
from ui.sounds import Sounds
from ui.style import AMBER, GREEN, RED, button, label
from ui.translations import Retranslated
from ui.waiting import WaitingLabel
from ui.workers import Worker

log = logging.getLogger(__name__)

COLUMNS = 4  # item (SKU and product name), received, outcome, bin


class ReturnsScreen(Retranslated, QWidget):
    """Scan field, progress, the return's lines with an outcome and a bin each, INSPECT and REFUND."""

    def __init__(self, desk: ReturnsDesk, worker: Worker, sounds: Sounds | None = None) -> None:
        super().__init__()
        self.desk, self.worker = desk, worker
        self.sounds = sounds or Sounds(parent=self)
        self.view: ReturnView | None = None
        self.error: str | None = None
        layout = QVBoxLayout(self)
        self.title = label("", "title")
        layout.addWidget(self.title)
        self.input = QLineEdit()
        self.input.returnPressed.connect(self._submit)
        layout.addWidget(self.input)
        self.heading = label("", "message")
        layout.addWidget(self.heading)
        self.progress = label("", "title")
        layout.addWidget(self.progress)
        self.message = label("", "message")
        layout.addWidget(self.message)
        self.waiting = WaitingLabel([lambda: worker.pending])
        layout.addWidget(self.waiting)
        self.lines = QTableWidget(0, COLUMNS)
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(64)  # the bin field is touch-sized
        # the columns follow their words and the bin takes the rest: sized once to the first
        # contents, the bin's field was cut ("bin (restock, exch...") beside an empty half table
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.lines, 1)
        self.photo = QLineEdit()
        layout.addWidget(self.photo)
        row = QHBoxLayout()
        self.inspect_button = button("", "ok")
        self.refund_button = button("", "ok")
        self.inspect_button.clicked.connect(self.inspect)
        self.refund_button.clicked.connect(self.refund)
        row.addWidget(self.inspect_button)
        row.addWidget(self.refund_button)
        layout.addLayout(row)
        self._enable()
        self.retranslate()
        self.input.setFocus()  # a scanner in keyboard mode types here

    def retranslate(self) -> None:
        """The screen's words in the language shown now (the lines' outcomes too)."""
        self.title.setText(self.tr("Returns: scan the RMA on the parcel, then each item in it"))
        self.input.setPlaceholderText(self.tr("Scan or type the RMA (RMA-000001), then each item's barcode or SKU"))
        self.lines.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Received"), self.tr("Outcome"), self.tr("Bin")])
        self.photo.setPlaceholderText(self.tr("Photo of the goods (a path, optional)"))
        self.inspect_button.setText(self.tr("INSPECT"))
        self.refund_button.setText(self.tr("REFUND"))
        for r in range(self.lines.rowCount()):
            outcome, where = self.lines.cellWidget(r, 2), self.lines.cellWidget(r, 3)
            if isinstance(outcome, QComboBox):
                for i in range(outcome.count()):
                    outcome.setItemText(i, self.outcome_words(outcome.itemData(i)))
            if isinstance(where, QLineEdit):
                where.setPlaceholderText(self.tr("bin (restock, exchange)"))
        if self.view is not None:
            self._heading(self.view)

    def outcome_words(self, code: str) -> str:
        """An outcome (app/shipping/returns.py OUTCOMES) in the language shown."""
        return {"restock": self.tr("restock"), "write_off": self.tr("write off"),
                "damaged": self.tr("damaged"), "exchange": self.tr("exchange")}.get(code, code)

    def status_words(self, status: str) -> str:
        """A return's status in the language shown."""
        return {"open": self.tr("open"), "received": self.tr("received"),
                "inspected": self.tr("inspected"), "refunded": self.tr("refunded")}.get(status, status)

    def scan(self, code: str) -> None:
        """Posts a scan: an RMA opens its return (received), anything else is an item of the open one."""
        if code.strip():
            rma = self.view.rma if self.view is not None else None
            self.worker.submit(self.desk.scan, code.strip(), rma, on_done=self._scanned, on_error=self._failed)

    def open(self, rma: str) -> None:
        """Posts the scanned RMA; the return comes back received."""
        if rma.strip():
            self.worker.submit(self.desk.open, rma.strip(), on_done=self._show, on_error=self._failed)

    def decisions(self) -> list[list[str]]:
        """What the table says for each line: [sku, outcome] or [sku, outcome, bin]."""
        chosen = []
        for r in range(self.lines.rowCount()):
            sku = self.lines.item(r, 0).data(Qt.ItemDataRole.UserRole)
            outcome = self.lines.cellWidget(r, 2).currentData()  # type: ignore[union-attr]
            where = self.lines.cellWidget(r, 3).text().strip()  # type: ignore[union-attr]
            chosen.append([sku, outcome, where] if outcome in ("restock", "exchange") and where else [sku, outcome])
        return chosen

    def inspect(self) -> None:
        if self.view is not None:
            self.worker.submit(self.desk.inspect, self.view.rma, self.decisions(), self.photo.text().strip() or None,
                               on_done=self._show, on_error=self._failed)

    def refund(self) -> None:
        if self.view is not None:
            self.worker.submit(self.desk.refund, self.view.rma, on_done=self._show, on_error=self._failed)

    def _submit(self) -> None:
        text = self.input.text()
        self.input.clear()
        self.scan(text)

    def _scanned(self, view: ReturnView) -> None:
        item = self.view is not None and view.rma == self.view.rma and view.received > self.view.received
        self._show(view)
        if item:
            self.sounds.play("done" if view.scanned_all else "accept")

    def _show(self, view: ReturnView) -> None:
        self.view, self.error = view, None
        self._heading(view)
        self.message.setText(view.message)
        self.message.setStyleSheet(f"background: {GREEN}; color: white;")
        self.lines.setRowCount(len(view.lines))
        for r, line in enumerate(view.lines):
            item = QTableWidgetItem(f"{line['sku']} - {line['name']}" if line.get("name") else line["sku"])
            item.setData(Qt.ItemDataRole.UserRole, line["sku"])  # what INSPECT decides on
            self.lines.setItem(r, 0, item)
            self.lines.setItem(r, 1, QTableWidgetItem(self.tr("%1 of %2").replace("%1", str(line["received_quantity"]))
                                                      .replace("%2", str(line["quantity"]))))
            outcome = QComboBox()
            for code in OUTCOMES:
                outcome.addItem(self.outcome_words(code), code)
            if line["outcome"]:
                outcome.setCurrentIndex(max(0, outcome.findData(line["outcome"])))
            where = QLineEdit(line["location"] or "")
            where.setPlaceholderText(self.tr("bin (restock, exchange)"))
            # decided once: after INSPECT a changed outcome or bin would change nothing
            outcome.setEnabled(view.status == "received")
            where.setEnabled(view.status == "received")
            self.lines.setCellWidget(r, 2, outcome)
            self.lines.setCellWidget(r, 3, where)
        self._enable()
        self.input.setFocus()  # the next scan goes to the scan field, not to a bin typed into before

    def _heading(self, view: ReturnView) -> None:
        swap = self.tr(" - exchange order %1").replace("%1", view.exchange_order) if view.exchange_order else ""
        heading = (self.tr("%1 - order %2 - %3 - \"%4\"").replace("%1", view.rma).replace("%2", view.order_number)
                   .replace("%3", self.status_words(view.status)).replace("%4", view.reason))
        self.heading.setText(heading + swap)
        self.progress.setText(self.tr("%1 of %2 items received").replace("%1", str(view.received))
                              .replace("%2", str(view.expected)))
        self.progress.setStyleSheet(f"color: {GREEN if view.scanned_all else AMBER};")

    def _failed(self, exc: BaseException) -> None:
        self.error = say(str(exc))  # the returns desk's refusal (a Phrase) in the station's language
        self.message.setText(self.error)
        self.message.setStyleSheet(f"background: {RED}; color: white;")
        self.sounds.play("error")
        self.input.setFocus()

    def _enable(self) -> None:
        view = self.view
        status = view.status if view else None
        # a return is inspected once every item is scanned, or as a whole when none was
        self.inspect_button.setEnabled(status == "received" and (view.scanned_all or view.received == 0))
        self.refund_button.setEnabled(status == "inspected")
