"""What a supervisor's decision must not do by accident (found on a real display): CANCEL ORDER
cancelled on one tap, and the reason box kept the last decision's reason, so the next decision
carried it into the audit log without anyone choosing it. And a German supervisor read the
reasons and the mis-scans in English."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import update

from app.store.audit_log import audit_entries
from app.store.models import User
from app.store.session import Database
from tests.ui.data import SAM_BADGE
from tests.ui.floor_data import a_busy_morning
from tests.ui.helpers import login
from tests.ui.test_review import choose, give_reason, order, press, review


def decided(url: str) -> list:
    with Database(url) as db:
        return [e for e in audit_entries(db) if e.action == "ExceptionDecided"]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_cancel_order_asks_first_and_back_cancels_nothing(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    give_reason(screen)
    decisions = []
    screen.decided.connect(decisions.append)
    click(qtbot, screen.action_buttons["cancel"])
    qtbot.wait(300)  # a decision would be on the worker by now
    assert decisions == [] and order(station_db_url, "PD-1002").status == "on_hold"
    assert screen.confirm_button.isVisible() and screen.back_button.isVisible()
    assert screen.confirm_text.text() == "Cancel order PD-1002? It cannot be undone."
    assert screen.confirm_button.text() == "CONFIRM CANCEL" and screen.back_button.text() == "BACK"
    assert not screen.action_buttons["cancel"].isVisible()  # the question stands where the decisions were
    assert screen.confirm_button.height() >= 72  # a finger's size, like every decision
    click(qtbot, screen.back_button)
    qtbot.wait(300)
    assert decisions == [] and order(station_db_url, "PD-1002").status == "on_hold"
    assert screen.action_buttons["cancel"].isVisible() and not screen.confirm_button.isVisible()
    assert decided(station_db_url) == []
    with qtbot.waitSignal(screen.decided, timeout=5000) as done:
        click(qtbot, screen.action_buttons["cancel"])
        click(qtbot, screen.confirm_button)
    assert "PD-1002 is cancelled" in done.args[0]
    assert order(station_db_url, "PD-1002").status == "cancelled"
    assert len(decided(station_db_url)) == 1


def test_the_cancel_question_closes_when_another_exception_is_chosen(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    give_reason(screen)
    click(qtbot, screen.action_buttons["cancel"])
    assert screen.confirm_button.isVisible()
    with qtbot.waitSignal(screen.loaded, timeout=5000):  # the queue reloads under the question: it stays
        screen.refresh()
    assert screen.confirm_button.isVisible()
    choose(qtbot, screen, "problem")  # PD-1001's problem: the question was about PD-1002
    assert not screen.confirm_button.isVisible() and screen.reason.currentData() is None
    assert order(station_db_url, "PD-1002").status == "on_hold"


def test_other_decisions_stay_one_tap(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    give_reason(screen, "stock_found")
    with qtbot.waitSignal(screen.decided, timeout=5000):
        click(qtbot, screen.action_buttons["release"])
    assert not screen.confirm_button.isVisible()
    assert order(station_db_url, "PD-1002").status == "picked"


def test_a_decision_without_a_reason_is_refused(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    assert screen.reason.currentData() is None and screen.reason.currentText() == ""
    choose(qtbot, screen, "hold")
    assert screen.reason.currentData() is None
    with qtbot.waitSignal(screen.refused, timeout=5000) as refused:
        click(qtbot, screen.action_buttons["release"])
    assert refused.args[0] == "Choose a reason first: every decision is recorded with its reason."
    assert screen.message.text() == refused.args[0]
    with qtbot.waitSignal(screen.refused, timeout=5000):
        click(qtbot, screen.action_buttons["cancel"])  # no question asked without a reason either
    assert not screen.confirm_button.isVisible()
    qtbot.wait(300)
    assert order(station_db_url, "PD-1002").status == "on_hold" and decided(station_db_url) == []


def test_the_reason_and_note_are_cleared_after_a_decision_and_for_another_exception(qtbot, station,
                                                                                   station_db_url) -> None:
    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    choose(qtbot, screen, "hold")
    give_reason(screen, "stock_found")
    screen.note.setText("found in aisle 4")
    with qtbot.waitSignal(screen.loaded, timeout=5000):  # a reload keeps what was chosen for this exception
        screen.refresh()
    assert screen.reason.currentData() == "stock_found" and screen.note.text() == "found in aisle 4"
    choose(qtbot, screen, "weight")  # another exception: nothing of the hold's decision comes along
    assert screen.reason.currentData() is None and screen.note.text() == ""
    choose(qtbot, screen, "hold")
    give_reason(screen, "stock_found")
    press(qtbot, screen, "release", "stock_found")
    assert screen.reason.currentData() is None and screen.note.text() == ""
    choose(qtbot, screen, "mis_scan")
    with qtbot.waitSignal(screen.refused, timeout=5000):  # the last reason is not carried into the next
        click(qtbot, screen.action_buttons["resolve"])
    reasons = [json.loads(e.detail)["reason"] for e in decided(station_db_url)]
    assert reasons == ["stock_found"]


def test_a_german_supervisor_reads_reasons_and_mis_scans_in_german(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    with Database(station_db_url) as db, db.write() as s:
        s.execute(update(User).where(User.username == "sam").values(language="de"))
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    words = [screen.reason.itemText(i) for i in range(screen.reason.count())]
    assert words == ["Kundenwunsch", "Ware gefunden", "Adresse korrigiert", "beschädigt", "Sonstiges"]
    assert screen.reason.placeholderText() == "Grund wählen"
    row = next(i for i, item in enumerate(screen.items) if item.kind == "mis_scan")
    assert screen.table.item(row, 6).text().startswith("falscher Artikel: '"), screen.table.item(row, 6).text()
    screen.table.selectRow(row)
    assert "falscher Artikel" in screen.detail.text()
    choose(qtbot, screen, "hold")
    give_reason(screen)
    click(qtbot, screen.action_buttons["cancel"])
    assert screen.confirm_text.text() == "Auftrag PD-1002 stornieren? Das lässt sich nicht rückgängig machen."
    assert screen.confirm_button.text() == "STORNO BESTÄTIGEN" and screen.back_button.text() == "ZURÜCK"
    click(qtbot, screen.back_button)
    press(qtbot, screen, "release")
    screen.open_only.setChecked(False)
    qtbot.waitUntil(lambda: any(not i.open for i in screen.items), timeout=5000)
    row = next(i for i, item in enumerate(screen.items) if not item.open)
    assert "Kundenwunsch" in screen.table.item(row, 6).text(), screen.table.item(row, 6).text()


def test_a_german_supervisor_reads_the_systems_stored_english_in_german(qtbot, station, station_db_url) -> None:
    """The journal's conflict and a decided hold's summary are kept in English; the review says
    them in German (german-finish), as the open holds' reasons already were."""
    from sqlalchemy import select

    from app.store.models import Order, PackException
    a_busy_morning(station_db_url)
    with Database(station_db_url) as db, db.write() as s:
        s.execute(update(User).where(User.username == "sam").values(language="de"))
        order_id = s.scalar(select(Order.id).where(Order.number == "PD-1001"))
        s.add(PackException(order_id=order_id, kind="other", station="ST-7", username="alice",
                            reason="offline scan at ST-7 not applied: the order is cancelled centrally; check the "
                                   "parcel against the order"))
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    row = next(i for i, item in enumerate(screen.items) if item.order_number == "PD-1001" and item.kind == "problem"
               and "ST-7" in item.summary)
    screen.table.selectRow(row)
    assert ("offline scan an ST-7 nicht übernommen: der Auftrag ist zentral storniert; prüfen Sie das Paket gegen "
            "den Auftrag") in screen.detail.text(), screen.detail.text()
    choose(qtbot, screen, "hold")
    held = screen.selected().key
    press(qtbot, screen, "release")
    screen.open_only.setChecked(False)
    qtbot.waitUntil(lambda: any(i.key == held for i in screen.items), timeout=5000)
    row = next(i for i, item in enumerate(screen.items) if item.key == held)
    text = screen.table.item(row, 6).text()
    assert "Auftrag PD-1002 zurückgehalten - Vorgesetzter: customer asked to wait" in text, text
    assert "on hold" not in text and "supervisor:" not in text


def test_an_exception_closed_by_its_order_leaving_says_so_and_names_nobody(qtbot, station, station_db_url) -> None:
    from datetime import datetime, timezone

    from app.supervision.model import ExceptionItem

    a_busy_morning(station_db_url)
    login(qtbot, station, SAM_BADGE)
    screen = review(qtbot, station)
    at = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
    closed = ExceptionItem("S-1", "mis_scan", at, "wrong item", order_number="PD-1001", action="shipped",
                           resolved_at=at)
    decided = ExceptionItem("S-2", "mis_scan", at, "wrong item", order_number="PD-1002", action="resolve",
                            reason="customer_request", resolved_by="sam", resolved_at=at)
    screen._show([closed, decided], reloaded=False)
    assert screen.table.item(0, 6).text().startswith("[closed: order shipped] ")
    assert " by " not in screen.table.item(0, 6).text()
    assert screen.table.item(1, 6).text().startswith("[resolved by sam: customer request] ")
