"""Issue 13 on the screens: a serial number and a bulk quantity are asked as questions with a
CANCEL; LOG OUT mid-order asks; the lock names what it ignored; the label screens show what
is in the parcel and mark a reprint. A real station on SQLite, driven as a scanner drives it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.commands import Command
from app.packing.reasons import CANCEL
from app.store.models import Product, ScanRecord
from app.store.session import Database
from tests.ui.data import ALICE_BADGE, LAMP, MUG, PEN
from tests.ui.helpers import login, said_and_heard, scan, settle

LEFT = Qt.MouseButton.LeftButton


def make_mug(url: str, **values: object) -> None:
    with Database(url) as db, db.write() as s:
        s.execute(update(Product).where(Product.sku == "MUG-BLUE").values(**values))


def test_a_serial_request_looks_different_and_cancel_serial_ends_it(qtbot, make_station, station_db_url) -> None:
    make_mug(station_db_url, serial_tracked=True)
    app = make_station()
    login(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, "PD-1001")
    pack = app.window.screens["pack"]
    scan(qtbot, app, MUG)
    assert pack.serial.isVisible() and pack.cancel_serial.isVisible()
    assert pack.serial.text().startswith("Scan the SERIAL NUMBER of MUG-BLUE")
    assert not pack.buttons["CLOSE BOX"].isEnabled()
    scan(qtbot, app, PEN)  # a known product is no serial number
    assert app.station.pack.awaiting_serial_for == "MUG-BLUE" and app.station.locked is None
    qtbot.mouseClick(pack.cancel_serial, LEFT)
    settle(qtbot, app)
    assert app.station.pack.awaiting_serial_for is None and not pack.serial.isVisible()


def test_a_bulk_quantity_is_typed_into_the_pack_screen(qtbot, make_station, station_db_url) -> None:
    make_mug(station_db_url, bulk_max_quantity=10)
    app = make_station()
    login(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, "PD-1001")
    pack = app.window.screens["pack"]
    scan(qtbot, app, MUG)
    assert pack.quantity.isVisible() and pack.serial.text().startswith("HOW MANY MUG-BLUE")
    pack.quantity.setText("2")
    qtbot.keyClick(pack.quantity, Qt.Key.Key_Return)
    settle(qtbot, app)
    assert app.station.pack.lines[0].scanned == 2 and not pack.quantity.isVisible()


def test_log_out_mid_order_shows_a_confirmation_with_cancel(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, "PD-1001")
    qtbot.mouseClick(station.window.screens["pack"].buttons["LOG OUT"], LEFT)
    settle(qtbot, station)
    prompt = station.window.screens["logout"]
    assert station.window.stack.currentWidget() is prompt and "PD-1001" in prompt.detail.text()
    scan(qtbot, station, CANCEL)
    assert station.window.stack.currentWidget() is station.window.screens["pack"]
    scan(qtbot, station, Command.LOGOUT.value)
    scan(qtbot, station, Command.LOGOUT.value)
    assert station.station.user is None


def test_the_lock_screen_names_the_scans_it_ignored(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, "PD-1001")
    scan(qtbot, station, LAMP)
    scan(qtbot, station, MUG)
    assert f"ignored: {MUG}; scan it again after ACK" in station.window.overlay.text.text()


def at_the_label_screen(qtbot, station):  # type: ignore[no-untyped-def]
    """Alice packs PD-1001 whole and closes its box: the label screen waits for parcel 1's label."""
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, "PD-1001")
    for code in (MUG, MUG, PEN):
        scan(qtbot, station, code)
    scan(qtbot, station, Command.CLOSE_BOX.value)
    return station.window.screens["confirm"]


def test_the_label_screen_lists_the_parcel_and_a_reprint_is_marked(qtbot, station) -> None:
    confirm = at_the_label_screen(qtbot, station)
    assert station.window.stack.currentWidget() is confirm
    assert "2 x MUG-BLUE - Blue mug" in confirm.contents.text() and "1 x PEN-RED" in confirm.contents.text()
    scan(qtbot, station, MUG)  # not silently put into a parcel 2
    assert station.station.pack.units_scanned == 3 and "waits for the label of parcel 1" in confirm.message.text()
    scan(qtbot, station, Command.REPRINT.value)
    station.station.answer("damaged")
    settle(qtbot, station)
    qtbot.waitUntil(lambda: station.window.stack.currentWidget() is confirm, timeout=5000)
    assert confirm.title.text().startswith("REPRINT - label version 2")


def test_the_orders_own_sheet_on_the_label_screen_says_what_is_awaited_without_alarm(qtbot, station) -> None:
    confirm = at_the_label_screen(qtbot, station)
    said, sounds = said_and_heard(qtbot, station, "PD-1001")
    assert sounds == []  # no alarm
    assert said == [("PD-1001 is the order open here: the station waits for the label of parcel 1. Put the label on "
                     "the parcel and scan it.", "info")]
    assert station.window.stack.currentWidget() is confirm  # the screen's own instruction stays, not in red
    assert confirm.message.text() == "Stick the label on parcel 1 and scan its barcode"
    assert station.window.status.text() == said[0][0]
    with station.db.read() as session:
        assert tuple(session.execute(select(ScanRecord.data, ScanRecord.outcome).order_by(ScanRecord.id.desc())
                                     ).first()) == ("PD-1001", "this_order")


def test_the_next_packer_reads_that_they_take_over_a_half_packed_order(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, "PD-1001")
    scan(qtbot, station, MUG)
    scan(qtbot, station, Command.LOGOUT.value)
    scan(qtbot, station, Command.LOGOUT.value)
    assert "PD-1001 stays open" in station.window.screens["login"].message.text()
    login(qtbot, station, "BADGE-BOB")
    pack = station.window.screens["pack"]
    assert station.window.stack.currentWidget() is pack
    assert "TAKING OVER order PD-1001 from Alice" in pack.message.text()
