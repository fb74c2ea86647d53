"""The day's figures as QtCharts bar charts: orders and units per packing hour, mis-scans per
100 scans, exceptions per 100 orders and the complexity-adjusted pace, per packer or per station,
and orders per hour of the day; the complexity model explained in words under them. Loaded on
the review's worker."""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app.supervision.figures import DailyFigures, FigureRow
from ui.style import button, label
from ui.workers import Worker

log = logging.getLogger(__name__)

# (title, FigureRow attribute) of the charts per packer or station
CHARTS = (("Orders per hour", "orders_per_hour"), ("Units per hour", "units_per_hour"),
          ("Mis-scans per 100 scans", "mis_scan_rate"), ("Exceptions per 100 orders", "exceptions_per_100"),
          ("Pace (complexity-adjusted; 1.00 = the floor)", "pace"))
BAR = QColor("#2b5d9a")


def bar_chart(title: str, rows: tuple[FigureRow, ...], value: str) -> QChart:
    """One bar chart of `value` per row."""
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setBackgroundBrush(QColor("#f4f4f4"))
    bars = QBarSet(title)
    bars.setColor(BAR)
    values = [float(getattr(r, value)) for r in rows]
    bars.append(values)
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPrecision(3)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([r.key for r in rows])
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    axis = QValueAxis()
    axis.setRange(0, max(values, default=0) * 1.2 or 1)
    axis.setLabelFormat("%.1f")
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    return chart


class FiguresView(QWidget):
    """The figures page of the review screen."""

    shown = Signal(object)  # the DailyFigures just drawn

    def __init__(self, desk: Any, worker: Worker) -> None:
        super().__init__()
        self.desk, self.worker = desk, worker
        self.figures: DailyFigures | None = None
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = datetime.now(timezone.utc).date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.by = QComboBox()
        self.by.addItem("per packer", "packers")
        self.by.addItem("per station", "stations")
        self.load_button = button("SHOW")
        for widget in (label("Day (UTC)", "hint"), self.day, self.by, self.load_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.summary = label("", "hint")
        layout.addWidget(self.summary)
        self.grid = QGridLayout()
        self.views: list[QChartView] = []
        for i in range(len(CHARTS) + 1):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            self.grid.addWidget(view, i // 3, i % 3)
            self.views.append(view)
        layout.addLayout(self.grid, 1)
        self.explanation = label("", "hint")
        layout.addWidget(self.explanation)
        self.load_button.clicked.connect(self.load)
        self.by.currentIndexChanged.connect(lambda _=0: self.figures and self.show_figures(self.figures))

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def load(self) -> None:
        """Load the chosen day's figures on the worker."""
        self.summary.setText("loading ...")
        self.worker.submit(self.desk.figures, self.chosen_day(), on_done=self.show_figures,
                           on_error=lambda exc: self.summary.setText(f"The figures could not be loaded: {exc}"))

    def show_figures(self, figures: DailyFigures) -> None:
        """Draw the charts of a day."""
        self.figures = figures
        rows: tuple[FigureRow, ...] = getattr(figures, self.by.currentData())
        t = figures.total
        sla = "-" if t.sla_percent is None else f"{t.sla_percent:.1f} %"
        self.summary.setText(f"{figures.day}: {t.orders} orders, {t.units} units, {t.orders_per_hour:.1f} orders/h, "
                             f"mis-scans {t.mis_scan_rate:.1f} per 100 scans, {t.exceptions_per_100:.1f} exceptions "
                             f"per 100 orders, SLA met {sla}")
        for view, (title, value) in zip(self.views, CHARTS):
            view.setChart(bar_chart(title, rows, value))
        self.views[-1].setChart(bar_chart("Orders per hour of the day (UTC)", figures.hours, "orders"))
        self.explanation.setText(figures.complexity.explain())
        self.shown.emit(figures)
