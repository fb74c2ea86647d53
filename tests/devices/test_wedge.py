"""Keyboard-wedge detection with pytest-qt: bursts at 2-10 ms per key are scans and never
reach the focused field; typing at 80+ ms is typing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.ports import Scan
from devices.keyboard_scanner import KeyboardScanner, WedgeSettings
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
    qtbot.keyClicks(field, "4006381333931", delay=delay_ms)
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=delay_ms)
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
    qtbot.keyClicks(button, "SKU 42 A", delay=3)  # the spaces would press the button
    qtbot.keyClick(button, Qt.Key.Key_Return, delay=3)
    qtbot.waitUntil(lambda: len(scans) > 0, timeout=1000)
    qtbot.wait(50)
    assert clicks == [] and scans[0].data == "SKU 42 A"


def test_gs_substitute_becomes_gs_and_aim_identifier_is_read(qtbot, bench) -> None:
    field, _button, _clicks, scans, _wedge = bench
    qtbot.keyClicks(field, "]C10109501101530003~10LOT1", delay=2)
    qtbot.keyClick(field, Qt.Key.Key_Return, delay=2)
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
        qtbot.keyClicks(field, "PARCEL-7", delay=3)
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
        qtbot.keyClicks(field, "#ORDER-9", delay=2)
        qtbot.keyClick(field, Qt.Key.Key_Return, delay=2)
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
