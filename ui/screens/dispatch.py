"""The dock: scan each parcel as it goes onto the carrier's van; the day's handed-over parcels
and, flagged, those labelled but never scanned. Every database call runs on the "dock" worker
thread (ui/workers.py); the GUI thread only posts scans and paints answers."""
from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.shipping.dispatch import DockDay, DockParcel, HandOver
from app.shipping.dock import Dock
from ui.style import AMBER, GREEN, RED, label
from ui.workers import Worker

log = logging.getLogger(__name__)

EVERY_CARRIER = "every carrier"
COLUMNS = ("Time", "Tracking number", "Order", "Parcel", "Carrier", "Service", "Destination")


class DispatchScreen(QWidget):
    """Scan field, the last answer as a coloured banner, and two tables: handed over today, and
    labelled parcels not handed over (flagged in amber)."""

    def __init__(self, dock: Dock, worker: Worker) -> None:
        super().__init__()
        self.dock, self.worker = dock, worker
        self.last: HandOver | None = None
        self.listing: DockDay | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(label("Dock: hand parcels to the carrier", "title"))
        row = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setPlaceholderText("Scan the SSCC or tracking number on the parcel's label")
        self.input.returnPressed.connect(self._submit)
        self.carrier = QComboBox()
        self.carrier.addItem(EVERY_CARRIER)
        self.carrier.currentTextChanged.connect(lambda _text: self.refresh())
        row.addWidget(self.input, 3)
        row.addWidget(self.carrier, 1)
        layout.addLayout(row)
        self.message = label("", "message")
        layout.addWidget(self.message)
        self.handed_caption = label("Handed over today", "hint")
        layout.addWidget(self.handed_caption)
        self.handed = self._table()
        layout.addWidget(self.handed, 3)
        self.missing_caption = label("Not handed over", "hint")
        layout.addWidget(self.missing_caption)
        self.missing = self._table()
        layout.addWidget(self.missing, 2)
        self.worker.submit(self.dock.carriers, on_done=self._show_carriers, on_error=self._failed)
        self.refresh()

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    @property
    def chosen_carrier(self) -> str | None:
        text = self.carrier.currentText()
        return None if text in ("", EVERY_CARRIER) else text

    def scan(self, barcode: str) -> None:
        """Posts a scan to the worker; the answer and the new list come back on the GUI thread."""
        if barcode.strip():
            self.worker.submit(self.dock.scan, barcode, on_done=self._scanned, on_error=self._failed)
            self.refresh()

    def refresh(self) -> None:
        """Reloads the day's lists on the worker."""
        self.worker.submit(self.dock.day, self.chosen_carrier, on_done=self._show_day, on_error=self._failed)

    def _submit(self) -> None:
        text = self.input.text()
        self.input.clear()
        self.scan(text)

    def _scanned(self, result: HandOver) -> None:
        self.last = result
        colour = GREEN if result.ok and not result.already else (AMBER if result.ok else RED)
        self.message.setText(result.message)
        self.message.setStyleSheet(f"background: {colour}; color: white;")

    def _show_day(self, listing: DockDay) -> None:
        self.listing = listing
        weight = sum(p.weight_g for p in listing.handed_over) / 1000
        self.handed_caption.setText(f"Handed over {listing.day.isoformat()}: {len(listing.handed_over)} "
                                    f"parcel(s), {weight:.2f} kg")
        self.missing_caption.setText(f"NOT HANDED OVER: {len(listing.not_scanned)} labelled parcel(s)"
                                     if listing.not_scanned else "Every labelled parcel is handed over.")
        self.missing_caption.setStyleSheet(f"background: {AMBER}; color: white;" if listing.not_scanned else "")
        self._fill(self.handed, listing.handed_over)
        self._fill(self.missing, listing.not_scanned)

    def _fill(self, table: QTableWidget, parcels: tuple[DockParcel, ...]) -> None:
        table.setRowCount(len(parcels))
        for r, p in enumerate(parcels):
            at = f"{p.handed_over_at.astimezone(self.dock.settings.zone):%H:%M}" if p.handed_over_at else "-"
            for c, value in enumerate((at, p.tracking_number, p.order_number, str(p.seq), p.carrier, p.service,
                                       p.destination)):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def _show_carriers(self, codes: list[str]) -> None:
        current = self.carrier.currentText()
        self.carrier.blockSignals(True)
        self.carrier.clear()
        self.carrier.addItems([EVERY_CARRIER, *codes])
        self.carrier.setCurrentText(current if current in codes else EVERY_CARRIER)
        self.carrier.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        log.error("dock: %s", exc, exc_info=exc)
        self.message.setText(f"The database did not answer ({exc}); scan the parcel again.")
        self.message.setStyleSheet(f"background: {RED}; color: white;")
