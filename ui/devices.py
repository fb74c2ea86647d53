"""The station's devices built from their URLs: devices.open_scanner/open_scale/open_printer
when the devices package offers them, else the small adapters here (a folder printer, a
serial scanner through devices.serial_scanner). Demo mode prints to files in a folder.

StationDevices also watches the scale and the printers (`watch`): every state the station
shows comes from a DeviceStatus reported by the device or by a print result, a missing
device is checked again with back-off until it returns, and a label that never reached its
printer is printed again (once) when the printer comes back (LabelRetryOnReturn)."""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QObject

from app.errors import ConfigError
from app.ports import DeviceState, DeviceStatus, Printer, PrintJob, PrintResult, Scale, Scanner
from devices.backoff import Backoff, StatusReporter

log = logging.getLogger(__name__)


class FolderPrinter:
    """A Printer that writes each job as a file in a folder (dir:///path); a missing or
    unwritable folder is a failed job, never an exception."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.address = f"dir://{self.folder}"
        self.count = 0

    def print_job(self, job: PrintJob) -> PrintResult:
        """Write the job; ok only when the file is complete on disk."""
        suffix = ".zpl" if job.content_type == "application/zpl" else ".pdf"
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", job.name) + suffix
        path = self.folder / name
        try:
            with open(path, "xb") as fh:  # never overwrite: a second label is a new version
                fh.write(job.data)
        except OSError as exc:
            return PrintResult(False, self.address, f"cannot write {path} ({exc.strerror})")
        self.count += 1
        return PrintResult(True, self.address, "", {"path": str(path)})

    def status(self) -> PrintResult:
        """ok when the folder exists and is writable."""
        ok = self.folder.is_dir()
        return PrintResult(ok, self.address, "" if ok else f"{self.folder} does not exist")

    def close(self) -> None:
        """Nothing to close."""


def _factory(name: str):  # type: ignore[no-untyped-def]
    """devices.factory.<name> (or devices.<name>) when the devices package offers it."""
    import importlib

    for module in ("devices.factory", "devices"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            found = None
        if found is not None:
            return found
    return None


def open_printer(url: str) -> Printer:
    """A Printer for a URL: devices.open_printer when present, else dir:// here."""
    devices_open_printer = _factory("open_printer")
    if devices_open_printer is not None:
        return devices_open_printer(url)
    parsed = urlparse(url)
    if parsed.scheme == "dir":
        return FolderPrinter(Path(parsed.netloc + parsed.path))
    raise ConfigError(f"Printer URL {url!r} is not supported yet at this station; use dir:///folder "
                      "(see docs/devices.md).")


def open_scanner(url: str) -> Scanner:
    """A Scanner for a URL: devices.open_scanner when present, else a serial port/pyserial URL."""
    devices_open_scanner = _factory("open_scanner")
    if devices_open_scanner is not None:
        return devices_open_scanner(url)
    from devices.serial_scanner import SerialScanner, SerialSettings

    port = url.removeprefix("serial://")
    return SerialScanner(SerialSettings(port=port))


def open_scale(url: str, protocol: str) -> Scale:
    """A Scale for a URL through devices.open_scale."""
    devices_open_scale = _factory("open_scale")
    if devices_open_scale is None:
        raise ConfigError(f"Scale {url!r}: this installation has no scale support yet.")
    return devices_open_scale(url, protocol)


StatusCallback = Callable[[DeviceStatus], None]
DELIBERATE = ("closed", "stopped")  # a device closed on purpose is not "missing"


def _printer_state(result: PrintResult) -> DeviceState:
    """What a print or status result says about the printer itself."""
    if result.ok:
        return DeviceState.CONNECTED
    answered = any(key != "sent" for key in result.details)  # e.g. ~HS flags: paper out, head open
    if answered or result.details.get("sent", "no") != "no":
        return DeviceState.ERROR
    return DeviceState.DISCONNECTED  # never reached (refused, unreachable, silent): missing


