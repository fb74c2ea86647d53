"""What a supervisor tripped on when the review was tried on a real display: after a decision
another exception was selected by itself (its buttons live, one more tap decides an order nobody
looked at); the queue cut the exception's words off at the table's edge; and the board inside
the review had no room left for its station table."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, Qt

from app.supervision.board import Board, SlaRisk, StationRow
from tests.ui.data import SAM_BADGE
from tests.ui.floor_data import a_busy_morning
from tests.ui.helpers import login, scan, settle
from tests.ui.test_review import press, review


def test_after_a_decision_no_other_exception_is_chosen_by_itself(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    assert len(screen.items) >= 3
    for row in (len(screen.items) - 1, 0):  # the last row (its neighbour moves up) and the first
        decided = screen.items[row].key
        screen.table.selectRow(row)
        assert screen.selected().key == decided
        press(qtbot, screen, "resolve")
        assert decided not in {i.key for i in screen.items}
        assert screen.selected() is None, f"{screen.selected().key} chosen without a touch"
        assert not any(w.isEnabled() for w in screen.action_buttons.values())


def test_a_chosen_exception_stays_chosen_when_the_queue_reloads(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    chosen = screen.items[1].key
    screen.table.selectRow(1)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.refresh()
    assert screen.selected().key == chosen


def test_the_chosen_exception_is_shown_in_full_beside_the_queue(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    hold = next(i for i in screen.items if i.kind == "hold")
    screen.table.selectRow(screen.items.index(hold))
    assert "customer asked to wait" in hold.summary
    assert hold.summary in screen.detail.text() and hold.key in screen.detail.text()
    assert screen.detail.isVisible() and screen.detail.wordWrap()
    screen.table.clearSelection()
    assert screen.detail.text() == ""


def test_the_board_in_the_review_shows_its_stations_beside_a_long_sla_list(qtbot, station) -> None:
    login(qtbot, station, SAM_BADGE)
    screen = station.window.screens["review"]
    with qtbot.waitSignal(screen.board.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["board"], Qt.MouseButton.LeftButton)
    now = datetime.now(timezone.utc)
    late = tuple(SlaRisk(f"PD-{2000 + i}", "picked", now - timedelta(hours=i)) for i in range(30))
    stations = tuple(StationRow(f"PACK-{i:02}", "alice", None, now, now) for i in range(1, 4))
    screen.board.stop()  # this board only, not the database's
    qtbot.waitUntil(lambda: not screen.board._asking, timeout=5000)
    screen.board.show_board(Board(now, stations, {"picked": 30}, late, {"sla_breach": 30}))
    qtbot.wait(50)
    table = screen.board.stations
    assert table.rowCount() == 3
    assert table.viewport().height() >= 2 * table.rowHeight(0), table.viewport().height()
    logout = screen.logout_button  # nothing pushed off the screen's foot
    assert logout.mapTo(screen, QPoint(0, logout.height())).y() <= screen.height()
    assert screen.board.lists.widget().height() > screen.board.lists.viewport().height()  # the rest scrolls


@pytest.mark.parametrize("demo_panel", [False, True])
def test_a_supervisors_review_fits_a_1366x768_screen(qtbot, demo_station, demo_panel: bool) -> None:
    """With a packer logged in the review fitted (test_readability); with its supervisor and a
    full queue it forced the window to 1366x815, the status line and the message under the screen."""
    app = demo_station((1366, 768), demo_panel=demo_panel)
    scan(qtbot, app, "PDU-3001")  # Sofia, the demo's supervisor
    screen = review(qtbot, app)
    screen.table.selectRow(0)
    qtbot.wait(50)
    assert app.window.size().toTuple() == (1366, 768)
    room = app.window.stack.size()
    needed = screen.minimumSizeHint()
    assert needed.width() <= room.width() and needed.height() <= room.height(), (needed.toTuple(), room.toTuple())
    logout = screen.logout_button
    assert logout.mapTo(app.window, QPoint(0, logout.height())).y() <= app.window.height()
    # the queue and its decisions together, without scrolling: at 1366x768 the buttons sat below
    # a scroll (tried on a real display), so a supervisor chose a row, scrolled, and lost sight of it
    shown = screen.pages.currentWidget()
    assert shown.verticalScrollBar().maximum() == 0, shown.widget().minimumSizeHint().toTuple()
    assert shown.horizontalScrollBar().maximum() == 0, shown.widget().minimumSizeHint().toTuple()
    page = shown.viewport()
    fits = screen.selected().actions
    assert len(fits) >= 2
    for action, widget in screen.action_buttons.items():
        assert widget.isVisible() == (action in fits), action  # the decisions that fit, not seven
    for action in fits:
        widget = screen.action_buttons[action]
        foot = widget.mapTo(page, QPoint(widget.width(), widget.height()))
        assert 0 <= foot.y() <= page.height() and 0 <= foot.x() <= page.width(), (action, foot.toTuple())
    screen.reason.setCurrentIndex(0)
    qtbot.mouseClick(screen.action_buttons["cancel"], Qt.MouseButton.LeftButton)
    for widget in (screen.confirm_button, screen.back_button):  # the question fits as well
        foot = widget.mapTo(page, QPoint(widget.width(), widget.height()))
        assert widget.isVisible() and 0 <= foot.y() <= page.height() and 0 <= foot.x() <= page.width()
    assert screen.table.viewport().height() >= 4 * screen.table.rowHeight(0), screen.table.viewport().height()


@pytest.mark.parametrize("demo_panel", [False, True])
def test_the_chosen_exceptions_whole_words_show_beside_its_decision_at_1366x768(qtbot, demo_station,
                                                                               demo_panel: bool) -> None:
    """Tried on a real display in German beside the demo panel: a mis-scan's words ran to a third
    line that its row had no height for, cut off in the middle of what the station had said."""
    app = demo_station((1366, 768), demo_panel=demo_panel, raw={"station": {"language": "de"}})
    for code in ("PDU-1001", "PD-10001", "PD-10007", "PD-CMD-ACK", "PD-CMD-PROBLEM"):
        scan(qtbot, app, code)  # Ana scans another order's sheet, then finds an item damaged
    app.station.answer("damaged")
    settle(qtbot, app)
    scan(qtbot, app, "PD-CMD-LOGOUT")
    scan(qtbot, app, "PDU-3001")  # Sofia, the demo's supervisor
    screen = review(qtbot, app)
    longest = max(range(len(screen.items)), key=lambda row: len(screen.table.item(row, 6).text()))
    screen.table.selectRow(longest)
    qtbot.wait(50)
    detail = screen.detail
    room = detail.contentsRect()
    needed = detail.fontMetrics().boundingRect(room.adjusted(0, 0, 0, 10_000), Qt.TextFlag.TextWordWrap,
                                               detail.text()).height()
    assert len(detail.text()) > 120 and needed <= room.height(), (needed, room.height(), detail.text())
    shown = screen.pages.currentWidget()
    assert shown.verticalScrollBar().maximum() == 0  # and the queue with its decisions still needs no scroll
    rows = 2 if demo_panel else 3  # the demo panel takes a quarter of the width: the words a line more
    assert screen.table.viewport().height() >= rows * screen.table.rowHeight(0), screen.table.viewport().height()
    chosen = screen.table.visualRect(screen.table.model().index(longest, 0))
    assert screen.table.viewport().rect().contains(chosen), chosen  # the chosen row in sight above its words


def test_the_next_supervisor_starts_at_the_queue_not_on_the_last_ones_page(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    with qtbot.waitSignal(screen.board.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["board"], Qt.MouseButton.LeftButton)
    station.station.logout()
    settle(qtbot, station)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    assert screen.pages.currentIndex() == 0 and screen.page_buttons["exceptions"].isChecked()
    assert not screen.page_buttons["board"].isChecked() and not screen.board.timer.isActive()


def test_no_order_packed_yet_gives_no_exception_rate_rather_than_zero(qtbot, station, station_db_url) -> None:
    """Ana reported a PROBLEM before any order was packed that day: the figures read "0.0
    exceptions per 100 orders", as if the day had gone without one; with no order there is no
    rate, and the summary says "-" as it does for the SLA."""
    a_busy_morning(station_db_url)  # a problem, a weight, a reprint, a mis-scan; no order packed to the end
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    with qtbot.waitSignal(screen.figures.shown, timeout=5000) as shown:
        qtbot.mouseClick(screen.page_buttons["figures"], Qt.MouseButton.LeftButton)
    total = shown.args[0].total
    assert total.orders == 0
    text = screen.figures.summary.text()
    assert "- exceptions per 100 orders" in text and "0.0 exceptions" not in text, text


def _clipped_words(widget) -> str | None:
    """What of a label's or a button's words its room cuts off (None: they fit)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QLabel, QStyle, QStyleOptionButton
    metrics, text = QFontMetrics(widget.font()), widget.text()
    if isinstance(widget, QLabel):
        room = widget.contentsRect()
        flags = int(Qt.TextFlag.TextWordWrap) if widget.wordWrap() else 0
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 10_000), flags, text)
        if needed.width() > room.width() or needed.height() > room.height():
            return f"{text!r} needs {needed.size().toTuple()} in {room.size().toTuple()}"
        return None
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    room = widget.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, widget).width()
    if metrics.horizontalAdvance(text) > room:
        return f"{text!r} needs {metrics.horizontalAdvance(text)} px in {room}"
    return None


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_the_reviews_words_fit_their_buttons_and_lines_in_german_too(qtbot, demo_station, size, language) -> None:
    """Tried on a real display in German beside the demo panel: RE-QUEUE's "ZURÜCK IN DIE
    WARTESCHLANGE" ran past its button's edges and the greeting and the hint were cut off."""
    app = demo_station(size, demo_panel=True, raw={"station": {"language": language}})
    scan(qtbot, app, "PDU-3001")  # Sofia, the demo's supervisor
    screen = review(qtbot, app)
    held = next(i for i, item in enumerate(screen.items) if "requeue" in item.actions)
    screen.table.selectRow(held)
    qtbot.wait(50)
    assert screen.action_buttons["requeue"].isVisible()
    if language == "de":
        assert screen.action_buttons["requeue"].text() != "RE-QUEUE"  # German, not the English left in
    cut = {name: _clipped_words(widget) for name, widget in [
        ("greeting", screen.hello), ("hint", screen.intro), *screen.page_buttons.items(),
        *((action, widget) for action, widget in screen.action_buttons.items() if widget.isVisible())]}
    assert {name: why for name, why in cut.items() if why} == {}
