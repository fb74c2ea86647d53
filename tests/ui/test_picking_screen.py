"""The picker screen on a real station (composition root, station thread, SQLite): a picker's
badge lands on it; the pick list, each location and item scanned; a wrong location or item
locks the screen like a mis-scan until ACK; SHORT re-allocates from another bin; the order is
picked when every stop is, and a packer can then take it."""
from __future__ import annotations

from sqlalchemy import select

from app.commands import Command
from app.store.models import Order, PackException
from app.store.session import Database
from tests.ui.data import ALICE_BADGE, MUG, PEN
from tests.ui.helpers import scan, settle
from tests.ui.picking_data import PICKER_BADGE, waved_order


def status_of(url: str, number: str) -> str:
    with Database(url) as db, db.read() as s:
        return s.scalar(select(Order.status).where(Order.number == number))


def screen(app):  # type: ignore[no-untyped-def]
    return app.window.screens["pick"]


def test_a_pickers_badge_lands_on_the_picker_screen(qtbot, station, station_db_url) -> None:
    with Database(station_db_url) as db:
        waved_order(db)
    scan(qtbot, station, PICKER_BADGE)
    assert station.station.step == "pick"
    assert station.window.stack.currentWidget() is screen(station)
    assert screen(station).prompt.text() == "Scan a pick list (PL-...)"


def test_a_list_picked_stop_by_stop_makes_the_order_picked(qtbot, station, station_db_url) -> None:
    with Database(station_db_url) as db:
        code = waved_order(db)
    scan(qtbot, station, PICKER_BADGE)
    scan(qtbot, station, code)
    pick = screen(station)
    assert pick.stop.text() == "A-01-1" and pick.progress_text.text() == "0/2 stops, 0/3 units"
    assert pick.table.rowCount() == 2
    scan(qtbot, station, "A-01-1")
    assert pick.prompt.text() == "Scan 2 x MUG-BLUE"
    scan(qtbot, station, MUG)
    scan(qtbot, station, MUG)
    assert pick.stop.text() == "B-01-1" and pick.progress.value() == 2
    scan(qtbot, station, "B-01-1")
    scan(qtbot, station, PEN)
    assert pick.title.text() == f"Pick list {code} done"
    assert status_of(station_db_url, "PK-1") == "picked"
    # the packer's side: the order is now in the queue
    scan(qtbot, station, Command.LOGOUT.value)
    scan(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, "PK-1")
    assert station.station.pack is not None and station.station.pack.order_number == "PK-1"


def test_a_wrong_location_or_item_locks_the_screen_until_ack(qtbot, station, station_db_url) -> None:
    with Database(station_db_url) as db:
        code = waved_order(db)
    scan(qtbot, station, PICKER_BADGE)
    scan(qtbot, station, code)
    scan(qtbot, station, "A-02-1")  # the wrong bin
    assert station.station.locked and "Wrong location" in station.station.locked
    assert station.window.overlay.isVisible()
    scan(qtbot, station, "A-01-1")  # refused while locked
    assert station.station.locked
    scan(qtbot, station, Command.ACK.value)
    assert station.station.locked is None and not station.window.overlay.isVisible()
    scan(qtbot, station, "A-01-1")
    scan(qtbot, station, PEN)  # the wrong item
    assert "Wrong item" in (station.station.locked or "")
    station.window.overlay.ack.click()  # ACKNOWLEDGE by touch
    settle(qtbot, station)
    assert station.station.locked is None
    assert screen(station).progress.value() == 0  # nothing was picked by the wrong scans


def test_short_takes_the_rest_from_another_bin(qtbot, station, station_db_url) -> None:
    with Database(station_db_url) as db:
        code = waved_order(db, mugs=3)  # 2 at A-01-1, 1 at A-02-1
    scan(qtbot, station, PICKER_BADGE)
    scan(qtbot, station, code)
    scan(qtbot, station, "A-01-1")
    scan(qtbot, station, MUG)  # only one mug is there
    screen(station).short_button.click()
    settle(qtbot, station)
    assert "now from A-02-1" in screen(station).message.text()
    stops = [screen(station).table.item(r, 1).text() for r in range(screen(station).table.rowCount())]
    assert stops == ["A-01-1", "A-02-1", "B-01-1", "A-02-1"]  # the new stop at the end
    with Database(station_db_url) as db, db.read() as s:
        assert s.scalars(select(PackException.kind)).all() == ["short_pick"]  # a picker's short pick, not a packer's PROBLEM
