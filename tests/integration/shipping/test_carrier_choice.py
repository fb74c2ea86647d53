"""Rate tables imported from files choose each parcel's service when it closes, on both databases."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.identifiers import is_valid_s10
from app.store.models import OrderEvent, Parcel
from tests.integration.packing.conftest import TEAPOT_EAN, Warehouse, add_order, scan
from tests.integration.shipping.carrier_files import import_rate_tables


def pack_one_teapot(warehouse: Warehouse, number: str, grams: int = 1050):
    add_order(warehouse.db, number, [("TEAPOT-RED", 1)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, number)
    station.record_scan(number, pat, scan(TEAPOT_EAN))
    return station.close_parcel(number, pat, weight_g=grams)


def test_the_parcel_closes_with_the_cheapest_service_meeting_its_sla(warehouse: Warehouse, tmp_path: Path) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    # Friday 09:30 UTC, an express order to London SW1Y due to ship today: by Monday.
    # Box S outer 260x210x160 mm: POST 5000 -> 1748 g, FAST 4000 -> 2184 g; the teapot and box weigh 1050 g.
    # POST express UK up to 2 kg: 19.00; FAST express LONDON 2-10 kg: 18.50 -> FAST, dearer bracket but cheaper.
    closed = pack_one_teapot(warehouse, "PD-5001")
    assert closed.ok, closed.message
    assert closed.label.carrier == "FAST" and closed.label.service == "express"
    assert "Fast Freight Express, EUR 18.50, arrives 2025-03-17" in closed.message
    assert is_valid_s10(closed.label.tracking_number) and closed.label.tracking_number.startswith("EE")
    assert closed.label.tracking_number.endswith("GB")
    with warehouse.db.read() as session:
        parcel = session.scalars(select(Parcel)).one()
        assert (parcel.carrier, parcel.service, parcel.chargeable_weight_g) == ("FAST", "express", 2184)
        assert parcel.shipping_cost == Decimal("18.50")
        event = session.scalars(select(OrderEvent).where(OrderEvent.kind == "ServiceChosen")).one()
        assert '"meets_sla": true' in event.detail and '"zone": "LONDON"' in event.detail


def test_after_the_cutoff_the_later_carrier_still_makes_it(warehouse: Warehouse, tmp_path: Path) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    with warehouse.db.write() as session:  # the FAST London zone withdrawn: POST is cheaper in the morning
        from app.store.models import CarrierZone
        session.execute(CarrierZone.__table__.delete().where(CarrierZone.postcode_prefix == "SW"))
    morning = pack_one_teapot(warehouse, "PD-5002")
    assert (morning.label.carrier, morning.label.service) == ("POST", "express")
    warehouse.clock.at = datetime(2025, 3, 14, 13, 0, tzinfo=timezone.utc)  # after POST's 12:00 cut-off
    afternoon = pack_one_teapot(warehouse, "PD-5003")
    assert (afternoon.label.carrier, afternoon.label.service) == ("FAST", "express")
    assert "EUR 21.00" in afternoon.message


def test_without_rate_tables_the_built_in_carrier_numbers_the_parcel(warehouse: Warehouse) -> None:
    closed = pack_one_teapot(warehouse, "PD-5004")
    assert closed.ok and closed.label.carrier == "Packdesk Post" and closed.label.tracking_number.startswith("RA")
    with warehouse.db.read() as session:
        assert session.scalars(select(Parcel.carrier)).one() is None


def test_importing_the_same_rate_files_again_changes_nothing(warehouse: Warehouse, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    capsys.readouterr()
    import_rate_tables(warehouse.db.url, tmp_path)
    out = capsys.readouterr().out
    assert "3 row(s) of carriers; 0 created, 0 updated, 3 unchanged" in out
    assert "8 row(s) of rates; 0 created, 0 updated, 8 unchanged" in out


def test_bad_rate_files_name_each_bad_line_and_import_nothing(warehouse: Warehouse, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    bad = tmp_path / "bad_carriers.csv"
    bad.write_text("carrier,service,level,transit_days,cutoff\nDHL,express,overnight,1,25:00\n"
                   "DHL,standard,standard,-2,12:00\n", encoding="utf-8")
    assert main(["--database", warehouse.db.url, "import", "carriers", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "level 'overnight' is not one of standard, express, same_day" in err
    assert "cutoff '25:00' is not a time of day; write it as 17:30" in err
    assert "transit_days -2 is negative" in err
    rates = tmp_path / "bad_rates.csv"
    rates.write_text("carrier,service,zone,max_weight_g,price\nPOST,sameday,UK,1000,5\nPOST,standard,MARS,1000,5\n"
                     "UPS,standard,UK,1000,5\n", encoding="utf-8")
    assert main(["--database", warehouse.db.url, "import", "rates", str(rates)]) == 2
    err = capsys.readouterr().err
    assert "carrier POST has no service sameday (import the carriers first)" in err
    assert "carrier POST has no zone MARS (import the zones first)" in err
    assert "carrier UPS has no service standard" in err
    with warehouse.db.read() as session:
        from app.store.models import Carrier, CarrierRate
        assert len(session.scalars(select(CarrierRate)).all()) == 8
        assert "DHL" not in session.scalars(select(Carrier.code)).all()
