"""`python -m ui.screenshots DIR [--size 1920x1080] [--language de]`: builds the station on a temporary copy of
the demo data (resources/demo, the longest product names there are) off screen, walks through a
shift - login, home, an order with a gift banner, a mis-scan, a box override, weighing,
printing, the label scan, a partial shipment, the device screen, closing the station - and
saves one widget.grab() PNG per screen into DIR. With --language the station speaks that
language (its [station] language; the demo's badges bring none of their own).

Every screen is reached the way a packer reaches it (scans and touches through the bridge),
except the few states that need hardware this machine has not got (a scale reading out of
tolerance, a printer failing): those are set on the screen with the words the core uses."""
from __future__ import annotations

import argparse
import itertools
import logging
from dataclasses import replace
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SIZE = (1920, 1080)
BADGE_PACKER, BADGE_SUPERVISOR, SUPERVISOR_PIN = "PDU-1001", "PDU-3001", "2468"  # resources/demo/users.csv
GIFT_ORDER = "PD-10009"  # a gift with the longest demo names (a German keyboard, a T-shirt, honey, pencils)
WRONG_ITEM = "5012345001012"  # MUG-350-WHT: in the catalogue, not in GIFT_ORDER
LONG_ORDER = "PD-10005"  # the longest name of all (coffee beans Ethiopia Yirgacheffe) and a partial shipment


def _demo_database(url: str) -> None:
    """A new database with the demo data set, as `packdesk demo` loads it."""
    from app.cli.db import create_database
    from app.imports.demo import load_demo

    with create_database(url) as db:
        load_demo(db)


def screenshot_arguments(prog: str, argv: list[str] | None) -> argparse.Namespace:
    """The screenshot tools' arguments: the folder, the window size and the station's language."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("out", nargs="?", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--language", default="en", help="the station's language (en, de)")
    return parser.parse_args(argv if argv is not None else sys.argv[1:])


def main(argv: list[str] | None = None) -> int:
    """Save one PNG per screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = screenshot_arguments("python -m ui.screenshots", argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.commands import Command
    from app.config import Settings, station_config
    from app.ports import DeviceState, PrintResult
    from app.station import labels
    from ui.composition import build_station

    _qt = QApplication.instance() or QApplication([])  # kept alive while the station runs
    saved: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite3"
        _demo_database(url)
        station = {"code": "PACK-01", "fullscreen": False, "language": args.language}
        config = station_config(Settings(url, raw={"station": station,
                                                   "demo": {"output_dir": f"{tmp}/printed"}}), demo=True)
        app = build_station(config)
        window = app.window
        window.resize(width, height)
        window.show()

        def wait() -> None:
            for _ in range(300):  # up to 15 s
                loop = QEventLoop()
                QTimer.singleShot(50, loop.quit)
                loop.exec()
                if app.station.pending == 0 and app.review_worker.pending == 0:
                    break

        def shot(name: str) -> None:
            wait()
            log.info("%s: step %s", name, app.station.step)
            window.grab().save(str(out / f"{name}.png"))
            saved.append(name)

        def scan(data: str, symbology: str | None = None) -> None:
            app.keyboard.scan(data, symbology)
            wait()

        serials = itertools.count(1)

        def units(sku_count: dict[str, int] | None = None) -> None:
            """Scan units of the open order: `sku_count` of those SKUs, else every unit still to scan."""
            pack = app.station.pack
            for line in pack.lines:
                n = line.remaining if sku_count is None else sku_count.get(line.sku, 0)
                code = next(h.code for h in pack.barcodes if h.sku == line.sku and h.quantity == 1)
                for _ in range(n):
                    scan(code)
                    if app.station.pack is not None and app.station.pack.awaiting_serial_for:
                        scan(f"SN{line.sku.replace('-', '')}{next(serials):04d}")  # a serial-tracked item's serial
            if app.station.locked:
                raise RuntimeError(f"the walk-through locked the station: {app.station.locked}")

        shot("01-login")
        scan(BADGE_PACKER)
        shot("02-home")
        scan(GIFT_ORDER)
        first = app.station.pack.lines[0].sku
        units({first: 1})
        shot("03-pack")
        scan(WRONG_ITEM)  # a mug that is not in this order
        window.overlay.flash.stop()
        window.overlay._paint("#b00020")
        shot("04-wrong-item-lock")
        scan(Command.ACK.value)
        units()
        app.station.ask("problem")
        shot("05-problem")
        app.station.cancel_question()
        box = app.station.pack.suggested_box
        other = next(code for code in ("PDBOX0003", "PDBOX0004", "PDBOX0002") if box is None or code != box.barcode)
        scan(other)
        shot("06-box-reason")
        app.station.answer(app.window.box_prompt.reasons[0].code)
        shot("07-box-chosen")
        window.show_step("weigh")
        app.station.weigh_changed.emit("Parcel 1 weighs 1480 g but should weigh 720 g (tolerance 36 g). "
                                       "Check the contents against the screen and weigh again.", True)
        shot("08-weigh-out-of-tolerance")
        window.show_step("pack")
        scan(Command.CLOSE_BOX.value)
        shot("09-confirm-label")
        failed = labels.printed(_request_of(app), PrintResult(False, "tcp://10.0.4.21:9100", "connection refused"))
        window.show_step("print")
        app.station.print_changed.emit(failed)
        strip = app.station.device_states["label printer"]
        app.station.device_changed.emit(replace(strip, state=DeviceState.DISCONNECTED, message="connection refused"))
        shot("10-print-failed")
        app.station.device_changed.emit(strip)
        window.show_step("confirm")
        parcel = app.station.pack.parcels[0]
        scan(f"00{parcel.sscc}", "]C1")
        scan(LONG_ORDER)
        pack = app.station.pack
        units({pack.lines[0].sku: pack.lines[0].remaining, pack.lines[1].sku: 1})
        app.station.ask("partial")
        shot("11-partial-supervisor")
        app.station.cancel_question()
        scan(Command.LOGOUT.value)  # an order is open: LOG OUT asks first
        scan(Command.LOGOUT.value)  # ... and the second one confirms (the order stays for the next packer)
        scan(BADGE_SUPERVISOR)  # the supervisor lands on the review screen, which has DEVICES
        app.station.open_device_settings()
        scan(BADGE_SUPERVISOR)
        shot("12-devices")
        app.station.leave_device_settings()
        window.close()
        shot("13-close-station")
        app.close()
        QCoreApplication.processEvents()
    log.info("saved %d screenshots in %s: %s", len(saved), out, ", ".join(saved))
    return 0


def _request_of(app: object) -> object:
    """A label request shaped like the open order's first parcel (for the printer-failure screen)."""
    from types import SimpleNamespace

    pack = app.station.pack  # type: ignore[attr-defined]
    lines = tuple(p for p in (pack.parcels[-1].lines if pack and pack.parcels and hasattr(pack.parcels[-1], "lines")
                              else ()))
    return SimpleNamespace(parcel_seq=pack.current_parcel_seq if pack else 1, label_id=None, order_number="",
                           version=1, reason=None, parcel_count=None, lines=lines)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
