"""`python -m ui.dock_screenshots [FOLDER] [--language de]`: the dock's and the returns station's screens
(dispatch.png, returns.png) on a temporary database with the packing tests' warehouse (a
development tool: it borrows the tests' data, so it stays out of ui/dock.py, which ships)."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from ui.dock import _window

log = logging.getLogger(__name__)


def screenshot(out: Path, language: str = "en") -> None:
    """dispatch.png: the dock after two of three labelled parcels were scanned (one order shipped);
    returns.png: a received return with both its items scanned and a third one refused, about to be
    inspected."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.cli.db import create_database
    from app.shipping.dock import OpenDock
    from app.shipping.settings import ShippingSettings
    from tests.integration.packing.conftest import FixedClock, Warehouse, add_order, warehouse
    from tests.integration.shipping.carrier_files import import_rate_tables
    from tests.integration.shipping.packed import pack_teapots

    _qt = QApplication.instance() or QApplication([])
    from ui.translations import Translations

    speaking = Translations()
    speaking.use(language)
    with tempfile.TemporaryDirectory() as tmp:
        db = create_database(f"sqlite:///{tmp}/dock.sqlite3")
        house: Warehouse = warehouse.__wrapped__(db)  # type: ignore[attr-defined]
        import_rate_tables(db.url, Path(tmp))
        labels = pack_teapots(house, "PD-1043", parcels=2)
        pack_teapots(house, "PD-1044", parcels=1)
        add_order(db, "PD-1045", [("TEAPOT-RED", 1)])
        opened = OpenDock(db.url, ShippingSettings(), user="dora", clock=FixedClock())
        from ui.screens.dispatch import DispatchScreen

        window, worker = _window(DispatchScreen, opened.dock, "dock")
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
        window.grab().save(str(out / "dispatch.png"))
        worker.shutdown()
        opened.close()

        # the returns screen: PD-1043 delivered, a return of its two teapots received at the station
        import json
        from contextlib import redirect_stdout
        from datetime import datetime, timedelta, timezone
        from io import StringIO

        from app.cli.main import main
        from app.shipping.returns_desk import OpenReturnsDesk

        report = Path(tmp) / "t.csv"
        when = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
        report.write_text("tracking_number,status,time\n" + "".join(f"{l.tracking_number},delivered,{when}\n"
                                                                      for l in labels), encoding="utf-8")
        text = StringIO()
        with redirect_stdout(text):
            main(["--database", db.url, "tracking", "import", str(report)])
            main(["--database", db.url, "returns", "create", "PD-1043", "--line", "TEAPOT-RED:2",
                  "--reason", "lid chipped", "--json"])
        rma = json.loads(text.getvalue()[text.getvalue().index("{"):])["rma"]
        desk = OpenReturnsDesk(db.url, user="rita")
        from tests.integration.packing.conftest import MUG_EAN, TEAPOT_EAN
        from ui.screens.returns import ReturnsScreen

        window, worker = _window(ReturnsScreen, desk.desk, "returns")
        window.show()
        for code in (rma, TEAPOT_EAN, TEAPOT_EAN, MUG_EAN):  # both teapots, then a mug that is not in it
            window.scan(code)
            settle()
        window.lines.cellWidget(0, 3).setText("R-01-01")
        window.photo.setText("/photos/rma-lid.jpg")
        window.grab().save(str(out / "returns.png"))
        worker.shutdown()
        desk.close()
        db.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    from ui.screenshots import screenshot_arguments

    arguments = screenshot_arguments("python -m ui.dock_screenshots", None)  # the windows are 1600x1000
    screenshot(Path(arguments.out), arguments.language)
