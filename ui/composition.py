"""The one composition root: configuration -> Database -> PackingService -> devices ->
station -> window. Nothing is built at import time; `StationApp.close()` undoes it all."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from sqlalchemy import select

from app.store.models import User
from app.store.session import Database
from app.packing.service import PackingService
from app.packing.prompt_scans import record_prompt_scan
from app.packing.supervisor import KIOSK_EXIT
from app.ports import DeviceState, DeviceStatus, Scan
from ui.config import StationConfig
from ui.devices import FolderPrinter, StationDevices, open_printer, open_scale, open_scanner
from ui.scan_inbox import ManualScanner, ScanInbox
from ui.session import StationSession
from ui.sounds import Sounds
from ui.station import Station
from ui.supervisor import SupervisorCheck
from ui.window import StationWindow
from ui.workers import Worker

log = logging.getLogger(__name__)


@dataclass
class StationApp:
    """Everything one running station owns."""

    config: StationConfig
    db: Database
    service: PackingService
    db_worker: Worker
    device_worker: Worker
    devices: StationDevices
    inbox: ScanInbox
    keyboard: ManualScanner
    station: Station
    window: StationWindow
    wedge: Any = None  # ui.wedge.KeyboardWedge when the keyboard wedge is on
    closed: bool = field(default=False)

    def close(self) -> None:
        """Stop scanners, workers, devices and the database, in that order."""
        if self.closed:
            return
        self.closed = True
        self.station.shutdown()
        self.inbox.stop_all()
        self.db_worker.shutdown()
        self.device_worker.shutdown()
        self.devices.close()
        self.db.close()
        self.window.exit_allowed = True
        self.window.close()


def demo_badges(db: Database) -> list[tuple[str, str]]:
    """(display name, badge) of the active users, for the demo panel."""
    with db.read() as session:
        users = session.scalars(select(User).where(User.active.is_(True)).order_by(User.role, User.id)).all()
        return [(f"{u.display_name} ({u.role})", u.badge_code) for u in users[:8]]


def build_devices(config: StationConfig) -> StationDevices:
    """Scale and printers from their URLs; demo mode prints to files."""
    urls = config.devices
    devices = StationDevices(scanner_address=urls.scanner or ("keyboard" if config.demo else ""))
    if urls.scanner and urls.scanner != urls.wedge:
        # Not "connected" until the scanner's reader has opened the port and says so.
        devices.extra_statuses.append(DeviceStatus("scanner", urls.scanner, DeviceState.DISCONNECTED, "opening"))
    if urls.scale:
        devices.scale = open_scale(urls.scale, urls.scale_protocol)
    if urls.label_printer:
        devices.label_printer = open_printer(urls.label_printer)
    if urls.document_printer:
        devices.document_printer = open_printer(urls.document_printer)
    if config.demo:
        config.output_dir.mkdir(parents=True, exist_ok=True)
        devices.label_printer = devices.label_printer or FolderPrinter(config.output_dir)
        devices.document_printer = devices.document_printer or FolderPrinter(config.output_dir)
    return devices


def build_station(config: StationConfig, db: Database | None = None) -> StationApp:
    """Build a station (a QApplication must exist); call show_kiosk()/show() on its window."""
    db = db or Database(config.database_url)
    service = PackingService(db, config.code, config.packing)
    db_worker = Worker("database")
    device_worker = Worker("devices")
    devices = build_devices(config)
    sounds = Sounds(enabled=config.sounds)
    session = StationSession(service)
    session.exit_checker = SupervisorCheck(db, config.code, KIOSK_EXIT)  # decided and audited in app/
    station = Station(session, db_worker, device_worker, devices, sounds,
                      idle_timeout_s=config.packing.idle_timeout_seconds)
    inbox = ScanInbox()
    inbox.status_changed.connect(station.device_status)
    keyboard = ManualScanner("keyboard")
    side_panel = None
    if config.demo:
        from ui.demo_panel import DemoPanel

        side_panel = DemoPanel(station, keyboard, demo_badges(db))
    window = StationWindow(station, side_panel, partial(record_prompt_scan, db, config.code))
    _route_questions_first(station, window)
    inbox.scanned.connect(station.handle_scan)
    app = StationApp(config, db, service, db_worker, device_worker, devices, inbox, keyboard, station, window)
    # The scripted keyboard (demo panel, tests) reports no state: the real scanners' tiles count.
    inbox.attach(_AsDevice(keyboard, None) if config.devices.scanner or config.devices.wedge else keyboard)
    if config.devices.scanner and config.devices.wedge != config.devices.scanner:
        try:
            inbox.attach(open_scanner(config.devices.scanner))
        except Exception as exc:
            log.error("scanner %s cannot start: %s", config.devices.scanner, exc)
            station.device_status(DeviceStatus("scanner", config.devices.scanner, DeviceState.ERROR, str(exc)))
    _attach_wedge(app)
    from ui.screens.device_settings import install_device_settings  # status callbacks, device screen
    install_device_settings(app)
    sounds.announce()
    return app


def _route_questions_first(station: Station, window: StationWindow) -> None:
    """Scans reach the open question first (window.take_scan answers or refuses them), then the
    station. Installed as station.handle_scan so every user of that slot (the device screen
    swaps it out during a scan test) routes the same way."""
    handle = station.handle_scan

    def handle_scan(scan: Scan) -> None:
        if not window.take_scan(scan):
            handle(scan)

    station.handle_scan = handle_scan  # type: ignore[method-assign]


def _attach_wedge(app: StationApp) -> None:
    """The keyboard-wedge detector, built from the station's keyboard: URL (prefix, suffix, GS
    substitute, timing: docs/devices.md) and attached like any other scanner."""
    url = app.config.devices.wedge
    if not url:
        log.info("keyboard wedge switched off ([devices] keyboard_wedge = \"\")")
        return
    from devices import open_scanner as open_device_scanner
    from ui.wedge import KeyboardWedge

    try:
        app.wedge = KeyboardWedge(open_device_scanner(url))  # type: ignore[arg-type]
        # Beside a serial/HID scanner the wedge has its own tile, so it never hides that scanner's state.
        second = bool(app.config.devices.scanner) and url != app.config.devices.scanner
        app.inbox.attach(_AsDevice(app.wedge, "keyboard") if second else app.wedge)
    except Exception as exc:
        log.exception("keyboard wedge %s could not start; the station carries on without it", url)
        app.station.device_status(DeviceStatus("scanner", url, DeviceState.ERROR, str(exc)))


class _AsDevice:
    """A Scanner whose status reports name another device (the wedge beside a serial scanner),
    or are dropped (device None)."""

    def __init__(self, scanner: Any, device: str | None) -> None:
        self.scanner, self.device = scanner, device

    def start(self, on_scan: Any, on_status: Any = None) -> None:
        """Start the scanner, renaming its status reports."""
        rename = None if on_status is None or self.device is None else (
            lambda s: on_status(replace(s, device=self.device)))
        self.scanner.start(on_scan, rename)

    def stop(self) -> None:
        """Stop the scanner."""
        self.scanner.stop()
