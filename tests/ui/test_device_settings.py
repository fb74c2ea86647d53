"""The supervisor's device settings screen, driven like a person at the station: a real
scale on a pseudo-terminal, a real loopback TCP label printer, scans through the station's
scanner interface."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.integration.devices.fakes import FakeScale, FakeZebra, PtyDevice, ScaleState
from tests.ui.data import ALICE_BADGE, SAM_BADGE, SAM_PIN
from tests.ui.helpers import login, scan, settle


@pytest.fixture
def zebra():
    printer = FakeZebra()
    yield printer
    printer.stop()


@pytest.fixture
def scale_device(tmp_path: Path):
    device = PtyDevice(tmp_path / "ttySCALE")
    fake = FakeScale(device, "mt-sics", ScaleState(grams=1250))
    yield device, fake
    fake.stop()
    device.close()


def open_settings(qtbot, app):
    """Sam (a supervisor: packers see no DEVICES button) on his home, the review screen,
    presses DEVICES; the device settings screen asks for a supervisor's badge or PIN all the
    same (it is audited)."""
    login(qtbot, app, SAM_BADGE)
    qtbot.mouseClick(app.window.screens["review"].devices_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    screen = app.window.screens["devices"]
    assert app.window.stack.currentWidget() is screen
    return screen


def authorise(qtbot, app, screen) -> None:
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        app.keyboard.scan(SAM_BADGE)
    assert screen.panel.isVisibleTo(screen)


def run_test(qtbot, screen, button, kind: str, timeout: int = 8000) -> str:
    """Press a test button and wait for its result line."""
    with qtbot.waitSignal(screen.result_shown, timeout=timeout,
                          check_params_cb=lambda test, _text: test == kind) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return blocker.args[1]


def test_only_a_supervisor_badge_or_pin_opens_the_device_tests(qtbot, station) -> None:
    screen = open_settings(qtbot, station)
    assert not screen.panel.isVisibleTo(screen)
    scan(qtbot, station, ALICE_BADGE)  # a packer's badge is refused
    qtbot.waitUntil(lambda: "not a supervisor" in screen.message.text(), timeout=5000)
    assert not screen.panel.isVisibleTo(screen)
    scan(qtbot, station, "PD-1001")  # scans here are not packing scans
    assert station.station.pack is None
    qtbot.keyClicks(screen.pin, SAM_PIN)
    with qtbot.waitSignal(screen.result_shown, timeout=5000):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert screen.panel.isVisibleTo(screen)
    assert "sam" in screen.title.text()
    qtbot.mouseClick(screen.back, Qt.MouseButton.LeftButton)
    settle(qtbot, station)
    assert station.station.step == "review"  # a supervisor's home
    scan(qtbot, station, "PD-1001")  # back home, scans pack again
    assert station.station.pack is not None and station.station.pack.order_number == "PD-1001"


def test_leaving_by_idle_logout_gives_the_scanner_back_and_locks_the_screen(qtbot, station) -> None:
    screen = open_settings(qtbot, station)
    authorise(qtbot, station, screen)
    station.station.idle_logout()
    settle(qtbot, station)
    assert station.station.step == "login" and screen.supervisor is None
    login(qtbot, station, ALICE_BADGE)  # the badge reached the session, not the screen


def test_scan_test_shows_data_symbology_and_gs1_fields(qtbot, station) -> None:
    screen = open_settings(qtbot, station)
    authorise(qtbot, station, screen)
    qtbot.mouseClick(screen.tests["scanner"], Qt.MouseButton.LeftButton)
    assert screen.tests["scanner"].text() == "STOP SCAN TEST"
    with qtbot.waitSignal(screen.result_shown, timeout=5000) as blocker:
        station.keyboard.scan_from_thread("0109506000134352\x1d10LOT42", "]C1")
    text = blocker.args[1]
    assert "0109506000134352<GS>10LOT42" in text
    assert "GS1-128" in text or "]C1" in text
    assert "gtin=09506000134352" in text and "lot=LOT42" in text
    assert screen.results.count() == 1
    qtbot.mouseClick(screen.tests["scanner"], Qt.MouseButton.LeftButton)  # stop
    scan(qtbot, station, "0109506000134352")
    assert screen.results.count() == 1  # not recorded once stopped
    assert station.station.pack is None


def test_weigh_test_reads_the_station_scale_and_says_why_it_fails(qtbot, make_station, scale_device) -> None:
    device, fake = scale_device
    app = make_station({"devices": {"scale": f"{device.path}?timeout_ms=300", "scale_protocol": "mt-sics"}})
    screen = open_settings(qtbot, app)
    authorise(qtbot, app, screen)
    qtbot.waitUntil(lambda: screen.states["scale"].text() == "ok", timeout=5000)
    text = run_test(qtbot, screen, screen.tests["scale"], "weigh")
    assert text.startswith("Stable weight: 1250\u00a0g")  # never broken between number and unit
    device.unplug()
    text = run_test(qtbot, screen, screen.tests["scale"], "weigh")
    assert text.startswith("No weight (disconnected)")
    device.plug()
    fake.state.grams = 980
    text = run_test(qtbot, screen, screen.tests["scale"], "weigh")
    assert text.startswith("Stable weight: 980\u00a0g")
    qtbot.waitUntil(lambda: screen.states["scale"].text() == "ok", timeout=5000)  # the station's scale again


def test_print_test_prints_one_label_and_shows_the_printer_status(qtbot, make_station, zebra) -> None:
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=1"}})
    screen = open_settings(qtbot, app)
    authorise(qtbot, app, screen)
    qtbot.waitUntil(lambda: screen.states["label printer"].text() == "ok", timeout=5000)
    text = run_test(qtbot, screen, screen.tests["label printer"], "print")
    assert text.startswith(f"Test label (zpl) printed at {zebra.url}"), text
    qtbot.waitUntil(lambda: len(zebra.jobs) == 1, timeout=3000)
    assert b"Packdesk test label" in zebra.jobs[0]
    zebra.paper_out = True
    text = run_test(qtbot, screen, screen.tests["label printer"], "print")
    assert "NOT printed" in text and "paper out" in text
    qtbot.waitUntil(lambda: screen.states["label printer"].text() == "ERROR", timeout=5000)
    assert len(zebra.jobs) == 1


def test_a_hanging_print_test_leaves_the_screen_responsive(qtbot, make_station, zebra) -> None:
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=1"}})
    screen = open_settings(qtbot, app)
    authorise(qtbot, app, screen)
    zebra.mode = "hang"
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(threading.get_ident()))
    timer.start(20)
    text = run_test(qtbot, screen, screen.tests["label printer"], "print")
    timer.stop()
    assert "did not answer the status query within 1 s" in text
    assert len(ticks) >= 20  # the GUI thread kept running its timer through the hang


def test_list_shows_serial_ports_and_queues(qtbot, station, monkeypatch) -> None:
    from devices import diagnostics

    monkeypatch.setattr(diagnostics, "list_queues", lambda: [
        {"queue": "ZEBRA", "device_uri": "socket://10.0.0.7:9100", "url": "cups://ZEBRA"}])
    screen = open_settings(qtbot, station)
    authorise(qtbot, station, screen)
    run_test(qtbot, screen, screen.list_button, "list")
    settle(qtbot, station)
    lines = [screen.results.item(i).text() for i in range(screen.results.count())]
    assert any("CUPS queue cups://ZEBRA  (socket://10.0.0.7:9100)" in line for line in lines)


def test_rows_and_status_bar_show_live_state_with_the_address(qtbot, make_station, zebra) -> None:
    app = make_station({"devices": {"label_printer": f"{zebra.url}?timeout=1"}})
    screen = open_settings(qtbot, app)
    authorise(qtbot, app, screen)
    strip = app.window.statusBar().findChild(type(screen.states["scale"]), "device-label-printer")
    qtbot.waitUntil(lambda: strip.text() == "label printer ok", timeout=5000)
    zebra.stop()
    run_test(qtbot, screen, screen.tests["label printer"], "print")
    qtbot.waitUntil(lambda: screen.states["label printer"].text() == "MISSING", timeout=5000)
    assert strip.text() == f"label printer MISSING at {zebra.url}"
    zebra.start()
    qtbot.waitUntil(lambda: screen.states["label printer"].text() == "ok", timeout=8000)
    assert strip.text() == "label printer ok"
