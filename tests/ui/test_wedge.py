"""Keyboard-wedge detection with pytest-qt: bursts at 2-10 ms per key are scans and never
reach the focused field; typing at 80+ ms is typing."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.ports import Scan
from devices.keyboard_scanner import KeyboardScanner, WedgeSettings
from tests.ui.wedge_keys import NO_MODIFIER, SHIFT, burst_start, key_of, press, scanner_sends, stamped
from ui.wedge import KeyboardWedge


@pytest.fixture
def bench(qtbot, qapp):
    """A focused text field and a button, with the wedge installed application-wide."""
    window = QWidget()
    field = QLineEdit()
    button = QPushButton("Close parcel")
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    scans: list[Scan] = []
    wedge = KeyboardWedge(KeyboardScanner(WedgeSettings(dedupe_window_s=0)))
    wedge.start(scans.append)
    yield field, button, clicks, scans, wedge
    wedge.stop()


@pytest.mark.parametrize("delay_ms", [2, 5, 10])
def test_burst_is_a_scan_and_never_reaches_the_field(qtbot, bench, delay_ms: int) -> None:
    field, _button, _clicks, scans, _wedge = bench
    scanner_sends(field, "4006381333931", gap_ms=delay_ms)
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    assert [s.data for s in scans] == ["4006381333931"]
    assert scans[0].source == "keyboard"
    assert field.text() == ""


def test_typing_at_human_speed_lands_in_the_field(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    qtbot.keyClicks(field, "box 4", delay=90)
    qtbot.waitUntil(lambda: field.text() == "box 4", timeout=2000)
    qtbot.wait(100)
    assert scans == []


def test_burst_does_not_press_the_focused_button(qtbot, bench) -> None:
    _field, button, clicks, scans, _wedge = bench
    button.setFocus()
    scanner_sends(button, "SKU 42 A", gap_ms=3)  # the spaces would press the button
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    qtbot.wait(50)
    assert clicks == [] and scans[0].data == "SKU 42 A"


def test_gs_substitute_becomes_gs_and_aim_identifier_is_read(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    scanner_sends(field, "]C10109501101530003~10LOT1")
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    assert (scans[0].symbology, scans[0].data) == ("]C1", "0109501101530003\x1d10LOT1")
    assert field.text() == ""


def test_enter_typed_by_a_person_still_reaches_the_field(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    submitted: list[str] = []
    field.returnPressed.connect(lambda: submitted.append(field.text()))
    qtbot.keyClicks(field, "12", delay=100)
    qtbot.wait(60)
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=100)
    assert submitted == ["12"] and scans == []


def test_burst_without_suffix_ends_at_silence(qtbot, qapp) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    scans: list[Scan] = []
    wedge = KeyboardWedge(KeyboardScanner(WedgeSettings(suffix="", flush_ms=40)))
    wedge.start(scans.append)
    try:
        scanner_sends(field, "PARCEL-7", gap_ms=3, end=None)
        qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    finally:
        wedge.stop()
    assert scans[0].data == "PARCEL-7" and field.text() == ""


def test_prefix_is_required_and_stripped(qtbot, qapp) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    scans: list[Scan] = []
    wedge = KeyboardWedge(KeyboardScanner(WedgeSettings(prefix="#")))
    received: list[Scan] = []
    wedge.scanned.connect(received.append)
    wedge.start(scans.append)
    try:
        scanner_sends(field, "#ORDER-9")
        qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
        assert scans[0].data == "ORDER-9" and received == scans
    finally:
        wedge.stop()


def test_stopped_wedge_lets_bursts_through(qtbot, bench) -> None:
    field, _button, _clicks, scans, wedge = bench
    wedge.stop()
    qtbot.keyClicks(field, "ABCDEF", delay=2)
    assert field.text() == "ABCDEF" and scans == []
    wedge.start(scans.append)


# X key codes of a US keyboard, for key events that name their key as real ones do.
X_KEYCODES = {"p": 33, "d": 40, "u": 30, "-": 20, "1": 10, "0": 19}


def scanner_types(widget, text: str, caps_lock: bool = False, gap_ms: int = 3) -> None:
    """A wedge scanner: Shift pressed around each capital, `gap_ms` a character, then Enter,
    each key with its X key code. With Caps Lock on, the platform reports each letter in the
    other case."""
    stamp = burst_start()
    for char in text:
        stamp += gap_ms
        shifted = char.isupper()
        shown = char.swapcase() if caps_lock and char.isalpha() else char
        code = X_KEYCODES[char.lower()]
        if shifted:
            press(widget, Qt.Key.Key_Shift, "", stamp - 1, SHIFT, 50)
            press(widget, key_of(char), shown, stamp, SHIFT, code)
        else:
            press(widget, key_of(char), shown, stamp, NO_MODIFIER, code)
    press(widget, Qt.Key.Key_Return, "\r", stamp + gap_ms, NO_MODIFIER, 36)


def test_shift_pressed_for_each_capital_stays_inside_the_burst(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    scanner_types(field, "PDU-1001")
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    qtbot.wait(50)
    assert [s.data for s in scans] == ["PDU-1001"] and field.text() == ""


def test_caps_lock_on_does_not_invert_the_case_of_a_scan(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    scanner_types(field, "PDU-1001", caps_lock=True)
    scanner_types(field, "pdu-1", caps_lock=True)
    qtbot.waitUntil(lambda: len(scans) > 1, timeout=1000)
    assert [s.data for s in scans] == ["PDU-1001", "pdu-1"] and field.text() == ""


def test_a_person_using_shift_at_human_speed_types_into_the_field(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    for char in "Ana D":
        qtbot.wait(90)
        if char.isupper():
            qtbot.keyPress(field, Qt.Key.Key_Shift, SHIFT)
        qtbot.keyClick(field, char, SHIFT if char.isupper() else NO_MODIFIER)
        if char.isupper():
            qtbot.keyRelease(field, Qt.Key.Key_Shift)
    qtbot.waitUntil(lambda: field.text() == "Ana D", timeout=2000)
    qtbot.wait(100)
    assert scans == []


def test_a_gui_thread_busy_in_the_middle_of_a_burst_does_not_split_the_scan(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    code = "PDU-1001"
    start = burst_start()
    keys = [stamped(QEvent.Type.KeyPress, key_of(c), c, start + 5 * i) for i, c in enumerate(code)]
    keys.append(stamped(QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", start + 5 * len(code)))
    QCoreApplication.sendEvent(field, keys[0])  # the first key is taken at once...
    for event in keys[1:]:
        QCoreApplication.postEvent(field, event)  # ...the rest wait in the queue...
    time.sleep(0.1)  # ...while the GUI thread is busy for 100 ms (longer than max_gap_ms)
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    qtbot.wait(50)
    assert [s.data for s in scans] == [code] and field.text() == ""


def test_keys_without_a_stamp_are_timed_by_the_wedges_clock(qtbot, qapp) -> None:
    """An on-screen keypad's keys carry no stamp: the wedge's clock times them, a scanner's
    4 ms apart as a scan and a person's 90 ms apart as typing."""
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    now = [100.0]
    scans: list[Scan] = []
    wedge = KeyboardWedge(KeyboardScanner(WedgeSettings(dedupe_window_s=0)), clock=lambda: now[0])
    wedge.start(scans.append)
    try:
        for char in "4006381333931":
            now[0] += 0.004
            qtbot.keyClicks(field, char)  # QTest's key events carry no stamp
        now[0] += 0.004
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
        for char in "12345":  # sent at once, but 90 ms apart by the clock: typing
            now[0] += 0.090
            qtbot.keyClicks(field, char)
        qtbot.waitUntil(lambda: field.text() == "12345", timeout=1000)
    finally:
        wedge.stop()
    assert [s.data for s in scans] == ["4006381333931"]
