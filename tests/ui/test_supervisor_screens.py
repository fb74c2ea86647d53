"""Supervisors at a station and refusals on the screen (issue 13, items 8, 13, 14): the
on-screen PIN keypad, the PIN field's focus, a proportionate wrong-PIN message, CLOSE STATION
and DEVICES for supervisors only, BACK not red, and every refusal in large type on the screen
in front - never only in the 16 pt status bar."""
from __future__ import annotations

from PySide6.QtCore import Qt

from sqlalchemy import select

from app.commands import Command
from app.store.audit_log import audit_entries
from app.store.models import OrderEvent, StationEvent
from tests.ui.data import ALICE_BADGE, MUG, SAM_BADGE, SAM_PIN
from tests.ui.helpers import login, scan, settle
from ui.style import RED


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_packers_see_neither_devices_nor_close_station_supervisors_see_both(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    home = station.window.screens["home"]
    assert not home.devices_button.isVisibleTo(station.window)
    assert not home.close_button.isVisibleTo(station.window)
    scan(qtbot, station, Command.LOGOUT.value)
    login(qtbot, station, SAM_BADGE)  # a supervisor's home is the review screen: the station's functions are there
    review = station.window.screens["review"]
    assert station.window.stack.currentWidget() is review
    for widget in (review.devices_button, review.doctor_button, review.close_button):
        assert widget.isVisibleTo(station.window), widget.text()
    click(qtbot, review.close_button)
    settle(qtbot, station)
    assert station.station.step == "exit"


def test_the_close_station_pin_is_typed_on_the_keypad_with_the_focus_in_its_field(qtbot, station) -> None:
    login(qtbot, station, SAM_BADGE)
    station.window.request_exit()
    settle(qtbot, station)
    prompt = station.window.exit_prompt
    assert station.window.stack.currentWidget() is prompt
    qtbot.waitUntil(lambda: prompt.pin.hasFocus() or station.window.focusWidget() is prompt.pin, timeout=2000)
    for digit in "9999":  # a wrong PIN first
        click(qtbot, prompt.keypad.keys[digit])
    assert prompt.pin.text() == "9999"
    click(qtbot, prompt.keypad.keys["OK"])
    settle(qtbot, station)
    assert prompt.message.isVisibleTo(station.window) and "not a supervisor" in prompt.message.text()
    # proportionate: red words at the message size, not a red block
    assert RED not in prompt.message.styleSheet() and "background" not in prompt.message.styleSheet()
    assert prompt.pin.text() == ""
    for digit in SAM_PIN:
        click(qtbot, prompt.keypad.keys[digit])
    with qtbot.waitSignal(station.station.exit_authorised, timeout=5000):
        click(qtbot, prompt.keypad.keys["OK"])


def test_back_on_the_device_screen_is_not_the_colour_of_danger(qtbot, station) -> None:
    screen = station.window.screens["devices"]
    assert screen.back.objectName() != "danger"
    assert screen.keypad.isVisibleTo(screen) or screen.keypad.parent() is not None


def test_the_partial_shipment_prompt_lists_what_ships_and_takes_a_pin(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    scan(qtbot, station, MUG)
    station.station.ask("partial")
    settle(qtbot, station)
    prompt = station.window.partial_prompt
    assert station.window.stack.currentWidget() is prompt
    detail = prompt.detail.text()
    assert "Ships now: 1 x Blue mug" in detail
    assert "Backordered, ships later: 1 x Blue mug; 1 x Red pen" in detail
    assert prompt.pin.isVisibleTo(station.window) and prompt.keypad.isVisibleTo(station.window)
    for digit in SAM_PIN:
        click(qtbot, prompt.keypad.keys[digit])
    click(qtbot, prompt.keypad.keys["OK"])
    settle(qtbot, station)
    # approved: the supervisor says why, by touch (CANCEL would ship nothing)
    why = station.window.override_prompt
    assert station.window.stack.currentWidget() is why and "Approved by sam" in why.detail.text()
    assert station.station.pack is not None and not any(line.backordered for line in station.station.pack.lines)
    click(qtbot, next(b for b in why.buttons if "Customer request" in b.text()))
    settle(qtbot, station)
    pack = station.station.pack
    assert station.station.step == "pack" and pack is not None
    with station.db.read() as s:  # the reason with the override's event, its audit record and the station's log
        event = s.scalars(select(OrderEvent.detail).where(OrderEvent.kind == "PartialShipmentApproved")).one()
        logged = s.scalars(select(StationEvent.detail).where(StationEvent.kind == "SupervisorAuthorised")).one()
    assert '"reason": "customer_request"' in event and "customer_request" in logged
    [audited] = [e for e in audit_entries(station.db) if e.action == "SupervisorAuthorised"]
    assert audited.chain == "ST-TEST" and '"reason": "customer_request: Customer request"' in audited.detail
    backordered = [line for line in pack.lines if line.backordered]
    assert backordered
    table = station.window.screens["pack"].table
    pen_row = next(row for row, line in enumerate(pack.lines) if line.sku == "PEN-RED")
    assert table.item(pen_row, 3).text() == "-"  # not "0": the pen is wholly on backorder
    assert "1 on backorder" in table.item(pen_row, 1).text()


def test_a_refusal_on_a_screen_without_a_message_line_shows_in_large_type(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    station.station.ask("partial")
    settle(qtbot, station)
    scan(qtbot, station, ALICE_BADGE)  # a packer cannot approve
    prompt = station.window.partial_prompt
    assert prompt.message.isVisibleTo(station.window) and "cannot authorise" in prompt.message.text()
    assert prompt.message.fontInfo().pointSize() >= 22
    station.station.cancel_question()
    settle(qtbot, station)
    station.window.show_step("print")
    station.station.message.emit("The label printer does not answer.", "error")
    line = station.window.message_line
    assert line.isVisibleTo(station.window) and line.text() == "The label printer does not answer."
    assert line.fontInfo().pointSize() >= 22
