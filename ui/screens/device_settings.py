"""The supervisor's device settings screen: each configured device with its URL and live
state, and the installer's tests of `packdesk devices ...` (list, scan, weigh, print-test)
through devices.diagnostics on the devices worker. Also the status-bar strip that names a
missing device and its address on every screen."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLineEdit, QListWidget, QVBoxLayout, QWidget,
)

from app.config import DeviceUrls
from app.ports import DeviceState, DeviceStatus, Scan
from app.station.devices import StationDevices
from devices import diagnostics
from ui.device_words import device_name, state_words
from ui.screens.prompts import Keypad
from ui.style import AMBER, GREEN, GREY, RED, button, label
from ui.translations import Retranslated, clock, grams

log = logging.getLogger(__name__)

STEP = "devices"
SCAN_TEST_S = 30
STATE_COLOURS = {DeviceState.CONNECTED: GREEN, DeviceState.DISCONNECTED: AMBER,
                 DeviceState.ERROR: RED, DeviceState.NOT_CONFIGURED: GREY}
DEVICES = ("scanner", "scale", "label printer", "document printer")


def short_address(address: str, width: int = 40) -> str:
    """The end of a long address (the part that differs between devices)."""
    return address if len(address) <= width else "\u2026" + address[-(width - 1):]


def describe_record(record: dict[str, Any]) -> str:
    """One scan record of devices.diagnostics as a line: data, symbology, GS1 fields."""
    data = record["data"].replace("\x1d", "<GS>")
    symbology = record.get("symbology_name") or record.get("symbology") or QCoreApplication.translate(
        "DeviceSettingsScreen", "no symbology identifier")
    gs1 = record.get("gs1") or {}
    parts = [f"{k}={v}" for k, v in gs1.items() if k != "elements" and v not in (None, "", [], {})]
    if not parts:  # only raw application identifiers
        parts = [f"({ai}) {value}" for ai, value in (gs1.get("elements") or {}).items()]
    fields = ", ".join(parts)
    return f"{data}  [{symbology}]" + (f"  GS1: {fields}" if fields else "")


def describe_weight(result: dict[str, Any]) -> str:
    """devices.diagnostics.test_scale's answer in words."""
    if result.get("ok"):
        return QCoreApplication.translate("DeviceSettingsScreen", "Stable weight: %1 at %2").replace(
            "%1", grams(result["grams"])).replace("%2", str(result["address"]))
    return QCoreApplication.translate("DeviceSettingsScreen", "No weight (%1): %2").replace(
        "%1", str(result.get("reason"))).replace("%2", str(result.get("message")))


def describe_print(result: dict[str, Any]) -> str:
    """devices.diagnostics.test_printer's answer in words."""
    if result.get("ok"):
        head = QCoreApplication.translate("DeviceSettingsScreen", "Test label (%1) printed at %2").replace(
            "%1", str(result.get("format"))).replace("%2", str(result.get("address")))
    else:
        head = QCoreApplication.translate("DeviceSettingsScreen", "Test label NOT printed at %1: %2").replace(
            "%1", str(result.get("address"))).replace("%2", str(result.get("message")))
    return head + ". " + QCoreApplication.translate("DeviceSettingsScreen", "Printer status before: %1").replace(
        "%1", str(result.get("status_before") or "-"))


def describe_listing(found: dict[str, list[dict[str, str]]]) -> list[str]:
    """devices.diagnostics.list_devices's answer, one line per port or queue."""
    port = QCoreApplication.translate("DeviceSettingsScreen", "Serial port %1")
    queue = QCoreApplication.translate("DeviceSettingsScreen", "CUPS queue %1")
    lines = [(port.replace("%1", p["device"]) + f"  {p.get('stable_path') or ''}  {p.get('usb_id') or ''}  "
              f"{p.get('description') or ''}").rstrip() for p in found.get("serial_ports", [])]
    lines += [queue.replace("%1", q["url"]) + f"  ({q.get('device_uri', '')})" for q in found.get("cups_queues", [])]
    return lines or [QCoreApplication.translate("DeviceSettingsScreen",
                                                "No serial ports and no CUPS queues found on this computer.")]


def weigh_test(devices: StationDevices, url: str, protocol: str) -> dict[str, Any]:
    """On the devices worker: the station's scale lets go of its port, diagnostics weighs."""
    with devices.scale_released():
        return diagnostics.test_scale(url, protocol)


