"""The one composition root: configuration -> database and packing use cases -> devices ->
station core (on its own thread) -> bridge -> window. Nothing is built at import time;
`StationApp.close()` undoes it all, in reverse."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any

from shiboken6 import isValid

from app.config import StationConfig, is_keyboard_url
from app.errors import ConfigError, PackdeskError
from app.ports import DeviceState, DeviceStatus
from app.station.backend import StationBackend, open_backend
from app.station.core import StationCore
from app.station.devices import DATABASE, DOCUMENT_PRINTER, LABEL_PRINTER, SCALE, StationDevices
from app.station.runner import StationRunner
from devices.factory import check_keyboard_url, open_printer, open_scale, open_scanner, printer_probe, scale_probe
from devices.printers import FolderPrinter
from printing.documents import label_and_slip_jobs
from ui import words
from ui.bridge import StationBridge
from ui.scan_inbox import ManualScanner, ScanInbox
from ui.sounds import Sounds
from ui.window import StationWindow
from ui.workers import Worker, run_turning

log = logging.getLogger(__name__)


@dataclass
class StationApp:
    """Everything one running station owns."""

    config: StationConfig
    backend: StationBackend
    devices: StationDevices
    runner: StationRunner
    station: StationBridge
    inbox: ScanInbox
    keyboard: ManualScanner
    diagnostics: Worker  # the device screen's tests
    window: StationWindow
    wedge: Any = None  # ui.wedge.KeyboardWedge when the keyboard wedge is on
    doctor: Any = None  # ui.doctor_dialog.DoctorDialog, once a supervisor opened it
    translations: Any = None  # ui.translations.Translations: the station's, then each user's language
    supervision: Any = None  # app.floor.desk.SupervisionDesk (the review screen's)
    review_worker: Any = None  # ui.workers.Worker of the review screen
    admin: Any = None  # app.floor.admin_desk.AdminDesk (the admin pages of the review screen)
    health_timer: Any = None  # reports the devices' states to the board
    closed: bool = field(default=False)

    @property
    def db(self) -> Any:
        """The station's database (tests read what the station wrote)."""
        return self.backend.db

    def close(self) -> None:
        """Stop scanners, the core and its device threads, the devices and the database. What
        may wait (a reader thread, the station thread, a call on the database, giving leases
        back) runs off the GUI thread, whose loop keeps turning meanwhile (run_turning)."""
        if self.closed:
            return
        self.closed = True
        scanners = self.inbox.detach_all()
        for scanner in scanners:
            if _lives_on_gui_thread(scanner):
                _stop(scanner)
        if self.health_timer is not None and isValid(self.health_timer):  # a child of the window
            self.health_timer.stop()
        workers = [w for w in (self.diagnostics, self.review_worker) if w is not None]
        for worker in workers:
            worker.retire()  # a call still waiting on the database ends by itself; its answer is dropped
        self.station.silence()
        if isValid(self.window):  # the window goes at once (a test's qtbot may have deleted it already)
            self.window.exit_allowed = True
            self.window.close()
        run_turning(lambda: self._release([s for s in scanners if not _lives_on_gui_thread(s)], workers),
                    "closing")
        if self.translations is not None:
            self.translations.clear()

    def _release(self, scanners: list[Any], workers: list[Worker]) -> None:
        """Off the GUI thread, in order: reader threads, the core, the workers' last calls, the
        board's watch, the devices, the database (giving leased orders back)."""
        for scanner in scanners:
            _stop(scanner)
        self.runner.close()
        for worker in workers:
            if not worker.wait_ended(timeout=60):
                log.warning("worker %s still waiting after 60 s; closing the database under it", worker.name)
        if self.supervision is not None:
            self.supervision.close()
        self.devices.close()
        self.backend.close()


def _lives_on_gui_thread(scanner: Any) -> bool:
    """The scripted keyboard and the keyboard wedge (a Qt event filter) stop on the GUI thread."""
    from ui.scan_inbox import ManualScanner
    from ui.wedge import KeyboardWedge

    inner = scanner.scanner if isinstance(scanner, _AsDevice) else scanner
    return isinstance(inner, (ManualScanner, KeyboardWedge))


def _stop(scanner: Any) -> None:
    try:
        scanner.stop()
    except Exception:  # one broken scanner must not keep the others running
        log.exception("stopping scanner %r failed", scanner)


def check_devices(config: StationConfig) -> None:
    """Refuse a bad keyboard-wedge, scanner or scale URL at start-up, naming the key and the
    file (built, not opened: a device that is only unplugged is the health check's news)."""
    where = config.config_path or "the built-in defaults"
    urls = config.devices
    builders = (("scanner", lambda: open_scanner(urls.scanner)),
                ("scale", lambda: open_scale(urls.scale, urls.scale_protocol)))
    for key, build in builders:
        if getattr(urls, key) and not is_keyboard_url(getattr(urls, key)):
            try:
                build()
            except PackdeskError as exc:
                raise ConfigError(f"[devices] {key} in {where}: {exc}") from None
    for key in ("scanner", "keyboard_wedge"):
        url = getattr(config.devices, key)
        if not is_keyboard_url(url):
            continue
        try:
            check_keyboard_url(url)
        except PackdeskError as exc:
            raise ConfigError(f"[devices] {key} in {where}: {exc}") from None


