"""End to end without the Qt window: a user's own CSV (not demo data) imported, validated,
allocated and, packed from allocated, packed at the station through PackingService."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from app.imports import import_file
from app.orders.settings import OrderSettings
from app.packing.api import ScanOutcome as O
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan
from app.store.models import Order, OrderEvent, Stock
from app.store.session import Database
from tests.integration.orders.warehouse import import_orders, order_row, stock_up, write

MUG_EAN = "4006381333931"
BOXES = ("code,name,inner_length_mm,inner_width_mm,inner_height_mm,outer_length_mm,outer_width_mm,"
         "outer_height_mm,tare_g,max_load_g,cost,barcode\nS,Small carton,250,200,150,260,210,160,150,5000,0.40,BOX-S\n")
USERS = "username,display_name,role,badge_code,pin\npat,Pat Packer,packer,BADGE-PAT,\n"


class FixedClock:
    def now(self) -> datetime:
        return datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)


def test_a_users_own_csv_becomes_packable_and_is_packed_with_no_other_command(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_file(db, "boxes", write(tmp_path, "boxes.csv", BOXES))
    import_file(db, "users", write(tmp_path, "users.csv", USERS))
    import_orders(db, tmp_path, order_row("WEB-1001", quantity=2), OrderSettings(pack_from="allocated"))

    station = PackingService(db, "PACK-01", PackingSettings(station_code="PACK-01"), FixedClock())
    pat = station.login("BADGE-PAT")
    assert station.home_summary(pat).queue_size == 1
    pack = station.start_next(pat)
    assert pack is not None and (pack.order_number, pack.status) == ("WEB-1001", "packing")
    for _ in range(2):
        assert station.record_scan("WEB-1001", pat, Scan(MUG_EAN, None, source="test")).outcome is O.ACCEPTED
    assert station.record_scan("WEB-1001", pat, Scan("BOX-S", None, source="test")).outcome is O.BOX
    closed = station.close_parcel("WEB-1001", pat, weight_g=2 * 350 + 150)
    assert closed.ok and closed.label is not None
    station.record_label_result(closed.label.label_id, True, "file:///tmp/labels")
    confirmed = station.record_scan("WEB-1001", pat, Scan("00" + closed.label.sscc, None, source="test"))
    assert confirmed.outcome is O.LABEL_CONFIRMED

    with db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "WEB-1001"))
        assert order is not None and order.status == "packed"
        trail = session.execute(select(OrderEvent.from_status, OrderEvent.to_status).where(
            OrderEvent.order_id == order.id, OrderEvent.kind == "StatusChanged").order_by(OrderEvent.id)).all()
        mugs = session.scalar(select(Stock.allocated).where(Stock.product_id == order.lines[0].product_id))
    assert [tuple(t) for t in trail] == [("captured", "validated"), ("validated", "allocated"),
                                         ("allocated", "packing"), ("packing", "packed")]
    assert mugs == 2  # still held until the parcel ships


def test_packed_from_picked_the_same_order_waits_for_picking(db: Database, tmp_path: Path) -> None:
    stock_up(db, tmp_path)
    import_file(db, "users", write(tmp_path, "users.csv", USERS))
    import_orders(db, tmp_path, order_row("WEB-1001", quantity=2))
    station = PackingService(db, "PACK-01", PackingSettings(station_code="PACK-01"), FixedClock())
    pat = station.login("BADGE-PAT")
    assert station.home_summary(pat).queue_size == 0
    assert station.start_next(pat) is None
