"""A scan repaints what it changed on the pack screen, and nothing else of the lines table."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.store.models import Order
from tests.ui.data import ALICE_BADGE, MUG, PEN
from tests.ui.helpers import login, scan


class PaintLog(QObject):
    """The bounding rectangles of one widget's paint events."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False


def _five_mugs(qtbot, make_station):
    app = make_station()
    with app.db.write() as s:
        s.scalar(select(Order).where(Order.number == "PD-1003")).lines[0].quantity = 5
    login(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, "PD-1003")
    assert app.station.pack is not None and app.station.pack.order_number == "PD-1003"
    return app


def test_a_second_unit_of_a_line_repaints_its_count_cell_alone(qtbot, make_station) -> None:
    app = _five_mugs(qtbot, make_station)
    table = app.window.screens["pack"].table
    scan(qtbot, app, MUG)  # grey -> amber: the whole row
    QApplication.processEvents()
    painted = PaintLog(table.viewport())
    scan(qtbot, app, MUG)  # amber stays amber: only the count
    QApplication.processEvents()
    assert table.item(0, 4).text() == "2"
    cell = table.visualRect(table.model().index(0, 4))
    assert painted.rects and all(cell.contains(r) for r in painted.rects), (painted.rects, cell)


def test_a_line_that_is_complete_turns_green_across_the_row(qtbot, make_station) -> None:
    app = _five_mugs(qtbot, make_station)
    table = app.window.screens["pack"].table
    for _ in range(5):
        scan(qtbot, app, MUG)
    assert [table.item(0, c).background().color().name() for c in range(5)] == ["#1e7b34"] * 5
    assert table.item(1, 0).background().color().name() == "#3a3f44"  # the pen is still to scan
    scan(qtbot, app, PEN)
    assert table.item(1, 4).text() == "1"
