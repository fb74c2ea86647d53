"""The dock's lists keep up with the floor: a parcel labelled at a station after the dock's last
scan shows under NOT HANDED OVER without anyone scanning at the dock. Tried on a real display,
the lists were loaded only at a scan, so at the end of the day the dock read "Every labelled
parcel is handed over." while a parcel packed after the last scan stood beside the van."""
from __future__ import annotations

from pathlib import Path

from app.shipping.dock import Dock
from app.shipping.settings import ShippingSettings
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse, warehouse  # noqa: F401
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots
from ui.screens.dispatch import DispatchScreen
from ui.translations import Translations
from ui.workers import Worker


def test_a_parcel_labelled_after_the_last_scan_is_flagged_without_a_scan(
        qtbot, warehouse: Warehouse, tmp_path: Path) -> None:  # noqa: F811
    import_rate_tables(warehouse.db.url, tmp_path)
    pack_teapots(warehouse, "PD-7201", parcels=1)
    dock = Dock(lambda: SqlUnitOfWork(warehouse.db), ShippingSettings(), user="dora", clock=warehouse.clock)
    worker = Worker("dock")
    language = Translations()
    language.use("en")
    screen = DispatchScreen(dock, worker)
    qtbot.addWidget(screen)
    try:
        qtbot.waitUntil(lambda: screen.listing is not None and screen.missing.rowCount() == 1, timeout=10000)
        screen.timer.setInterval(200)  # the real interval is seconds; the mechanism is the same
        (late,) = pack_teapots(warehouse, "PD-7202", parcels=1)  # packed at a station meanwhile
        qtbot.waitUntil(lambda: screen.missing.rowCount() == 2, timeout=10000)
        assert "NOT HANDED OVER: 2 labelled parcels" in screen.missing_caption.text()
        assert late.tracking_number in {screen.missing.item(r, 1).text() for r in range(2)}
    finally:
        language.clear()
        worker.shutdown()


def test_the_dock_does_not_pile_up_reloads_while_one_is_on_its_way(qtbot, warehouse: Warehouse,
                                                                   tmp_path: Path) -> None:  # noqa: F811
    import_rate_tables(warehouse.db.url, tmp_path)
    dock = Dock(lambda: SqlUnitOfWork(warehouse.db), ShippingSettings(), user="dora", clock=warehouse.clock)
    asked: list[int] = []
    day = dock.day
    dock.day = lambda *a, **k: (asked.append(1), day(*a, **k))[1]  # type: ignore[method-assign]
    worker = Worker("dock")
    screen = DispatchScreen(dock, worker)
    qtbot.addWidget(screen)
    try:
        qtbot.waitUntil(lambda: screen.listing is not None, timeout=10000)
        before = len(asked)
        screen._reload()
        screen._reload()  # the first is still on the worker's queue: the tick is skipped
        qtbot.waitUntil(lambda: not screen._reloading, timeout=10000)
        assert len(asked) == before + 1
    finally:
        worker.shutdown()
