"""A supervisor's PIN typed on the on-screen keypad: it approves a partial shipment at a packer's
station and closes the kiosk, the digits are masked, CLEAR starts again, and the override is in
the station's log and the chained audit log."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.commands import Command
from app.store.audit_log import audit_entries
from app.store.models import StationEvent
from tests.ui.data import ALICE_BADGE, MUG, SAM_PIN
from tests.ui.helpers import login, scan, settle

LEFT = Qt.MouseButton.LeftButton


def type_pin(qtbot, prompt, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(prompt.keypad.keys[digit], LEFT)


def test_a_pin_on_the_keypad_approves_a_partial_shipment(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    scan(qtbot, station, MUG)
    qtbot.mouseClick(station.window.screens["pack"].buttons["PARTIAL"], LEFT)
    settle(qtbot, station)
    prompt = station.window.partial_prompt
    assert station.window.stack.currentWidget() is prompt and prompt.keypad.isVisibleTo(prompt)
    type_pin(qtbot, prompt, "99")
    qtbot.mouseClick(prompt.keypad.keys["CLEAR"], LEFT)
    type_pin(qtbot, prompt, SAM_PIN)
    assert prompt.pin.text() == SAM_PIN and prompt.pin.echoMode() is QLineEdit.EchoMode.Password
    qtbot.mouseClick(prompt.keypad.keys["OK"], LEFT)
    settle(qtbot, station)
    assert station.window.stack.currentWidget() is station.window.override_prompt  # why, asked after the PIN
    scan(qtbot, station, "PD-RSN-OVERRIDE-OUT-OF-STOCK")  # the reason scanned from the command sheet
    lines = {line.sku: line for line in station.station.pack.lines}
    assert lines["MUG-BLUE"].backordered == 1
    with station.db.read() as s:
        approved = s.execute(select(StationEvent.kind, StationEvent.username, StationEvent.method)
                             .where(StationEvent.kind == "SupervisorAuthorised")).all()
    assert approved == [("SupervisorAuthorised", "sam", "pin")]
    override = [e for e in audit_entries(station.db) if e.action == "SupervisorAuthorised"]
    assert [(e.actor, e.subject) for e in override] == [("sam", "station ST-TEST")]


def test_ok_with_nothing_typed_does_nothing(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    station.window.close()
    settle(qtbot, station)
    prompt = station.window.exit_prompt
    qtbot.mouseClick(prompt.keypad.keys["OK"], LEFT)
    settle(qtbot, station)
    assert station.window.isVisible() and station.window.stack.currentWidget() is prompt
    type_pin(qtbot, prompt, SAM_PIN)
    qtbot.mouseClick(prompt.keypad.keys["OK"], LEFT)
    settle(qtbot, station)
    assert not station.window.isVisible() and station.window.exit_allowed
