"""The figures page of the review and `packdesk report daily` tell a supervisor the same day:
the page's summary and every bar of its charts (per packer, per station, per hour of the day)
against the report's CSV rows for that day, on a day with a packed order and an exception on an
order never packed, and on a day with no order packed at all."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from app.cli.main import main
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.store.session import Database
from tests.ui.data import BOB_BADGE, SAM_BADGE
from tests.ui.floor_data import alice_packs_pd_1001
from tests.ui.helpers import login
from ui.screens.figures import CHARTS
from ui.translations import number


def bob_reports_pd_1002_damaged(url: str) -> None:
    with Database(url) as db:  # at PACK-05: PD-1002 goes on hold, never packed today
        desk = PackingService(db, "PACK-05", PackingSettings(station_code="PACK-05"))
        bob = desk.login(BOB_BADGE)
        desk.start_pack(bob, "PD-1002")
        desk.report_problem("PD-1002", "damaged", "mug handle broken", bob)


def report_rows(url: str, capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str], dict[str, str]]:
    capsys.readouterr()
    day = datetime.now(timezone.utc).date().isoformat()
    assert main(["report", "daily", "--date", day, "--csv", "--database", url]) == 0
    return {(r["scope"], r["key"]): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}


def the_page(qtbot, station):
    login(qtbot, station, SAM_BADGE)
    screen = station.window.screens["review"]
    with qtbot.waitSignal(screen.figures.shown, timeout=5000):
        qtbot.mouseClick(screen.page_buttons["figures"], Qt.MouseButton.LeftButton)
    return screen.figures


def bars(view) -> dict[str, float]:
    chart = view.chart()
    names = chart.axes(Qt.Orientation.Horizontal)[0].categories()
    values = chart.series()[0].barSets()[0]
    return {name: values.at(i) for i, name in enumerate(names)}


def assert_the_page_says_what_the_report_says(page, rows: dict[tuple[str, str], dict[str, str]]) -> None:
    day = rows[("day", "all")]
    summary = page.summary.text()
    per_100 = number(float(day["exceptions_per_100"])) if day["exceptions_per_100"] else "-"
    for said in (f"{number(float(day['orders_per_hour']))} orders/h",
                 f"mis-scans {number(float(day['mis_scan_rate']))} per 100 scans",
                 f"{per_100} exceptions per 100 orders ({day['exceptions']} raised that day)"):
        assert said in summary, (said, summary)
    for index, scope in ((0, "packer"), (1, "station")):
        page.by.setCurrentIndex(index)
        report = {key: row for (s, key), row in rows.items() if s == scope}
        for view, value in zip(page.views, CHARTS):
            drawn = bars(view)
            assert set(drawn) == set(report), (scope, value)
            for key, row in report.items():  # a row with no order packed has no rate: no bar
                assert drawn[key] == pytest.approx(float(row[value] or 0), abs=0.01), (scope, key, value)
    hours = {key: int(row["orders"]) for (s, key), row in rows.items() if s == "hour"}
    assert bars(page.views[-1]) == pytest.approx(hours)


def test_the_page_and_the_report_agree_on_a_day_with_an_unpacked_orders_problem(
        qtbot, station, station_db_url, capsys: pytest.CaptureFixture[str]) -> None:
    alice_packs_pd_1001(station_db_url)
    bob_reports_pd_1002_damaged(station_db_url)
    page = the_page(qtbot, station)
    rows = report_rows(station_db_url, capsys)
    figures = page.figures
    assert (figures.total.orders, figures.total.exceptions) == (1, 1) == (int(rows[("day", "all")]["orders"]),
                                                                        int(rows[("day", "all")]["exceptions"]))
    assert_the_page_says_what_the_report_says(page, rows)


def test_the_page_and_the_report_agree_on_a_day_without_a_packed_order(
        qtbot, station, station_db_url, capsys: pytest.CaptureFixture[str]) -> None:
    bob_reports_pd_1002_damaged(station_db_url)
    page = the_page(qtbot, station)
    rows = report_rows(station_db_url, capsys)
    assert rows[("day", "all")]["exceptions_per_100"] == "" and "- exceptions per 100 orders" in page.summary.text()
    assert_the_page_says_what_the_report_says(page, rows)
