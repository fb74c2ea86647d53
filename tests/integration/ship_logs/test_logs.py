"""The station's rotating log file, `packdesk logs`, and the crash report an unhandled
exception leaves: in a Qt slot of the running station, and at the top of the process."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import logging_setup
from app.cli.main import main
from app.logging_setup import crash_reports, log_path, start_file_logging, stop_file_logging


@pytest.fixture(autouse=True)
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "log"
    monkeypatch.setenv("PACKDESK_LOG_DIR", str(folder))
    yield folder
    stop_file_logging()


def test_without_packdesk_log_dir_the_log_is_in_the_user_log_directory(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PACKDESK_LOG_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert log_path() == tmp_path / "state" / "packdesk" / "log" / "packdesk.log"


def test_logs_path_prints_where_the_station_writes_its_log(log_folder: Path, capsys) -> None:
    assert main(["logs", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(log_folder / "packdesk.log")


def test_the_station_log_keeps_info_records_and_logs_shows_the_last_lines(log_folder: Path, capsys) -> None:
    start_file_logging()
    logging.getLogger("app.packing").info("order PD-1001 packed in parcel 1 of 2")
    logging.getLogger("app.packing").debug("not kept unless verbose")
    assert main(["logs", "--lines", "5"]) == 0
    shown = capsys.readouterr().out
    assert "INFO [MainThread] app.packing: order PD-1001 packed in parcel 1 of 2" in shown
    assert "not kept unless verbose" not in shown


def test_the_log_file_rotates_and_keeps_five_old_files(log_folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(logging_setup, "LOG_BYTES", 2_000)
    start_file_logging()
    for n in range(400):
        logging.getLogger("app.station").info("scan %04d of tote T-17 recorded", n)
    names = sorted(p.name for p in log_folder.iterdir())
    assert names == ["packdesk.log", *(f"packdesk.log.{i}" for i in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in log_folder.iterdir())


def test_an_exception_nobody_catches_leaves_a_crash_report_with_the_last_lines_and_versions(log_folder: Path) -> None:
    script = ("import logging\n"
              "from app.logging_setup import start_file_logging\n"
              "from ui.cli import install_crash_hooks\n"
              "start_file_logging()\n"
              "logging.getLogger('app.station').info('order PD-2002 claimed by ANNA')\n"
              "install_crash_hooks()\n"
              "raise RuntimeError('the box catalogue vanished')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PACKDESK_LOG_DIR": str(log_folder)})
    assert done.returncode == 1
    assert "RuntimeError: the box catalogue vanished" in done.stderr  # still printed as before
    [report] = crash_reports()
    text = report.read_text()
    assert text.startswith("Packdesk crash report: an unhandled RuntimeError in the station")
    assert "RuntimeError: the box catalogue vanished" in text
    assert "order PD-2002 claimed by ANNA" in text.split("## The last lines of")[1]
    assert "packdesk: 0.1.0" in text and "PySide6-Essentials: 6." in text and "python: 3." in text


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_slot_leaves_a_crash_report_and_the_station_carries_on(log_folder: Path, qtbot) -> None:
    from PySide6.QtCore import QTimer

    from ui.cli import install_crash_hooks

    start_file_logging()
    undo = install_crash_hooks()
    try:
        def broken_slot() -> None:
            raise KeyError("SKU MUG-350-BLU")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: len(crash_reports()) == 1, timeout=3000)
        still_running = []
        QTimer.singleShot(0, lambda: still_running.append(True))
        qtbot.waitUntil(lambda: still_running == [True], timeout=3000)
    finally:
        undo()
    text = crash_reports()[0].read_text()
    assert "KeyError: 'SKU MUG-350-BLU'" in text
    assert "CRITICAL [MainThread] ui.cli: unhandled KeyError in the station" in log_path().read_text()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the thread's exception is the point
def test_an_exception_on_a_thread_leaves_a_report_naming_the_thread(log_folder: Path) -> None:
    import threading

    from ui.cli import install_crash_hooks

    undo = install_crash_hooks()
    try:
        thread = threading.Thread(target=lambda: 1 / 0, name="scale reader /dev/ttyUSB0")
        thread.start()
        thread.join()
    finally:
        undo()
    [report] = crash_reports()
    assert "an unhandled ZeroDivisionError in the thread 'scale reader /dev/ttyUSB0'" in report.read_text()
