"""The scale and printers one station uses, as the core sees them: thread-safe calls that may
block (run them off the core's thread), and what a print result says about its printer.
Built by the composition root from the devices/ factories; no Qt, no devices/ import."""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from app.ports import DeviceState, DeviceStatus, Printer, PrintJob, PrintResult, Scale
from app.station.ports import HealthProbe
from app.translator import phrase

log = logging.getLogger(__name__)

LABEL_PRINTER, DOCUMENT_PRINTER, SCALE, SCANNER = "label printer", "document printer", "scale", "scanner"
DATABASE = "database"  # watched like a device when the composition root gives it a probe

# What the packer can do about a device that is missing or in error (shown on the login screen).
WHAT_TO_DO = {
    DATABASE: phrase("Nobody can log in or pack until it is back; the station keeps trying by itself. "
                     "Check the station's network cable, then tell a supervisor."),
    SCANNER: phrase("Check the scanner's cable (unplug it and plug it in again); the station finds it by itself."),
    SCALE: phrase("Check that the scale is switched on and plugged in; parcels cannot be weighed until it answers."),
    LABEL_PRINTER: phrase("Check that the label printer is on, has labels and is connected; labels wait for it."),
    DOCUMENT_PRINTER: phrase("Check that the printer is on, has paper and is connected; packing slips wait for it."),
}
DEVICE_NAMES = {DATABASE: phrase("Database"), SCANNER: phrase("Scanner"), SCALE: phrase("Scale"),
                LABEL_PRINTER: phrase("Label printer"), DOCUMENT_PRINTER: phrase("Document printer")}
NOT_YET_KNOWN = ("checking...", "opening")  # the state before the first check: not a problem yet


def device_problems(statuses: Iterable[DeviceStatus]) -> list[str]:
    """One sentence per device that is missing or in error, with what to do; the database first
    (Phrases: a screen says them in its language, app.translator.Translator.say)."""
    troubled = [s for s in statuses if s.state in (DeviceState.DISCONNECTED, DeviceState.ERROR)
                and s.message not in NOT_YET_KNOWN]
    troubled.sort(key=lambda s: s.device != DATABASE)
    return [_problem(s) for s in troubled]


def _problem(status: DeviceStatus) -> str:
    name = DEVICE_NAMES.get(status.device, status.device.capitalize())
    state = status.message or status.state.value
    advice = WHAT_TO_DO.get(status.device)
    if advice is None:
        return phrase("%(device)s: %(state)s.", device=name, state=state.removesuffix("."))
    return phrase("%(device)s: %(state)s. %(advice)s", device=name, state=state.removesuffix("."), advice=advice)


def printer_state(result: PrintResult) -> DeviceState:
    """What a print or status result says about the printer itself."""
    if result.ok:
        return DeviceState.CONNECTED
    answered = any(key != "sent" for key in result.details)  # e.g. ~HS flags: paper out, head open
    if answered or result.details.get("sent", "no") != "no":
        return DeviceState.ERROR
    return DeviceState.DISCONNECTED  # never reached (refused, unreachable, silent): missing


def never_sent(result: PrintResult) -> bool:
    """True when a failed job certainly did not reach the printer (safe to send again)."""
    return not result.ok and result.details.get("sent", "no") == "no"


