"""Demo mode's side panel: the barcodes of the moment to click, and a line that acts as a
scanner when a barcode is typed and Enter pressed."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from app.commands import Command
from app.store.models import Order, PackException, PickList
from app.packing.reasons import CANCEL, PROBLEM_REASONS
from tests.ui.data import DEMO_LONG_ORDER, DEMO_PACKER, MUG, PEN
from tests.ui.helpers import scan, settle
from ui.screens.pack import ITEM, NAME_MIN_PX


def click(qtbot, app, caption_start: str) -> None:
    """Click the panel's entry whose caption starts so, as a person would (the badges are read
    from the database after the panel shows: wait for the entry first)."""
    panel = app.window.side_panel
    qtbot.waitUntil(lambda: any(panel.list.item(r).text().startswith(caption_start)
                                for r in range(panel.list.count())), timeout=5000)
    for row in range(panel.list.count()):
        item = panel.list.item(row)
        if item.text().startswith(caption_start):
            rect = panel.list.visualItemRect(item)
            QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            settle(qtbot, app)
            return
    raise AssertionError(f"no entry {caption_start!r} in {[panel.list.item(r).text() for r in range(panel.list.count())]}")


def captions(app) -> list[str]:
    return [caption for caption, _data, _symbology in app.window.side_panel.entries()]


def test_the_panel_offers_what_can_be_scanned_now_and_scans_it(qtbot, station) -> None:
    panel = station.window.side_panel
    assert panel is not None and all(c.startswith("badge ") for c in captions(station))
    click(qtbot, station, "badge Alice")
    assert station.station.user is not None and station.station.user.username == "alice"
    assert captions(station) == ["NEXT", "LOG OUT"]

    qtbot.keyClicks(panel.line, "PD-1001")  # the keyboard as a scanner
    QTest.keyClick(panel.line, Qt.Key.Key_Return)
    settle(qtbot, station)
    assert station.station.pack is not None and station.station.pack.order_number == "PD-1001"
    assert panel.line.text() == ""
    entries = {data: caption for caption, data, _ in panel.entries()}
    assert entries[MUG].startswith("MUG-BLUE x1") and entries[PEN].startswith("PEN-RED x1")
    assert Command.CLOSE_BOX.value in entries and Command.NEXT.value not in entries

    click(qtbot, station, "PEN-RED x1")
    pen = next(line for line in station.station.pack.lines if line.sku == "PEN-RED")
    assert pen.scanned == 1
    assert {data: caption for caption, data, _ in panel.entries()}[PEN].endswith("(done)")


def test_while_a_question_is_open_the_panel_offers_its_answers(qtbot, station) -> None:
    click(qtbot, station, "badge Alice")
    station.keyboard.scan("PD-1001")
    settle(qtbot, station)
    click(qtbot, station, "PROBLEM")
    assert station.window.stack.currentWidget() is station.window.problem_prompt
    assert [data for _c, data, _s in station.window.side_panel.entries()] == \
        [r.barcode for r in PROBLEM_REASONS] + [CANCEL]
    click(qtbot, station, "reason: Item missing")
    assert station.window.stack.currentWidget() is station.window.screens["home"]
    with station.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "PD-1001")) == "on_hold"
        assert s.scalar(select(PackException.kind)) == "missing"
    assert captions(station) == ["NEXT", "LOG OUT"]


def test_a_pickers_panel_lists_the_stops_location_and_item_barcodes(qtbot, station, station_db_url) -> None:
    """A try-out: the picker's demo panel listed only NEXT and LOG OUT, no location or item to click."""
    from app.store.session import Database
    from tests.ui.picking_data import PICKER_BADGE, waved_order

    with Database(station_db_url) as db:
        code = waved_order(db)
    station.keyboard.scan(PICKER_BADGE)  # added after the panel read its badges
    settle(qtbot, station)
    assert station.station.step == "pick"
    station.keyboard.scan(code)
    settle(qtbot, station)
    qtbot.waitUntil(lambda: MUG in {data for _c, data, _s in station.window.side_panel.entries()}, timeout=5000)
    entries = {data: caption for caption, data, _ in station.window.side_panel.entries()}
    assert entries["A-01-1"] == "location A-01-1" and entries[MUG] == "MUG-BLUE x1"
    assert Command.SHORT.value in entries and Command.LOGOUT.value in entries
    click(qtbot, station, "location A-01-1")
    click(qtbot, station, "MUG-BLUE x1")
    click(qtbot, station, "MUG-BLUE x1")
    picking = station.station.snapshot.picking
    assert picking.lines[0].picked_quantity == 2  # the first stop picked by clicking
    qtbot.waitUntil(lambda: PEN in {data for _c, data, _s in station.window.side_panel.entries()}, timeout=5000)
    assert "B-01-1" in {data for _c, data, _s in station.window.side_panel.entries()}


