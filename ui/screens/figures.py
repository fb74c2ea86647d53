"""The day's figures as QtCharts bar charts: orders and units per packing hour, mis-scans per
100 scans, exceptions per 100 orders and the complexity-adjusted pace, per packer or per station,
and orders per hour of the day; the complexity model explained in words under them. Loaded on
the review's worker."""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from app import words
from app.supervision.figures import DailyFigures, FigureRow
from ui.style import button, label
from ui.translations import Retranslated, number
from ui.translations import date as translations_date
from ui.workers import Worker

log = logging.getLogger(__name__)

# the FigureRow attribute of each chart per packer or station; chart_titles() has their words
CHARTS = ("orders_per_hour", "units_per_hour", "mis_scan_rate", "exceptions_per_100", "pace")
BAR = QColor("#2b5d9a")


def chart_titles() -> dict[str, str]:
    """Each chart's title in the language shown (the last one: orders per hour of the day)."""
    return {"orders_per_hour": QCoreApplication.translate("FiguresView", "Orders per hour"),
            "units_per_hour": QCoreApplication.translate("FiguresView", "Units per hour"),
            "mis_scan_rate": QCoreApplication.translate("FiguresView", "Mis-scans per 100 scans"),
            "exceptions_per_100": QCoreApplication.translate("FiguresView", "Exceptions per 100 orders"),
            "pace": QCoreApplication.translate("FiguresView", "Pace (complexity-adjusted; 1.00 = the floor)"),
            "hours": QCoreApplication.translate("FiguresView", "Orders per hour of the day (UTC)")}


def bar_chart(title: str, rows: tuple[FigureRow, ...], value: str) -> QChart:
    """One bar chart of `value` per row; its numbers in the language shown (QLocale, not the machine's)."""
    chart = QChart()
    chart.setLocale(QLocale())
    chart.setLocalizeNumbers(True)
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


class FiguresView(Retranslated, QWidget):
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

        today = datetime.now(timezone.utc).date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.by = QComboBox()
        self.by.addItem("", "packers")
        self.by.addItem("", "stations")
        self.load_button = button("")
        self.day_label = label("", "hint")
        for widget in (self.day_label, self.day, self.by, self.load_button):
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
        self.retranslate()

    def retranslate(self) -> None:
        """The page's words, the day's format and the charts in the language shown now."""
        self.day.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.by.setItemText(0, self.tr("per packer"))
        self.by.setItemText(1, self.tr("per station"))
        self.load_button.setText(self.tr("SHOW"))
        self.day_label.setText(self.tr("Day (UTC)"))
        if self.figures is not None:
            self.show_figures(self.figures)

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def load(self) -> None:
        """Load the chosen day's figures on the worker."""
        self.summary.setText(self.tr("loading ..."))
        self.worker.submit(self.desk.figures, self.chosen_day(), on_done=self.show_figures,
                           on_error=lambda exc: self.summary.setText(
                               self.tr("The figures could not be loaded: %1").replace("%1", str(exc))))

    def show_figures(self, figures: DailyFigures) -> None:
        """Draw the charts of a day."""
        self.figures = figures
        rows: tuple[FigureRow, ...] = getattr(figures, self.by.currentData())
        t = figures.total
        sla = "-" if t.sla_percent is None else f"{number(t.sla_percent)} %"
        summary = self.tr("%1: %2, %3, %4 orders/h, mis-scans %5 per 100 scans, %6 exceptions "
                          "per 100 orders (%8 raised that day), SLA met %7")
        for mark, value in (("%1", translations_date(figures.day)), ("%2", words.count(t.orders, "order")),
                            ("%3", words.count(t.units, "unit")),
                            ("%4", number(t.orders_per_hour)), ("%5", number(t.mis_scan_rate)),
                            ("%6", number(t.exceptions_per_100) if t.orders else "-"), ("%7", sla),
                            ("%8", str(t.exceptions))):
            summary = summary.replace(mark, value)
        self.summary.setText(summary)
        titles = chart_titles()
        for view, value in zip(self.views, CHARTS):
            view.setChart(bar_chart(titles[value], rows, value))
        self.views[-1].setChart(bar_chart(titles["hours"], figures.hours, "orders"))
        self.explanation.setText(figures.complexity.explain())
        self.shown.emit(figures)