def print_test(url: str) -> dict[str, Any]:
    """On the devices worker: a test label through diagnostics."""
    return diagnostics.test_printer(url)


class DeviceStrip(Retranslated, QWidget):
    """The devices in the status bar: a missing one is named with its address."""

    def __init__(self, station: Any) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.tiles: dict[str, Any] = {}
        for name in DEVICES:
            tile = label("", wrap=False)
            tile.setObjectName(f"device-{name.replace(' ', '-')}")
            row.addWidget(tile)
            self.tiles[name] = tile
        self._statuses: dict[str, DeviceStatus] = {}
        station.device_changed.connect(self.show_status)
        for status in station.device_states.values():
            self.show_status(status)

    def retranslate(self) -> None:
        """Every tile again in the language shown now."""
        for status in list(self._statuses.values()):
            self.show_status(status)

    def show_status(self, status: DeviceStatus) -> None:
        """Redraw one device's tile."""
        tile = self.tiles.get(status.device)
        if tile is None:
            return
        self._statuses[status.device] = status
        text = f"{device_name(status.device)} {state_words(status)}"
        if status.state in (DeviceState.DISCONNECTED, DeviceState.ERROR):
            text += " " + self.tr("at %1").replace("%1", short_address(status.address))
        tile.setText(text)
        tile.setToolTip(f"{status.device} {status.address}: {status.state.value} {status.message}".strip())
        tile.setStyleSheet(f"background: {STATE_COLOURS[status.state]}; color: white; font-size: 14pt; "
                           "font-weight: bold; padding: 2px 8px; border-radius: 4px;")
        tile.setVisible(status.state is not DeviceState.NOT_CONFIGURED)


