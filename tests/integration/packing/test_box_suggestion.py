"""The box the station suggests: app.boxing's cheapest answer for the units still to pack in
the open parcel, with its placements and explanation; the smallest-box rule only when boxing
cannot answer; computed when the pack is loaded, never per scan. SQLite and PostgreSQL."""
from __future__ import annotations

import json

from sqlalchemy import select

from app.store.models import OrderEvent, Product
from app.packing.api import ScanOutcome as O

from tests.integration.packing.conftest import MUG_EAN, VITAMINS_EAN, Warehouse, add_order, scan


def test_the_suggestion_is_the_cheapest_box_with_every_units_place(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    box = station.start_pack(pat, "PD-1042").suggested_box
    assert box is not None and box.code == "S" and box.barcode == "BOX-S"
    assert box.explanation and "\n" not in box.explanation
    parcel = box.parcel
    assert parcel is not None and parcel.box is not None and parcel.box.id == "S"
    assert sorted(p.sku for p in parcel.placements) == ["MUG-BLUE-350", "MUG-BLUE-350", "VIT-C-100"]
    # the placements are a real packing: inside the box, no two units overlap
    for a in parcel.placements:
        assert a.x + a.dx <= 250 and a.y + a.dy <= 200 and a.z + a.dz <= 150
        for b in parcel.placements:
            if a is not b:
                assert (a.x + a.dx <= b.x or b.x + b.dx <= a.x or a.y + a.dy <= b.y or b.y + b.dy <= a.y
                        or a.z + a.dz <= b.z or b.z + b.dz <= a.z)


def test_scans_keep_the_suggestion_without_computing_it_again(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    first = station.start_pack(pat, "PD-1042").suggested_box
    after = station.record_scan("PD-1042", pat, scan(MUG_EAN)).pack
    assert after is not None and after.suggested_box is first  # carried, not recomputed
    assert station.snapshot("PD-1042").suggested_box is first  # a reload hits the cache


def test_a_big_order_is_split_and_the_first_box_is_suggested(warehouse: Warehouse) -> None:
    add_order(warehouse.db, "PD-2000", [("TEAPOT-RED", 40)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    box = station.start_pack(pat, "PD-2000").suggested_box
    assert box is not None and box.parcel is not None
    assert box.explanation.startswith("box 1 of ")
    assert 0 < len(box.parcel.placements) < 40


def test_without_dimensions_the_smallest_box_that_fits_stands_in(warehouse: Warehouse) -> None:
    with warehouse.db.write() as session:
        vitamins = session.scalar(select(Product).where(Product.sku == "VIT-C-100"))
        vitamins.length_mm = vitamins.width_mm = vitamins.height_mm = 0  # boxing refuses unmeasured items
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    box = station.start_pack(pat, "PD-1042").suggested_box
    assert box is not None and box.code == "S" and box.parcel is None
    assert box.explanation.startswith("smallest box that holds every unit still to pack")


def test_the_scan_event_is_written_as_record_event_writes_it(warehouse: Warehouse) -> None:
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-1042")
    result = station.record_scan("PD-1042", pat, scan(VITAMINS_EAN))
    assert result.outcome is O.ACCEPTED
    with warehouse.db.read() as session:
        event = session.scalars(select(OrderEvent).where(OrderEvent.kind == "ItemScanned")).one()
    assert event.station == "PACK-01" and event.username == "pat" and event.at is not None
    assert json.loads(event.detail) == {"barcode": VITAMINS_EAN, "line_no": 2, "lot": None, "parcel": 1,
                                        "quantity": 1, "scan_id": result.scan_id, "serial": None,
                                        "sku": "VIT-C-100"}
