"""The set-up wizard's device pages: the serial ports found, the scanner with a scan test and
the scale with a weigh test; the CUPS queues found and the printers with a test print. The scan
test reads on the scanner's own reader thread, the others run on the wizard's worker."""
from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QListWidget, QVBoxLayout

from app.ports import DeviceState, DeviceStatus, Scan
from devices import diagnostics
from devices.scale_protocols import PROTOCOLS
from ui.scan_inbox import ScanInbox
from ui.screens.device_settings import describe_record
from ui.setup_pages import SetupPage, Wizard, device_combo, show_result
from ui.style import button, label
from ui.translations import grams

log = logging.getLogger(__name__)

SCAN_TEST_S = 30


class DevicesPage(SetupPage):
    """The serial ports found on this computer; the scanner with a scan test, the scale with
    a weigh test."""

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.owner = wizard
        self.inbox: ScanInbox | None = None
        self.port_count: int | None = None
        layout = QVBoxLayout(self)
        self.found = label("", "hint")
        self.ports = QListWidget()
        self.ports.setMaximumHeight(130)
        self.look_button = button("")
        layout.addWidget(self.found)
        layout.addWidget(self.ports)
        layout.addWidget(self.look_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        answers = wizard.answers
        self.scanner = device_combo(answers.scanner)
        self.scan_button = button("")
        self.captions = [label("", wrap=False) for _ in range(3)]
        form.addRow(self.captions[0], self._with(self.scanner, self.scan_button))
        self.scale = device_combo(answers.scale)
        self.protocol = QComboBox()
        self.protocol.addItems(list(PROTOCOLS))
        self.protocol.setCurrentText(answers.scale_protocol)
        self.weigh_button = button("")
        form.addRow(self.captions[1], self._with(self.scale, self.weigh_button))
        form.addRow(self.captions[2], self.protocol)
        layout.addLayout(form)
        self.result = label("", "hint")
        layout.addWidget(self.result)
        self.scan_timer = QTimer(self)
        self.scan_timer.setSingleShot(True)
        self.scan_timer.timeout.connect(self.stop_scan_test)
        self.look_button.clicked.connect(wizard.look_for_devices)
        self.scan_button.clicked.connect(self.toggle_scan_test)
        self.weigh_button.clicked.connect(self.weigh)
        wizard.devices_found.connect(self.show_found)
        self.retranslate()

    def retranslate(self) -> None:
        """The page's fixed words, and how many ports were found."""
        self.setTitle(self.tr("Scanner and scale"))
        self.setSubTitle(self.tr("Choose a serial port, or type a device address (docs/devices.md). "
                                 "Leave the scanner empty for a keyboard scanner."))
        self.look_button.setText(self.tr("LOOK FOR DEVICES"))
        self.scan_button.setText(self.tr("STOP SCAN TEST") if self.inbox is not None else self.tr("SCAN TEST"))
        self.weigh_button.setText(self.tr("WEIGH"))
        for caption, text in zip(self.captions, (self.tr("Scanner"), self.tr("Scale"), self.tr("Scale protocol"))):
            caption.setText(text)
        if self.port_count is not None:
            self.found.setText(self.tr("%n serial port(s) found on this computer.", "", self.port_count))

    @staticmethod
    def _with(field: Any, action: Any) -> Any:
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(action)
        return row

    def show_found(self, found: dict[str, list[dict[str, str]]]) -> None:
        """The serial ports: in the list and offered in both address boxes."""
        ports = found.get("serial_ports", [])
        self.port_count = len(ports)
        self.found.setText(self.tr("%n serial port(s) found on this computer.", "", len(ports)))
        self.ports.clear()
        for port in ports:
            self.ports.addItem(f"{port.get('stable_path') or port['device']}  {port.get('usb_id', '')}  "
                               f"{port.get('description', '')}".strip())
            for combo in (self.scanner, self.scale):
                address = port.get("stable_path") or port["device"]
                if combo.findText(address) < 0:
                    combo.addItem(address)

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name
        """Going back ends a running scan test."""
        self.stop_scan_test()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Going on ends a running scan test."""
        self.stop_scan_test()
        return True

    def toggle_scan_test(self) -> None:
        """Listen to the scanner for SCAN_TEST_S seconds and show what it reads."""
        if self.inbox is not None:
            self.stop_scan_test()
            return
        url = self.scanner.currentText().strip()
        if not url:
            self._result("scan", self.tr("No scanner chosen: a keyboard scanner types into the station."), None)
            return
        inbox = ScanInbox(self)
        inbox.scanned.connect(self._scanned)
        inbox.status_changed.connect(self._scanner_state)
        try:
            from devices.factory import open_scanner

            inbox.attach(open_scanner(url))
        except Exception as exc:  # noqa: BLE001 - a bad address is the test's answer
            self._result("scan", self.tr("The scanner at %1 cannot be opened: %2").replace("%1", url)
                         .replace("%2", str(exc)), False)
            return
        self.inbox = inbox
        self.scan_timer.start(SCAN_TEST_S * 1000)
        self.scan_button.setText(self.tr("STOP SCAN TEST"))
        self._result("scan-opening", self.tr("Opening the scanner at %1...").replace("%1", url), None)

    def _scanner_state(self, status: DeviceStatus) -> None:
        if self.inbox is None:
            return
        if status.state is DeviceState.CONNECTED:
            self._result("scan-started", self.tr("Scan a barcode now (%n second(s)).", "", SCAN_TEST_S), None)
        else:
            self._result("scan-state", self.tr("The scanner at %1 is %2: %3").replace("%1", status.address)
                         .replace("%2", status.state.value).replace("%3", status.message), False)

    def stop_scan_test(self) -> None:
        """Close the scanner again: its reads no longer show at once, and its reader thread is
        stopped off the GUI thread (a scanner stuck opening its port keeps that thread up to 5 s)."""
        self.scan_timer.stop()
        if self.inbox is not None:
            inbox, self.inbox = self.inbox, None
            inbox.scanned.disconnect(self._scanned)
            inbox.status_changed.disconnect(self._scanner_state)
            stop_off_the_gui_thread(inbox.detach_all())
        self.scan_button.setText(self.tr("SCAN TEST"))

    def _scanned(self, scan: Scan) -> None:
        self._result("scan", self.tr("Read: %1").replace("%1", describe_record(diagnostics.scan_record(scan))), True)

    def weigh(self) -> None:
        """One stable weight from the scale, on the worker."""
        url = self.scale.currentText().strip()
        if not url:
            self._result("weigh", self.tr("No scale chosen."), None)
            return
        self._result("weigh-started", self.tr("Weighing at %1: keep the scale still...").replace("%1", url), None)
        self.owner.worker.submit(diagnostics.test_scale, url, self.protocol.currentText(),
                                 on_done=lambda r: self._result("weigh", self._weight(r), bool(r.get("ok"))),
                                 on_error=lambda exc: self._result("weigh", str(exc), False))

    def _weight(self, result: dict[str, Any]) -> str:
        if result.get("ok"):
            return self.tr("Stable weight: %1 at %2").replace("%1", grams(result["grams"])) \
                .replace("%2", result["address"])
        return self.tr("No weight (%1): %2").replace("%1", str(result.get("reason"))) \
            .replace("%2", str(result.get("message")))

    def _result(self, test: str, text: str, good: bool | None) -> None:
        show_result(self.result, text, good)
        self.owner.result_shown.emit(test, text)


def stop_off_the_gui_thread(scanners: list[Any]) -> None:
    """Stop scanners on a short-lived thread of their own (each joins its reader thread)."""
    def stop_each() -> None:
        for scanner in scanners:
            try:
                scanner.stop()
            except Exception:  # one broken scanner must not keep the others running
                log.exception("stopping scanner %r failed", scanner)

    if scanners:
        threading.Thread(target=stop_each, name="packdesk-scan-test-stop", daemon=True).start()


class PrintersPage(SetupPage):
    """The CUPS queues found; the label and document printers with a test print each."""

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.owner = wizard
        self.queue_count: int | None = None
        layout = QVBoxLayout(self)
        self.found = label("", "hint")
        self.queues = QListWidget()
        self.queues.setMaximumHeight(130)
        layout.addWidget(self.found)
        layout.addWidget(self.queues)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.label_printer = device_combo(wizard.answers.label_printer)
        self.document_printer = device_combo(wizard.answers.document_printer)
        self.test_buttons = {}
        self.captions = [label("", wrap=False) for _ in range(2)]
        for name, combo, caption in (("label", self.label_printer, self.captions[0]),
                                     ("document", self.document_printer, self.captions[1])):
            test = button("")
            test.clicked.connect(lambda _=False, c=combo: self.print_test(c.currentText().strip()))
            self.test_buttons[name] = test
            form.addRow(caption, DevicesPage._with(combo, test))
        layout.addLayout(form)
        self.result = label("", "hint")
        layout.addWidget(self.result)
        layout.addStretch(1)
        wizard.devices_found.connect(self.show_found)
        self.retranslate()

    def retranslate(self) -> None:
        """The page's fixed words, and how many queues were found."""
        self.setTitle(self.tr("Printers"))
        self.setSubTitle(self.tr("A CUPS queue (cups://QUEUE) or a network printer (tcp://HOST:9100). "
                                 "An empty document printer prints slips on the label printer."))
        self.captions[0].setText(self.tr("Label printer"))
        self.captions[1].setText(self.tr("Document printer"))
        for test in self.test_buttons.values():
            test.setText(self.tr("PRINT TEST"))
        if self.queue_count is not None:
            self.found.setText(self.tr("%n printer queue(s) found in CUPS.", "", self.queue_count))

    def show_found(self, found: dict[str, list[dict[str, str]]]) -> None:
        """The CUPS queues: in the list and offered in both address boxes."""
        queues = found.get("cups_queues", [])
        self.queue_count = len(queues)
        self.found.setText(self.tr("%n printer queue(s) found in CUPS.", "", len(queues)))
        self.queues.clear()
        for queue in queues:
            self.queues.addItem(f"{queue['url']}  ({queue.get('device_uri', '')})")
            for combo in (self.label_printer, self.document_printer):
                if combo.findText(queue["url"]) < 0:
                    combo.addItem(queue["url"])

    def print_test(self, url: str) -> None:
        """A test label at the printer, on the worker."""
        if not url:
            self._result(self.tr("No printer chosen."), None)
            return
        show_result(self.result, self.tr("Printing a test label at %1...").replace("%1", url), None)
        self.owner.worker.submit(diagnostics.test_printer, url,
                                 on_done=lambda r: self._result(self._printed(r), bool(r.get("ok"))),
                                 on_error=lambda exc: self._result(str(exc), False))

    def _printed(self, result: dict[str, Any]) -> str:
        if result.get("ok"):
            return self.tr("Test label printed at %1.").replace("%1", str(result.get("address")))
        return self.tr("Test label NOT printed at %1: %2").replace("%1", str(result.get("address"))) \
            .replace("%2", str(result.get("message")))

    def _result(self, text: str, good: bool | None) -> None:
        show_result(self.result, text, good)
        self.owner.result_shown.emit("print", text)
