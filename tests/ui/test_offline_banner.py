"""Issue 17: the home and pack screens say "offline: N events waiting" while the station packs
into its journal, count down while the journal goes back to the database, and say nothing once
it is in; in the packer's language (the core on its thread with in-memory fakes, no database)."""
from __future__ import annotations

import pytest

from app.ports import Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.runner import StationRunner
from app.station.state import OfflineState
from tests.unit.station.fakes import FakeClock, FakePackingApi, FakeRecords, RecordingPrinter, render
from ui.bridge import StationBridge
from ui.screens.home import HomeScreen
from ui.screens.pack import PackScreen
from ui.sounds import Sounds
from ui.translations import Translations


class Switch:
    """The offline journal as the core sees it (app.station.ports.OfflineSwitch)."""

    def __init__(self) -> None:
        self.state: OfflineState | None = None

    def status(self) -> OfflineState | None:
        return self.state

    def back_online(self) -> list[str] | None:
        return None


@pytest.fixture
def english():
    """The station's language installed, as the composition root does (the plural forms)."""
    chosen = Translations()
    chosen.use("en")
    yield chosen
    chosen.clear()


@pytest.fixture
def station(qtbot):
    runner = StationRunner(tick_s=0.05)
    switch = Switch()
    core = StationCore(FakePackingApi(), StationDevices(label_printer=RecordingPrinter()), render, FakeRecords(),
                       FakeClock(), io=runner.executor("devices"), checks=runner.executor("device watch"),
                       offline=switch)
    bridge = StationBridge(runner, Sounds(enabled=False), core.snapshot())
    runner.start(core)
    yield bridge, switch
    runner.close()


def test_the_screens_show_the_events_waiting_and_count_down(qtbot, station, english) -> None:
    bridge, switch = station
    home, pack = HomeScreen(bridge), PackScreen(bridge)
    for screen in (home, pack):
        qtbot.addWidget(screen)
        screen.show()
    assert home.offline.isHidden() and pack.offline.isHidden()
    bridge.handle_scan(Scan("BADGE-ALICE"))
    switch.state = OfflineState(1, True, "The database at postgresql://db cannot be reached")
    qtbot.waitUntil(lambda: home.offline.text() == "offline: 1 event waiting", timeout=5000)
    assert home.offline.isVisible() and "cannot be reached" in home.offline.toolTip()
    switch.state = OfflineState(7, True)
    qtbot.waitUntil(lambda: pack.offline.text() == "offline: 7 events waiting", timeout=5000)
    assert home.offline.text() == "offline: 7 events waiting"
    switch.state = OfflineState(3, False)  # the database is back: the journal goes to it
    qtbot.waitUntil(lambda: home.offline.text() == "back online: 3 events waiting, sending them to the database",
                    timeout=5000)
    switch.state = None
    qtbot.waitUntil(lambda: home.offline.isHidden() and pack.offline.isHidden(), timeout=5000)


def test_the_banner_speaks_german(qtbot, station) -> None:
    bridge, switch = station
    home = HomeScreen(bridge)
    qtbot.addWidget(home)
    chosen = Translations()
    try:
        chosen.use("de")
        switch.state = OfflineState(2, True)
        bridge.handle_scan(Scan("BADGE-ALICE"))
        qtbot.waitUntil(lambda: home.offline.text() == "offline: 2 Vorgänge warten", timeout=5000)
        switch.state = OfflineState(1, True)
        qtbot.waitUntil(lambda: home.offline.text() == "offline: 1 Vorgang wartet", timeout=5000)
        chosen.use("en")  # a badge brought English: the banner says it again in English
        qtbot.waitUntil(lambda: home.offline.text() == "offline: 1 event waiting", timeout=5000)
    finally:
        chosen.clear()
