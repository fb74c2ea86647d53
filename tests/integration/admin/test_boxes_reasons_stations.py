"""Boxes, reason codes, stations and carriers through the admin desk, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.admin.boxes import BoxForm
from app.admin.errors import AdminError, FieldProblem
from app.floor.admin_desk import AdminDesk
from app.imports import ImportRejected
from app.store.audit_log import audit_entries, verify_audit
from app.store.station_health import report_station

XL = BoxForm("XL", "Extra large", "", ("800", "600", "500"), ("810", "610", "510"), "900", "30000", "2,10")


def _audit(desk: AdminDesk) -> list[tuple[str, str, dict]]:
    return [(e.action, e.subject, json.loads(e.detail or "null")) for e in audit_entries(desk.db)]


def test_a_box_is_added_edited_and_retired_with_its_audit_records(desk: AdminDesk) -> None:
    added = desk.add_box(XL, "ada")
    assert (added.code, added.barcode, added.cost, added.enabled) == ("XL", "BOX-XL", Decimal("2.1"), True)
    edited = desk.edit_box("XL", BoxForm("XL", "Extra large", "BOX-XL", ("800", "600", "500"),
                                         ("810", "610", "520"), "900", "32000", "2.40"), "ada")
    assert (edited.outer_height_mm, edited.max_load_g, edited.cost) == (520, 32000, Decimal("2.4"))
    desk.retire_box("XL", "ada")
    assert {b.code: b.enabled for b in desk.boxes()} == {"L": True, "M": True, "S": True, "XL": False}
    records = _audit(desk)
    assert [(a, s) for a, s, _ in records] == [("BoxAdded", "box XL"), ("BoxChanged", "box XL"),
                                               ("BoxRetired", "box XL")]
    assert records[1][2] == {"changed": ["cost", "max_load_g", "outer_height_mm"],
                             "before": {"cost": "2.1000", "max_load_g": 30000, "outer_height_mm": 510},
                             "after": {"cost": "2.4000", "max_load_g": 32000, "outer_height_mm": 520}}
    assert records[2][2] == {"changed": ["enabled"], "before": {"enabled": True}, "after": {"enabled": False}}
    assert verify_audit(desk.db) == (3, None)


@pytest.mark.parametrize("change, field", [
    (dict(code="M"), "code"), (dict(barcode="BOX-S"), "barcode"), (dict(tare_g="heavy"), "tare (g)"),
    (dict(outer_mm=("700", "610", "510")), "outer length (mm)"), (dict(cost="-1"), "cost"),
    (dict(inner_mm=("0", "600", "500")), "inner length (mm)"),
])
def test_a_wrong_box_is_refused_by_field_and_nothing_is_written(desk: AdminDesk, change: dict, field: str) -> None:
    from dataclasses import replace

    with pytest.raises(FieldProblem) as refused:
        desk.add_box(replace(XL, **change), "ada")
    assert refused.value.field == field
    assert [b.code for b in desk.boxes()] == ["L", "M", "S"] and _audit(desk) == []


def test_reason_codes_are_added_and_retired_defaults_included(desk: AdminDesk) -> None:
    assert desk.reason_codes() == ("customer_request", "stock_found", "address_fixed", "damaged", "other")
    desk.add_reason("Wrong Address", "ada")
    desk.retire_reason("damaged", "ada")
    assert desk.reason_codes() == ("customer_request", "stock_found", "address_fixed", "other", "wrong_address")
    listed = {r.code: (r.active, r.source, r.changed_by) for r in desk.reasons()}
    assert listed["damaged"] == (False, "configuration", "ada")
    assert listed["wrong_address"] == (True, "added", "ada")
    with pytest.raises(AdminError, match="already"):
        desk.add_reason("other", "ada")
    with pytest.raises(AdminError, match="no active reason code 'damaged'"):
        desk.retire_reason("damaged", "ada")
    with pytest.raises(FieldProblem, match="reason code"):
        desk.add_reason("1st!", "ada")
    desk.add_reason("damaged", "ada")  # a retired code comes back
    assert "damaged" in desk.reason_codes()
    assert [(a, s) for a, s, _ in _audit(desk)] == [("ReasonAdded", "reason wrong_address"),
                                                     ("ReasonRetired", "reason damaged"),
                                                     ("ReasonAdded", "reason damaged")]


def test_the_last_reason_code_cannot_be_retired(desk: AdminDesk) -> None:
    desk.default_reasons = ("other",)
    with pytest.raises(AdminError, match="last reason code"):
        desk.retire_reason("other", "ada")


def test_stations_and_carrier_rates(desk: AdminDesk, tmp_path: Path) -> None:
    report_station(desk.db, "PACK-07", {"scanner": "connected", "scale": "error"})
    [station] = desk.stations()
    assert (station.code, station.devices) == ("PACK-07", {"scale": "error", "scanner": "connected"})
    assert station.last_seen_at is not None and station.last_seen_at.tzinfo is not None
    carriers = tmp_path / "carriers.csv"
    carriers.write_text("carrier,carrier_name,service,level,transit_days,cutoff\nDHL,DHL Paket,paket,standard,2,16:00\n")
    report = desk.import_rates("carriers", carriers, "ada")
    assert report.created == 1
    assert [(e.actor, e.action) for e in audit_entries(desk.db)] == [("ada", "CarriersImported")]
    assert [c.code for c in desk.rate_table().carriers] == ["DHL"]
    bad = tmp_path / "rates.csv"
    bad.write_text("carrier,service,zone,max_weight_g,price\nDHL,PAKET,DE,heavy,4.99\n")
    with pytest.raises(ImportRejected):
        desk.import_rates("rates", bad)
    with pytest.raises(AdminError, match="rates file"):
        desk.import_rates("orders", bad)
