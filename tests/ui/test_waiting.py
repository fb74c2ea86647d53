"""The pieces that keep the GUI thread from waiting: the label that says a call is late
(ui/waiting.py) and run_turning (ui/workers.py), which runs a shut-down step on a thread of its
own while Qt's loop keeps turning."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from ui.waiting import NOTICE_S, WaitingLabel
from ui.workers import Worker, run_turning


def test_the_label_stays_hidden_for_a_quick_answer_and_speaks_up_for_a_late_one(qtbot) -> None:
    out = [0]
    note = WaitingLabel([lambda: out[0]])
    qtbot.addWidget(note)
    out[0] = 1
    qtbot.wait(int(NOTICE_S * 1000 / 2))
    assert not note.waiting  # half the notice time: nothing to say yet
    qtbot.waitUntil(lambda: note.waiting, timeout=5000)
    assert note.text().startswith("Waiting for the database...") and note.text().endswith(" s")
    out[0] = 0
    qtbot.waitUntil(lambda: not note.waiting, timeout=2000)


def test_the_label_counts_a_worker_whose_call_never_returns_in_time(qtbot) -> None:
    release = threading.Event()
    worker = Worker("late")
    note = WaitingLabel([lambda: worker.pending])
    qtbot.addWidget(note)
    try:
        worker.submit(release.wait)
        qtbot.waitUntil(lambda: note.waiting, timeout=5000)
        release.set()
        qtbot.waitUntil(lambda: not note.waiting, timeout=5000)
    finally:
        release.set()
        worker.shutdown()


def test_run_turning_keeps_the_loop_turning_until_the_step_has_run(qtbot) -> None:
    beats: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start(20)
    ran_on: list[str] = []
    try:
        run_turning(lambda: (time.sleep(0.6), ran_on.append(threading.current_thread().name)), "slow step")
    finally:
        timer.stop()
    assert ran_on == ["packdesk-slow step"]  # not the GUI thread
    assert len(beats) >= 10  # the timer beat on while the step slept


def test_run_turning_raises_the_steps_exception_on_the_callers_thread(qtbot) -> None:
    def broken() -> None:
        raise ValueError("the database went away")

    with pytest.raises(ValueError, match="went away"):
        run_turning(broken, "broken step")
