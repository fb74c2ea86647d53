"""The board's open exceptions are the supervisors' backlog: every open one, however old (an SLA
breach is dated at its due time, days ago), with the ones raised in the last 24 hours apart."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt
from sqlalchemy import update

from app.store.models import Order
from app.store.session import Database
from tests.ui.data import SAM_BADGE
from tests.ui.floor_data import a_busy_morning
from tests.ui.helpers import login
from ui.floor_words import kind_words


def test_an_sla_breach_due_days_ago_stays_on_the_board(qtbot, station, station_db_url) -> None:
    a_busy_morning(station_db_url)
    due = datetime.now(timezone.utc) - timedelta(days=3)
    with Database(station_db_url) as db, db.write() as s:  # PD-1003 was due three days ago, flagged late
        s.execute(update(Order).where(Order.number == "PD-1003")
                  .values(sla_due_at=due, sla_breached_at=due + timedelta(minutes=10)))
    login(qtbot, station, SAM_BADGE)
    screen = station.window.screens["review"]
    with qtbot.waitSignal(screen.board.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["board"], Qt.MouseButton.LeftButton)
    lines = screen.board.exceptions.text().splitlines()
    assert lines[0] == "Open exceptions:"
    assert f"{kind_words('sla_breach')}: 1" in lines  # open, and none of it from the last 24 h
    assert f"{kind_words('hold')}: 1 (1 in the last 24 h)" in lines
