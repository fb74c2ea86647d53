"""The pack and home screens in words, not codes (issue 13, item 15)."""
from __future__ import annotations

from app.commands import Command
from tests.ui.data import ALICE_BADGE, DEMO_GIFT_ORDER, DEMO_PACKER
from tests.ui.helpers import login, scan


def test_carrier_and_ship_by_read_as_people_write_them(qtbot, demo_station) -> None:
    app = demo_station()
    scan(qtbot, app, DEMO_PACKER)
    scan(qtbot, app, DEMO_GIFT_ORDER)
    pack = app.window.screens["pack"]
    assert pack.carrier.text() == "DPD Standard"  # not "dpd - standard"
    due = app.station.pack.sla_due_at
    assert str(due.astimezone().year) in pack.due.text()
    assert pack.due.text().endswith("OVERDUE")  # the demo's orders were due in November 2026
    assert "background" in pack.due.styleSheet()


def test_home_counts_have_their_plurals(qtbot, make_station) -> None:
    app = make_station()
    login(qtbot, app, ALICE_BADGE)
    home = app.window.screens["home"]
    assert home.queue.text() == "3 orders waiting"
    assert "0 orders packed" in home.figures.text() and "0 units" in home.figures.text()


def test_a_problem_says_the_reason_not_its_code(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    station.station.ask("problem")
    scan(qtbot, station, "PD-RSN-PROBLEM-MISSING")
    home = station.window.screens["home"]
    assert station.station.step == "home"
    assert "(missing)" not in home.message.text() and "Item missing" in home.message.text()
