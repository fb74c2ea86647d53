"""The day's figures from a real pack, and `packdesk report daily` as a PDF (read back: its text
and its drawn charts) and as CSV, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.cli.main import main
from app.store.figure_queries import figures_of_day
from tests.integration.packing.conftest import ACK, MUG_EAN, TEAPOT_EAN, Warehouse, scan

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
