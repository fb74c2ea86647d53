"""Linux HID scanners grabbed exclusively through python-evdev (the `hid` extra): key events
become characters with shift state and keyboard layout; Enter ends a read. The decoding is
pure and takes (type, code, value) tuples, so it is tested without evdev or /dev/input."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Iterable

from app.ports import DeviceState, DeviceStatus, Scan
from app.scanning.layout import LAYOUTS  # one table of what each key types, shared with the wedge's checks
from app.translator import phrase
from devices.backoff import Backoff, StatusReporter
from devices.errors import DeviceConfigError, DeviceError
from devices.intake import ScanIntake

log = logging.getLogger(__name__)

EV_KEY = 1
KEY_DOWN, KEY_HOLD = 1, 2
SHIFT = {42, 54}  # KEY_LEFTSHIFT, KEY_RIGHTSHIFT
CTRL = {29, 97}
ALTGR = {100}
ENTER = {28, 96}  # KEY_ENTER, KEY_KPENTER
TAB = 15

# Ctrl + key -> control character (scanners send GS as Ctrl+]).
_CTRL_CHARS = {27: "\x1d", 26: "\x1b", 43: "\x1c"}


class KeyDecoder:
    """Turns key events into reads; `feed` returns the completed read at Enter (or Tab)."""

    def __init__(self, layout: str = "us", end_on_tab: bool = False) -> None:
        if layout not in LAYOUTS:
            raise DeviceConfigError(phrase("unknown keyboard layout %(layout)s; use one of %(allowed)s",
                                           layout=repr(layout), allowed=", ".join(LAYOUTS)))
        self.keys = LAYOUTS[layout]
        if layout == "de":
            self.ctrl_chars = {**_CTRL_CHARS, 27: "\x1d", 26: "\x1b"}
        else:
            self.ctrl_chars = _CTRL_CHARS
        self.end_on_tab = end_on_tab
        self.held: set[int] = set()
        self.text: list[str] = []

    def feed(self, event_type: int, code: int, value: int) -> str | None:
        """One input event; returns the read when its terminator key goes down."""
        if event_type != EV_KEY:
            return None
        if value == 0:
            self.held.discard(code)
            return None
        if value == KEY_DOWN:
            self.held.add(code)
        if code in SHIFT | CTRL | ALTGR:
            return None
        if code in ENTER or (self.end_on_tab and code == TAB):
            read, self.text = "".join(self.text), []
            return read
        if self.held & CTRL:
            char = self.ctrl_chars.get(code)
            if char:
                self.text.append(char)
            return None
        pair = self.keys.get(code)
        if pair is None:
            log.debug("HID key code %d has no character on this layout: ignored", code)
            return None
        self.text.append(pair[1] if self.held & SHIFT else pair[0])
        return None

    def feed_all(self, events: Iterable[tuple[int, int, int]]) -> list[str]:
        """Every completed read in a sequence of (type, code, value) events."""
        return [read for e in events if (read := self.feed(*e)) is not None]


class HidScanner:
    """A `Scanner` on /dev/input/event* grabbed exclusively (no keystrokes reach the desktop)."""

    def __init__(self, path: str, layout: str = "us", dedupe_window_s: float = 0.3,
                 gs_substitute: str | None = None, end_on_tab: bool = False) -> None:
        self.path = path
        self.address = f"hid://{path}"
        self.layout = layout
        self.end_on_tab = end_on_tab
        KeyDecoder(layout)  # refuse an unknown layout now, not on the thread
        self.intake = ScanIntake(self.address, dedupe_window_s, gs_substitute)
        self.status = StatusReporter("scanner", self.address)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_scan: Callable[[Scan], None],
              on_status: Callable[[DeviceStatus], None] | None = None) -> None:
        """Grab the device and read it on a thread; reconnects after an unplug."""
        try:
            import evdev  # noqa: F401
        except ImportError:
            raise DeviceError(phrase("scanner %(address)s needs python-evdev: pip install 'packdesk[hid]'",
                                     address=self.address)) from None
        self.intake.on_scan = on_scan
        self.status.callback = on_status
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.address}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Release the device and end the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        import select

        import evdev

        backoff = Backoff()
        while not self._stop.is_set():
            try:
                device = evdev.InputDevice(self.path)
                device.grab()
            except OSError as exc:
                self.status.report(DeviceState.DISCONNECTED, phrase("cannot grab (%(problem)s); retrying", problem=str(exc)))
                self._stop.wait(backoff.next_delay())
                continue
            backoff.reset()
            self.status.report(DeviceState.CONNECTED, device.name)
            decoder = KeyDecoder(self.layout, self.end_on_tab)
            try:
                while not self._stop.is_set():
                    if not select.select([device.fd], [], [], 0.1)[0]:
                        continue
                    for event in device.read():
                        read = decoder.feed(event.type, event.code, event.value)
                        if read:
                            self.intake.take(read, time.monotonic())
            except OSError as exc:
                self.status.report(DeviceState.DISCONNECTED, phrase("lost (%(problem)s); reconnecting", problem=str(exc)))
            finally:
                try:
                    device.ungrab()
                except OSError:
                    pass
                device.close()
        self.status.report(DeviceState.DISCONNECTED, phrase("stopped"))