@dataclass
class StationDevices:
    """The scale and printers (scanners feed the core's scan input directly)."""

    scale: Scale | None = None
    label_printer: Printer | None = None
    document_printer: Printer | None = None
    scanner_address: str = ""
    database_address: str = ""
    extra_statuses: list[DeviceStatus] = field(default_factory=list)
    probes: dict[str, HealthProbe] = field(default_factory=dict)  # one per watched device
    weigh_timeout_s: float = 5.0
    _scale_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _printed: set[str] = field(default_factory=set, init=False, repr=False)

    def watched(self) -> list[str]:
        """The devices the core checks with back-off: those with a probe."""
        return [name for name in (DATABASE, SCALE, LABEL_PRINTER, DOCUMENT_PRINTER) if name in self.probes]

    def address(self, name: str) -> str:
        """A device's address ("" when it is not configured)."""
        if name == SCANNER:
            return self.scanner_address
        if name == DATABASE:
            return self.database_address
        device = {SCALE: self.scale, LABEL_PRINTER: self.label_printer,
                  DOCUMENT_PRINTER: self.document_printer}.get(name)
        return str(getattr(device, "address", "") or "") if device is not None else ""

    def check(self, name: str) -> tuple[DeviceState, str] | None:
        """One health check of one device (None: the scale is busy weighing or under test)."""
        probe = self.probes[name]
        if name != SCALE:
            return probe()
        if not self._scale_lock.acquire(blocking=False):
            return None
        try:
            return probe()
        finally:
            self._scale_lock.release()

    def read_stable_weight(self) -> int:
        """A stable weight in grams, or the scale's error (blocks up to weigh_timeout_s)."""
        if self.scale is None:
            raise RuntimeError(phrase("no scale is configured ([devices] scale)"))
        with self._scale_lock:
            return self.scale.read_stable(timeout=self.weigh_timeout_s).grams

    @contextmanager
    def scale_released(self) -> Iterator[None]:
        """The station's scale lets go of its port while a test opens it (serial ports are
        opened exclusively); check the scale again afterwards."""
        with self._scale_lock:
            if self.scale is not None:
                self.scale.close()
            yield

    def print_label(self, job: PrintJob) -> PrintResult:
        """Send a label (no printer is a failed job)."""
        if self.label_printer is None:
            return PrintResult(False, "", "no label printer is configured ([devices] label_printer)")
        return self._print(LABEL_PRINTER, self.label_printer, job)

    @property
    def other_printer(self) -> str:
        """The address of the station's document printer when it is a printer of its own (a label
        can go there as a PDF while the label printer fails); "" when there is none."""
        if self.document_printer is None or self.document_printer is self.label_printer:
            return ""
        return self.address(DOCUMENT_PRINTER) or getattr(self.document_printer, "address", "") or DOCUMENT_PRINTER

    def print_label_on_document_printer(self, job: PrintJob) -> PrintResult:
        """Send a label (rendered as a PDF) to the document printer."""
        if self.document_printer is None:
            return PrintResult(False, "", "no document printer is configured ([devices] document_printer)")
        return self._print(DOCUMENT_PRINTER, self.document_printer, job)

    def print_document(self, job: PrintJob) -> tuple[str, PrintResult]:
        """Send a document (the packing slip); which printer took it, and its answer."""
        if self.document_printer is not None:
            return DOCUMENT_PRINTER, self._print(DOCUMENT_PRINTER, self.document_printer, job)
        if self.label_printer is not None:
            return LABEL_PRINTER, self._print(LABEL_PRINTER, self.label_printer, job)
        return DOCUMENT_PRINTER, PrintResult(False, "", phrase("no document printer is configured"))

    def _print(self, name: str, printer: Printer, job: PrintJob) -> PrintResult:
        if job.name in self._printed:  # a RETRY racing an automatic retry: one label, not two
            log.warning("%s %s: job %s was printed already; not sent again", name, printer.address, job.name)
            return PrintResult(True, printer.address, phrase("job %(job)s was printed already", job=job.name),
                               {"sent": "no", "duplicate": "yes"})
        try:
            result = printer.print_job(job)
        except Exception as exc:  # a transport bug must become a failure; it may have been sent
            log.exception("%s %s failed", name, printer.address)
            result = PrintResult(False, printer.address, str(exc), {"sent": "unknown"})
        if result.ok:
            self._printed.add(job.name)
        return result

    def statuses(self) -> list[DeviceStatus]:
        """What the station shows before any device reports: configured ones are being checked."""
        out = []
        for name in (SCANNER, SCALE, LABEL_PRINTER, DOCUMENT_PRINTER):
            address = self.address(name)
            configured = address or (name != SCANNER and getattr(self, name.replace(" ", "_")) is not None)
            out.append(DeviceStatus(name, address, DeviceState.DISCONNECTED, "checking...") if configured
                       else DeviceStatus(name, "", DeviceState.NOT_CONFIGURED))
        if DATABASE in self.probes:
            out.append(DeviceStatus(DATABASE, self.database_address, DeviceState.DISCONNECTED, "checking..."))
        return out + list(self.extra_statuses)

    def close(self) -> None:
        """Close the scale and printers."""
        for device in (self.scale, self.label_printer, self.document_printer):
            if device is not None:
                try:
                    device.close()
                except Exception:
                    log.exception("closing %r failed", device)
