"""Every label version the station prints is kept in the order's archive (issue 15): the station
core on the real packing service packs an order, prints its label and slip, reprints the label,
and `packdesk orders documents` gives back both versions, with their version numbers, byte for
byte as the printer received them. Both databases."""
from __future__ import annotations

from pathlib import Path

from app.cli.main import main
from app.commands import Command
from app.packing.reasons import REPRINT_REASONS
from app.ports import Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.station.state import Step
from printing.documents import label_and_slip_jobs
from tests.integration.packing.conftest import TEAPOT_EAN, Warehouse, add_order
from tests.unit.station.fakes import FakeClock, FakeRecords, InlineExecutor, RecordingPrinter


def test_the_station_keeps_every_label_version_it_printed(warehouse: Warehouse, tmp_path: Path) -> None:
    add_order(warehouse.db, "PD-7301", [("TEAPOT-RED", 1)])
    labels, documents = RecordingPrinter(), RecordingPrinter("memory:documents")
    core = StationCore(warehouse.service(), StationDevices(label_printer=labels, document_printer=documents),
                       label_and_slip_jobs, FakeRecords(), FakeClock(), io=InlineExecutor(), checks=InlineExecutor())
    for data in ("BADGE-PAT", "PD-7301", TEAPOT_EAN, Command.CLOSE_BOX.value):
        core.scan(Scan(data))
    assert [job.name for job in labels.jobs] == ["PD-7301-parcel1-label-v1"], core.snapshot().message
    core.scan(Scan(Command.REPRINT.value))
    core.answer(next(r for r in REPRINT_REASONS if r.code == "damaged").code)
    assert [job.name for job in labels.jobs] == ["PD-7301-parcel1-label-v1", "PD-7301-parcel1-label-v2"]
    assert core.snapshot().step is Step.CONFIRM

    out = tmp_path / "archive"
    assert main(["--database", warehouse.db.url, "orders", "documents", "PD-7301", "--out", str(out)]) == 0
    kept = {path.name.split("-", 2)[2]: path.read_bytes() for path in out.iterdir()}
    ext = "zpl" if labels.jobs[0].content_type == "application/zpl" else "pdf"
    assert sorted(kept) == [f"label-PD-7301-1-v1.{ext}", f"label-PD-7301-1-v2.{ext}", "slip-PD-7301-1.pdf"]
    assert kept[f"label-PD-7301-1-v1.{ext}"] == labels.jobs[0].data
    assert kept[f"label-PD-7301-1-v2.{ext}"] == labels.jobs[1].data
    assert kept["slip-PD-7301-1.pdf"] == documents.jobs[0].data
