"""BOXES: the box catalogue; add a box, edit its dimensions, load and cost, retire it."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit

from app.admin.boxes import BoxForm
from app.unit_of_work import BoxRecord
from ui.screens.admin.page import AdminPage, fill, selected_row, table
from ui.style import button

log = logging.getLogger(__name__)
FIELDS = ("code", "name", "barcode", "tare", "load", "cost", "inner_l", "inner_w", "inner_h", "outer_l", "outer_w",
          "outer_h")
PER_ROW = 4  # three rows of four: six to a row squeezed "barcode (empty: BOX-code)" to "bad..."
PLACEHOLDER_MARGIN_PX = 36  # the style's padding (2 x 10), frame and the 2 px Qt keeps each side


class BoxesPage(AdminPage):
    """The boxes and one box's form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.boxes: list[BoxRecord] = []
        self.table = table(8)
        self.layout_.addWidget(self.table, 1)
        self.fields: dict[str, QLineEdit] = {}
        form = QGridLayout()
        for i, name in enumerate(FIELDS):
            self.fields[name] = QLineEdit()
            form.addWidget(self.fields[name], i // PER_ROW, i % PER_ROW)
        self.layout_.addLayout(form)
        actions = QHBoxLayout()
        self.add_button = button("", "ok")
        self.save_button = button("")
        self.retire_button = button("", "danger")
        self.new_button = button("")
        for widget in (self.add_button, self.save_button, self.retire_button, self.new_button):
            actions.addWidget(widget)
        self.layout_.addLayout(actions)
        self.table.itemSelectionChanged.connect(self._selected)
        self.add_button.clicked.connect(self.add_box)
        self.save_button.clicked.connect(self.save_box)
        self.retire_button.clicked.connect(self.retire_box)
        self.new_button.clicked.connect(self.clear)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Inside (mm)"), self.tr("Outside (mm)"), self.tr("Tare (g)"),
            self.tr("Max load (g)"), self.tr("Cost"), self.tr("State"), self.tr("Name")])
        self.table.setToolTip(self.tr("Millimetres and grams; cost in the shop's currency."))
        hints = (self.tr("code"), self.tr("name"), self.tr("barcode (empty: BOX-code)"), self.tr("tare g"),
                 self.tr("max load g"), self.tr("cost"), self.tr("inner length"), self.tr("inner width"),
                 self.tr("inner height"), self.tr("outer length"), self.tr("outer width"), self.tr("outer height"))
        for name, hint in zip(FIELDS, hints):
            self.fields[name].setPlaceholderText(hint)
            self.fields[name].setToolTip(hint)
            field = self.fields[name]  # the words whole, in any language
            field.ensurePolished()
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance(hint) + PLACEHOLDER_MARGIN_PX)
        self.add_button.setText(self.tr("ADD BOX"))
        self.save_button.setText(self.tr("SAVE CHANGES"))
        self.retire_button.setText(self.tr("RETIRE"))
        self.new_button.setText(self.tr("NEW"))
        self._selected()

    def load(self) -> None:
        self.run(self.desk.boxes, then=self._show)

    def _show(self, boxes: list[BoxRecord]) -> None:
        chosen = self.selected().code if self.selected() else None
        self.boxes = boxes
        fill(self.table, [(b.code, f"{b.inner_length_mm} x {b.inner_width_mm} x {b.inner_height_mm}",
                           f"{b.outer_length_mm} x {b.outer_width_mm} x {b.outer_height_mm}", b.tare_g, b.max_load_g,
                           f"{b.cost:.2f}", self.tr("in use") if b.enabled else self.tr("retired"), b.name)
                          for b in boxes])
        for row, box in enumerate(boxes):
            if box.code == chosen:
                self.table.selectRow(row)
        self._selected()
        self.loaded.emit(len(boxes))

    def selected(self) -> BoxRecord | None:
        row = selected_row(self.table)
        return self.boxes[row] if row is not None and row < len(self.boxes) else None

    def _selected(self) -> None:
        box = self.selected()
        self.add_button.setEnabled(box is None)
        self.save_button.setEnabled(box is not None)
        self.retire_button.setEnabled(box is not None and box.enabled)
        self.fields["code"].setReadOnly(box is not None)
        if box is None:
            return
        values = (box.code, box.name, box.barcode, box.tare_g, box.max_load_g, f"{box.cost:.2f}", box.inner_length_mm,
                  box.inner_width_mm, box.inner_height_mm, box.outer_length_mm, box.outer_width_mm,
                  box.outer_height_mm)
        for name, value in zip(FIELDS, values):
            self.fields[name].setText(str(value))

    def clear(self) -> None:
        self.table.clearSelection()
        for edit in self.fields.values():
            edit.clear()
        self._selected()

    def form(self) -> BoxForm:
        v = {name: edit.text() for name, edit in self.fields.items()}
        return BoxForm(v["code"], v["name"], v["barcode"], (v["inner_l"], v["inner_w"], v["inner_h"]),
                       (v["outer_l"], v["outer_w"], v["outer_h"]), v["tare"], v["load"], v["cost"])

    def add_box(self) -> None:
        self.change(self.desk.add_box, self.form(), said=lambda b: self.tr("Box %1 added.").replace("%1", b.code))

    def save_box(self) -> None:
        box = self.selected()
        if box is not None:
            self.change(self.desk.edit_box, box.code, self.form(),
                        said=lambda b: self.tr("Box %1 saved.").replace("%1", b.code))

    def retire_box(self) -> None:
        box = self.selected()
        if box is not None:
            self.change(self.desk.retire_box, box.code,
                        said=lambda b: self.tr("Box %1 retired: no longer offered at the pack.").replace("%1", b.code))
