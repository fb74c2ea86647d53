"""The dock: scan each parcel as it goes onto the carrier's van; the day's handed-over parcels
and, flagged, those labelled but never scanned. Every database call runs on the "dock" worker
thread (ui/workers.py); the GUI thread only posts scans and paints answers."""
from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.shipping.capture import CaptureRun
from app.shipping.dispatch import DockDay, DockParcel, HandOver
from app.shipping.dock import Dock
from ui.style import AMBER, GREEN, RED, label
from ui.translations import Retranslated, clock, date, kilograms
from ui.waiting import WaitingLabel
from ui.workers import Worker

log = logging.getLogger(__name__)

COLUMNS = 7  # time (handed over, else labelled), tracking number, order, parcel, carrier, service, destination
RELOAD_MS = 15_000  # the lists follow the stations' new labels between scans


class DispatchScreen(Retranslated, QWidget):
    """Scan field, the last answer as a coloured banner, and two tables: handed over today, and
    labelled parcels not handed over (flagged in amber)."""

    def __init__(self, dock: Dock, worker: Worker) -> None:
        super().__init__()
        self.dock, self.worker = dock, worker
        self.last: HandOver | None = None
        self.last_capture: CaptureRun | None = None  # the payment capture after the last shipping scan
        self.listing: DockDay | None = None
        layout = QVBoxLayout(self)
        self.title = label("", "title")
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.input = QLineEdit()
        self.input.returnPressed.connect(self._submit)
        self.carrier = QComboBox()  # every carrier (no data), then each carrier's code
        self.carrier.addItem("", None)
        self.carrier.currentIndexChanged.connect(lambda _index: self.refresh())
        row.addWidget(self.input, 3)
        row.addWidget(self.carrier, 1)
        layout.addLayout(row)
        self.message = label("", "message")
        layout.addWidget(self.message)
        self.waiting = WaitingLabel([lambda: worker.pending])
        layout.addWidget(self.waiting)
        # the lists' headings read at a metre like the banner (they were the small grey hint type)
        self.handed_caption = label("", "message")
        layout.addWidget(self.handed_caption)
        self.handed = self._table()
        layout.addWidget(self.handed, 3)
        self.missing_caption = label("", "message")
        layout.addWidget(self.missing_caption)
        self.missing = self._table()
        layout.addWidget(self.missing, 2)
        self.retranslate()
        self.worker.submit(self.dock.carriers, on_done=self._show_carriers, on_error=self._failed)
        self.refresh()
        # without it the lists were as old as the last scan: at the day's end NOT HANDED OVER
        # missed every parcel labelled since, and could say that every parcel was handed over
        self._reloading = False
        self.timer = QTimer(self)
        self.timer.setInterval(RELOAD_MS)
        self.timer.timeout.connect(self._reload)
        self.timer.start()

    def retranslate(self) -> None:
        """The screen's words in the language shown now, and the day's lists again."""
        self.title.setText(self.tr("Dock: hand parcels to the carrier"))
        self.input.setPlaceholderText(self.tr("Scan the SSCC or tracking number on the parcel's label"))
        self.carrier.setItemText(0, self.tr("every carrier"))
        titles = [self.tr("Time"), self.tr("Tracking number"), self.tr("Order"), self.tr("Parcel"),
                  self.tr("Carrier"), self.tr("Service"), self.tr("Destination")]
        self.handed.setHorizontalHeaderLabels(titles)
        self.missing.setHorizontalHeaderLabels([self.tr("Labelled")] + titles[1:])  # not handed over: since when
        if self.listing is None:
            self.handed_caption.setText(self.tr("Handed over today"))
            self.missing_caption.setText(self.tr("Not handed over"))
        else:
            self._show_day(self.listing)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, COLUMNS)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    @property
    def chosen_carrier(self) -> str | None:
        code = self.carrier.currentData()
        return code or None

    def scan(self, barcode: str) -> None:
        """Posts a scan to the worker; the answer and the new list come back on the GUI thread."""
        if barcode.strip():
            self.worker.submit(self.dock.scan, barcode, on_done=self._scanned, on_error=self._failed)
            self.refresh()

    def refresh(self) -> None:
        """Reloads the day's lists on the worker."""
        self.worker.submit(self.dock.day, self.chosen_carrier, on_done=self._show_day, on_error=self._failed)

    def _reload(self) -> None:
        """The timer's reload of the lists (skipped while the last one is still on its way)."""
        if self._reloading:
            return
        self._reloading = True
        self.worker.submit(self.dock.day, self.chosen_carrier, on_done=self._reloaded, on_error=self._reload_failed)

    def _reloaded(self, listing: DockDay) -> None:
        self._reloading = False
        self._show_day(listing)

    def _reload_failed(self, exc: BaseException) -> None:
        self._reloading = False  # the banner is the last scan's; the next scan says what is wrong
        log.warning("dock: the day's lists were not reloaded: %s", exc)

    def _submit(self) -> None:
        text = self.input.text()
        self.input.clear()
        self.scan(text)

    def _scanned(self, result: HandOver) -> None:
        self.last = result
        colour = GREEN if result.ok and not result.already else (AMBER if result.ok else RED)
        self.message.setText(result.message)
        self.message.setStyleSheet(f"background: {colour}; color: white;")
        if result.order_shipped and not result.already and result.order_number:
            # after the hand-over committed, on the worker: the banner shows the shipment at once
            self.worker.submit(self.dock.capture, result.order_number, on_done=self._captured, on_error=self._failed)

    def _captured(self, run: CaptureRun) -> None:
        self.last_capture = run
        for number, why in run.failed:
            shipped = self.last.message if self.last is not None and self.last.order_number == number else ""
            problem = self.tr("The payment of order %1 was not captured (%2). The order is shipped; its payment "
                              "stays queued and is tried again later. Carry on scanning: the supervisors see it.").replace("%1", number).replace("%2", why)
            self.message.setText(f"{shipped}\n{problem}".strip())
            self.message.setStyleSheet(f"background: {AMBER}; color: white;")

    def _show_day(self, listing: DockDay) -> None:
        self.listing = listing
        weight = sum(p.weight_g for p in listing.handed_over)
        self.handed_caption.setText(self.tr("Handed over %1: %n parcel(s), %2", "", len(listing.handed_over))
                                    .replace("%1", date(listing.day)).replace("%2", kilograms(weight, 2)))
        self.missing_caption.setText(self.tr("NOT HANDED OVER: %n labelled parcel(s)", "", len(listing.not_scanned))
                                     if listing.not_scanned else self.tr("Every labelled parcel is handed over."))
        self.missing_caption.setStyleSheet(f"background: {AMBER}; color: white;" if listing.not_scanned else "")
        self._fill(self.handed, listing.handed_over)
        self._fill(self.missing, listing.not_scanned)

    def _fill(self, table: QTableWidget, parcels: tuple[DockParcel, ...]) -> None:
        table.setRowCount(len(parcels))
        for r, p in enumerate(parcels):
            # handed over: when; not handed over: when it was labelled
            when = p.handed_over_at or p.labelled_at
            at = clock(when.astimezone(self.dock.settings.zone)) if when else "-"
            for c, value in enumerate((at, p.tracking_number, p.order_number, str(p.seq), p.carrier, p.service,
                                       p.destination)):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def _show_carriers(self, codes: list[str]) -> None:
        current = self.carrier.currentData()
        self.carrier.blockSignals(True)
        while self.carrier.count() > 1:  # the first entry is every carrier
            self.carrier.removeItem(1)
        for code in codes:
            self.carrier.addItem(code, code)
        self.carrier.setCurrentIndex(1 + codes.index(current) if current in codes else 0)
        self.carrier.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        log.error("dock: %s", exc, exc_info=exc)
        self.message.setText(self.tr("The database did not answer (%1); scan the parcel again.").replace("%1", str(exc)))
        self.message.setStyleSheet(f"background: {RED}; color: white;")