@pytest.mark.parametrize(("size", "pictures", "least"), [((1366, 768), False, 180), ((1280, 1024), False, 120),
                                                        ((1920, 1080), True, NAME_MIN_PX)])
def test_beside_the_demo_panel_the_item_names_keep_their_room(qtbot, demo_station, size, pictures: bool,
                                                              least: int) -> None:
    """`packdesk run --demo` on a 1366x768 laptop: the panel took 354 px and left the pack
    screen's item names 55 px, every one shown as "..."; the panel takes a fifth of the window
    now, and on a narrow table the pictures give their column to the names."""
    app = demo_station(size, demo_panel=True)
    assert app.window.side_panel.width() == max(240, min(420, size[0] // 5))
    for code in (DEMO_PACKER, DEMO_LONG_ORDER):
        scan(qtbot, app, code)
    qtbot.wait(20)  # the layout of the new size
    pack = app.window.screens["pack"]
    assert pack.table.isColumnHidden(0) == (not pictures)
    names = pack.table.columnWidth(ITEM)
    assert names >= least, names  # two lines of a name's words ("Coffee beans Ethiopia ..."), not "..."
    if pictures:  # where there is room, the pictures stay
        assert pack.table.columnWidth(0) > 0


def test_the_demos_picker_finds_a_list_in_the_panel_and_picks_it_by_clicks(qtbot, demo_station) -> None:
    """A try-out: the demo picked every order itself, so its picker logged in to "scan a pick
    list" with none to scan, and the panel offered NEXT, a packer's command. The demo leaves one
    list; the panel offers it, and the picker picks it through by clicking, stop by stop."""
    app = demo_station((1920, 1080))
    scan(qtbot, app, "PDU-2001")  # Dmitri, the demo's picker
    assert app.station.step == "pick"
    panel = app.window.side_panel
    qtbot.waitUntil(lambda: any(c.startswith("pick list PL-") for c, _d, _s in panel.entries()), timeout=5000)
    assert Command.NEXT.value not in {data for _c, data, _s in panel.entries()}
    click(qtbot, app, "pick list PL-")
    picking = app.station.snapshot.picking
    assert picking.current is not None
    code, stops = picking.code, len(picking.lines)
    for _ in range(100):
        picking = app.station.snapshot.picking
        if picking.current is None:
            break
        line = picking.current
        qtbot.waitUntil(lambda: bool(panel.entries()), timeout=5000)
        if not picking.at_location:
            click(qtbot, app, f"location {line.location}")
        else:
            qtbot.waitUntil(lambda: any(c.startswith(f"{line.sku} x1") for c, _d, _s in panel.entries()), timeout=5000)
            click(qtbot, app, f"{line.sku} x1")
    assert app.station.snapshot.picking.current is None and stops >= 3
    with app.db.read() as s:
        assert s.scalars(select(Order.number).where(Order.status == "picking")).all() == []  # its orders: picked
        assert s.scalar(select(PickList.status).where(PickList.code == code)) == "done"
    qtbot.waitUntil(lambda: not any(c.startswith("pick list") for c, _d, _s in panel.entries()), timeout=5000)
