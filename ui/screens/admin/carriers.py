"""CARRIERS: the carriers, their services, zones and rates (to look at), and a carriers, zones
or rates file imported from a path with the import use case, showing its result or every bad row."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit

from app.unit_of_work import RateTable
from ui.screens.admin.page import AdminPage, fill, table
from ui.style import button

log = logging.getLogger(__name__)
VIEWS = ("carriers", "services", "zones", "rates")
IMPORTS = ("carriers", "zones", "rates")
PLACEHOLDER_MARGIN_PX = 36  # the style's padding (2 x 10), frame and the 2 px Qt keeps each side


class CarriersPage(AdminPage):
    """The rate tables and their import."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rates = RateTable()
        top = QHBoxLayout()
        self.view = QComboBox()
        for name in VIEWS:
            self.view.addItem("", name)
        top.addWidget(self.view)
        top.addStretch(1)
        self.layout_.addLayout(top)
        self.table = table(4)
        self.layout_.addWidget(self.table, 1)
        # the kind above the path and IMPORT: on one row, in German at 1366 pixels, the path's
        # words were cut ("Pfad der Datei (CSV, X...")
        kind_row, row = QHBoxLayout(), QHBoxLayout()
        self.kind = QComboBox()
        for name in IMPORTS:
            self.kind.addItem("", name)
        self.path = QLineEdit()
        self.import_button = button("", "ok")
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        row.addWidget(self.path, 1)
        row.addWidget(self.import_button)
        self.layout_.addLayout(kind_row)
        self.layout_.addLayout(row)
        self.view.currentIndexChanged.connect(lambda _=0: self._show(self.rates))
        self.import_button.clicked.connect(self.import_file)
        self.path.returnPressed.connect(self.import_file)
        self.retranslate()

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("carriers"), self.tr("services"), self.tr("zones"), self.tr("rates"))):
            self.view.setItemText(i, text)
        for i, text in enumerate((self.tr("carriers and services file"), self.tr("zones file"), self.tr("rates file"))):
            self.kind.setItemText(i, text)
        self.path.setPlaceholderText(self.tr("path of the file (CSV, XLSX or JSON)"))
        self.path.ensurePolished()  # the words whole, in any language
        self.path.setMinimumWidth(self.path.fontMetrics().horizontalAdvance(self.path.placeholderText())
                                  + PLACEHOLDER_MARGIN_PX)
        self.import_button.setText(self.tr("IMPORT"))
        self._show(self.rates)  # the headings of the view shown

    def load(self) -> None:
        self.run(self.desk.rate_table, then=self._show)

    def _show(self, rates: RateTable) -> None:
        self.rates = rates
        view = self.view.currentData()
        if view == "carriers":
            heads = [self.tr("Carrier"), self.tr("Name"), self.tr("Dim. divisor"), self.tr("Booking")]
            rows = [(c.code, c.name, c.dim_divisor, c.adapter) for c in rates.carriers]
        elif view == "services":
            heads = [self.tr("Carrier"), self.tr("Service"), self.tr("Level"), self.tr("Days"), self.tr("Cut-off"),
                     self.tr("Name")]
            rows = [(s.carrier, s.code, s.level, s.transit_days, s.cutoff, s.name) for s in rates.services]
        elif view == "zones":
            heads = [self.tr("Carrier"), self.tr("Zone"), self.tr("Country"), self.tr("Postcodes")]
            rows = [(z.carrier, z.zone, z.country, z.postcode_prefix or "*") for z in rates.zones]
        else:
            heads = [self.tr("Carrier"), self.tr("Service"), self.tr("Zone"), self.tr("Up to (g)"), self.tr("Price")]
            rows = [(r.carrier, r.service, r.zone, r.max_weight_g, f"{r.price:.2f} {r.currency}") for r in rates.rates]
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        fill(self.table, rows)
        self.loaded.emit(len(rows))

    def import_file(self) -> None:
        path, kind = self.path.text().strip(), self.kind.currentData()
        if not path:
            self.fail(RuntimeError(self.tr("Type the path of the file to import.")))
            return
        self.change(self.desk.import_rates, kind, path, said=self._imported)

    def _imported(self, report: Any) -> str:
        return (self.tr("%1: %2 rows, %3 new, %4 changed.").replace("%1", report.source)
                .replace("%2", str(report.rows)).replace("%3", str(report.created)).replace("%4", str(report.updated)))
