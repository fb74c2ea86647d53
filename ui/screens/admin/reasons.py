"""REASONS: the reason codes of supervisors' decisions; add one, retire one (the codes of the
configuration included). The review screen offers the active ones."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from app.admin.reasons import ReasonCode
from ui.screens.admin.page import AdminPage, fill, selected_row, table
from ui.style import button

log = logging.getLogger(__name__)


class ReasonsPage(AdminPage):
    """The reason codes."""

    codes_changed = Signal(object)  # the active codes (a tuple), after a load

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reasons: list[ReasonCode] = []
        self.table = table(4)
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.add_button = button("", "ok")
        self.retire_button = button("", "danger")
        row.addWidget(self.code, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.retire_button)
        self.layout_.addLayout(row)
        self.add_button.clicked.connect(self.add_code)
        self.code.returnPressed.connect(self.add_code)
        self.retire_button.clicked.connect(self.retire_code)
        self.table.itemSelectionChanged.connect(self._selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("State"), self.tr("From"), self.tr("Changed by")])
        self.code.setPlaceholderText(self.tr("new code, e.g. wrong_address"))
        self.add_button.setText(self.tr("ADD CODE"))
        self.retire_button.setText(self.tr("RETIRE"))
        self._selected()

    def load(self) -> None:
        self.run(self.desk.reasons, then=self._show)

    def _show(self, reasons: list[ReasonCode]) -> None:
        self.reasons = reasons
        fill(self.table, [(r.code, self.tr("active") if r.active else self.tr("retired"),
                           self.tr("configuration") if r.source == "configuration" else self.tr("added"),
                           f"{r.changed_by} {r.changed_at.astimezone():%d.%m. %H:%M}" if r.changed_at else "-")
                          for r in reasons])
        self._selected()
        self.codes_changed.emit(tuple(r.code for r in reasons if r.active))
        self.loaded.emit(len(reasons))

    def selected(self) -> ReasonCode | None:
        row = selected_row(self.table)
        return self.reasons[row] if row is not None and row < len(self.reasons) else None

    def _selected(self) -> None:
        chosen = self.selected()
        self.retire_button.setEnabled(chosen is not None and chosen.active)

    def add_code(self) -> None:
        text = self.code.text()
        self.code.clear()
        self.change(self.desk.add_reason, text, said=lambda r: self.tr("Reason code %1 added.").replace("%1", r.code))

    def retire_code(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.change(self.desk.retire_reason, chosen.code,
                        said=lambda r: self.tr("Reason code %1 retired.").replace("%1", r.code))
