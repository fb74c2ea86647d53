"""The returns screen on a real database: scan the RMA (received), each item (a wrong one or one
too many refused in red with the error sound), decide the line, INSPECT, REFUND; every call on
the worker, a refused decision shown in red."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.integration.packing.conftest import MUG_EAN, TEAPOT_EAN, Warehouse, warehouse  # noqa: F401
from tests.integration.shipping.test_returns import status
from tests.ui.returns_data import returns_screen
from ui.sounds import Sounds
from ui.style import RED


def test_a_return_is_received_inspected_and_refunded_at_the_screen(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9401", "TEAPOT-RED:2", "wrong colour",
                        parcels=2) as (screen, rma, _):
        assert not screen.inspect_button.isEnabled() and not screen.refund_button.isEnabled()
        qtbot.keyClicks(screen.input, rma)
        qtbot.keyClick(screen.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
        assert screen.view.status == "received" and screen.lines.rowCount() == 1
        assert screen.inspect_button.isEnabled() and not screen.refund_button.isEnabled()

        screen.lines.cellWidget(0, 2).setCurrentText("restock")  # no bin yet: refused
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.error is not None, timeout=10000)
        assert "restock to which bin?" in screen.message.text() and RED in screen.message.styleSheet()

        screen.lines.cellWidget(0, 3).setText("R-01-01")
        screen.photo.setText("/photos/pd-9401.jpg")
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        assert screen.refund_button.isEnabled()
        assert screen.view.lines[0]["location"] == "R-01-01" and screen.view.lines[0]["photo"] == "/photos/pd-9401.jpg"
        screen.refund_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "refunded", timeout=10000)
        assert "refunded: EUR 25.00" in screen.message.text()
        assert not screen.inspect_button.isEnabled() and not screen.refund_button.isEnabled()


def test_each_item_is_scanned_at_the_screen_before_inspection(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    sounds = Sounds(enabled=False)
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9402", "TEAPOT-RED:2", "wrong colour", parcels=2,
                        sounds=sounds) as (screen, rma, worker):

        def scan(code: str) -> None:
            qtbot.keyClicks(screen.input, code)
            qtbot.keyClick(screen.input, Qt.Key.Key_Return)
            assert worker.pending == 1  # posted, not waited for
            qtbot.waitUntil(lambda: worker.pending == 0, timeout=10000)

        scan(rma)
        assert screen.view.status == "received" and screen.progress.text() == "0 of 2 items received"
        assert screen.inspect_button.isEnabled()  # nothing scanned yet: the lines could be decided as a whole

        scan(MUG_EAN)  # a mug is not in the parcel's return: refused, red, the error sound
        assert screen.error is not None and "MUG-BLUE-350 (Blue mug 350 ml) is not in return" in screen.message.text()
        assert RED in screen.message.styleSheet() and sounds.played[-1] == "error"
        assert screen.progress.text() == "0 of 2 items received"

        scan(TEAPOT_EAN)
        assert screen.error is None and screen.progress.text() == "1 of 2 items received"
        assert screen.lines.item(0, 1).text() == "1 of 2" and sounds.played[-1] == "accept"
        assert not screen.inspect_button.isEnabled()  # half the items: scan the rest first

        scan(TEAPOT_EAN)
        assert screen.progress.text() == "2 of 2 items received" and sounds.played[-1] == "done"
        assert screen.inspect_button.isEnabled()

        scan(TEAPOT_EAN)  # one too many
        assert "is too many" in screen.message.text() and sounds.played[-1] == "error"
        assert screen.progress.text() == "2 of 2 items received"

        screen.lines.cellWidget(0, 2).setCurrentText("restock")
        screen.lines.cellWidget(0, 3).setText("R-01-01")
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        screen.refund_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "refunded", timeout=10000)
        assert "refunded: EUR 25.00" in screen.message.text()


def test_an_exchange_decided_at_the_screen_names_its_order_and_refunds_nothing(
        qtbot, warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    with returns_screen(qtbot, warehouse, tmp_path, capsys, "PD-9403", "TEAPOT-RED:1", "dented",
                        sounds=Sounds(enabled=False)) as (screen, rma, _):
        screen.scan(rma)
        qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
        screen.scan(TEAPOT_EAN)
        qtbot.waitUntil(lambda: screen.view.scanned_all, timeout=10000)
        screen.lines.cellWidget(0, 2).setCurrentText("exchange")
        screen.lines.cellWidget(0, 3).setText("R-01-01")  # the dented one back on stock; the new one from there
        screen.inspect_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "inspected", timeout=10000)
        assert screen.view.exchange_order == f"{rma}-X" and f"exchange order {rma}-X" in screen.heading.text()
        screen.refund_button.click()
        qtbot.waitUntil(lambda: screen.view.status == "refunded", timeout=10000)
        assert "settled by its exchange: nothing to refund" in screen.message.text()
    assert status(warehouse, f"{rma}-X") == "allocated"
