"""The dock: each parcel scanned as it is handed over; the order ships with its last parcel; the
day's manifest per carrier flags the parcels never scanned. Both databases, through the CLI."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.shipping.dispatch import scan_at_dock
from app.store.models import Order, OrderEvent, Parcel
from app.store.uow import SqlUnitOfWork
from tests.integration.packing.conftest import Warehouse
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots


def status(warehouse: Warehouse, number: str) -> str:
    with warehouse.db.read() as session:
        return session.scalar(select(Order.status).where(Order.number == number))


def test_an_order_ships_when_its_last_parcel_is_handed_over(warehouse: Warehouse, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    first, second = pack_teapots(warehouse, "PD-6001")
    url = warehouse.db.url
    capsys.readouterr()
    assert main(["--database", url, "dispatch", "scan", "00" + first.sscc, "--user", "dora"]) == 0
    assert "Parcel 1 of order PD-6001 handed over (1 of 2)." in capsys.readouterr().out
    assert status(warehouse, "PD-6001") == "packed"
    assert main(["--database", url, "dispatch", "scan", second.tracking_number, "--user", "dora", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["order_shipped"] and answer["handed_over"] == 2 and answer["carrier"] == "FAST"
    assert status(warehouse, "PD-6001") == "shipped"
    with warehouse.db.read() as session:
        kinds = session.scalars(select(OrderEvent.kind).order_by(OrderEvent.id)).all()
        # shipped: the stock leaves the shelves (app/orders/lifecycle), the invoice and the capture
        # queued in the hand-over; the gateway asked after it committed (app/shipping/capture.py)
        assert kinds[-8:] == ["ParcelHandedOver", "ParcelHandedOver", "StatusChanged", "StockShipped",
                              "InvoiceIssued", "CaptureRequested", "PaymentAuthorised", "PaymentCaptured"]
        assert all(p.handed_over_by == "dora" for p in session.scalars(select(Parcel)))
    # scanning it again changes nothing and says so
    assert main(["--database", url, "dispatch", "scan", first.tracking_number]) == 0
    assert "was already handed over" in capsys.readouterr().out
    with warehouse.db.read() as session:
        assert len(session.scalars(select(OrderEvent).where(OrderEvent.kind == "ParcelHandedOver")).all()) == 2


def test_a_scan_that_is_no_parcel_or_a_parcel_not_ready_is_refused(warehouse: Warehouse,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = warehouse.db.url
    assert main(["--database", url, "dispatch", "scan", "4006381333931"]) == 2
    assert "is no parcel label: scan the SSCC or the tracking number" in capsys.readouterr().err
    assert main(["--database", url, "dispatch", "scan", "RR123456785DE"]) == 2
    assert "No parcel has the label RR123456785DE" in capsys.readouterr().err
    # an order whose second parcel is not closed yet: its first parcel may not leave
    from tests.integration.packing.conftest import TEAPOT_EAN, add_order, scan
    add_order(warehouse.db, "PD-6002", [("TEAPOT-RED", 2)])
    station = warehouse.service()
    pat = station.login("BADGE-PAT")
    station.start_pack(pat, "PD-6002")
    station.record_scan("PD-6002", pat, scan(TEAPOT_EAN))
    closed = station.close_parcel("PD-6002", pat)
    assert closed.ok, closed.message
    assert main(["--database", url, "dispatch", "scan", closed.label.tracking_number]) == 2
    assert "Order PD-6002 is packing, not ready for shipment" in capsys.readouterr().err
    assert status(warehouse, "PD-6002") == "packing"


def test_the_days_manifest_lists_the_handed_over_and_flags_the_rest(warehouse: Warehouse, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    shipped = pack_teapots(warehouse, "PD-6003", parcels=1)
    left = pack_teapots(warehouse, "PD-6004", parcels=1)
    day = datetime(2025, 3, 14, 15, 0, tzinfo=timezone.utc)
    assert scan_at_dock(SqlUnitOfWork(warehouse.db), shipped[0].sscc, day, user="dora").order_shipped
    capsys.readouterr()
    assert main(["--database", warehouse.db.url, "dispatch", "manifest", "FAST", "--date", "2025-03-14",
                 "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [p["order_number"] for p in listing["handed_over"]] == ["PD-6003"]
    assert [p["tracking_number"] for p in listing["not_scanned"]] == [left[0].tracking_number]
    assert main(["--database", warehouse.db.url, "dispatch", "manifest", "FAST", "--date", "2025-03-14"]) == 0
    text = capsys.readouterr().out
    assert "1 parcel(s) handed over, 1.05 kg" in text and "NOT HANDED OVER: 1 labelled parcel(s)" in text
    # another carrier's day holds neither; the day before holds nothing handed over
    assert main(["--database", warehouse.db.url, "dispatch", "manifest", "POST", "--date", "2025-03-14",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["handed_over"] == []
    assert main(["--database", warehouse.db.url, "dispatch", "manifest", "--date", "2025-03-13", "--json"]) == 0
    earlier = json.loads(capsys.readouterr().out)
    assert earlier["handed_over"] == [] and earlier["not_scanned"] == []
    assert main(["--database", warehouse.db.url, "dispatch", "manifest", "--date", "14.03.2025"]) == 2
    assert "is not a date; write it as 2025-03-14" in capsys.readouterr().err


def test_a_supervisor_overrides_the_service_with_a_reason(warehouse: Warehouse, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    (label,) = pack_teapots(warehouse, "PD-6005", parcels=1)
    url = warehouse.db.url
    base = ["--database", url, "shipping", "override", "PD-6005", "--carrier", "POST", "--service", "express"]
    assert main(base + ["--reason", "customer asked", "--user", "pat"]) == 2
    assert "'pat' is no active supervisor" in capsys.readouterr().err
    assert main(base[:-2] + ["--service", "sameday", "--reason", "x", "--user", "sam"]) == 2
    assert "There is no service sameday of carrier POST" in capsys.readouterr().err
    assert main(base + ["--reason", "FAST van full today", "--user", "sam"]) == 0
    out = capsys.readouterr().out
    assert "now goes with Packdesk Post Express (EUR 19.00)" in out and "New tracking number RR" in out
    with warehouse.db.read() as session:
        parcel = session.scalars(select(Parcel)).one()
        assert (parcel.carrier, parcel.service, parcel.service_reason) == ("POST", "express", "FAST van full today")
        assert parcel.tracking_number != label.tracking_number and parcel.tracking_number.startswith("RR")
        event = session.scalars(select(OrderEvent).where(OrderEvent.kind == "ServiceOverridden")).one()
        assert event.username == "sam" and '"was_carrier": "FAST"' in event.detail
    # once handed over, the service is fixed
    assert main(["--database", url, "dispatch", "scan", parcel.tracking_number]) == 0
    assert main(base + ["--reason", "too late", "--user", "sam"]) == 2
    assert "it can no longer change service" in capsys.readouterr().err