class DeviceSettingsScreen(Retranslated, QWidget):
    """Supervisor only: the configured devices, their live state, and their tests."""

    result_shown = Signal(str, str)  # test (list, scan, weigh, print), text: for people and tests

    def __init__(self, station: Any, devices: StationDevices, worker: Any, urls: DeviceUrls) -> None:
        super().__init__()
        self.station, self.devices, self.worker, self.urls = station, devices, worker, urls
        self.supervisor: str | None = None
        self._scan_test_until = 0.0
        self.scan_timer = QTimer(self)
        self.scan_timer.setSingleShot(True)
        self.scan_timer.timeout.connect(self.stop_scan_test)
        layout = QVBoxLayout(self)
        self.title = label("", "big")
        layout.addWidget(self.title)
        self.message = label("", "message")
        layout.addWidget(self.message)
        # who may enter: a supervisor's badge (through the scanner) or PIN
        self.auth = QWidget()
        beside = QHBoxLayout(self.auth)  # the keypad beside the words: fits 768 pixels high
        beside.setContentsMargins(0, 0, 0, 0)
        auth = QVBoxLayout()
        beside.addLayout(auth, 1)
        self.auth_words = label("", "title")
        auth.addWidget(self.auth_words)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self._pin_entered)
        self.pin.setMaximumWidth(460)
        auth.addWidget(self.pin)
        auth.addStretch(1)
        self.keypad = Keypad(self.pin, self._pin_entered)
        beside.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.auth)
        # the devices and their tests
        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.states: dict[str, Any] = {}
        self.tests: dict[str, Any] = {}
        self.names: dict[str, Any] = {}  # each device's name in its row
        self.addresses: dict[str, Any] = {}
        addresses = {"scanner": urls.scanner or devices.scanner_address,
                     "scale": f"{urls.scale} ({urls.scale_protocol})" if urls.scale else "",
                     "label printer": urls.label_printer or _address(devices.label_printer),
                     "document printer": urls.document_printer or _address(devices.document_printer)}
        self._configured = addresses
        actions = {"scanner": self.toggle_scan_test, "scale": self.weigh,
                   "label printer": lambda: self.print_test("label printer"),
                   "document printer": lambda: self.print_test("document printer")}
        for row, name in enumerate(DEVICES):
            self.names[name] = label("", "message", wrap=False)
            grid.addWidget(self.names[name], row, 0)
            self.addresses[name] = label(addresses[name], "hint")
            grid.addWidget(self.addresses[name], row, 1)
            state = label("", "message", wrap=False)
            state.setAlignment(Qt.AlignmentFlag.AlignCenter)
            state.setMinimumWidth(200)
            grid.addWidget(state, row, 2)
            self.states[name] = state
            test = button("")
            test.clicked.connect(actions[name])
            test.setEnabled(bool(addresses[name]))
            grid.addWidget(test, row, 3)
            self.tests[name] = test
        grid.setColumnStretch(1, 1)
        panel.addLayout(grid)
        self.list_button = button("")
        self.list_button.clicked.connect(self.list_devices)
        panel.addWidget(self.list_button)
        self.progress = label("", "message")
        panel.addWidget(self.progress)
        self.results = QListWidget()
        self.results.setStyleSheet("font-size: 16pt; background: #1b1e21;")
        self.results.setWordWrap(True)
        panel.addWidget(self.results, 1)
        layout.addWidget(self.panel, 1)
        self.back = button("")  # leaving is safe: not the colour of danger
        self.back.clicked.connect(station.leave_device_settings)
        layout.addWidget(self.back)
        self.setFocusProxy(self.pin)
        station.device_changed.connect(self.show_status)
        station.step_changed.connect(self._step)
        station.supervisor_changed.connect(self._authorised)
        station.test_scan.connect(self.take_scan)
        station.message.connect(self._refused)
        self._statuses: dict[str, DeviceStatus] = {}
        for status in station.device_states.values():
            self.show_status(status)
        self._lock()
        self.retranslate()

    def retranslate(self) -> None:
        """The screen's words in the language shown now."""
        self.title.setText(self.tr("Devices - supervisor %1").replace("%1", self.supervisor) if self.supervisor
                           else self.tr("Devices"))
        self.auth_words.setText(self.tr("A supervisor scans their badge or types the PIN"))
        self.pin.setPlaceholderText(self.tr("supervisor PIN, then Enter"))
        for name in DEVICES:
            self.names[name].setText(device_name(name).capitalize())
            self.addresses[name].setText(self._configured[name] or self.tr("not configured"))
        self.tests["scanner"].setText(self.tr("STOP SCAN TEST") if self.scan_timer.isActive() else self.tr("SCAN TEST"))
        self.tests["scale"].setText(self.tr("WEIGH"))
        self.tests["label printer"].setText(self.tr("PRINT TEST"))
        self.tests["document printer"].setText(self.tr("PRINT TEST"))
        self.list_button.setText(self.tr("LIST SERIAL PORTS AND PRINTER QUEUES"))
        self.back.setText(self.tr("BACK"))
        for status in list(self._statuses.values()):
            self.show_status(status)

    # --- who is here: the core checks the badge or PIN and says who opened the screen ------

    def _step(self, step: str) -> None:
        if step != STEP:
            self.stop_scan_test()
        self._lock()

    def _lock(self) -> None:
        self.supervisor = None
        self.auth.show()
        self.panel.hide()
        self.pin.clear()
        self.title.setText(self.tr("Devices"))
        self._say("")

    def _pin_entered(self) -> None:
        value = self.pin.text()
        self.pin.clear()
        self.authorise(value)

    def authorise(self, badge_or_pin: str) -> None:
        """A typed PIN (a badge arrives as a scan): the core checks and audits it."""
        self._say(self.tr("Checking..."))
        self.station.authorise(badge_or_pin)

    def _refused(self, text: str, level: str) -> None:
        if self.station.step == STEP and self.supervisor is None and level == "error":
            self._say(text, True)

    def _authorised(self, who: str | None) -> None:
        if self.station.step != STEP or not who:
            return
        self.supervisor = who
        self.title.setText(self.tr("Devices - supervisor %1").replace("%1", who))
        self.auth.hide()
        self.panel.show()
        self._say(self.tr("Choose a test. Results appear below."))
        self.result_shown.emit("authorised", who)

    def take_scan(self, scan: Scan) -> None:
        """A scan while this screen shows a supervisor in: a read for the scan test."""
        if time.monotonic() < self._scan_test_until:
            self.worker.submit(diagnostics.scan_record, scan, on_done=self._scan_recorded,
                               on_error=self._failed("scan"))
        else:
            self._say(self.tr("Scans are ignored here: press SCAN TEST to see what the scanner reads."))

    # --- the tests -----------------------------------------------------------------------

    def toggle_scan_test(self) -> None:
        """Start (or stop) showing the next scans for SCAN_TEST_S seconds."""
        if self.scan_timer.isActive():
            self.stop_scan_test()
            return
        self._scan_test_until = time.monotonic() + SCAN_TEST_S
        self.scan_timer.start(SCAN_TEST_S * 1000)
        self.tests["scanner"].setText(self.tr("STOP SCAN TEST"))
        self.progress.setText(self.tr("Scan test: scan barcodes now (%n second(s)).", "", SCAN_TEST_S))
        self._scan_test_shown = self.progress.text()

    def stop_scan_test(self) -> None:
        """End the scan test."""
        self._scan_test_until = 0.0
        self.scan_timer.stop()
        self.tests["scanner"].setText(self.tr("SCAN TEST"))
        if self.progress.text() and self.progress.text() == getattr(self, "_scan_test_shown", None):
            self.progress.setText(self.tr("Scan test ended."))

    def _scan_recorded(self, record: dict[str, Any]) -> None:
        self._show("scan", describe_record(record))

    def weigh(self) -> None:
        """One stable weight, or the reason there is none."""
        self._busy("weigh", self.tr("Weighing at %1: keep the scale still...").replace("%1", str(self.urls.scale)))
        self.worker.submit(weigh_test, self.devices, self.urls.scale, self.urls.scale_protocol,
                           on_done=lambda r: self._tested("scale", "weigh", describe_weight(r), not r.get("ok")),
                           on_error=self._failed("weigh"))

    def print_test(self, device: str) -> None:
        """A test label at one printer, and what the printer said."""
        url = self._printer_url(device)
        self._busy("print", self.tr("Printing a test label at %1...").replace("%1", url))
        self.worker.submit(print_test, url,
                           on_done=lambda r: self._tested(device, "print", describe_print(r), not r.get("ok")),
                           on_error=self._failed("print"))

    def list_devices(self) -> None:
        """Serial ports (with stable by-id paths) and CUPS queues on this computer."""
        self._busy("list", self.tr("Looking for serial ports and printer queues..."))
        self.worker.submit(diagnostics.list_devices, on_done=self._listed, on_error=self._failed("list"))

    def _listed(self, found: dict[str, list[dict[str, str]]]) -> None:
        for line in describe_listing(found):
            self._show("list", line)

    def _printer_url(self, device: str) -> str:
        configured = self.urls.label_printer if device == "label printer" else self.urls.document_printer
        if configured:
            return configured
        return _address(getattr(self.devices, device.replace(" ", "_"), None))

    # --- showing -------------------------------------------------------------------------

    def show_status(self, status: DeviceStatus) -> None:
        """A device's live state in its row."""
        tile = self.states.get(status.device)
        if tile is None:
            return
        self._statuses[status.device] = status
        tile.setText(state_words(status))
        tile.setToolTip(f"{status.address} {status.message}".strip())
        tile.setStyleSheet(f"background: {STATE_COLOURS[status.state]}; color: white; border-radius: 8px;")

    def _busy(self, test: str, text: str) -> None:
        self.station.touch()
        self.progress.setText(text)
        self.progress.setStyleSheet(f"background: {AMBER}; color: white;")

    def _show(self, test: str, text: str, error: bool = False) -> None:
        self.progress.setText(text)
        self.progress.setStyleSheet(f"background: {RED if error else GREEN}; color: white;")
        shown = {"scan": self.tr("scan test"), "weigh": self.tr("weigh test"), "print": self.tr("print test"),
                 "list": self.tr("ports and queues")}.get(test, test)
        self.results.insertItem(0, f"{clock(datetime.now(), seconds=True)}  {shown}: {text}")
        self.result_shown.emit(test, text)

    def _tested(self, device: str, test: str, text: str, error: bool) -> None:
        """A device test finished: its result, and the station checks that device again."""
        self.station.check_device_soon(device)
        self._show(test, text, error)

    def _failed(self, test: str) -> Callable[[BaseException], None]:
        return lambda exc: self._show(test, self.tr("failed: %1").replace("%1", str(exc)), True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"background: {RED}; color: white;" if error else "")


def _address(device: object) -> str:
    return str(getattr(device, "address", "") or "") if device is not None else ""


def install_device_settings(app: Any) -> DeviceSettingsScreen:
    """Add the supervisor's device screen (step "devices") and the status-bar strip to a
    built StationApp."""
    screen = DeviceSettingsScreen(app.station, app.devices, app.diagnostics, app.config.devices)
    app.window.add_screen(STEP, screen)
    app.window.statusBar().addPermanentWidget(DeviceStrip(app.station))
    return screen
