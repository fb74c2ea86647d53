"""Every manifest printed (`packdesk dispatch manifest`, `packdesk documents manifest`) is kept per
carrier and day, by its bytes' SHA-256, and written back by `packdesk dispatch manifests --day D
--out DIR`. Both databases."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.cli.main import main
from app.shipping.dispatch import scan_at_dock
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.printing.decode import pdf_text
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots

DAY = datetime(2025, 3, 14, 15, 0, tzinfo=timezone.utc)


def test_every_printed_manifest_is_kept_per_carrier_and_day_and_written_back(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    (early,) = pack_teapots(warehouse, "PD-9401", parcels=1)
    (late,) = pack_teapots(warehouse, "PD-9402", parcels=1)
    url = warehouse.db.url
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), early.sscc, DAY, user="dora").order_shipped
    dispatch = ["--database", url, "dispatch", "manifest", "FAST", "--date", "2025-03-14"]
    capsys.readouterr()
    assert main(dispatch) == 0
    first_text = capsys.readouterr().out
    assert main(dispatch) == 0  # printed again unchanged: kept once
    pdf = tmp_path / "manifest.pdf"
    assert main(["--database", url, "documents", "manifest", "FAST", "--date", "2025-03-14", "--out", str(pdf)]) == 0
    # the van's last parcel, and the manifest printed again: a second version beside the first
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), late.tracking_number, DAY, user="dora").order_shipped
    capsys.readouterr()
    assert main(dispatch) == 0
    second_text = capsys.readouterr().out
    assert main(["--database", url, "dispatch", "manifest", "POST", "--date", "2025-03-14", "--json"]) == 0

    folder = tmp_path / "manifests"
    capsys.readouterr()
    assert main(["--database", url, "dispatch", "manifests", "FAST", "--day", "2025-03-14", "--out", str(folder)]) == 0
    assert "3 manifest(s) of 2025-03-14 written to" in capsys.readouterr().out
    files = sorted(folder.iterdir())
    assert [f.name.split("-", 2)[2] for f in files] == [
        "manifest-FAST-2025-03-14.txt", "manifest-FAST-2025-03-14.pdf", "manifest-FAST-2025-03-14.txt"]
    texts = [f.read_text(encoding="utf-8") for f in files if f.suffix == ".txt"]
    assert texts == [first_text, second_text]  # as printed, each version
    assert early.tracking_number in texts[0] and "NOT HANDED OVER: 1 labelled parcel(s)" in texts[0]
    assert late.tracking_number in texts[1] and "2 parcel(s) handed over" in texts[1]
    (kept_pdf,) = [f for f in files if f.suffix == ".pdf"]
    assert kept_pdf.read_bytes() == pdf.read_bytes()
    assert "Manifest MF-20250314-FAST" in "".join(pdf_text(kept_pdf.read_bytes()))
    # without a carrier: every manifest of the day, POST's included
    assert main(["--database", url, "dispatch", "manifests", "--day", "2025-03-14", "--out", str(tmp_path / "all")]) == 0
    assert sorted(f.name.split("-", 2)[2] for f in (tmp_path / "all").iterdir())[-1] == "manifest-POST-2025-03-14.json"
    # a day with none printed, and a day that is no date, say so
    capsys.readouterr()
    assert main(["--database", url, "dispatch", "manifests", "FAST", "--day", "2025-03-13", "--out", str(folder)]) == 2
    assert "No manifest of carrier FAST was printed for 2025-03-13" in capsys.readouterr().err
    assert main(["--database", url, "dispatch", "manifests", "--day", "13.03.2025", "--out", str(folder)]) == 2
    assert "--day '13.03.2025' is not a date; write it as 2025-03-14" in capsys.readouterr().err
