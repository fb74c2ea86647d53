"""What every admin page shares: the desk and the worker (the GUI thread never waits on the
database), who is logged in (every change is theirs in the audit log), a table filled from
rows, and the message line. Its own words go through QCoreApplication.translate("AdminPage")."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.messages import say as said
from ui.style import label
from ui.workers import Worker

log = logging.getLogger(__name__)
ROWS_SHOWN_PX = 220  # a header and four rows at least, whatever the page's form needs


class AdminPage(QWidget):
    """A page of the admin screens; `load` reads its data on the worker."""

    loaded = Signal(int)  # rows shown
    done = Signal(str)  # a change went through: its message
    refused = Signal(str)  # a change or a load failed: why
    said = Signal(str, bool)  # every message: its text, whether it is an error

    def __init__(self, desk: Any, worker: Worker, who: Callable[[], str | None]) -> None:
        super().__init__()
        self.desk, self.worker, self.who = desk, worker, who
        self.layout_ = QVBoxLayout(self)
        # what the last change or load said; the review screen shows it on its own message line
        # (a line of the page's own would take a table's room on a 1080-pixel screen)
        self.message = label("", "message")

    def load(self) -> None:  # pragma: no cover - each page has its own
        raise NotImplementedError

    def retranslate(self) -> None:
        """The page's words in the language shown (each page sets its own)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """A new language (a user's badge brought it, ui/translations.py): the words again, and
        the rows again when the page is in front (their states are words too)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible() and self.who():
                self.load()
        super().changeEvent(event)

    def run(self, fn: Callable[..., Any], *args: Any, then: Callable[[Any], None]) -> None:
        """fn(*args) on the worker; then(result) on the GUI thread, or the refusal shown."""
        self.worker.submit(fn, *args, on_done=then, on_error=self.fail)

    def change(self, fn: Callable[..., Any], *args: Any, said: Callable[[Any], str]) -> None:
        """A change by the logged-in user (the last argument is who): its message, then a reload."""
        by = self.who()
        if not by:
            self.fail(RuntimeError(QCoreApplication.translate("AdminPage", "Nobody is logged in: log in with an admin badge.")))
            return

        def finished(result: Any) -> None:
            text = said(result)
            self.say(text)
            self.done.emit(text)
            self.load()

        self.worker.submit(fn, *args, by, on_done=finished, on_error=self.fail)

    def fail(self, exc: BaseException) -> None:
        text = said(str(exc))  # an app refusal (a Phrase) in the station's language
        self.say(text, error=True)
        self.refused.emit(text)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.said.emit(text, error)


def table(columns: int) -> QTableWidget:
    """A read-only table, one row selected at a time, its last column stretched (its headings
    are set by the page's retranslate)."""
    widget = QTableWidget(0, columns)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)  # kept when a page changes its columns
    widget.setMinimumHeight(ROWS_SHOWN_PX)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[Any]]) -> None:
    """The table shows these rows (None as empty)."""
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            widget.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    widget.resizeColumnsToContents()
    header = widget.horizontalHeader()
    header.setStretchLastSection(False)  # Qt stretches the last section again only when told anew
    header.setStretchLastSection(True)


def selected_row(widget: QTableWidget) -> int | None:
    rows = widget.selectionModel().selectedRows() if widget.selectionModel() else []
    return rows[0].row() if rows else None
