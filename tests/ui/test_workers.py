"""The worker layer: ordered, off the GUI thread, results back on the GUI thread."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from app.config import Settings
from app.errors import ConfigError
from app.config import station_config
from ui.scan_inbox import ManualScanner, ScanInbox
from ui.sounds import Sounds
from ui.workers import Worker


def test_jobs_run_in_submission_order_off_the_gui_thread_and_report_on_it(qtbot) -> None:
    worker = Worker("test")
    gui = QThread.currentThread()
    ran_on, done_on, results = [], [], []

    def job(i: int) -> int:
        ran_on.append(threading.current_thread().name)
        time.sleep(0.001 * (5 - i))  # later jobs are quicker: order must still hold
        return i

    for i in range(5):
        worker.submit(job, i, on_done=lambda r: (results.append(r), done_on.append(QThread.currentThread())))
    with qtbot.waitSignal(worker.idle, timeout=5000):
        pass
    worker.shutdown()
    assert results == [0, 1, 2, 3, 4]
    assert all(name.startswith("packdesk-test") for name in ran_on)
    assert all(t is gui for t in done_on)


def test_a_failing_job_reaches_on_error_and_the_worker_carries_on(qtbot) -> None:
    worker = Worker("test")
    errors, results = [], []
    worker.submit(lambda: 1 / 0, on_error=errors.append)
    worker.submit(lambda: "after", on_done=results.append)
    qtbot.waitUntil(lambda: worker.pending == 0)
    worker.shutdown()
    assert isinstance(errors[0], ZeroDivisionError) and results == ["after"]


def test_run_blocking_waits_behind_queued_jobs_and_shutdown_finishes_them(qtbot) -> None:
    worker = Worker("test")
    ran = []
    for i in range(3):
        worker.submit(lambda i=i: (time.sleep(0.01), ran.append(i)))
    assert worker.run_blocking(lambda: list(ran)) == [0, 1, 2]  # it queued behind them
    with pytest.raises(ZeroDivisionError):
        worker.run_blocking(lambda: 1 / 0)
    worker.submit(lambda: (time.sleep(0.05), ran.append("last")))
    worker.shutdown()
    assert ran[-1] == "last"
    worker.submit(lambda: ran.append("too late"))  # refused after shut-down, with a warning
    assert "too late" not in ran


def test_scans_from_a_reader_thread_arrive_on_the_gui_thread_in_order(qtbot) -> None:
    inbox = ScanInbox()
    scanner = ManualScanner("pty")
    got = []
    inbox.scanned.connect(lambda scan: got.append((scan.data, QThread.currentThread())))
    inbox.attach(scanner)
    for code in ("A1", "B2", "C3"):
        scanner.scan_from_thread(code)
    qtbot.waitUntil(lambda: len(got) == 3)
    inbox.stop_all()
    assert [d for d, _ in got] == ["A1", "B2", "C3"]
    assert all(t is QThread.currentThread() for _, t in got)


def test_a_station_without_audio_says_so_once_and_records_the_cue(qtbot) -> None:
    sounds = Sounds(enabled=False)
    with qtbot.waitSignal(sounds.unavailable) as said:
        sounds.play("lock")
    sounds.play("error")
    assert "No sound" in said.args[0]
    assert sounds.played == ["lock", "error"]


def test_unknown_station_keys_are_named_with_what_is_allowed() -> None:
    with pytest.raises(ConfigError, match=r"\[station\].*colour.*allowed: code"):
        station_config(Settings("sqlite://", raw={"station": {"colour": "red"}}))


def test_a_device_url_that_is_not_text_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"\[devices\] scanner .* must be a string"):
        station_config(Settings("sqlite://", raw={"devices": {"scanner": 5}}))


def test_config_reads_station_devices_and_demo_folder(tmp_path) -> None:
    config = station_config(Settings("sqlite://", raw={
        "station": {"code": "BENCH-7", "fullscreen": True},
        "devices": {"label_printer": f"dir://{tmp_path}", "label_format": "zpl"},
        "demo": {"output_dir": str(tmp_path)}}), windowed=True)
    assert (config.code, config.fullscreen, config.packing.station_code) == ("BENCH-7", False, "BENCH-7")
    assert config.packing.label_format == "zpl" and config.output_dir == tmp_path


def test_a_retired_worker_is_not_waited_for_and_its_late_result_is_dropped(qtbot) -> None:
    """Closing the doctor or the wizard retires its worker: the GUI thread goes on while a slow
    job (a database test's connect) still runs; the job's answer reaches nobody."""
    worker = Worker("slow")
    release, started, answers = threading.Event(), threading.Event(), []

    def slow() -> str:
        started.set()
        release.wait(10)
        return "connected"

    worker.submit(slow, on_done=answers.append, on_error=answers.append)
    assert started.wait(5)
    worker.retire()  # returns while slow() still runs (shutdown() would join it here)
    assert worker.running
    worker.submit(slow, on_done=answers.append)  # dropped: the worker takes no more jobs
    release.set()
    qtbot.waitUntil(lambda: not worker.running, timeout=5000)
    qtbot.wait(50)  # the queued result, had it been delivered
    assert answers == [] and worker.pending == 0