@dataclass
class StationDevices:
    """The scale and printers the station uses (scanners feed the ScanInbox directly)."""

    scale: Scale | None = None
    label_printer: Printer | None = None
    document_printer: Printer | None = None
    scanner_address: str = ""
    extra_statuses: list[DeviceStatus] = field(default_factory=list)
    health_s: float = 15.0  # a present scale or printer is checked again this often
    retry_initial_s: float = 0.25  # a missing one: this, doubling up to retry_max_s
    retry_max_s: float = 5.0
    weigh_timeout_s: float = 5.0
    last_label: PrintResult | None = field(default=None, init=False)
    _reporters: dict[str, StatusReporter] = field(default_factory=dict, init=False, repr=False)
    _due: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _printed: set[str] = field(default_factory=set, init=False, repr=False)
    _scale_lock: Any = field(default_factory=threading.Lock, init=False, repr=False)
    _wake: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    # --- watching ------------------------------------------------------------------------

    def watch(self, on_status: StatusCallback) -> None:
        """Report every state change of the scale and printers to on_status (from any thread)
        and start checking them: now, with back-off while missing, every health_s when present."""
        for name, device in self._watched().items():
            reporter = StatusReporter(name, getattr(device, "address", ""))
            reporter.callback = on_status
            self._reporters[name] = reporter
            self._due[name] = 0.0
        if self.scale is not None and hasattr(self.scale, "set_status_callback"):
            self.scale.set_status_callback(self._scale_status)
        if self._due and self._thread is None:
            self._thread = threading.Thread(target=self._watch_loop, name="packdesk device watch", daemon=True)
            self._thread.start()

    def _watched(self) -> dict[str, object]:
        found = {"scale": self.scale, "label printer": self.label_printer, "document printer": self.document_printer}
        return {name: device for name, device in found.items() if device is not None}

    def _report(self, name: str, state: DeviceState, message: str = "") -> None:
        reporter = self._reporters.get(name)
        if reporter is None:
            return
        reporter.report(state, message)
        if state is not DeviceState.CONNECTED:
            self.check_soon(name)

    def check_soon(self, name: str) -> None:
        """Check this device again now (it was just found missing or in error)."""
        if name in self._due:
            self._due[name] = 0.0
            self._wake.set()

    def _scale_status(self, status: DeviceStatus) -> None:
        """The scale's own status callback (its port opened, or was lost)."""
        if status.message in DELIBERATE:
            return
        self._report("scale", status.state, status.message)

    def _watch_loop(self) -> None:
        backoffs = {name: Backoff(self.retry_initial_s, self.retry_max_s) for name in self._due}
        while not self._stop.is_set():
            for name in list(self._due):
                if self._stop.is_set():
                    return
                if time.monotonic() < self._due[name]:
                    continue
                try:
                    present = self._check(name)
                except Exception as exc:  # a broken driver must not end the watch
                    log.exception("checking the %s failed", name)
                    self._reporters[name].report(DeviceState.ERROR, str(exc))
                    present = False
                if present is None:  # busy elsewhere: look again shortly
                    self._due[name] = time.monotonic() + self.retry_initial_s
                elif present:
                    backoffs[name].reset()
                    self._due[name] = time.monotonic() + self.health_s
                else:
                    self._due[name] = time.monotonic() + backoffs[name].next_delay()
            self._wake.wait(max(0.0, min(self._due.values()) - time.monotonic()))
            self._wake.clear()

    def _check(self, name: str) -> bool | None:
        """One check of one device, reported; True when it is there and well (None: busy)."""
        if name == "scale":
            return self._check_scale()
        printer = self.label_printer if name == "label printer" else self.document_printer
        status = getattr(printer, "status", None)
        if status is None:
            self._reporters[name].report(DeviceState.CONNECTED)
            return True
        result = status()
        state = _printer_state(result)
        self._reporters[name].report(state, "" if result.ok else result.message)
        return state is DeviceState.CONNECTED

    def _check_scale(self) -> bool | None:
        from devices.errors import ScaleError, ScaleFailure

        if self.scale is None:
            return True
        if not self._scale_lock.acquire(blocking=False):
            return None  # weighing or under test right now: that use reports what it finds
        try:
            self.scale.read_now()
        except ScaleError as exc:
            if exc.reason is ScaleFailure.DISCONNECTED:
                self._reporters["scale"].report(DeviceState.DISCONNECTED, str(exc))
                return False
            if exc.reason is ScaleFailure.NO_ANSWER:
                self._reporters["scale"].report(DeviceState.ERROR, str(exc))
                return False
        finally:
            self._scale_lock.release()
        self._reporters["scale"].report(DeviceState.CONNECTED)
        return True

    # --- the devices worker ----------------------------------------------------------------

    def read_stable_weight(self) -> int:
        """On the devices worker: a stable weight in grams, or the scale's error."""
        from devices.errors import ScaleError, ScaleFailure

        assert self.scale is not None
        with self._scale_lock:
            try:
                grams = self.scale.read_stable(timeout=self.weigh_timeout_s).grams
            except ScaleError as exc:
                if exc.reason is ScaleFailure.DISCONNECTED:
                    self._report("scale", DeviceState.DISCONNECTED, str(exc))
                elif exc.reason is ScaleFailure.NO_ANSWER:
                    self._report("scale", DeviceState.ERROR, str(exc))
                raise
        self._report("scale", DeviceState.CONNECTED)
        return grams

    @contextmanager
    def scale_released(self) -> Iterator[None]:
        """On the devices worker: the station's scale lets go of its port while a test opens
        it (serial ports are opened exclusively); checked again afterwards."""
        with self._scale_lock:
            if self.scale is not None:
                self.scale.close()
            yield
        self.check_soon("scale")

    def print_label(self, job: PrintJob) -> PrintResult:
        """On the devices worker: send a label (no printer is a failed job)."""
        if self.label_printer is None:
            return PrintResult(False, "", "no label printer is configured ([devices] label_printer)")
        result = self._print("label printer", self.label_printer, job)
        self.last_label = result
        return result

    def print_document(self, job: PrintJob) -> PrintResult:
        """On the devices worker: send a document (the packing slip)."""
        if self.document_printer is not None:
            return self._print("document printer", self.document_printer, job)
        if self.label_printer is not None:
            return self._print("label printer", self.label_printer, job)
        return PrintResult(False, "", "no document printer is configured")

    def _print(self, name: str, printer: Printer, job: PrintJob) -> PrintResult:
        if job.name in self._printed:  # a RETRY racing an automatic retry: one label, not two
            log.warning("%s %s: job %s was printed already; not sent again", name, printer.address, job.name)
            return PrintResult(True, printer.address, f"job {job.name} was printed already",
                               {"sent": "no", "duplicate": "yes"})
        try:
            result = printer.print_job(job)
        except Exception as exc:  # a transport bug must become a failure; it may have been sent
            log.exception("%s %s failed", name, printer.address)
            result = PrintResult(False, printer.address, str(exc), {"sent": "unknown"})
        if result.ok:
            self._printed.add(job.name)
        self._report(name, _printer_state(result), "" if result.ok else result.message)
        return result

    # --- what the screens show first ---------------------------------------------------------

    def statuses(self) -> list[DeviceStatus]:
        """What the station shows before any device reports: configured ones are being checked."""
        def state(device: str, obj: object, address: str = "") -> DeviceStatus:
            if obj is None:
                return DeviceStatus(device, "", DeviceState.NOT_CONFIGURED)
            return DeviceStatus(device, address or getattr(obj, "address", ""), DeviceState.DISCONNECTED,
                                "checking...")
        return [
            state("scanner", self.scanner_address or None, self.scanner_address),
            state("scale", self.scale),
            state("label printer", self.label_printer),
            state("document printer", self.document_printer),
            *self.extra_statuses,
        ]

    def close(self) -> None:
        """Stop watching, then close the scale and printers."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        for device in (self.scale, self.label_printer, self.document_printer):
            if device is not None:
                try:
                    device.close()
                except Exception:
                    log.exception("closing %r failed", device)


class LabelRetryOnReturn(QObject):
    """When a label never reached its printer and that printer comes back, print it again -
    the same label version, once (the packer may still press RETRY sooner)."""

    def __init__(self, station: Any) -> None:
        super().__init__(station)
        self.station = station
        self._waiting = False
        station.print_changed.connect(self._print_state)
        station.device_changed.connect(self._device)

    def _print_state(self, state: Any) -> None:
        last = self.station.devices.last_label
        self._waiting = (state.ok is False and last is not None and not last.ok
                         and last.details.get("sent", "no") == "no")

    def _device(self, status: DeviceStatus) -> None:
        if not self._waiting or status.device != "label printer" or status.state is not DeviceState.CONNECTED:
            return
        self._waiting = False
        if self.station.step == "print":
            log.info("label printer %s is back: printing the waiting label", status.address)
            self.station.retry_print()
