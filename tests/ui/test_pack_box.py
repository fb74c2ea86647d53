"""The pack screen's box: the suggested box, its one-line explanation and the picture of how
the units go in, shown when the order opens and left alone by scans."""
from __future__ import annotations

from PySide6.QtGui import QColor

from app.commands import Command
from tests.ui.data import ALICE_BADGE, MUG
from tests.ui.helpers import login, scan
from ui.placement_view import BACKGROUND, sku_colour


def colours_in(widget) -> set[str]:  # type: ignore[no-untyped-def]
    """The colours of a grab of the widget, on a coarse grid."""
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}


def test_pack_screen_shows_the_suggested_box_with_its_picture(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    pack = station.window.screens["pack"]
    suggestion = station.station.pack.suggested_box
    assert suggestion is not None and suggestion.parcel is not None
    assert pack.box.text() == suggestion.name and pack.box_code.text() == suggestion.code
    assert pack.box_why.text() == suggestion.explanation and suggestion.explanation
    assert pack.placement.isVisibleTo(station.window)
    assert pack.placement.parcel is suggestion.parcel
    assert sorted(p.sku for p in pack.placement.parcel.placements) == ["MUG-BLUE", "MUG-BLUE", "PEN-RED"]
    seen = colours_in(pack.placement)
    # the picture is drawn: the background, and the mug's and the pen's colours on their top faces
    assert BACKGROUND.name() in seen
    for sku in ("MUG-BLUE", "PEN-RED"):
        assert sku_colour(sku).lighter(112).name() in seen, sku


def test_scans_do_not_redraw_the_box_picture(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    pack = station.window.screens["pack"]
    pack.placement.grab()
    drawn = pack.placement.drawn
    shown = station.station.pack.suggested_box
    scan(qtbot, station, MUG)
    scan(qtbot, station, MUG)
    pack.placement.grab()
    assert station.window.screens["pack"].table.item(0, 4).text() == "2"
    assert station.station.pack.suggested_box is shown
    assert pack.placement.drawn == drawn  # copied from its pixmap, not drawn again


def test_without_a_suggestion_the_box_panel_says_so(qtbot, station) -> None:
    login(qtbot, station, ALICE_BADGE)
    scan(qtbot, station, Command.NEXT.value)
    pack = station.window.screens["pack"]
    pack.show_pack(None)
    pack.show_pack(station.station.pack.__class__(**{**station.station.pack.__dict__, "suggested_box": None}))
    assert pack.box.text() == "No box suggestion yet"
    assert pack.placement.parcel is None
    assert QColor(BACKGROUND).name() in colours_in(pack.placement)
