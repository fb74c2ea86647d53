"""`python -m ui.admin_screenshots DIR`: the admin screens at 1920x1080 on a temporary database
(the tests' station data, an admin, a station that reported, a carrier): USERS with a user
found by a scanned badge, ROLES, STATIONS, BOXES, CARRIERS and REASONS (docs/supervisors.md, "Admin")."""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
ADMIN_BADGE = "BADGE-ADA"
SHOTS = (("users", "23-admin-users.png"), ("roles", "24-admin-roles.png"), ("stations", "25-admin-stations.png"),
         ("boxes", "26-admin-boxes.png"), ("carriers", "27-admin-carriers.png"), ("reasons", "28-admin-reasons.png"))


def main(argv: list[str] | None = None) -> int:
    """Save 23-admin-users.png ... 28-admin-reasons.png."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.admin.people import UserForm
    from app.cli.db import create_database
    from app.config import Settings, station_config
    from app.floor.admin_desk import AdminDesk
    from app.floor.desk import SupervisionDesk
    from tests.ui.data import BOB_BADGE, seed
    from ui.composition import build_station

    _qt = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/admin.sqlite3"
        carriers = Path(tmp) / "carriers.csv"
        carriers.write_text("carrier,carrier_name,service,level,transit_days,cutoff\n"
                            "DHL,DHL Paket,paket,standard,2,16:00\nDHL,DHL Paket,express,express,1,14:00\n"
                            "DPD,DPD Classic,classic,standard,2,17:00\n", encoding="utf-8")
        with create_database(url) as db:
            seed(db, orders=3)
            desk = AdminDesk(db)
            desk.add_user(UserForm("ada", "Ada Admin", "admin", ADMIN_BADGE, "1357"), "setup")
            desk.add_user(UserForm("dmitri", "Дмитрий Орлов", "picker", "PDU-2001", None, "de"), "ada")
            desk.add_reason("wrong_address", "ada")
            desk.import_rates("carriers", carriers)
            floor = SupervisionDesk(db)  # the stations report themselves through it
            floor.report_station("PACK-01", {"scanner": "connected", "scale": "connected", "label printer": "error"})
            floor.report_station("PACK-02", {"scanner": "connected", "scale": "disconnected"})
        config = station_config(Settings(url, raw={"station": {"code": "DESK-1", "fullscreen": False},
                                                   "demo": {"output_dir": f"{tmp}/printed"}}), demo=False)
        app = build_station(config)
        window = app.window
        window.setFixedSize(1920, 1080)
        window.show()

        def wait(ms: int = 1000) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        app.keyboard.scan(ADMIN_BADGE)
        wait(1500)
        review = window.screens["review"]
        review.show_page("admin")
        for name, file in SHOTS:
            review.admin.show_page(name)
            wait()
            if name == "users":
                app.keyboard.scan(BOB_BADGE)  # a badge scanned on USERS finds its user
                wait()
            window.grab().save(str(out / file))
        review.show_page("exceptions")
        app.close()
        QCoreApplication.processEvents()
    log.info("saved the admin screenshots in %s", out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
