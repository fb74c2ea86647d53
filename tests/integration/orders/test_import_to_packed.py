"""End to end without the Qt window: a user's own CSV (not demo data) imported, validated,
allocated and, packed from allocated, packed at the station through PackingService."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select, update

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


def test_with_pack_from_allocated_in_the_configuration_the_import_command_alone_fills_the_queue(
        db: Database, tmp_path: Path, capsys) -> None:
    from app.cli.main import main
    stock_up(db, tmp_path)
    import_file(db, "users", write(tmp_path, "users.csv", USERS))
    config = write(tmp_path, "station.toml", f'[database]\nurl = "{db.url}"\n\n[orders]\npack_from = "allocated"\n')
    orders = write(tmp_path, "my_orders.csv", "order_number,ship_name,ship_address1,ship_postcode,ship_city,"
                   "ship_country,sku,quantity\nWEB-7,Ada Lovelace,Lagerstrasse 1,20095,Hamburg,DE,MUG-BLUE-350,1\n")
    assert main(["--config", str(config), "import", "orders", str(orders)]) == 0
    assert "orders: 1 allocated" in capsys.readouterr().out
    station = PackingService(db, "PACK-01", PackingSettings(station_code="PACK-01"), FixedClock())
    pack = station.start_next(station.login("BADGE-PAT"))
    assert pack is not None and pack.order_number == "WEB-7"


def test_validate_and_allocate_on_the_command_line(db: Database, tmp_path: Path, capsys) -> None:
    from app.cli.main import main
    stock_up(db, tmp_path, "sku,location,quantity\nMUG-BLUE-350,A-01-1,0\n")
    import_orders(db, tmp_path, order_row("WEB-1", quantity=2))
    with db.write() as session:  # the mugs arrive without a stock import (counted by hand)
        session.execute(update(Stock).values(quantity=5))
    assert main(["orders", "allocate", "--all", "--database", db.url]) == 0
    assert capsys.readouterr().out.splitlines() == ["WEB-1          allocated      2 unit(s) held",
                                                    "1 order(s) allocated or waiting for stock"]
    assert main(["orders", "validate", "--database", db.url]) == 2
    assert "Name the orders to validate or give --all" in capsys.readouterr().err
