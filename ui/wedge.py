"""Keyboard-wedge scanners: an application-wide event filter that tells a scanner burst from
a person typing by the gaps between key presses, and swallows the burst so that it never
lands in a text field or presses a button.

Every printable key is held back for at most `max_gap_ms`. If the next key comes sooner, the
keys are a burst (scanners send one every few ms; people every 80 ms or more) and stay
swallowed until the suffix key (Enter or Tab) or `flush_ms` of silence ends the read, which
goes to the KeyboardScanner (and the `scanned` signal). Otherwise the held key is replayed to
the widget it was meant for, so typing works, only `max_gap_ms` later.

A wedge scanner is a USB keyboard: for a capital it presses Shift, the key, then releases
Shift (AltGr or Control likewise for other characters). Modifier keys are therefore neither
gaps nor breaks: they pass to the widgets untouched and the burst goes on. A letter's case
in a scan follows Shift, as the scanner pressed it, because with Caps Lock on Qt reports the
text inverted (Shift+P arrives as "p"); synthetic key events, which carry no key, keep their text.

Gaps are measured between the times the platform stamped on the keys (X11 and Wayland stamp
each key when it is pressed), and the silence timer takes a second look after the keys
already queued: so a GUI thread that was busy for a moment, or a process the machine did not
run for 50 ms, still sees a scanner's 5 ms gaps instead of taking its first key for typing.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from app.ports import DeviceStatus, Scan
from devices.keyboard_scanner import KeyboardScanner, WedgeSettings

log = logging.getLogger(__name__)

SUFFIX_KEYS = {
    "enter": {Qt.Key.Key_Return, Qt.Key.Key_Enter},
    "return": {Qt.Key.Key_Return, Qt.Key.Key_Enter},
    "tab": {Qt.Key.Key_Tab},
    "": set(),
}
# Keys a scanner holds around a character; they never end a burst nor hand held keys back.
MODIFIER_KEYS = {
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Mode_switch,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
}


@dataclass
class _HeldKey:
    target: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    scan_code: int  # 0 for a synthetic event (a test, an on-screen keypad): its text is all there is

    def as_sent(self) -> str:
        """The character the scanner sent: a letter's case from Shift, whatever Caps Lock says."""
        if not self.scan_code or len(self.text) != 1 or not (self.text.isupper() or self.text.islower()):
            return self.text
        meant = self.text.upper() if self.modifiers & Qt.KeyboardModifier.ShiftModifier else self.text.lower()
        return meant if len(meant) == 1 else self.text  # "ß".upper() is "SS": keep what came


