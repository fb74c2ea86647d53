"""The supervisors' review screen, built by the composition root on a real SQLite database:
a supervisor lands on it and a packer never does; the queue shows the floor's exceptions and
filters them; every decision is carried out from the screen, on the review's worker thread,
and leaves its audit record."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle
from sqlalchemy import select, update

from app.orders import holds
from app.orders.settings import OrderSettings
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.store.audit_log import audit_entries, verify_audit
from app.store.models import Label, Order, PackException, User
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from tests.ui.data import ALICE_BADGE, BOB_BADGE, SAM_BADGE
from tests.ui.floor_data import a_busy_morning, alice_packs_pd_1001
from tests.ui.helpers import login, scan, settle


def review(qtbot, app):
    screen = app.window.screens["review"]
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is screen and bool(screen.items), timeout=5000)
    return screen


def choose(qtbot, screen, kind: str) -> None:
    row = next(i for i, item in enumerate(screen.items) if item.kind == kind)
    screen.table.selectRow(row)
    assert screen.selected().kind == kind


def give_reason(screen, code: str = "customer_request") -> None:
    """Choose a reason as a supervisor does for each decision (none is chosen until then)."""
    if screen.reason.currentData() is None:
        screen.reason.setCurrentIndex(screen.reason.findData(code))
    assert screen.reason.currentData() is not None


def press(qtbot, screen, action: str, reason: str = "customer_request") -> str:
    """A decision with a reason; CANCEL ORDER confirmed on the question it asks first."""
    give_reason(screen, reason)
    with qtbot.waitSignal(screen.decided, timeout=5000) as done, qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.mouseClick(screen.action_buttons[action], Qt.MouseButton.LeftButton)
        if action == "cancel":
            assert screen.confirm_button.isVisible()
            qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    return done.args[0]


def order(url: str, number: str) -> Order:
    with Database(url) as db, db.read() as s:
        found = s.scalar(select(Order).where(Order.number == number))
        s.expunge(found)
        return found


def test_a_supervisor_lands_on_the_review_and_a_packer_never_sees_it(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, ALICE_BADGE)
    assert station.window.stack.currentWidget() is station.window.screens["home"]
    assert station.window.screens["review"].items == []  # nothing loaded for a packer
    station.station.logout()
    settle(qtbot, station)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    assert "Sam Supervisor" in screen.hello.text()


def test_the_queue_shows_the_floors_exceptions_and_filters_them(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    assert {i.kind for i in screen.items} == {"problem", "mis_scan", "weight", "reprint", "hold", "stale_lease"}
    assert screen.table.rowCount() == len(screen.items)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.kind.setCurrentIndex(screen.kind.findData("mis_scan"))
    assert [(i.kind, i.station, i.packer) for i in screen.items] == [("mis_scan", "PACK-09", "alice")]
    assert "wrong item" in screen.table.item(0, 6).text()
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.kind.setCurrentIndex(0)
    screen.packer_filter.setText("nobody")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.keyClick(screen.packer_filter, Qt.Key.Key_Return)
    assert screen.items == [] and screen.table.rowCount() == 0
    choose_none = [w.isEnabled() for w in screen.action_buttons.values()]
    assert not any(choose_none)


def test_a_german_supervisor_reads_the_queue_in_german(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    with Database(station_db_url) as db, db.write() as s:
        s.execute(update(User).where(User.username == "sam").values(language="de"))
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    row = next(i for i, item in enumerate(screen.items) if item.kind == "hold")
    assert screen.table.item(row, 6).text().startswith("Auftrag ")
    assert "zurückgehalten" in screen.table.item(row, 6).text()
    assert screen.table.item(row, 1).text() == "zurückgehalten"  # the kind, as the command line says it
    late = screen.kind.findData("sla_breach")
    assert screen.kind.itemText(late) == "verspätet"  # not "sla breach"


def test_every_decision_from_the_screen_is_carried_out_and_audited(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    assert {a for a, w in screen.action_buttons.items() if w.isEnabled()} == {"release", "requeue", "cancel", "resolve"}
    screen.note.setText("customer called back")
    assert "released" in press(qtbot, screen, "release")
    assert order(station_db_url, "PD-1002").status == "picked"

    choose(qtbot, screen, "reprint")
    assert "new SSCC" in press(qtbot, screen, "void_label")
    with Database(station_db_url) as db, db.read() as s:
        assert "voided" in s.scalars(select(Label.status)).all()

    choose(qtbot, screen, "weight")
    press(qtbot, screen, "accept_weight")
    choose(qtbot, screen, "stale_lease")
    assert "taken from station PACK-09" in press(qtbot, screen, "release_lease")
    assert (order(station_db_url, "PD-1003").status, order(station_db_url, "PD-1003").claimed_by_station) == (
        "picked", None)

    choose(qtbot, screen, "problem")
    press(qtbot, screen, "requeue")
    assert order(station_db_url, "PD-1001").status == "picked"
    with Database(station_db_url) as db:
        holds.hold(SqlUnitOfWork(db), "PD-1001", "address unreadable", user="sam")
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.refresh()
    choose(qtbot, screen, "hold")
    press(qtbot, screen, "cancel")
    assert order(station_db_url, "PD-1001").status == "cancelled"

    choose(qtbot, screen, "mis_scan")
    press(qtbot, screen, "resolve")
    assert screen.items == []  # every exception decided
    with Database(station_db_url) as db:
        decided = [e for e in audit_entries(db) if e.action == "ExceptionDecided"]
        assert len(decided) == 7 and {e.actor for e in decided} == {"sam"}
        assert verify_audit(db)[1] is None
        with db.read() as s:
            assert s.scalar(select(PackException.resolved_by).where(PackException.kind == "weight")) == "sam"


def test_a_decision_that_does_not_fit_is_shown_and_changes_nothing(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    with Database(station_db_url) as db:  # meanwhile someone released it on the command line
        holds.release(SqlUnitOfWork(db), "PD-1002", "paid", OrderSettings(), user="lee")
    give_reason(screen)
    with qtbot.waitSignal(screen.refused, timeout=5000) as refused:
        qtbot.mouseClick(screen.action_buttons["cancel"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    assert "no exception" in refused.args[0]
    assert "no exception" in screen.message.text()
    assert order(station_db_url, "PD-1002").status == "picked"


def test_the_board_shows_the_floor_and_a_change_within_two_seconds(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    with qtbot.waitSignal(screen.board.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["board"], Qt.MouseButton.LeftButton)
    board = screen.board.board
    rows = {r.station: r for r in board.stations}
    assert rows["PACK-09"].order == "PD-1003" and rows["PACK-09"].lease_expired
    assert rows["ST-TEST"].user == "sam" and dict(rows["ST-TEST"].devices)  # this station reported its devices
    assert board.stages["on_hold"] == 2 and board.open_exceptions["hold"] == 1
    texts = [screen.board.stations.item(r, 0).text() for r in range(screen.board.stations.rowCount())]
    assert "ST-TEST" in texts
    with Database(station_db_url) as db:  # PD-1002 released and Bob takes it at PACK-05
        desk = PackingService(db, "PACK-05", PackingSettings(station_code="PACK-05"))
        bob = desk.login(BOB_BADGE)
        holds.release(SqlUnitOfWork(db), "PD-1002", "paid", OrderSettings(), user="sam")
        desk.start_pack(bob, "PD-1002")
        changed = time.monotonic()
    qtbot.waitUntil(lambda: any(r.station == "PACK-05" and r.order == "PD-1002"
                                for r in screen.board.board.stations), timeout=2000)
    assert time.monotonic() - changed < 2.0


def test_the_board_goes_full_screen_for_a_wall_tv(qtbot, station, station_db_url) -> None:
    login(qtbot, station, SAM_BADGE)
    screen = station.window.screens["review"]
    with qtbot.waitSignal(screen.board.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["board"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.board.full_button, Qt.MouseButton.LeftButton)
    wall = screen.wall
    assert wall.windowState() & Qt.WindowState.WindowFullScreen
    # covering the whole screen (offscreen Qt does not always keep the full-screen state flag)
    qtbot.waitUntil(lambda: wall.isVisible() and wall.geometry() == wall.screen().geometry()
                    and wall.view.board is not None, timeout=10000)
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert not wall.isVisible() and not wall.view.timer.isActive()


def test_the_figures_page_draws_the_days_charts_and_explains_the_model(qtbot, station, station_db_url) -> None:
    alice_packs_pd_1001(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = station.window.screens["review"]
    with qtbot.waitSignal(screen.figures.shown, timeout=5000) as shown:
        qtbot.mouseClick(screen.page_buttons["figures"], Qt.MouseButton.LeftButton)
    figures = shown.args[0]
    assert [(r.key, r.orders, r.units, r.mis_scans) for r in figures.packers] == [("alice", 1, 3, 1)]
    charts = [view.chart() for view in screen.figures.views]
    assert [c.title() for c in charts][:3] == ["Orders per hour", "Units per hour", "Mis-scans per 100 scans"]
    mis_scans = charts[2].series()[0].barSets()[0]
    assert mis_scans.at(0) == 25.0  # 1 of 4 scans
    assert "Expected minutes per order" in screen.figures.explanation.text()
    screen.figures.by.setCurrentIndex(1)  # per station
    assert charts[0] is not screen.figures.views[0].chart()
    assert screen.figures.views[0].chart().axes(Qt.Orientation.Horizontal)[0].categories() == ["PACK-09"]


def test_the_wall_tv_board_needs_no_station_and_shows_the_floor(qtbot, station_db_url) -> None:
    from ui.board_cli import build_wall

    a_busy_morning(station_db_url)
    wall = build_wall(None, station_db_url, windowed=True)
    try:
        qtbot.waitUntil(lambda: wall.window.view.board is not None, timeout=10000)
        assert {r.station for r in wall.window.view.board.stations} == {"PACK-09"}
        assert wall.window.view.board.open_exceptions["stale_lease"] == 1
    finally:
        wall.close()



@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(("size", "panel"), [((1920, 1080), True), ((1366, 768), False)],
                         ids=["1920x1080-demo-panel", "1366x768"])
def test_the_queues_columns_and_their_titles_fit_the_screen(qtbot, demo_station, size, panel, language) -> None:
    # the summary column takes the width the others leave and no more: its words end in "..."
    # at the edge (shown whole beside the decision) and its title stays above them in sight
    app = demo_station(size, demo_panel=panel, raw={"station": {"language": language}})
    scan(qtbot, app, "PDU-3001")  # the demo's supervisor (resources/demo/users.csv)
    screen = review(qtbot, app)
    settle(qtbot, app)
    table, header = screen.table, screen.table.horizontalHeader()
    last = table.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    for column in range(last):  # the others as wide as their titles and words
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width(), column
    summary = table.item(0, last)
    room = header.sectionSize(last) - 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
    assert table.fontMetrics().horizontalAdvance(summary.text()) > room  # long enough to be cut: the case
    assert summary.toolTip() == summary.text() or summary.text().endswith(summary.toolTip())
