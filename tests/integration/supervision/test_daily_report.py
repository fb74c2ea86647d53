"""The day's figures from a real pack, and `packdesk report daily` as a PDF (read back: its text
and its drawn charts) and as CSV, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import update

from app.cli.main import main
from app.store.exception_queries import exception_queue
from app.store.figure_queries import figures_of_day
from app.store.models import Order
from app.supervision.model import ExceptionFilter
from tests.integration.packing.conftest import ACK, MUG_EAN, TEAPOT_EAN, Warehouse, add_order, scan

LOT = "]C10104015000011112" "10LOT-42\x1d" "17271130"


def pat_packs_pd_1042(warehouse: Warehouse) -> None:
    warehouse.clock.at = datetime.now(timezone.utc)  # the scan log's times are the station clock's
    station = warehouse.service("PACK-01")
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    station.record_scan("PD-1042", pat, scan(TEAPOT_EAN))  # one mis-scan
    station.record_scan("PD-1042", pat, scan(ACK))
    for code in (MUG_EAN, MUG_EAN, LOT):
        station.record_scan("PD-1042", pat, scan(code, "]C1" if code.startswith("]") else None))
    closed = station.close_parcel("PD-1042", pat)
    station.record_label_result(closed.label.label_id, True, "memory:")
    assert station.confirm_label("PD-1042", closed.label.sscc).all_confirmed


def test_the_days_figures_come_from_the_event_and_scan_logs(warehouse: Warehouse) -> None:
    pat_packs_pd_1042(warehouse)
    figures = figures_of_day(warehouse.db, datetime.now(timezone.utc).date())
    [order] = figures.orders
    assert (order.number, order.packer, order.station) == ("PD-1042", "pat", "PACK-01")
    assert (order.units, order.lines, order.parcels, order.special) == (3, 2, 1, True)  # gift wrapped
    assert order.packed_at >= order.started_at
    [pat] = figures.packers
    assert (pat.key, pat.orders, pat.units, pat.scans, pat.mis_scans) == ("pat", 1, 3, 4, 1)
    assert pat.mis_scan_rate == 25.0 and figures.total.orders == 1


def test_a_mis_scan_of_a_shipped_order_leaves_the_queue_but_counts_in_the_days_figures(
        warehouse: Warehouse) -> None:
    pat_packs_pd_1042(warehouse)
    with warehouse.db.write() as s:
        s.execute(update(Order).where(Order.number == "PD-1042").values(status="shipped"))
    mis_scans = ExceptionFilter(kinds=frozenset({"mis_scan"}))
    assert exception_queue(warehouse.db, mis_scans) == []
    [closed] = exception_queue(warehouse.db, replace(mis_scans, open_only=False))
    assert closed.action == "shipped" and closed.order_number == "PD-1042"
    [pat] = figures_of_day(warehouse.db, closed.at.date()).packers
    assert (pat.scans, pat.mis_scans, pat.mis_scan_rate) == (4, 1, 25.0)


def test_the_report_is_a_pdf_with_drawn_charts(warehouse: Warehouse, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pat_packs_pd_1042(warehouse)
    day = datetime.now(timezone.utc).date().isoformat()
    out = tmp_path / "figures.pdf"
    assert main(["report", "daily", "--date", day, "--out", str(out), "--database", warehouse.db.url]) == 0
    assert "1 order(s), 1 packer(s)" in capsys.readouterr().out
    pdf = pdfium.PdfDocument(str(out))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for words in (f"figures of {day}", "Orders per hour, per packer", "Pace (complexity-adjusted",
                  "Expected minutes per order", "pat", "PACK-01", "25.0"):
        assert words in text, words
    page = pdf[0].render(scale=1).to_pil().convert("RGB")
    bars = dict((colour, n) for n, colour in page.getcolors(1 << 24)).get((43, 93, 154), 0)  # the bars, drawn
    assert bars > 200


def test_the_report_as_csv(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    pat_packs_pd_1042(warehouse)
    day = datetime.now(timezone.utc).date().isoformat()
    assert main(["report", "daily", "--date", day, "--csv", "--database", warehouse.db.url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by = {(r["scope"], r["key"]): r for r in rows}
    assert by[("packer", "pat")]["orders"] == "1" and by[("packer", "pat")]["mis_scan_rate"] == "25.00"
    assert by[("station", "PACK-01")]["units"] == "3" and by[("day", "all")]["orders"] == "1"


@pytest.mark.parametrize("argv, message", [
    (("--date", "04.12.2026", "--out", "x.pdf"), "is not a date; write it as YYYY-MM-DD"),
    (("--date", "2026-12-04"), "Name the PDF to write with --out"),
    (("--out", "/no/such/folder/x.pdf"), "The folder /no/such/folder does not exist"),
])
def test_bad_input_exits_2_with_one_message(db, capsys: pytest.CaptureFixture[str], argv, message) -> None:
    assert main(["report", "daily", *argv, "--database", db.url]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def problem_on_an_unpacked_order(warehouse: Warehouse) -> None:
    """Kim reports PD-2001 damaged at PACK-02: the order goes on hold, never packed that day."""
    warehouse.clock.at = datetime.now(timezone.utc)
    add_order(warehouse.db, "PD-2001", [("MUG-BLUE-350", 1)])
    station = warehouse.service("PACK-02")
    kim = station.login("BADGE-PAT")
    station.start_pack(kim, "PD-2001")
    station.report_problem("PD-2001", "damaged", "mug handle broken", kim)


def report_rows(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str], dict[str, str]]:
    day = datetime.now(timezone.utc).date().isoformat()
    assert main(["report", "daily", "--date", day, "--csv", "--database", warehouse.db.url]) == 0
    return {(r["scope"], r["key"]): r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}


def pdf_text(warehouse: Warehouse, tmp_path: Path) -> str:
    out = tmp_path / "figures.pdf"
    day = datetime.now(timezone.utc).date().isoformat()
    assert main(["report", "daily", "--date", day, "--out", str(out), "--database", warehouse.db.url]) == 0
    pdf = pdfium.PdfDocument(str(out))
    return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace("\r\n", " ")


def test_a_day_without_a_packed_order_shows_no_exception_rate_but_counts_its_problem(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    problem_on_an_unpacked_order(warehouse)
    day = report_rows(warehouse, capsys)[("day", "all")]
    assert (day["orders"], day["exceptions"], day["exceptions_per_100"]) == ("0", "1", "")
    text = " ".join(pdf_text(warehouse, tmp_path).split())
    assert "- exceptions per 100 orders (1 raised that day" in text
    assert "0.0 exceptions per 100 orders" not in text


def test_a_problem_counts_on_the_day_it_was_raised_whatever_its_order(
        warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    pat_packs_pd_1042(warehouse)  # packed, with no exception of its own
    problem_on_an_unpacked_order(warehouse)
    rows = report_rows(warehouse, capsys)
    assert (rows[("day", "all")]["orders"], rows[("day", "all")]["exceptions"]) == ("1", "1")
    assert rows[("day", "all")]["exceptions_per_100"] == "100.0"
    assert rows[("station", "PACK-02")]["exceptions"] == "1" and rows[("station", "PACK-01")]["exceptions"] == "0"


def test_the_hour_rows_add_up_to_the_day(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    pat_packs_pd_1042(warehouse)
    problem_on_an_unpacked_order(warehouse)
    rows = report_rows(warehouse, capsys)
    hours = [r for (scope, _), r in rows.items() if scope == "hour"]
    day = rows[("day", "all")]
    for column in ("orders", "units", "scans", "mis_scans", "exceptions"):
        assert sum(int(r[column]) for r in hours) == int(day[column]), column
    assert int(day["scans"]) == 4 and int(day["mis_scans"]) == 1
