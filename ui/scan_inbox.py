"""The station's single entry point for scans. Every source - a serial scanner's reader
thread, a keyboard wedge, the demo panel, a test's scripted scanner - is an
app.ports.Scanner whose on_scan is `ScanInbox.deliver`; the inbox hands each scan to the
GUI thread through a queued signal, in arrival order."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.ports import DeviceState, DeviceStatus, Scan, Scanner

log = logging.getLogger(__name__)


class ScanInbox(QObject):
    """Receives scans and device status on any thread; emits them on the GUI thread."""

    scanned = Signal(object)  # Scan
    status_changed = Signal(object)  # DeviceStatus

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scanners: list[Scanner] = []

    def deliver(self, scan: Scan) -> None:
        """on_scan for every scanner; safe to call from any thread."""
        self.scanned.emit(scan)

    def report(self, status: DeviceStatus) -> None:
        """on_status for every scanner; safe to call from any thread."""
        self.status_changed.emit(status)

    def attach(self, scanner: Scanner) -> None:
        """Start a scanner feeding this inbox."""
        scanner.start(self.deliver, self.report)
        self._scanners.append(scanner)

    def detach_all(self) -> list[Scanner]:
        """Take every attached scanner off this inbox, not stopped (the caller stops each where
        it may: a Qt one on the GUI thread, a reader thread's off it)."""
        scanners, self._scanners = self._scanners, []
        return scanners

    def stop_all(self) -> None:
        """Stop every attached scanner (their threads end before this returns)."""
        while self._scanners:
            scanner = self._scanners.pop()
            try:
                scanner.stop()
            except Exception:  # one broken scanner must not keep the others running
                log.exception("stopping scanner %r failed", scanner)


class ManualScanner:
    """A Scanner fed by code: the keyboard line, the demo panel, tests and the soak run.

    `scan(data)` delivers at once on the caller's thread; `scan_from_thread(data)` delivers
    from a short-lived thread, as a serial reader would.
    """

    def __init__(self, source: str = "keyboard") -> None:
        self.source = source
        self._on_scan: Callable[[Scan], None] | None = None
        self._on_status: Callable[[DeviceStatus], None] | None = None

    def start(
        self,
        on_scan: Callable[[Scan], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
    ) -> None:
        """Begin delivering to on_scan."""
        self._on_scan = on_scan
        self._on_status = on_status
        if on_status:
            on_status(DeviceStatus("scanner", self.source, DeviceState.CONNECTED))

    def stop(self) -> None:
        """Stop delivering."""
        self._on_scan = None

    def scan(self, data: str, symbology: str | None = None) -> Scan | None:
        """Deliver one scan; the terminator arrived now."""
        if self._on_scan is None or not data:
            return None
        scan = Scan(data=data, symbology=symbology, source=self.source, received_at=time.monotonic())
        self._on_scan(scan)
        return scan

    def scan_from_thread(self, data: str, symbology: str | None = None) -> None:
        """Deliver one scan from another thread and wait for that thread to end."""
        thread = threading.Thread(target=self.scan, args=(data, symbology), name="scripted scan")
        thread.start()
        thread.join()
