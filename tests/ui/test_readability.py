"""Readable at a metre, at the three screen sizes stations have (issue 13, items 6, 9, 13):
the key numbers at 48 pt, the box picture whole beside a gift banner, box codes never broken,
item names whole with their size or colour, product pictures shown, the chosen box shown."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from tests.ui.data import DEMO_GIFT_ORDER, DEMO_LONG_ORDER, DEMO_PACKER, SCREEN_SIZES
from tests.ui.helpers import scan, settle
from ui.screens.pack import BOX_PICTURE_MIN, ITEM, NAME_LINES

pytestmark = pytest.mark.parametrize("size", SCREEN_SIZES, ids=[f"{w}x{h}" for w, h in SCREEN_SIZES])


def open_order(qtbot, demo_station, size, order: str):  # type: ignore[no-untyped-def]
    app = demo_station(size, demo_panel=False)
    scan(qtbot, app, DEMO_PACKER)
    scan(qtbot, app, order)
    assert app.station.pack is not None and app.station.pack.order_number == order, app.window.status.text()
    settle(qtbot, app)
    qtbot.wait(20)  # the layout of the new size
    return app, app.window.screens["pack"]


def visible_in_window(widget, window) -> bool:  # type: ignore[no-untyped-def]
    """Shown, and its whole rectangle inside the window's central area."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    return widget.isVisibleTo(window) and window.centralWidget().geometry().contains(rect)


def test_the_key_numbers_are_48_pt_and_on_screen(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_GIFT_ORDER)
    assert app.window.size().toTuple() == size  # the screen fits the window; nothing forces it wider
    for widget in (pack.sla, pack.parcel):
        assert widget.font().pointSize() >= 48 or widget.fontInfo().pointSize() >= 48, widget
        assert visible_in_window(widget, app.window)
    assert pack.sla.text().startswith("Units 0 of ")
    # not elided: two-digit counts fit beside the widest parcel caption
    metrics = QFontMetrics(pack.sla.font())
    assert pack.sla.width() >= metrics.horizontalAdvance("Units 88 of 88") + 8
    assert pack.parcel.width() >= pack.parcel.fontMetrics().horizontalAdvance("8 of 8")
    assert pack.parcel_word.text() == "PARCEL" and pack.parcel.text() == "1"
    home_queue = app.window.screens["home"].queue
    assert home_queue.fontInfo().pointSize() >= 48


def test_the_box_picture_keeps_its_size_and_legend_beside_a_gift_banner(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_GIFT_ORDER)
    assert pack.banner.isVisibleTo(app.window) and "GIFT WRAP" in pack.banner.text()
    picture = pack.placement
    assert visible_in_window(picture, app.window)
    assert picture.visibleRegion().boundingRect() == picture.rect()  # nothing covers or clips it
    assert picture.width() >= BOX_PICTURE_MIN[0] and picture.height() >= BOX_PICTURE_MIN[1]
    # every line of the legend is drawn inside the picture: the legend's height at its font size
    skus = {p.sku for p in picture.parcel.placements}
    line = max(11, int(picture.height() / 1.6 / 28)) * 1.4 * 1.6
    assert line * (len(skus) + 1) < picture.height() / 2


def test_box_names_and_codes_are_never_broken_inside_a_code(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_GIFT_ORDER)
    box = app.station.pack.suggested_box
    assert pack.box.text() == box.name and pack.box_code.text() == box.code
    assert not pack.box_code.wordWrap()
    assert pack.box_code.width() >= pack.box_code.fontMetrics().horizontalAdvance(box.code)
    assert visible_in_window(pack.box_code, app.window)


def test_item_names_are_whole_with_their_size_or_colour_and_every_line_shows(qtbot, demo_station, size) -> None:
    for order in (DEMO_GIFT_ORDER, DEMO_LONG_ORDER):
        app, pack = open_order(qtbot, demo_station, size, order)
        table = pack.table
        metrics = QFontMetrics(table.font())
        width = table.columnWidth(ITEM) - 12  # the cell's margins
        for row, line in enumerate(app.station.pack.lines):
            assert table.item(row, ITEM).text().startswith(line.name)
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), line.name)
            assert needed.height() <= table.rowHeight(row), (line.name, width)
            assert needed.height() < metrics.lineSpacing() * (NAME_LINES + 1)  # no third line
        # every line of the order is on screen without scrolling
        assert table.verticalScrollBar().maximum() == 0, size
        app.close()


