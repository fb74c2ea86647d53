"""The bridge alone: the core on its own thread with in-memory fakes, its snapshots re-emitted
as Qt signals on the GUI thread, and one screen rendering them (no database)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QThread

from app.ports import Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.runner import StationRunner
from tests.unit.station.fakes import MUG, FakeClock, FakePackingApi, FakeRecords, RecordingPrinter, render
from ui.bridge import StationBridge
from ui.screens.pack import PackScreen
from ui.sounds import Sounds


@pytest.fixture
def bridge(qtbot):
    runner = StationRunner(tick_s=0.05)
    core = StationCore(FakePackingApi(), StationDevices(label_printer=RecordingPrinter()), render, FakeRecords(),
                       FakeClock(), io=runner.executor("devices"), checks=runner.executor("device watch"))
    bridge = StationBridge(runner, Sounds(enabled=False), core.snapshot())
    runner.start(core)
    yield bridge
    runner.close()


def settle(qtbot, bridge) -> None:
    qtbot.waitUntil(lambda: bridge.pending == 0, timeout=5000)


def test_changes_arrive_as_signals_on_the_gui_thread(qtbot, bridge) -> None:
    gui = QThread.currentThread()
    seen = []
    bridge.step_changed.connect(lambda step: seen.append(("step", step, QThread.currentThread() is gui)))
    bridge.user_changed.connect(lambda user: seen.append(("user", user.username, QThread.currentThread() is gui)))
    bridge.handle_scan(Scan("BADGE-ALICE"))
    settle(qtbot, bridge)
    assert seen == [("user", "alice", True), ("step", "home", True)]
    assert bridge.user.username == "alice" and bridge.step == "home"


def test_a_scan_reaches_the_pack_screen_and_plays_its_cue(qtbot, bridge) -> None:
    screen = PackScreen(bridge)
    qtbot.addWidget(screen)
    for data in ("BADGE-ALICE", "PD-1001", MUG):
        bridge.handle_scan(Scan(data))
    settle(qtbot, bridge)
    assert bridge.pack.units_scanned == 1
    assert screen.table.item(0, 4).text() == "1"
    assert bridge.sounds.played == ["accept", "accept"]  # the order opened, the mug went in


def test_an_unchanged_snapshot_emits_nothing(qtbot, bridge) -> None:
    bridge.handle_scan(Scan("BADGE-ALICE"))
    settle(qtbot, bridge)
    emitted = []
    for signal in (bridge.step_changed, bridge.user_changed, bridge.pack_changed, bridge.message):
        signal.connect(lambda *args: emitted.append(args))
    bridge.touch()  # activity only: nothing on the screen changes
    settle(qtbot, bridge)
    assert emitted == []
