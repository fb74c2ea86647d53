"""The dispatch screen on a real database: scans typed into its field are handed over on the
dock worker (never on the GUI thread), the answer shows as a banner, the lists follow."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from app.shipping.dock import Dock
from app.shipping.settings import ShippingSettings
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, warehouse  # noqa: F401
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots
from ui.screens.dispatch import DispatchScreen
from ui.style import GREEN, RED
from ui.translations import Translations
from ui.workers import Worker


class WatchedDock(Dock):
    """A Dock that notes the thread each call ran on."""

    threads: list[str]

    def scan(self, barcode: str):  # type: ignore[no-untyped-def]
        self.threads.append(threading.current_thread().name)
        return super().scan(barcode)

    def day(self, carrier=None, day=None):  # type: ignore[no-untyped-def]
        self.threads.append(threading.current_thread().name)
        return super().day(carrier, day)


def test_scanning_parcels_at_the_dock_screen(qtbot, warehouse: Warehouse, tmp_path: Path) -> None:  # noqa: F811
    import_rate_tables(warehouse.db.url, tmp_path)
    two = pack_teapots(warehouse, "PD-7001", parcels=2)
    pack_teapots(warehouse, "PD-7002", parcels=1)
    dock = WatchedDock(lambda: SqlUnitOfWork(warehouse.db), ShippingSettings(), user="dora",
                       clock=warehouse.clock)
    dock.threads = []
    worker = Worker("dock")
    language = Translations()
    language.use("en")  # the counts' plural forms come from the English translation
    screen = DispatchScreen(dock, worker)
    qtbot.addWidget(screen)
    try:
        qtbot.waitUntil(lambda: screen.listing is not None and screen.carrier.count() == 3, timeout=10000)
        assert screen.missing.rowCount() == 3 and screen.handed.rowCount() == 0
        assert "NOT HANDED OVER: 3 labelled parcels" in screen.missing_caption.text()

        qtbot.keyClicks(screen.input, "00" + two[0].sscc)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last is not None and screen.handed.rowCount() == 1, timeout=10000)
        assert screen.input.text() == ""
        assert screen.last.message == "Parcel 1 of order PD-7001 handed over (1 of 2)."
        assert GREEN in screen.message.styleSheet()
        assert screen.missing.rowCount() == 2

        qtbot.keyClicks(screen.input, two[1].tracking_number)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last.order_shipped, timeout=10000)
        assert "Order PD-7001 shipped" in screen.message.text()
        qtbot.waitUntil(lambda: screen.handed.rowCount() == 2, timeout=10000)
        assert screen.handed.item(0, 1).text() == two[0].tracking_number
        assert "Handed over 3/14/25: 2 parcels, 2.25\u00a0kg" in screen.handed_caption.text()

        qtbot.keyClicks(screen.input, "not a label")
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen.last.ok, timeout=10000)
        assert "is no parcel label" in screen.message.text() and RED in screen.message.styleSheet()

        screen.carrier.setCurrentText("POST")  # none of today's parcels went with POST
        qtbot.waitUntil(lambda: screen.listing.carrier == "POST", timeout=10000)
        assert screen.handed.rowCount() == 0 and screen.missing.rowCount() == 0
        # every database call ran on the dock worker, none on the GUI thread
        assert dock.threads and all(name == "packdesk-dock" for name in dock.threads)

        screen.carrier.setCurrentIndex(0)  # every carrier again, and a German supervisor at the dock
        qtbot.waitUntil(lambda: screen.listing.carrier is None, timeout=10000)
        language.use("de")
        qtbot.waitUntil(lambda: screen.handed_caption.text().startswith("Übergeben am 14.03.25: 2 Pakete, 2,25"),
                        timeout=5000)
        assert screen.carrier.itemText(0) == "alle Versanddienstleister"
        assert screen.handed.horizontalHeaderItem(1).text() == "Sendungsnummer"
    finally:
        language.clear()
        worker.shutdown()