def test_the_box_picture_is_whole_for_an_order_of_five_products(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_LONG_ORDER)
    picture = pack.placement
    assert len({p.sku for p in picture.parcel.placements}) == 5
    assert picture.height() >= BOX_PICTURE_MIN[1]
    assert picture.visibleRegion().boundingRect() == picture.rect()
    assert app.window.size().toTuple() == size


def test_product_pictures_from_the_catalogue_show_in_the_lines(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_LONG_ORDER)
    lines = app.station.pack.lines
    with_picture = [row for row, line in enumerate(lines) if line.image]
    assert with_picture, "the demo order has products with pictures"
    for row in with_picture:
        assert lines[row].image.startswith("demo/images/")
        picture = pack.table.item(row, 0).data(Qt.ItemDataRole.DecorationRole)
        assert picture is not None and not picture.isNull(), lines[row].image


def test_the_box_chosen_over_the_suggestion_is_what_the_screen_shows(qtbot, demo_station, size) -> None:
    app, pack = open_order(qtbot, demo_station, size, DEMO_GIFT_ORDER)
    suggested = app.station.pack.suggested_box
    other = "PDBOX0004" if suggested.barcode != "PDBOX0004" else "PDBOX0003"
    scan(qtbot, app, other)
    prompt = app.window.box_prompt
    assert app.station.step == "box_reason"
    assert prompt.detail.text() == f"Suggested: {suggested.name}. You scanned: Shipping box XL."
    app.station.answer(prompt.reasons[0].code)
    settle(qtbot, app)
    chosen = app.station.pack.chosen_box
    assert chosen is not None and chosen.code == "BOX-XL"
    assert pack.box_heading.text() == "BOX CHOSEN"
    assert pack.box.text() == "Shipping box XL" and pack.box_code.text() == "BOX-XL"
    assert pack.placement.parcel is chosen.parcel and chosen.parcel.box.id == "BOX-XL"
    assert "Shipping box XL" in pack.message.text() and "BOX-XL" not in pack.message.text()


def test_every_screen_fits_the_window_without_forcing_it_larger(qtbot, demo_station, size) -> None:
    app = demo_station(size, demo_panel=False)
    scan(qtbot, app, DEMO_PACKER)
    qtbot.wait(20)
    assert app.window.size().toTuple() == size
    room = app.window.stack.size()
    for name, screen in app.window.screens.items():
        needed = screen.minimumSizeHint()
        assert needed.width() <= room.width() and needed.height() <= room.height(), (name, needed.toTuple())


def test_the_customer_stays_whole_beside_a_carrier_not_chosen(qtbot, demo_station, tmp_path, size) -> None:
    # an imported order without a carrier says so beside the customer's name: neither is cut
    # and the name is not broken over two lines
    from sqlalchemy import update

    from app.store.models import Order
    from app.store.session import Database

    app = demo_station(size, demo_panel=False)
    with Database(f"sqlite:///{tmp_path / 'demo-0.sqlite3'}") as db, db.write() as session:
        session.execute(update(Order).where(Order.number == DEMO_GIFT_ORDER).values(carrier=None))
    scan(qtbot, app, DEMO_PACKER)
    scan(qtbot, app, DEMO_GIFT_ORDER)
    settle(qtbot, app)
    qtbot.wait(20)
    pack = app.window.screens["pack"]
    assert pack.carrier.text().startswith("no carrier chosen")
    name, carrier = pack.customer, pack.carrier
    assert name.heightForWidth(name.width()) < 2 * name.fontMetrics().lineSpacing(), name.text()  # one line
    assert carrier.heightForWidth(carrier.width()) <= carrier.height() if carrier.wordWrap() else \
        carrier.width() >= carrier.fontMetrics().horizontalAdvance(carrier.text())
