"""The manifest PDF (`packdesk documents manifest`) is the dock's list: the parcels handed over on
the local day ([shipping] timezone) under each parcel's own carrier, the same parcels
`packdesk dispatch manifest` lists. It used to list the parcels closed on the UTC day under their
order's carrier. Both databases."""
from __future__ import annotations

import json
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

# 21:30 in New York on 14 March is 01:30 UTC on the 15th
LATE_EVENING = datetime(2025, 3, 15, 1, 30, tzinfo=timezone.utc)


def manifest_page(url: str, config: Path, carrier: str, day: str, out: Path) -> str:
    assert main(["--database", url, "--config", str(config), "documents", "manifest", carrier, "--date", day,
                 "--out", str(out)]) == 0
    return "\n".join(pdf_text(out.read_bytes()))


def test_the_pdf_lists_the_docks_parcels_of_the_local_day_under_the_parcels_carrier(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "packdesk.toml"
    config.write_text('[shipping]\ntimezone = "America/New_York"\n', encoding="utf-8")
    import_rate_tables(warehouse.db.url, tmp_path)
    # the orders say "Packdesk Post"; the service chosen at CLOSE BOX put each parcel on FAST
    (van,) = pack_teapots(warehouse, "PD-6501", parcels=1)
    (dock,) = pack_teapots(warehouse, "PD-6502", parcels=1)
    handed = scan_at_dock(SqlUnitOfWork(warehouse.db), van.tracking_number, LATE_EVENING, user="dora")
    assert handed.order_shipped and handed.carrier == "FAST"
    url = warehouse.db.url

    page = manifest_page(url, config, "FAST", "2025-03-14", tmp_path / "fast.pdf")
    assert van.tracking_number in page and "Total: 1 parcels, 1.05 kg" in page
    # the parcel never scanned is not on the van: flagged, not counted
    assert "Not handed over: 1 labelled parcel(s) never scanned at the dock" in page
    assert page.index(dock.tracking_number) > page.index("Not handed over")
    # the same parcels as the dock's own list of that day
    capsys.readouterr()
    assert main(["--database", url, "--config", str(config), "dispatch", "manifest", "FAST", "--date",
                 "2025-03-14", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [p["tracking_number"] for p in listing["handed_over"]] == [van.tracking_number]
    assert [p["tracking_number"] for p in listing["not_scanned"]] == [dock.tracking_number]
    # not under the orders' carrier, and not on the UTC day of the hand-over
    post = manifest_page(url, config, "Packdesk Post", "2025-03-14", tmp_path / "post.pdf")
    assert van.tracking_number not in post and "Total: 0 parcels" in post
    next_day = manifest_page(url, config, "FAST", "2025-03-15", tmp_path / "next.pdf")
    assert "Total: 0 parcels" in next_day
