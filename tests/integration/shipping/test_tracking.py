"""Carrier tracking files: parcels in transit, delivered, exceptions; delivered orders completed at
once or after [orders] complete_after_days; late orders flagged once. Both databases, via the CLI."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.store.models import Order, OrderEvent, PackException, Parcel, TrackingEvent
from tests.integration.packing.conftest import Warehouse, add_order
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.packed import pack_teapots


def shipped_order(warehouse: Warehouse, tmp_path: Path, number: str, parcels: int = 2) -> list[str]:
    """An order packed and handed over; its tracking numbers."""
    labels = pack_teapots(warehouse, number, parcels)
    for label in labels:
        assert main(["--database", warehouse.db.url, "dispatch", "scan", label.tracking_number]) == 0
    return [label.tracking_number for label in labels]


def status(warehouse: Warehouse, number: str) -> str:
    with warehouse.db.read() as session:
        return session.scalar(select(Order.status).where(Order.number == number))


def test_an_order_is_delivered_and_completed_when_every_parcel_is_delivered(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_rate_tables(warehouse.db.url, tmp_path)
    first, second = shipped_order(warehouse, tmp_path, "PD-8001")
    url = warehouse.db.url
    csv = tmp_path / "fast-0317.csv"
    csv.write_text("tracking_number,status,time,location\n"
                   f"{first},in transit,2025-03-15T08:00:00+00:00,London hub\n"
                   f"{first},delivered,2025-03-17T10:42:00+00:00,SW1Y 4JH\n"
                   f"{second},in_transit,2025-03-15T08:05:00+00:00,London hub\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--database", url, "tracking", "import", str(csv)]) == 0
    assert "3 report(s); 3 new, 0 already known; 0 order(s) delivered" in capsys.readouterr().out
    assert status(warehouse, "PD-8001") == "shipped"
    later = tmp_path / "fast-0318.json"
    later.write_text(json.dumps([{"tracking_number": second, "status": "delivered",
                                  "time": "2025-03-18T09:00:00Z", "location": "SW1Y 4JH"}]), encoding="utf-8")
    assert main(["--database", url, "tracking", "import", str(later)]) == 0
    assert "1 order(s) delivered, 1 completed" in capsys.readouterr().out
    assert status(warehouse, "PD-8001") == "completed"
    with warehouse.db.read() as session:
        moves = session.execute(select(OrderEvent.from_status, OrderEvent.to_status)
                                .where(OrderEvent.kind == "StatusChanged").order_by(OrderEvent.id)).all()
        assert moves[-2:] == [("shipped", "delivered"), ("delivered", "completed")]
        parcels = session.scalars(select(Parcel).order_by(Parcel.seq)).all()
        assert [p.tracking_status for p in parcels] == ["delivered", "delivered"]
        assert parcels[1].delivered_at.replace(tzinfo=timezone.utc) == datetime(2025, 3, 18, 9, 0, tzinfo=timezone.utc)
    # the same file again keeps nothing twice
    assert main(["--database", url, "tracking", "import", str(csv)]) == 0
    assert "3 report(s); 0 new, 3 already known" in capsys.readouterr().out
    with warehouse.db.read() as session:
        assert len(session.scalars(select(TrackingEvent)).all()) == 4


def test_completion_waits_for_complete_after_days(warehouse: Warehouse, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (number,) = shipped_order(warehouse, tmp_path, "PD-8002", parcels=1)
    config = tmp_path / "station.toml"
    config.write_text("[orders]\ncomplete_after_days = 2\n", encoding="utf-8")
    url = warehouse.db.url
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    f = tmp_path / "t.csv"
    f.write_text(f"tracking_number,status,time\n{number},delivered,{yesterday.isoformat()}\n", encoding="utf-8")
    assert main(["--config", str(config), "--database", url, "tracking", "import", str(f)]) == 0
    assert status(warehouse, "PD-8002") == "delivered"
    assert main(["--config", str(config), "--database", url, "tracking", "complete"]) == 0
    assert status(warehouse, "PD-8002") == "delivered"
    with warehouse.db.write() as session:  # two more days pass
        parcel = session.scalars(select(Parcel)).one()
        parcel.delivered_at = yesterday - timedelta(days=2)
    capsys.readouterr()
    assert main(["--config", str(config), "--database", url, "tracking", "complete"]) == 0
    assert "1 order(s) completed: PD-8002" in capsys.readouterr().out
    assert status(warehouse, "PD-8002") == "completed"
    config.write_text("[orders]\ncomplete_after_days = -1\n", encoding="utf-8")
    assert main(["--config", str(config), "--database", url, "tracking", "complete"]) == 2
    assert "[orders] complete_after_days" in capsys.readouterr().err


def test_a_bad_tracking_file_names_every_bad_line_and_keeps_nothing(
        warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (number,) = shipped_order(warehouse, tmp_path, "PD-8003", parcels=1)
    f = tmp_path / "bad.csv"
    f.write_text("tracking_number,status,time,location\n"
                 f"{number},delivered,2025-03-17T10:00:00Z,\n"
                 f"{number},lost,2025-03-17T10:00:00Z,\n"
                 f"{number},in_transit,yesterday,\n"
                 "ZZ999999999GB,delivered,2025-03-17T10:00:00Z,\n", encoding="utf-8")
    assert main(["--database", warehouse.db.url, "tracking", "import", str(f)]) == 2
    err = capsys.readouterr().err
    assert "line 3: status 'lost' is not one of in_transit, delivered, exception" in err
    assert "line 4: time 'yesterday' is not a date and time" in err
    assert "nothing was imported" in err
    f.write_text("tracking_number,status,time\nZZ999999999GB,delivered,2025-03-17T10:00:00Z\n", encoding="utf-8")
    assert main(["--database", warehouse.db.url, "tracking", "import", str(f)]) == 2
    assert "line 2: no parcel has the tracking number ZZ999999999GB" in capsys.readouterr().err
    with warehouse.db.read() as session:
        assert session.scalars(select(TrackingEvent)).all() == []
    assert status(warehouse, "PD-8003") == "shipped"


def test_a_carrier_exception_is_put_before_a_supervisor(warehouse: Warehouse, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (number,) = shipped_order(warehouse, tmp_path, "PD-8004", parcels=1)
    f = tmp_path / "t.csv"
    f.write_text(f"tracking_number,status,time,location\n{number},exception,2025-03-17T10:00:00Z,"
                 "Address not found\n", encoding="utf-8")
    assert main(["--database", warehouse.db.url, "tracking", "import", str(f)]) == 0
    assert "exception: PD-8004 parcel 1: Address not found" in capsys.readouterr().out
    with warehouse.db.read() as session:
        problem = session.scalars(select(PackException).where(PackException.kind == "carrier")).one()
        assert "Address not found" in problem.reason
    assert status(warehouse, "PD-8004") == "shipped"


def test_orders_past_their_sla_are_flagged_once(warehouse: Warehouse, capsys: pytest.CaptureFixture[str]) -> None:
    add_order(warehouse.db, "PD-8005", [("TEAPOT-RED", 1)])  # due 2025-03-14 17:00, still picked
    url = warehouse.db.url
    capsys.readouterr()
    assert main(["--database", url, "tracking", "late", "--json"]) == 0
    flagged = json.loads(capsys.readouterr().out)
    assert sorted(o["number"] for o in flagged) == ["PD-1042", "PD-8005"]
    assert main(["--database", url, "tracking", "late"]) == 0
    assert "0 order(s) newly flagged as late" in capsys.readouterr().out
    with warehouse.db.read() as session:
        events = session.scalars(select(OrderEvent).where(OrderEvent.kind == "SlaBreached")).all()
        assert len(events) == 2 and all('"status": "picked"' in e.detail for e in events)