def build_devices(config: StationConfig) -> StationDevices:
    """Scale and printers from their URLs, with their health probes; demo mode prints to files."""
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
    if devices.scale is not None:
        devices.probes[SCALE] = scale_probe(devices.scale)
    for name, printer in ((LABEL_PRINTER, devices.label_printer), (DOCUMENT_PRINTER, devices.document_printer)):
        if printer is not None:
            devices.probes[name] = printer_probe(printer)
    return devices


def build_station(config: StationConfig) -> StationApp:
    """Build a station (a QApplication must exist); call show_kiosk()/show() on its window."""
    words.install()  # every count the station shows goes through Qt's tr() with a count
    check_devices(config)
    backend = open_backend(config.database_url, config.packing, config.offline_buffer, config.data_dir)
    devices = build_devices(config)
    devices.probes[DATABASE], devices.database_address = backend.health_probe(), backend.db.safe_url
    runner = StationRunner()
    core = StationCore(backend.service, devices, label_and_slip_jobs, backend.records, time.monotonic,
                       io=runner.executor("devices"), checks=runner.executor("device watch"),
                       database_checks=runner.executor("database watch"), picking=backend.picking,
                       offline=backend.offline, language=config.language)
    sounds = Sounds(enabled=config.sounds)
    station = StationBridge(runner, sounds, core.snapshot())
    inbox = ScanInbox()
    inbox.status_changed.connect(station.device_status)
    inbox.scanned.connect(station.handle_scan)
    if devices.scale is not None and hasattr(devices.scale, "set_status_callback"):
        devices.scale.set_status_callback(lambda status: runner.call("device_status", status))
    keyboard = ManualScanner("keyboard")
    side_panel = None
    if config.demo:
        from ui.demo_panel import DemoPanel

        side_panel = DemoPanel(station, keyboard, [])  # its badges come from the database below
    window = StationWindow(station, side_panel)
    window.destroyed.connect(station.silence)  # its screens are gone: nothing left to show a snapshot on
    diagnostics = Worker("devices")
    app = StationApp(config, backend, devices, runner, station, inbox, keyboard, diagnostics, window)
    runner.start(core)
    # The scripted keyboard (demo panel, tests) reports no state: the real scanners' tiles count.
    inbox.attach(_AsDevice(keyboard, None) if config.devices.scanner or config.devices.wedge else keyboard)
    if config.devices.scanner and config.devices.wedge != config.devices.scanner:
        try:
            inbox.attach(open_scanner(config.devices.scanner))
        except Exception as exc:
            log.error("scanner %s cannot start: %s", config.devices.scanner, exc)
            station.device_status(DeviceStatus("scanner", config.devices.scanner, DeviceState.ERROR, str(exc)))
    _attach_wedge(app)
    from ui.screens.device_settings import install_device_settings

    install_device_settings(app)
    from app.floor.desk import open_supervision
    from ui.screens.board import install_health_reports
    from ui.screens.review import install_review

    from app.floor.admin_desk import open_admin

    app.supervision = open_supervision(backend.db, str(config.config_path) if config.config_path else None)
    app.admin = open_admin(backend.db, str(config.config_path) if config.config_path else None)
    # the review screen's worker: the review and admin pages, the board's health reports, the demo badges
    app.review_worker = Worker("review")
    install_review(app)  # built when a supervisor first needs it
    app.health_timer = install_health_reports(app)
    app.window.waiting.watch(lambda: app.review_worker.pending)
    if side_panel is not None:
        _read_demo_badges(app, side_panel)
    from ui.doctor_dialog import install_doctor

    install_doctor(app)  # the review screen's DOCTOR button too, once that is built
    from ui.translations import Translations, follow_the_user

    app.translations = Translations()
    follow_the_user(app.translations, station, config.language)
    sounds.announce()
    return app


def _read_demo_badges(app: StationApp, panel: Any) -> None:
    """The demo panel's badges, read on the review's worker (the database may be slow to answer)."""
    def failed(exc: BaseException) -> None:  # the login screen says what is wrong with the database
        log.warning("no demo badges: %s", exc)

    app.review_worker.submit(app.backend.records.demo_badges, on_done=panel.set_badges, on_error=failed)
    picking = getattr(app.backend, "picking", None)
    if picking is not None:  # the picker's stop: its item barcodes, read on the review's worker too
        panel.barcodes_of = lambda product_id, then: app.review_worker.submit(
            picking.barcodes_of, product_id, on_done=then, on_error=failed)
        panel.open_lists = lambda then: app.review_worker.submit(picking.open_lists, on_done=then, on_error=failed)


def _attach_wedge(app: StationApp) -> None:
    """The keyboard-wedge detector, built from the station's keyboard: URL (prefix, suffix, GS
    substitute, timing: docs/devices.md) and attached like any other scanner."""
    url = app.config.devices.wedge
    if not url:
        log.info("keyboard wedge switched off ([devices] keyboard_wedge = \"\")")
        return
    from ui.wedge import KeyboardWedge

    try:
        app.wedge = KeyboardWedge(open_scanner(url))  # type: ignore[arg-type]
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
