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
from ui.style import AMBER, GREEN, RED
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


def test_the_dock_captures_the_payment_of_an_order_it_ships_and_says_so_when_the_gateway_fails(
        qtbot, warehouse: Warehouse, tmp_path: Path) -> None:  # noqa: F811
    from app.shipping.capture import RETRY, capture_pending
    from tests.unit.shipping.test_capture_on_the_fake import FlakyGateway

    import_rate_tables(warehouse.db.url, tmp_path)
    (down,) = pack_teapots(warehouse, "PD-7101", parcels=1)
    (up,) = pack_teapots(warehouse, "PD-7102", parcels=1)
    gateway = FlakyGateway(failures=1)  # the first capture times out, the next ones go through
    dock = WatchedDock(lambda: SqlUnitOfWork(warehouse.db), ShippingSettings(), user="dora", clock=warehouse.clock,
                       pay=gateway)
    dock.threads = []
    captured_on: list[str] = []
    capture = dock.capture
    dock.capture = lambda number: (captured_on.append(threading.current_thread().name), capture(number))[1]
    worker = Worker("dock")
    language = Translations()
    language.use("en")
    screen = DispatchScreen(dock, worker)
    qtbot.addWidget(screen)
    try:
        qtbot.waitUntil(lambda: screen.listing is not None, timeout=10000)
        qtbot.keyClicks(screen.input, down.tracking_number)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last_capture is not None, timeout=10000)
        assert screen.last.order_shipped and screen.last_capture.failed[0][0] == "PD-7101"
        text = screen.message.text()
        assert "Order PD-7101 shipped" in text and "The payment of order PD-7101 was not captured" in text
        assert "TimeoutError: the gateway did not answer in 10 s" in text and "stays queued" in text
        assert AMBER in screen.message.styleSheet()
        with SqlUnitOfWork(warehouse.db) as uow:
            order = uow.orders.get("PD-7101")
            assert order.status == "shipped"  # the failing gateway never undoes the hand-over
            (request,) = [r for r in uow.captures.open() if r.order_id == order.id]
            assert request.state == "pending" and request.attempts == 1 and "TimeoutError" in request.last_error
            assert uow.payments.by_key("capture:PD-7101") is None

        screen.last_capture = None
        qtbot.keyClicks(screen.input, "00" + up.sscc)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last_capture is not None, timeout=10000)
        assert screen.last_capture.captured == ["PD-7102"] and screen.last_capture.failed == []
        assert "Order PD-7102 shipped" in screen.message.text() and GREEN in screen.message.styleSheet()
        assert gateway.captures == ["capture:PD-7101", "capture:PD-7102"]  # only the order just shipped
        # the gateway was asked on the dock worker, never on the GUI thread
        assert captured_on == ["packdesk-dock", "packdesk-dock"]
    finally:
        language.clear()
        worker.shutdown()
    with SqlUnitOfWork(warehouse.db) as uow:
        assert uow.payments.by_key("capture:PD-7102").reference == "CAPT-capture:PD-7102"
    # the queued capture is made by the next capturer once it is due, with the same key
    later = capture_pending(lambda: SqlUnitOfWork(warehouse.db), warehouse.clock.now() + RETRY, gateway)
    assert later.captured == ["PD-7101"]
    with SqlUnitOfWork(warehouse.db) as uow:
        assert uow.payments.by_key("capture:PD-7101").reference == "CAPT-capture:PD-7101"
        assert uow.captures.open() == []


def test_not_handed_over_shows_when_labelled_the_builtin_carrier_and_a_heading_read_at_a_metre(
        qtbot, warehouse: Warehouse, tmp_path: Path) -> None:  # noqa: F811
    """A try-out on a real display: NOT HANDED OVER's time column said "-", its heading was the
    small hint type, and a parcel with no carrier (none of its own, none on its order) showed an
    empty carrier because `packdesk dock` did not pass the [carrier] name as the manifest does."""
    from app.config import load_settings
    from ui.dock import open_dock
    from ui.style import MESSAGE_PT, STYLESHEET

    from sqlalchemy import update

    from app.store.models import Order, Parcel

    pack_teapots(warehouse, "PD-7011", parcels=1)
    with warehouse.db.session() as session, session.begin():  # a parcel and order that name no carrier
        session.execute(update(Parcel).values(carrier=None))
        session.execute(update(Order).values(carrier=None))
    config = tmp_path / "packdesk.toml"
    config.write_text('[carrier]\nname = "Bode Post"\n', encoding="utf-8")
    opened = open_dock(load_settings(str(config), warehouse.db.url), "DOCK", "dora")
    opened.dock.clock = warehouse.clock
    worker = Worker("dock")
    screen = DispatchScreen(opened.dock, worker)
    screen.setStyleSheet(STYLESHEET)
    qtbot.addWidget(screen)
    screen.show()
    try:
        qtbot.waitUntil(lambda: screen.listing is not None and screen.missing.rowCount() == 1, timeout=10000)
        labelled = screen.listing.not_scanned[0].labelled_at
        assert labelled is not None
        assert screen.missing.item(0, 0).text() not in ("", "-"), screen.missing.item(0, 0).text()
        assert screen.missing.item(0, 4).text() == "Bode Post"
        for caption in (screen.missing_caption, screen.handed_caption):
            assert caption.font().pointSizeF() >= MESSAGE_PT, caption.font().pointSizeF()
    finally:
        worker.shutdown()
        opened.close()
