"""Keys as a keyboard-wedge scanner sends them, for tests on Qt's offscreen platform.

On a station (X11, Wayland, evdev) the platform stamps every key with the time it went down,
and the wedge measures a burst's gaps between those stamps. So these keys carry stamps too: a
test machine that does not run the test for 30 ms between two keys (two pytest workers and a
PyInstaller build on two cores do that) must not split a scan, any more than a busy station
does. Keys without a stamp, which fall back to the wedge's clock, are tested on their own in
tests/ui/test_wedge.py."""
from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
# Each burst starts 10 s after the last one began, in the platform's milliseconds: bursts never
# run into each other, whatever the test does between them.
_BURSTS = itertools.count(start=1_000_000, step=10_000)


def key_of(char: str) -> Qt.Key:
    """The Qt key a US keyboard presses for a printable ASCII character (Qt numbers those keys
    by their character, letters by the capital)."""
    return Qt.Key(ord(char.upper())) if char.isascii() and char.isprintable() else Qt.Key.Key_unknown


def stamped(kind: QEvent.Type, key: int, text: str, stamp_ms: int,
            modifiers=NO_MODIFIER, scan_code: int = 0) -> QKeyEvent:
    """A key event stamped as the platform stamps it (`scan_code` 0: the text is all there is)."""
    event = QKeyEvent(kind, key, modifiers, scan_code, 0, 0, text)
    event.setTimestamp(stamp_ms)
    return event


def press(widget, key: int, text: str, stamp_ms: int, modifiers=NO_MODIFIER, scan_code: int = 0) -> None:
    """One key pressed and released, both at `stamp_ms`, to the widget that has the focus."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(widget, stamped(kind, key, text, stamp_ms, modifiers, scan_code))


def scanner_sends(widget, text: str, gap_ms: int = 2, end: Qt.Key | None = Qt.Key.Key_Return) -> None:
    """A wedge scanner's burst: `text` a key every `gap_ms`, then `end` (Enter; None for a
    scanner set to end its reads by silence). A character Qt has no key for (GS) is sent as
    its text alone, as a scanner typing Ctrl+] gives it."""
    start = next(_BURSTS)
    for i, char in enumerate(text):
        press(widget, key_of(char), char, start + i * gap_ms)
    if end is not None:
        press(widget, end, "\t" if end == Qt.Key.Key_Tab else "\r", start + len(text) * gap_ms)


def burst_start() -> int:
    """A stamp to start a hand-made burst at (see `scanner_sends`)."""
    return next(_BURSTS)
