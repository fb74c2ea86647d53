"""Serial and USB-CDC scanners through pyserial: a reader thread frames bytes by terminator,
hands each read to the scan intake, and reopens the port with back-off after an unplug."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

import serial

from app.ports import DeviceState, DeviceStatus, Scan
from app.translator import phrase
from devices.backoff import PORT_ERRORS, Backoff, StatusReporter
from devices.intake import ScanIntake

log = logging.getLogger(__name__)

TERMINATORS: dict[str, bytes] = {
    "CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t", "ETX": b"\x03", "NONE": b"",
}


@dataclass(frozen=True)
class SerialSettings:
    """How to open and frame a serial scanner (see docs/devices.md)."""

    port: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    terminator: bytes = b"\r"
    idle_s: float = 0.05  # frames end after this much silence when there is no terminator
    encoding: str = "utf-8"
    dedupe_window_s: float = 0.3
    gs_substitute: str | None = None
    backoff_initial_s: float = 0.1
    backoff_max_s: float = 2.0


class Framer:
    """Splits a byte stream into reads at the terminator; CR/LF left over at a frame's edge
    (a scanner sending CRLF to a CR-configured station) is dropped, other bytes kept."""

    def __init__(self, terminator: bytes) -> None:
        self.terminator = terminator
        self.buffer = bytearray()

    def feed(self, chunk: bytes) -> list[bytes]:
        """Add bytes; return every complete frame."""
        self.buffer += chunk
        if not self.terminator:
            return []
        frames: list[bytes] = []
        while True:
            at = self.buffer.find(self.terminator)
            if at < 0:
                break
            frame = bytes(self.buffer[:at]).strip(b"\r\n")
            del self.buffer[: at + len(self.terminator)]
            if frame:
                frames.append(frame)
        return frames

    def flush(self) -> bytes:
        """Take whatever is buffered (for idle framing)."""
        frame = bytes(self.buffer).strip(b"\r\n")
        self.buffer.clear()
        return frame


def decode(frame: bytes, encoding: str) -> str:
    """Bytes to text without losing any: undecodable bytes fall back to Latin-1."""
    try:
        return frame.decode(encoding)
    except UnicodeDecodeError:
        return frame.decode("latin-1")


class SerialScanner:
    """A `Scanner` on a serial port or pyserial URL, read on its own thread."""

    def __init__(self, settings: SerialSettings) -> None:
        self.settings = settings
        self.address = settings.port
        self.intake = ScanIntake(settings.port, settings.dedupe_window_s, settings.gs_substitute)
        self.status = StatusReporter("scanner", settings.port)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.SerialBase | None = None

    def start(
        self,
        on_scan: Callable[[Scan], None],
        on_status: Callable[[DeviceStatus], None] | None = None,
    ) -> None:
        """Start the reader thread; scans and status changes arrive on that thread."""
        if self._thread is not None:
            raise RuntimeError(f"scanner {self.address} is already started")
        self.intake.on_scan = on_scan
        self.status.callback = on_status
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.address}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop reading and close the port; returns when the thread has ended."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            if self._thread.is_alive():
                log.error("scanner thread for %s did not stop within 5 s", self.address)
            self._thread = None

    def __enter__(self) -> "SerialScanner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _open(self) -> serial.SerialBase:
        s = self.settings
        kwargs: dict[str, object] = dict(
            baudrate=s.baudrate, bytesize=s.bytesize, parity=s.parity, stopbits=s.stopbits,
            timeout=min(0.05, s.idle_s) if not s.terminator else 0.1,
        )
        if "://" not in s.port:
            kwargs["exclusive"] = True  # a second program must not steal reads
        return serial.serial_for_url(s.port, **kwargs)

    def _run(self) -> None:
        backoff = Backoff(self.settings.backoff_initial_s, self.settings.backoff_max_s)
        while not self._stop.is_set():
            try:
                port = self._open()
            except (*PORT_ERRORS, ValueError) as exc:
                delay = backoff.next_delay()
                self.status.report(DeviceState.DISCONNECTED, phrase("cannot open (%(problem)s); retrying", problem=str(exc)))
                self._stop.wait(delay)
                continue
            backoff.reset()
            self.status.report(DeviceState.CONNECTED)
            try:
                self._read(port)
            except PORT_ERRORS as exc:
                if not self._stop.is_set():
                    self.status.report(DeviceState.DISCONNECTED, phrase("lost (%(problem)s); reconnecting", problem=str(exc)))
                    self._stop.wait(backoff.next_delay())
            finally:
                try:
                    port.close()
                except PORT_ERRORS:
                    pass
        self.status.report(DeviceState.DISCONNECTED, phrase("stopped"))

    def _read(self, port: serial.SerialBase) -> None:
        s = self.settings
        framer = Framer(s.terminator)
        last_byte = 0.0
        while not self._stop.is_set():
            chunk = port.read(max(1, port.in_waiting))
            now = time.monotonic()
            if chunk:
                last_byte = now
                for frame in framer.feed(chunk):
                    self.intake.take(decode(frame, s.encoding), now)
            elif not s.terminator and framer.buffer and now - last_byte >= s.idle_s:
                self.intake.take(decode(framer.flush(), s.encoding), now)
        if framer.buffer:
            log.warning("scanner %s stopped with an unterminated read %r: dropped", self.address,
                        bytes(framer.buffer))
