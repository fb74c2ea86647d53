"""Ports: what app/ needs from devices, printers and time. devices/ and printing/ implement
them; tests use small recording fakes."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Protocol, runtime_checkable


@dataclass(frozen=True)
class Scan:
    """One barcode read, exactly as the scanner delivered it (GS separators intact)."""

    data: str
    symbology: str | None = None  # AIM identifier such as "]C1", "]d2", "]E0", or None
    source: str = ""  # device URL or "keyboard"
    received_at: float = 0.0  # time.monotonic() when the terminator arrived


class DeviceState(enum.Enum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    ERROR = "error"
    NOT_CONFIGURED = "not configured"


@dataclass(frozen=True)
class DeviceStatus:
    """What a device says about itself, for the station's status bar."""

    device: str  # "scanner", "scale", "label printer", "document printer"
    address: str
    state: DeviceState
    message: str = ""


@runtime_checkable
class Scanner(Protocol):
    """Delivers scans on a worker thread through on_scan; reconnects by itself."""

    def start(
        self,
        on_scan: Callable[[Scan], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
    ) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class Weight:
    grams: int
    stable: bool


@runtime_checkable
class Scale(Protocol):
    """A scale; every call may block, so the station calls it off the GUI thread."""

    def read_stable(self, timeout: float = 5.0) -> Weight:
        """A stable weight, or ScaleError saying why not (in motion, overload, no answer)."""
        ...

    def read_now(self) -> Weight: ...

    def zero(self) -> None: ...

    def tare(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class PrintJob:
    """Bytes for a printer: ZPL for a thermal printer or PDF for a document printer."""

    name: str
    data: bytes
    content_type: str  # "application/pdf" or "application/zpl"


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    address: str
    message: str = ""
    details: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Printer(Protocol):
    """Moves a finished job to a printer; a result is ok only when the printer took it
    and reports no error."""

    address: str

    def print_job(self, job: PrintJob) -> PrintResult: ...

    def status(self) -> PrintResult: ...

    def close(self) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)
