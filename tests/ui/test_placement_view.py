"""The isometric PlacementView: draws the parcel's units, clears, renders offscreen."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor, QImage

from app.boxing import BoxType, Unit, suggest_boxes
from ui.placement_view import PlacementView, render_parcels, sku_colour

BOX = BoxType("M", 400, 300, 200, 15_000, 250, Decimal("0.90"))


def colours(image: QImage) -> set[tuple[int, int, int]]:
    out = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            out.add((c.red(), c.green(), c.blue()))
    return out


def shows(image: QImage, sku: str) -> bool:
    top = sku_colour(sku).lighter(112)
    return any(abs(r - top.red()) + abs(g - top.green()) + abs(b - top.blue()) < 6 for r, g, b in colours(image))


def test_widget_draws_each_unit_of_the_parcel_and_clear_removes_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    parcel = suggest_boxes([Unit("MUG", 120, 90, 90, 300), Unit("LAMP", 200, 150, 120, 900)], [BOX]).parcels[0]
    view = PlacementView()
    qtbot.addWidget(view)
    view.resize(480, 360)
    view.show_parcel(parcel)
    assert view.parcel is parcel
    shot = view.grab().toImage()
    assert shows(shot, "MUG") and shows(shot, "LAMP")
    view.clear()
    blank = view.grab().toImage()
    assert not shows(blank, "MUG") and not shows(blank, "LAMP")


def test_several_parcels_render_side_by_side() -> None:
    units = [Unit("BOOK", 250, 180, 40, 600)] * 30  # 54 L of books: three M (24 L each)
    parcels = suggest_boxes(units, [BOX]).parcels
    assert len(parcels) == 3
    image = render_parcels(parcels, (320, 240))
    assert (image.width(), image.height()) == (960, 240)
    assert shows(image.copy(0, 0, 320, 240), "BOOK") and shows(image.copy(320, 0, 320, 240), "BOOK")
