"""`packdesk dock`: the dispatch screen in its own window, at the loading dock (a scanner in
keyboard mode types into its scan field). `python -m ui.dock FILE.png` saves a screenshot of it
on a temporary database with the packing tests' warehouse."""
from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `dock`."""
    parser = subparsers.add_parser("dock", help="the dispatch screen: scan parcels onto the carrier's van")
    parser.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="configuration (TOML)")
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    parser.add_argument("--station", default="DOCK", help="the dock's name in the order log (default DOCK)")
    parser.add_argument("--user", help="who hands over (default: your login name)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Opens the window until it is closed."""
    from PySide6.QtWidgets import QApplication

    from app.config import load_settings
    from app.shipping.dock import OpenDock
    from app.shipping.settings import ShippingSettings

    settings = load_settings(getattr(args, "config", None), getattr(args, "database", None))
    shipping = ShippingSettings.from_raw(settings.raw, settings.config_path or "the built-in defaults")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    opened = OpenDock(settings.database_url, shipping, station=args.station, user=args.user or getpass.getuser())
    window, worker = _window(opened.dock)
    window.show()
    try:
        return int(app.exec())
    finally:
        worker.shutdown()
        opened.close()


def _window(dock):  # type: ignore[no-untyped-def]
    from ui.screens.dispatch import DispatchScreen
    from ui.style import STYLESHEET
    from ui.workers import Worker

    worker = Worker("dock")
    screen = DispatchScreen(dock, worker)
    screen.setStyleSheet(STYLESHEET)
    screen.setWindowTitle("Packdesk dock")
    screen.resize(1600, 1000)
    return screen, worker


def screenshot(out: Path) -> None:
    """The screen after two of three labelled parcels were scanned (one order shipped)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.cli.db import create_database
    from app.shipping.dock import OpenDock
    from app.shipping.settings import ShippingSettings
    from tests.integration.packing.conftest import FixedClock, Warehouse, add_order, warehouse
    from tests.integration.shipping.carrier_files import import_rate_tables
    from tests.integration.shipping.packed import pack_teapots

    _qt = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = create_database(f"sqlite:///{tmp}/dock.sqlite3")
        house: Warehouse = warehouse.__wrapped__(db)  # type: ignore[attr-defined]
        import_rate_tables(db.url, Path(tmp))
        labels = pack_teapots(house, "PD-1043", parcels=2)
        pack_teapots(house, "PD-1044", parcels=1)
        add_order(db, "PD-1045", [("TEAPOT-RED", 1)])
        opened = OpenDock(db.url, ShippingSettings(), user="dora", clock=FixedClock())
        window, worker = _window(opened.dock)
        window.show()

        def settle() -> None:
            for _ in range(40):
                loop = QEventLoop()
                QTimer.singleShot(50, loop.quit)
                loop.exec()
                if worker.pending == 0:
                    break

        for label in labels:
            window.scan(label.tracking_number)
            settle()
        window.grab().save(str(out))
        worker.shutdown()
        opened.close()
        db.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/dispatch.png"))
