"""What a returns clerk tripped on when the returns screen was tried on a real display: INSPECT
and REFUND stayed green while switched off (a green button that does nothing when touched;
likewise the picker's red SHORT), and the lines' table kept its columns at their first widths,
so the bin field read "bin (restock, exch..." with half the table empty beside it."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tests.integration.packing.conftest import Warehouse, warehouse  # noqa: F401
from tests.ui.returns_data import returns_screen
from ui.style import GREEN, RED, STYLESHEET, button


def background(widget) -> QColor:  # type: ignore[no-untyped-def]
    """The colour painted just inside the button's left edge, away from its words."""
    return widget.grab().toImage().pixelColor(6, widget.height() // 2)


@pytest.mark.parametrize(("kind", "colour"), [("ok", GREEN), ("danger", RED)])
def test_a_switched_off_green_or_red_button_looks_switched_off(qtbot, kind: str, colour: str) -> None:
    widget = button("INSPECT", kind)
    widget.setStyleSheet(STYLESHEET)
    qtbot.addWidget(widget)
    widget.resize(300, 80)
    widget.show()
    assert background(widget) == QColor(colour)
    widget.setEnabled(False)
    assert background(widget) == QColor("#33373b")


def test_inspect_and_refund_look_switched_off_until_they_fit_and_the_bin_has_room(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9451", "TEAPOT-RED:2", "wrong colour",
                        parcels=2) as (screen, rma, _):
        screen.setStyleSheet(STYLESHEET)  # as packdesk returns-station shows it
        screen.resize(1600, 900)
        screen.show()
        header = screen.lines.horizontalHeader()
        for column in range(header.count()):  # the empty table's headings are whole
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
        assert background(screen.inspect_button) != QColor(GREEN)
        assert background(screen.refund_button) != QColor(GREEN)
        qtbot.keyClicks(screen.input, rma)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
        assert background(screen.inspect_button) == QColor(GREEN)
        assert background(screen.refund_button) != QColor(GREEN)
        qtbot.wait(20)
        right = header.sectionPosition(3) + header.sectionSize(3)
        assert right >= screen.lines.viewport().width() - 2, (right, screen.lines.viewport().width())
        bin_field = screen.lines.cellWidget(0, 3)
        words = bin_field.fontMetrics().horizontalAdvance(bin_field.placeholderText())
        assert bin_field.width() > words, (bin_field.width(), words)


def test_after_inspect_the_lines_cannot_be_changed_any_more(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9452", "TEAPOT-RED:1", "too big") as (screen, rma, _):
        screen.open(rma)
        qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
        assert screen.lines.cellWidget(0, 2).isEnabled() and screen.lines.cellWidget(0, 3).isEnabled()
        screen.lines.cellWidget(0, 2).setCurrentIndex(screen.lines.cellWidget(0, 2).findData("write_off"))
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        outcome, where = screen.lines.cellWidget(0, 2), screen.lines.cellWidget(0, 3)
        assert outcome.currentData() == "write_off"  # what was decided, shown and locked
        assert not outcome.isEnabled() and not where.isEnabled()


def test_the_lines_name_the_product_and_after_inspect_the_screen_says_press_refund(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """A try-out on a real display: the line showed only "TEAPOT-RED", and after INSPECT the touch
    screen said "refund it (packdesk returns refund RMA-...)" with the REFUND button right there."""
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9453", "TEAPOT-RED:1", "too big") as (screen, rma, _):
        screen.open(rma)
        qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
        shown = screen.lines.item(0, 0).text()
        assert "TEAPOT-RED" in shown and "teapot" in shown.lower().replace("teapot-red", ""), shown
        screen.lines.cellWidget(0, 2).setCurrentIndex(screen.lines.cellWidget(0, 2).findData("write_off"))
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        said = screen.message.text()
        assert "REFUND" in said and "packdesk" not in said, said
        screen.refund_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "refunded", timeout=10000)
