"""The returns station: scan the RMA on the returned parcel (it is received), decide each line
(restock to a bin, write off, damaged; a photo path optional), INSPECT, then REFUND. Every
database call runs on the worker thread; the GUI thread posts and paints."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.shipping.returns import OUTCOMES, ReturnView
from app.shipping.returns_desk import ReturnsDesk
from ui.style import GREEN, RED, button, label
from ui.workers import Worker

log = logging.getLogger(__name__)

COLUMNS = ("SKU", "Quantity", "Outcome", "Bin")


class ReturnsScreen(QWidget):
    """Scan field, the return's lines with an outcome and a bin each, INSPECT and REFUND."""

    def __init__(self, desk: ReturnsDesk, worker: Worker) -> None:
        super().__init__()
        self.desk, self.worker = desk, worker
        self.view: ReturnView | None = None
        self.error: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(label("Returns: scan the RMA on the parcel", "title"))
        self.input = QLineEdit()
        self.input.setPlaceholderText("Scan or type the RMA, e.g. RMA-000001")
        self.input.returnPressed.connect(self._submit)
        layout.addWidget(self.input)
        self.heading = label("", "message")
        layout.addWidget(self.heading)
        self.message = label("", "message")
        layout.addWidget(self.message)
        self.lines = QTableWidget(0, len(COLUMNS))
        self.lines.setHorizontalHeaderLabels(COLUMNS)
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(64)  # the bin field is touch-sized
        self.lines.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.lines, 1)
        self.photo = QLineEdit()
        self.photo.setPlaceholderText("Photo of the goods (a path, optional)")
        layout.addWidget(self.photo)
        row = QHBoxLayout()
        self.inspect_button = button("INSPECT", "ok")
        self.refund_button = button("REFUND", "ok")
        self.inspect_button.clicked.connect(self.inspect)
        self.refund_button.clicked.connect(self.refund)
        row.addWidget(self.inspect_button)
        row.addWidget(self.refund_button)
        layout.addLayout(row)
        self._enable()

    def open(self, rma: str) -> None:
        """Posts the scanned RMA; the return comes back received."""
        if rma.strip():
            self.worker.submit(self.desk.open, rma.strip(), on_done=self._show, on_error=self._failed)

    def decisions(self) -> list[list[str]]:
        """What the table says for each line: [sku, outcome] or [sku, "restock", bin]."""
        chosen = []
        for r in range(self.lines.rowCount()):
            sku = self.lines.item(r, 0).text()
            outcome = self.lines.cellWidget(r, 2).currentText()  # type: ignore[union-attr]
            where = self.lines.cellWidget(r, 3).text().strip()  # type: ignore[union-attr]
            chosen.append([sku, outcome, where] if outcome == "restock" and where else [sku, outcome])
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
        self.open(text)

    def _show(self, view: ReturnView) -> None:
        self.view, self.error = view, None
        self.heading.setText(f"{view.rma} - order {view.order_number} - {view.status} - \"{view.reason}\"")
        self.message.setText(view.message)
        self.message.setStyleSheet(f"background: {GREEN}; color: white;")
        self.lines.setRowCount(len(view.lines))
        for r, line in enumerate(view.lines):
            self.lines.setItem(r, 0, QTableWidgetItem(line["sku"]))
            self.lines.setItem(r, 1, QTableWidgetItem(str(line["quantity"])))
            outcome = QComboBox()
            outcome.addItems(OUTCOMES)
            if line["outcome"]:
                outcome.setCurrentText(line["outcome"])
            where = QLineEdit(line["location"] or "")
            where.setPlaceholderText("bin, for restock")
            self.lines.setCellWidget(r, 2, outcome)
            self.lines.setCellWidget(r, 3, where)
        self.lines.resizeColumnsToContents()
        self._enable()

    def _failed(self, exc: BaseException) -> None:
        self.error = str(exc)
        self.message.setText(str(exc))
        self.message.setStyleSheet(f"background: {RED}; color: white;")

    def _enable(self) -> None:
        status = self.view.status if self.view else None
        self.inspect_button.setEnabled(status == "received")
        self.refund_button.setEnabled(status == "inspected")
