"""A serial scale: one port, one protocol; read_stable / read_now / zero / tare. Every call
blocks, so the station calls it off the GUI thread. An unplugged scale raises ScaleError
(disconnected) and the next call opens the port again."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

import serial

from app.ports import DeviceState, DeviceStatus, Weight
from app.translator import phrase
from devices.backoff import PORT_ERRORS, StatusReporter
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols import ScaleProtocol

log = logging.getLogger(__name__)

RETRYABLE = (ScaleFailure.IN_MOTION, ScaleFailure.NO_ANSWER)


@dataclass(frozen=True)
class ScaleSettings:
    """How to open a serial scale (see docs/devices.md)."""

    port: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    answer_timeout_s: float = 1.0  # a request unanswered for this long is "no answer"
    poll_interval_s: float = 0.1  # between polls while waiting for a stable weight


class FrameReader:
    """Collects one frame: skips to `start`, ends at `terminator`."""

    def __init__(self, start: bytes, terminator: bytes) -> None:
        self.start = start
        self.terminator = terminator
        self.buffer = bytearray()

    def feed(self, chunk: bytes) -> bytes | None:
        """Add bytes; return the first complete frame (start byte kept) or None."""
        self.buffer += chunk
        if self.start:
            at = self.buffer.find(self.start)
            if at < 0:
                self.buffer.clear()
                return None
            del self.buffer[:at]
        end = self.buffer.find(self.terminator, len(self.start))
        if end < 0:
            return None
        frame = bytes(self.buffer[:end])
        del self.buffer[: end + len(self.terminator)]
        return frame


class SerialScale:
    """A `Scale` on a serial port or pyserial URL speaking one protocol."""

    def __init__(self, settings: ScaleSettings, protocol: ScaleProtocol) -> None:
        self.settings = settings
        self.protocol = protocol
        self.address = settings.port
        self.status = StatusReporter("scale", settings.port)
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()

    def set_status_callback(self, callback: Callable[[DeviceStatus], None] | None) -> None:
        """Receive a DeviceStatus whenever the scale connects or goes missing."""
        self.status.callback = callback

    # -- the Scale port ---------------------------------------------------------------
    def read_stable(self, timeout: float = 5.0) -> Weight:
        """A stable weight within `timeout` seconds, or ScaleError saying why not."""
        deadline = time.monotonic() + timeout
        last: ScaleError | None = None
        request = self.protocol.request_stable() or self.protocol.request_now()
        while True:
            try:
                reading = self._reading(request, deadline)
                if reading.stable:
                    return Weight(grams=reading.grams, stable=True)
                last = ScaleError(ScaleFailure.IN_MOTION,
                                  phrase("in motion at %(grams)s g", grams=reading.grams), self.address)
            except ScaleError as exc:
                if exc.reason not in RETRYABLE + (ScaleFailure.OVERLOAD, ScaleFailure.UNDERLOAD):
                    raise
                # A poll cut short by the deadline must not hide what the scale last said.
                if not (exc.reason is ScaleFailure.NO_ANSWER and last is not None):
                    last = exc
            if time.monotonic() + self.settings.poll_interval_s >= deadline:
                break
            if not self.protocol.streaming:
                time.sleep(self.settings.poll_interval_s)
        assert last is not None
        raise ScaleError(last.reason, phrase("no stable weight within %(seconds)s s: %(last)s",
                                             seconds=format(timeout, "g"), last=_plain(last)), self.address)

    def read_now(self) -> Weight:
        """The weight right now, stable or not."""
        deadline = time.monotonic() + self.settings.answer_timeout_s
        reading = self._reading(self.protocol.request_now(), deadline)
        return Weight(grams=reading.grams, stable=reading.stable)

    def zero(self) -> None:
        """Set the empty scale to zero."""
        self._command("Z", self.protocol.request_zero())

    def tare(self) -> None:
        """Take what is on the scale as tare."""
        self._command("T", self.protocol.request_tare())

    def close(self) -> None:
        """Close the port."""
        with self._lock:
            self._drop_port()
            self.status.report(DeviceState.DISCONNECTED, phrase("closed"))

    def __enter__(self) -> "SerialScale":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------
    def _command(self, name: str, request: bytes | None) -> None:
        if request is None:
            raise ScaleError(ScaleFailure.NOT_SUPPORTED,
                             phrase("protocol %(protocol)s cannot zero from the station; use the scale's own key",
                                    protocol=self.protocol.name) if name == "Z" else
                             phrase("protocol %(protocol)s cannot tare from the station; use the scale's own key",
                                    protocol=self.protocol.name), self.address)
        deadline = time.monotonic() + max(self.settings.answer_timeout_s, 3.0)
        with self._lock:
            frame = self._exchange(request, deadline)
        try:
            self.protocol.parse_ack(name, frame)
        except ScaleError as exc:
            raise ScaleError(exc.reason, _plain(exc), self.address) from None

    def _reading(self, request: bytes | None, deadline: float):
        with self._lock:
            frame = self._exchange(request, deadline)
        try:
            return self.protocol.parse_weight(frame)
        except ScaleError as exc:
            raise ScaleError(exc.reason, _plain(exc), self.address) from None

    def _open(self) -> serial.SerialBase:
        if self._port is None:
            s = self.settings
            try:
                kwargs: dict[str, object] = dict(baudrate=s.baudrate, bytesize=s.bytesize,
                                                 parity=s.parity, stopbits=s.stopbits, timeout=0.05)
                if "://" not in s.port:
                    kwargs["exclusive"] = True
                self._port = serial.serial_for_url(s.port, **kwargs)
            except (*PORT_ERRORS, ValueError) as exc:
                self.status.report(DeviceState.DISCONNECTED, phrase("cannot open (%(problem)s)", problem=str(exc)))
                raise ScaleError(ScaleFailure.DISCONNECTED,
                                 phrase("cannot open the port (%(problem)s); check the cable and the "
                                        "configured address", problem=str(exc)), self.address) from None
            self.status.report(DeviceState.CONNECTED)
        return self._port

    def _drop_port(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            except PORT_ERRORS:
                pass
            self._port = None

    @staticmethod
    def _drain(port: serial.SerialBase) -> None:
        """Read away what the driver still holds after a flush (USB and pty drivers keep a
        second buffer that refills the first), so the next frame is a fresh one."""
        limit = time.monotonic() + 0.2
        while port.in_waiting and time.monotonic() < limit:
            port.read(port.in_waiting)

    def _exchange(self, request: bytes | None, deadline: float) -> bytes:
        """Send `request` (if any) and return the next complete frame after it."""
        port = self._open()
        reader = FrameReader(self.protocol.start, self.protocol.terminator)
        try:
            port.reset_input_buffer()  # only a reply to this request counts
            self._drain(port)
            # The first streamed frame may have been on its way before the flush (or be the
            # tail of a cut line): only the one after it is known to be fresh.
            skip_first = self.protocol.streaming
            if request:
                port.write(request)
                port.flush()
            while time.monotonic() < deadline:
                frame = reader.feed(port.read(max(1, port.in_waiting)))
                while frame is not None:
                    if skip_first:
                        skip_first = False
                    elif frame.strip(b"\r\n\x00 "):
                        return frame
                    frame = reader.feed(b"")
        except PORT_ERRORS as exc:
            self._drop_port()
            self.status.report(DeviceState.DISCONNECTED, phrase("lost (%(problem)s)", problem=str(exc)))
            raise ScaleError(ScaleFailure.DISCONNECTED,
                             phrase("the scale went away (%(problem)s); plug it back in, Packdesk reconnects "
                                    "by itself", problem=str(exc)), self.address) from None
        raise ScaleError(ScaleFailure.NO_ANSWER,
                         phrase("no answer from the scale (%(protocol)s); check the protocol, "
                                "baud rate and cable", protocol=self.protocol.name), self.address)


def _plain(exc: ScaleError) -> str:
    return exc.message  # without "scale ADDRESS: ", still a phrase the station can say in its language
