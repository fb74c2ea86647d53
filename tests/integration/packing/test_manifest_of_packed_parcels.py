"""The end-of-day manifest lists the parcels stations really closed and the dock handed over,
read back from its PDF."""
from __future__ import annotations

from pathlib import Path

from app.cli.main import main
from app.shipping.dispatch import scan_at_dock
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import TEAPOT_EAN, Warehouse, add_order, scan
from tests.integration.printing.decode import pdf_barcodes, pdf_text


def test_the_manifest_lists_each_closed_parcel_with_its_tracking_number_and_weight(
        warehouse: Warehouse, tmp_path: Path) -> None:
    add_order(warehouse.db, "PD-4001", [("TEAPOT-RED", 2)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-4001")
    labels = []
    for grams in (1160, 1060):
        station.record_scan("PD-4001", pat, scan(TEAPOT_EAN))
        closed = station.close_parcel("PD-4001", pat, weight_g=grams)
        assert closed.ok, closed.message
        station.record_label_result(closed.label.label_id, True, "memory:")
        labels.append(closed.label)
    for label in labels:  # each label scanned back: the order is packed
        station.confirm_label("PD-4001", label.sscc)
    # the manifest is the dock's list (issue 15): the parcels go onto the van first
    for label in labels:
        assert scan_at_dock(SqlUnitOfWork(warehouse.db), label.tracking_number, warehouse.clock.now(),
                            user="dora").ok
    out = tmp_path / "manifest.pdf"
    day = warehouse.clock.now().date().isoformat()
    assert main(["--database", warehouse.db.url, "documents", "manifest", "Packdesk Post", "--date", day,
                 "--out", str(out)]) == 0
    pdf = out.read_bytes()
    assert [r.text for r in pdf_barcodes(pdf)] == [f"MF-{day.replace('-', '')}-PACKDESKPOST"]
    page = pdf_text(pdf)[0]
    assert all(label.tracking_number in page for label in labels)
    assert "Total: 2 parcels, 2.22 kg" in page
    # another carrier's manifest of the same day has none of them
    other = tmp_path / "other.pdf"
    assert main(["--database", warehouse.db.url, "documents", "manifest", "UPS", "--date", day,
                 "--out", str(other)]) == 0
    assert not any(label.tracking_number in pdf_text(other.read_bytes())[0] for label in labels)