class KeyboardWedge(QObject):
    """Install with `app.installEventFilter(wedge)`; scans arrive through `scanned(Scan)` and
    the KeyboardScanner's on_scan callback."""

    scanned = Signal(object)

    def __init__(self, scanner: KeyboardScanner | None = None, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.scanner = scanner or KeyboardScanner()
        self.settings: WedgeSettings = self.scanner.settings
        suffix = self.settings.suffix.strip().lower()
        if suffix not in SUFFIX_KEYS:
            raise ValueError(f"keyboard wedge suffix must be Enter, Tab or empty, not {self.settings.suffix!r}")
        self._suffix_keys = SUFFIX_KEYS[suffix]
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._last = 0.0  # when the last held key went down (seconds), stamped or by the clock
        self._last_stamped = False
        self._burst = False
        self._replaying = False
        self._looked_again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer)

    # -- Qt -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """Hold, swallow or pass each key press; every other event passes."""
        if self._replaying or event.type() != QEvent.Type.KeyPress or not watched.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in MODIFIER_KEYS:
            return False  # Shift or AltGr around a scanner's character: part of the burst, not a gap
        now, stamped = self._key_time(event)
        gap_ms = self._gap_ms(now, stamped)
        if self._held and gap_ms > self.settings.max_gap_ms:
            self._on_silence()  # the timer has not fired yet, but the gap already decides
        if key in self._suffix_keys:
            if self._burst:
                self._finish_scan()
                return True
            self._replay()
            return False
        text = event.text()
        if not text or not (text.isprintable() or text == "\x1d"):
            if self._burst:
                return True  # an odd key inside a scan (a function key): part of the burst
            self._replay()
            return False
        if self._held and gap_ms <= self.settings.max_gap_ms:
            self._burst = True
        self._held.append(_HeldKey(watched, key, event.modifiers(), text, event.nativeScanCode()))
        self._last, self._last_stamped = now, stamped
        long_enough = self._burst and len(self._held) >= self.settings.min_length
        self._looked_again = False
        self._timer.start(int(self.settings.flush_ms if long_enough else self.settings.max_gap_ms) + 1)
        return True

    def _key_time(self, event: QKeyEvent) -> tuple[float, bool]:
        """When the key went down, in seconds, and whether the platform stamped it (synthetic
        events, from tests or an on-screen keypad, have no stamp: the clock stands in)."""
        stamp = event.timestamp()
        return (stamp / 1000, True) if stamp else (self._clock(), False)

    def _gap_ms(self, now: float, stamped: bool) -> float:
        """Milliseconds since the last held key; infinite when the two times are not comparable."""
        gap = (now - self._last) * 1000
        return gap if stamped == self._last_stamped and gap >= 0 else math.inf

    # -- decisions ----------------------------------------------------------------------
    def _on_timer(self) -> None:
        # Qt runs a due timer before the keys queued while this process was not running (a
        # busy GUI thread, a loaded machine): look again once they are in, then decide.
        if not self._looked_again:
            self._looked_again = True
            self._timer.start(0)
            return
        self._on_silence()

    def _on_silence(self) -> None:
        self._timer.stop()
        if self._burst and len(self._held) >= self.settings.min_length:
            self._finish_scan()
        else:
            self._replay()

    def _finish_scan(self) -> None:
        self._timer.stop()
        text = "".join(k.as_sent() for k in self._held)
        held, self._held, self._burst = self._held, [], False
        prefix = self.settings.prefix
        if prefix:
            if not text.startswith(prefix):
                self._held = held
                self._replay()
                return
            text = text[len(prefix):]
        at = self._clock()  # Scan.received_at is the monotonic time the read ended
        if self.scanner.running:
            scan = self.scanner.feed(text, at)
        else:
            scan = self.scanner.intake.make_scan(text, at)
        if scan is not None:
            log.debug("keyboard burst of %d keys taken as a scan", len(held))
            self.scanned.emit(scan)

    def _replay(self) -> None:
        """Give held keys back to the widgets they were meant for (a person typing)."""
        self._timer.stop()
        held, self._held, self._burst = self._held, [], False
        if not held:
            return
        self._replaying = True
        try:
            for k in held:
                QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.text))
                QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyRelease, k.key, k.modifiers, k.text))
        finally:
            self._replaying = False

    # -- the Scanner port: the station attaches the wedge like any other scanner ------------
    def start(self, on_scan: Callable[[Scan], None],
              on_status: Callable[[DeviceStatus], None] | None = None) -> None:
        """Install on the running QApplication and deliver scans to on_scan (GUI thread)."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("the keyboard wedge needs a QApplication")
        self.scanner.start(on_scan, on_status)
        app.installEventFilter(self)

    def stop(self) -> None:
        """Remove the filter; keys go straight to widgets again."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._replay()
        self.scanner.stop()

    def flush(self) -> None:
        """Decide on anything held now (tests, or before the window closes)."""
        self._on_silence()


def install_wedge(app: QCoreApplication, scanner: KeyboardScanner) -> KeyboardWedge:
    """Create the wedge filter for `scanner` and install it on the whole application."""
    wedge = KeyboardWedge(scanner, parent=app)
    app.installEventFilter(wedge)
    return wedge


__all__ = ["KeyboardWedge", "Scan", "install_wedge"]
