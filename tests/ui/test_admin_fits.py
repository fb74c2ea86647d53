"""The admin pages on a real display (a try-out at 1920x1080 with the demo panel shown): the
add-user fields read "use...", "na...", "bad...", and the keypad, IMPORT and RETIRE were cut off
on the right. Every admin page fits 1920x1080 beside the demo panel and 1366x768 without it,
in English and in German: each field shows its whole placeholder, no button and no keypad lies
beyond the right edge, and at 1920x1080 nothing lies below the bottom either (at 1366x768 the
review screen scrolls its admin page up and down, ui/screens/review.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QStyle, QStyleOptionFrame

from tests.ui.helpers import scan, settle
from ui.screens.admin import PAGES

DEMO_ADMIN = "PDU-9001"  # resources/demo/users.csv
SIZES = [((1920, 1080), True), ((1366, 768), False)]


def text_room(field: QLineEdit) -> int:
    """The width a line edit gives its text: inside its style's frame and padding, less its text
    margins and the two pixels Qt keeps at each side (what QLineEdit elides a placeholder to)."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    inside = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return inside.width() - margins.left() - margins.right() - 4


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(("size", "panel"), SIZES, ids=["1920x1080-demo-panel", "1366x768"])
def test_every_admin_page_fits_with_whole_fields_and_buttons(qtbot, demo_station, size, panel, language) -> None:
    app = demo_station(size, demo_panel=panel, raw={"station": {"language": language}})
    scan(qtbot, app, DEMO_ADMIN)
    review = app.window.screens["review"]
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is review, timeout=5000)
    qtbot.mouseClick(review.page_buttons["admin"], Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert app.window.size().toTuple() == size
    viewport = review.admin.parentWidget()  # the review screen's scroll area
    cut = []
    for name in PAGES:
        page = review.admin.pages[name]
        qtbot.mouseClick(review.admin.page_buttons[name], Qt.MouseButton.LeftButton)
        settle(qtbot, app)
        qtbot.wait(20)
        # nothing beyond the right edge (at 1366x768 the review screen scrolls its admin page
        # up and down, never sideways); at 1920x1080 nothing below the bottom either
        assert review.admin.width() <= viewport.width(), (name, review.admin.width(), viewport.width())
        if size[1] >= 1080:
            assert review.admin.height() <= viewport.height(), (name, review.admin.height(), viewport.height())
        for field in page.findChildren(QLineEdit):
            if field.isVisibleTo(app.window) and field.placeholderText():
                words = field.fontMetrics().horizontalAdvance(field.placeholderText())
                room = text_room(field)
                if room < words:  # Qt elides the placeholder ("barcode (empty: BOX-co...")
                    cut.append((name, field.placeholderText(), room, words))
        keypad = getattr(page, "keypad", None)
        shown = [w for w in page.findChildren(QAbstractButton) if w.isVisibleTo(app.window)]
        for widget in shown + ([keypad] if keypad is not None and keypad.isVisibleTo(app.window) else []):
            left = widget.mapTo(viewport, widget.rect().topLeft()).x()
            if left < 0 or left + widget.width() > viewport.width():
                cut.append((name, getattr(widget, "text", lambda: "keypad")() or type(widget).__name__))
    assert app.window.size().toTuple() == size  # nothing forced the window wider
    assert not cut, cut
