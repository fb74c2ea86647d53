"""A product's serial pattern and bulk maximum (issue 13): imported from the catalogue, stored
by migration 0009, and seen by the scan rules through the store on both backends."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.imports import ImportRejected, import_file
from app.packing.packs import product_by_code
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

HEADER = "sku,name,gtin,serial_tracked,serial_pattern,bulk_max_quantity\n"


def test_the_catalogue_sets_a_serial_pattern_and_a_bulk_maximum(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(HEADER + "HP-1,Headphones,4006381333931,true,SN-[0-9]{4},\n"
                    "SCREW-1,Wood screws,,false,,50\n", encoding="utf-8")
    import_file(db, "catalog", path)
    uow = SqlUnitOfWork(db)
    with uow:
        headphones = product_by_code(uow, "4006381333931")
        screws = product_by_code(uow, "SCREW-1")
    assert (headphones.serial_pattern, headphones.bulk_max) == ("SN-[0-9]{4}", None)
    assert (screws.serial_pattern, screws.bulk_max) == (None, 50)


def test_a_serial_pattern_that_is_no_regular_expression_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(HEADER + "HP-1,Headphones,,true,SN-[,\nSCREW-1,Screws,,false,,1\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_file(db, "catalog", path)
    reasons = [str(p) for p in caught.value.problems]
    assert reasons[0].startswith("line 2: serial_pattern 'SN-[' is not a regular expression")
    assert reasons[1].startswith("line 3: bulk_max_quantity 1")


def test_a_serial_request_is_refused_cleanly_and_cancelled_across_a_restart(warehouse) -> None:
    from sqlalchemy import select, update

    from app.packing.api import ScanOutcome as O
    from app.packing.reasons import CANCEL
    from app.store.models import Product, ScanRecord
    from tests.integration.packing.conftest import HEADPHONES_EAN, MUG_EAN, add_order, scan

    with warehouse.db.write() as s:
        s.execute(update(Product).where(Product.sku == "HP-ANC-700").values(serial_pattern=r"SN-\d{4}"))
    add_order(warehouse.db, "PD-7001", [("HP-ANC-700", 1), ("MUG-BLUE-350", 1)])
    before = warehouse.service()
    pat = before.login("BADGE-PAT")
    before.start_pack(pat, "PD-7001")
    assert before.record_scan("PD-7001", pat, scan(HEADPHONES_EAN)).outcome is O.NEEDS_SERIAL
    assert before.record_scan("PD-7001", pat, scan(MUG_EAN)).outcome is O.SERIAL_REFUSED
    assert before.record_scan("PD-7001", pat, scan("HELLO")).outcome is O.SERIAL_REFUSED
    assert not before.close_parcel("PD-7001", pat).ok

    after = warehouse.service()  # a restart: the request is read back from the scan log
    assert after.resume_open_pack(pat).awaiting_serial_for == "HP-ANC-700"
    assert after.record_scan("PD-7001", pat, scan(CANCEL)).outcome is O.UNDONE
    assert warehouse.service().resume_open_pack(pat).awaiting_serial_for is None
    with warehouse.db.read() as s:
        outcomes = s.scalars(select(ScanRecord.outcome).order_by(ScanRecord.id)).all()
    assert outcomes == ["needs_serial", "serial_refused", "serial_refused", "undone"]
