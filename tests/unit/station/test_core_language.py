"""A German packer's badge turns the errors that reach the station from below German too: the
scale's own words (devices/) inside the station's sentence (app/station/), issue 19. The scale
is the simulated one the demo station uses, not a fake: its ScaleError is the real one."""
from __future__ import annotations

import pytest

from app.packing.api import Packer
from app.ports import Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.state import Step
from devices.simulated import SimulatedScale
from tests.unit.station import fakes
from tests.unit.station.fakes import (
    MUG, PEN, FakeClock, FakePackingApi, FakeRecords, InlineExecutor, RecordingPrinter, render,
)

JONAS = Packer(3, "jonas", "Jonas Packer", "packer", "de")


def weigh_with_a_scale_in_motion(badge: str) -> StationCore:
    scale = SimulatedScale(grams=480, stable=False, address="sim:bench")
    devices = StationDevices(scale=scale, label_printer=RecordingPrinter())
    core = StationCore(FakePackingApi(), devices, render, FakeRecords(), FakeClock(), io=InlineExecutor(),
                       checks=InlineExecutor())
    for code in (badge, "PD-1001", MUG, MUG, PEN):
        core.scan(Scan(code))
    core.close_box()
    assert core.snapshot().step is Step.WEIGH and core.snapshot().weighing.error
    return core


def test_a_german_packer_reads_the_scale_error_in_german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fakes.BADGES, "BADGE-JONAS", JONAS)
    core = weigh_with_a_scale_in_motion("BADGE-JONAS")
    assert core.snapshot().weighing.text == ("Kein stabiles Gewicht: Waage sim:bench: in Bewegung (simuliert). "
                                             "Die Waage prüfen und WEIGH AGAIN drücken.")


def test_an_english_packer_reads_it_in_english() -> None:
    core = weigh_with_a_scale_in_motion("BADGE-ALICE")
    assert core.snapshot().weighing.text == ("No stable weight: scale sim:bench: in motion (simulated). "
                                             "Check the scale and press WEIGH AGAIN.")
