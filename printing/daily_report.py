"""The daily report of the floor's figures: a PDF with the charts drawn by reportlab (orders per
hour, pace, mis-scan rate per packer; orders per hour of the day), the tables per packer and per
station, and the complexity model in words; or the same rows as CSV."""
from __future__ import annotations

import csv
import io
import logging

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.supervision.figures import DailyFigures, FigureRow

log = logging.getLogger(__name__)

CSV_COLUMNS = ("scope", "key", "orders", "units", "minutes", "orders_per_hour", "units_per_hour", "scans",
               "mis_scans", "mis_scan_rate", "exceptions", "exceptions_per_100", "expected_minutes", "pace",
               "sla_percent")
BAR = colors.HexColor("#2b5d9a")


def per_100_orders(r: FigureRow, none: str = "-") -> str:
    """Exceptions per 100 orders, or `none` when no order was packed (0.0 would claim a clean day)."""
    return f"{r.exceptions_per_100:.1f}" if r.orders else none


def _values(scope: str, r: FigureRow) -> list[object]:
    sla = "" if r.sla_percent is None else f"{r.sla_percent:.1f}"
    return [scope, r.key, r.orders, r.units, f"{r.minutes:.1f}", f"{r.orders_per_hour:.2f}",
            f"{r.units_per_hour:.2f}", r.scans, r.mis_scans, f"{r.mis_scan_rate:.2f}", r.exceptions,
            per_100_orders(r, ""), f"{r.expected_minutes:.1f}", f"{r.pace:.2f}", sla]


def daily_csv(figures: DailyFigures) -> str:
    """The figures as CSV: one row for the day, then per packer, per station, per hour."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerow(_values("day", figures.total))
    for scope, rows in (("packer", figures.packers), ("station", figures.stations), ("hour", figures.hours)):
        for row in rows:
            writer.writerow(_values(scope, row))
    return out.getvalue()


def bar_chart(title: str, rows: tuple[FigureRow, ...], value: str, fmt: str = "%.1f") -> Drawing:
    """One vertical bar chart of `value` per row, drawn as vectors."""
    drawing = Drawing(170 * mm, 62 * mm)
    drawing.add(String(0, 58 * mm, title, fontName="Helvetica-Bold", fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 10 * mm, 150 * mm, 42 * mm
    data = [float(getattr(r, value)) for r in rows] or [0.0]
    chart.data = [data]
    chart.categoryAxis.categoryNames = [r.key for r in rows] or ["-"]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(data) * 1.15 or 1
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = fmt
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _table(rows: tuple[FigureRow, ...], first: str) -> Table:
    head = [first, "orders", "units", "orders/h", "units/h", "mis-scans %", "exc./100", "pace", "SLA %"]
    body = [[r.key, r.orders, r.units, f"{r.orders_per_hour:.1f}", f"{r.units_per_hour:.1f}",
             f"{r.mis_scan_rate:.1f}", per_100_orders(r), f"{r.pace:.2f}",
             "-" if r.sla_percent is None else f"{r.sla_percent:.0f}"] for r in rows]
    table = Table([head] + body, repeatRows=1)
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                               ("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
    return table


def daily_pdf(figures: DailyFigures) -> bytes:
    """The report as PDF bytes."""
    styles = getSampleStyleSheet()
    t = figures.total
    sla = "-" if t.sla_percent is None else f"{t.sla_percent:.1f} %"
    story: list[object] = [
        Paragraph(f"Packdesk - the floor's figures of {figures.day.isoformat()} (UTC)", styles["Title"]),
        Paragraph(f"{t.orders} orders and {t.units} units packed; {t.orders_per_hour:.1f} orders and "
                  f"{t.units_per_hour:.1f} units per packing hour; mis-scans {t.mis_scan_rate:.1f} per 100 scans; "
                  f"{per_100_orders(t)} exceptions per 100 orders ({t.exceptions} raised that day, whether "
                  f"their orders were packed or not); SLA met {sla}.", styles["Normal"]),
        Spacer(1, 3 * mm),
        Paragraph(figures.complexity.explain(), styles["Italic"]),
        Spacer(1, 4 * mm),
        bar_chart("Orders per hour, per packer", figures.packers, "orders_per_hour"),
        bar_chart("Pace (complexity-adjusted: expected / actual minutes; 1.00 = the floor's average)",
                  figures.packers, "pace", "%.2f"),
        bar_chart("Mis-scans per 100 scans, per packer", figures.packers, "mis_scan_rate"),
        bar_chart("Orders packed per hour of the day (UTC)", figures.hours, "orders", "%.0f"),
        Paragraph("Per packer", styles["Heading2"]), _table(figures.packers, "packer"),
        Paragraph("Per station", styles["Heading2"]), _table(figures.stations, "station"),
        Paragraph("Per hour of the day (UTC)", styles["Heading2"]), _table(figures.hours, "hour"),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=f"Packdesk figures {figures.day}", leftMargin=18 * mm,
                      rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
    return out.getvalue()
