"""Issue 15 end to end, on SQLite and PostgreSQL: a two-parcel order imported from a user's CSV,
validated and allocated, packed at a station (the carrier service chosen at each CLOSE BOX),
handed over at the dock (shipped: invoice, payment captured), on the carrier's manifest, tracked
to delivered and completed, the customer mailed through a real SMTP server; then a return from
RMA to refund."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.imports import import_file
from app.orders.settings import OrderSettings
from app.packing.api import ScanOutcome as O
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan
from app.store.models import Order, OrderEvent, Parcel, Payment, Product, Stock
from app.store.session import Database
from tests.integration.orders.warehouse import import_orders, order_row, stock_up, write
from tests.integration.shipping.carrier_files import import_rate_tables
from tests.integration.shipping.smtp_server import smtp_server

MUG_EAN = "4006381333931"
BOXES = ("code,name,inner_length_mm,inner_width_mm,inner_height_mm,outer_length_mm,outer_width_mm,"
         "outer_height_mm,tare_g,max_load_g,cost,barcode\nS,Small carton,250,200,150,260,210,160,150,5000,0.40,BOX-S\n")
USERS = "username,display_name,role,badge_code,pin\npat,Pat Packer,packer,BADGE-PAT,\n"


class FixedClock:
    def now(self) -> datetime:
        return datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)


def scan(data: str) -> Scan:
    return Scan(data, None, source="test")


def trail(db: Database, number: str) -> list[tuple[str, str]]:
    with db.read() as session:
        order_id = session.scalar(select(Order.id).where(Order.number == number))
        return [tuple(t) for t in session.execute(select(OrderEvent.from_status, OrderEvent.to_status).where(
            OrderEvent.order_id == order_id, OrderEvent.kind == "StatusChanged").order_by(OrderEvent.id))]


def test_a_two_parcel_order_from_capture_to_completed_then_returned_and_refunded(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url
    stock_up(db, tmp_path)
    import_file(db, "boxes", write(tmp_path, "boxes.csv", BOXES))
    import_file(db, "users", write(tmp_path, "users.csv", USERS))
    import_rate_tables(url, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-2001", quantity=2), OrderSettings(pack_from="allocated"))

    # packing: one mug to a parcel; each CLOSE BOX chooses POST standard (4.90 to zone DE)
    station = PackingService(db, "PACK-01", PackingSettings(station_code="PACK-01"), FixedClock())
    pat = station.login("BADGE-PAT")
    assert station.start_next(pat).order_number == "WEB-2001"
    labels = []
    for _ in range(2):
        assert station.record_scan("WEB-2001", pat, scan(MUG_EAN)).outcome is O.ACCEPTED
        closed = station.close_parcel("WEB-2001", pat, weight_g=350 + 150)
        assert closed.ok, closed.message
        assert "Ships with Packdesk Post Standard, EUR 4.90, arrives 2025-03-19" in closed.message
        station.record_label_result(closed.label.label_id, True, "memory:")
        labels.append(closed.label)
    for label in labels:
        assert station.record_scan("WEB-2001", pat, scan("00" + label.sscc)).outcome is O.LABEL_CONFIRMED

    # the dock, the manifest
    for label in labels:
        assert main(["--database", url, "dispatch", "scan", label.tracking_number, "--user", "dora"]) == 0
    today = datetime.now(timezone.utc).date().isoformat()
    capsys.readouterr()
    assert main(["--database", url, "dispatch", "manifest", "POST", "--date", today, "--json"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    assert sorted(p["tracking_number"] for p in manifest["handed_over"]) == sorted(l.tracking_number for l in labels)
    assert manifest["not_scanned"] == []

    # tracking: both parcels delivered yesterday -> delivered -> completed at once
    delivered = datetime.now(timezone.utc) - timedelta(days=1)
    report = write(tmp_path, "post.csv", "tracking_number,status,time,location\n" + "".join(
        f"{l.tracking_number},in_transit,{(delivered - timedelta(hours=20)).isoformat()},Hub\n"
        f"{l.tracking_number},delivered,{delivered.isoformat()},20095 Hamburg\n" for l in labels))
    assert main(["--database", url, "tracking", "import", str(report)]) == 0

    # the return: one mug back, received, restocked to A-01-1, refunded
    with db.read() as session:
        mug = session.scalar(select(Product.id).where(Product.sku == "MUG-BLUE-350"))
        before = session.scalar(select(Stock.quantity).where(Stock.product_id == mug))
    capsys.readouterr()
    assert main(["--database", url, "returns", "create", "WEB-2001", "--line", "MUG-BLUE-350:1",
                 "--reason", "chipped handle", "--json"]) == 0
    rma = json.loads(capsys.readouterr().out)["rma"]
    assert main(["--database", url, "returns", "receive", rma]) == 0
    assert main(["--database", url, "returns", "inspect", rma, "--line", "MUG-BLUE-350:restock:A-01-1"]) == 0
    assert main(["--database", url, "returns", "refund", rma]) == 0

    assert trail(db, "WEB-2001") == [
        ("captured", "validated"), ("validated", "allocated"), ("allocated", "packing"), ("packing", "packed"),
        ("packed", "shipped"), ("shipped", "delivered"), ("delivered", "completed"), ("completed", "returned"),
        ("returned", "completed")]
    with db.read() as session:
        parcels = session.scalars(select(Parcel).order_by(Parcel.seq)).all()
        assert [(p.carrier, p.service, p.tracking_status) for p in parcels] == [("POST", "standard", "delivered")] * 2
        assert all(p.handed_over_by == "dora" for p in parcels)
        money = [(p.kind, p.amount) for p in session.scalars(select(Payment).order_by(Payment.id))]
        total = session.scalar(select(Order.total).where(Order.number == "WEB-2001"))
        assert money == [("authorisation", total), ("capture", total), ("refund", Decimal("12.50"))]
        assert session.scalar(select(Stock.quantity).where(Stock.product_id == mug)) == before + 1

    # the customer's mail: shipped, delivered, return received, refunded - each once
    with smtp_server() as (inbox, port):
        config = write(tmp_path, "mail.toml", f'[mail]\nhost = "127.0.0.1"\nport = {port}\n'
                                              'sender = "Shop <orders@example.org>"\n')
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 0
        assert main(["--config", str(config), "--database", url, "notify", "send"]) == 0
    assert sorted(inbox.subjects()) == sorted([
        "Your order WEB-2001 is on its way", "Your order WEB-2001 was delivered",
        f"We received your return {rma}", f"Your refund for return {rma}"])
    assert all(m["To"] == "web-2001@example.org" for m in inbox.messages)
