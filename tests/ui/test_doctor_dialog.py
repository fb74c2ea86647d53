"""The doctor from the station's home screen: only supervisors and admins see it; it lists the
same checks as `packdesk doctor`, the serial devices the station holds by their live state."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.integration.devices.fakes import FakeZebra, PtyDevice
from tests.ui.data import ALICE_BADGE, SAM_BADGE
from tests.ui.helpers import login, settle


@pytest.fixture
def zebra():
    printer = FakeZebra()
    yield printer
    printer.stop()


def test_only_supervisors_and_admins_see_the_doctor(qtbot, station) -> None:
    home = station.window.screens["home"]
    login(qtbot, station, ALICE_BADGE)
    assert not home.doctor_button.isVisibleTo(home)
    qtbot.mouseClick(home.logout_button, Qt.MouseButton.LeftButton)
    settle(qtbot, station)
    login(qtbot, station, SAM_BADGE)  # lands on the review screen, which has the doctor
    review = station.window.screens["review"]
    assert station.window.stack.currentWidget() is review and review.doctor_button.isVisibleTo(station.window)


def test_the_doctor_lists_each_problem_with_its_fix_off_the_gui_thread(qtbot, make_station, tmp_path: Path,
                                                                       zebra) -> None:
    scanner = PtyDevice(tmp_path / "ttySCANNER")
    zebra.paper_out = True
    try:
        app = make_station({"devices": {"scanner": scanner.path, "label_printer": zebra.url}})
        qtbot.waitUntil(lambda: app.station.device_states["scanner"].state.value == "connected", timeout=5000)
        login(qtbot, app, SAM_BADGE)
        review = app.window.screens["review"]
        qtbot.mouseClick(review.doctor_button, Qt.MouseButton.LeftButton)
        dialog = app.doctor
        qtbot.waitUntil(lambda: dialog.last_findings is not None, timeout=20000)
        findings = {f.check: f for f in dialog.last_findings}
        # the scanner the station holds is reported by its live state, not found "busy"
        assert findings["scanner"].ok and "live state" in findings["scanner"].found
        assert findings["database"].ok
        assert not findings["label printer"].ok and "paper" in findings["label printer"].found.lower()
        assert findings["label printer"].fix
        rows = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
        assert rows[0].startswith("\u2718")  # problems first
        assert any("label printer" in row and "Fix:" in row for row in rows)
        assert "problem" in dialog.summary.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
    finally:
        scanner.close()


def test_the_doctor_closes_when_its_supervisor_logs_out(qtbot, station) -> None:
    """The next person at the station (a packer) never finds the doctor, or its set-up wizard, open."""
    login(qtbot, station, SAM_BADGE)
    review = station.window.screens["review"]
    qtbot.mouseClick(review.doctor_button, Qt.MouseButton.LeftButton)
    dialog = station.doctor
    assert dialog is not None and dialog.isVisible()
    station.station.logout()
    qtbot.waitUntil(lambda: station.station.user is None, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert station.doctor is None


def test_closing_the_doctor_does_not_wait_for_a_check_still_running(qtbot, station) -> None:
    """The GUI thread never waits: a check still running when the doctor closes ends on its own."""
    import threading

    login(qtbot, station, SAM_BADGE)
    qtbot.mouseClick(station.window.screens["review"].doctor_button, Qt.MouseButton.LeftButton)
    dialog = station.doctor
    release = threading.Event()
    dialog.worker.submit(release.wait, 10)  # a check that hangs, as a 5 s connect would
    dialog.done(0)  # with a join this would block until the check ends
    assert not dialog.isVisible() and dialog.worker.running
    release.set()
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=5000)
