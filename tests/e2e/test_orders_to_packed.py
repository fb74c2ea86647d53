"""End to end with the Qt station: a user's own CSV files (not demo data) imported with
`packdesk import`, the orders validated and allocated by the import, waved with `packdesk
waves create`, picked on the picker screen by scanning, then packed at the same station by a
packer scanning the tote - the order ends packed, its stock picked in the ledger."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import select

from app.cli.main import main
from app.commands import Command
from app.store.models import Location, Order, Stock, StockHold
from app.store.session import Database
from tests.ui.data import ean13
from tests.ui.helpers import scan

MUG, TEA = ean13("400638133393"), ean13("401500001111")
FILES = {
    "catalog": ("sku,name,gtin,length_mm,width_mm,height_mm,weight_g,price\n"
                f"MUG-BLUE-350,Blue mug 350 ml,{MUG},120,90,100,350,12.50\n"
                f"TEA-GREEN-50,Green tea 50 bags,{TEA},80,60,120,110,4.20\n"),
    "locations": "code,zone,walk_sequence\nA-01-1,dry,10\nA-01-2,dry,20\nB-04-1,dry,40\n",
    "stock": "sku,location,quantity\nMUG-BLUE-350,A-01-2,6\nTEA-GREEN-50,B-04-1,9\n",
    "boxes": ("code,name,inner_length_mm,inner_width_mm,inner_height_mm,outer_length_mm,outer_width_mm,"
              "outer_height_mm,tare_g,max_load_g,cost,barcode\nM,Medium carton,300,250,200,310,260,210,200,10000,"
              "0.60,BOX-M\n"),
    "users": ("username,display_name,role,badge_code,pin\nkim,Kim Picker,picker,BADGE-KIM,\n"
              "lee,Lee Packer,packer,BADGE-LEE,\n"),
    "orders": ("order_number,priority,sla_due_at,email,financial_status,shipping_total,ship_name,ship_address1,"
               "ship_postcode,ship_city,ship_country,sku,quantity,carrier\n"
               "SHOP-77,0,2025-03-14T17:00:00+00:00,ada@example.org,paid,4.90,Ada Lovelace,Lagerstrasse 1,20095,"
               "Hamburg,DE,MUG-BLUE-350,2,dhl\n"
               "SHOP-77,0,2025-03-14T17:00:00+00:00,ada@example.org,paid,4.90,Ada Lovelace,Lagerstrasse 1,20095,"
               "Hamburg,DE,TEA-GREEN-50,1,dhl\n"),
}


def test_a_users_csv_imported_waved_picked_on_screen_and_packed(qtbot, make_station, sqlite_template, tmp_path,
                                                               capsys) -> None:
    path = tmp_path / "own.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    for kind, text in FILES.items():
        (tmp_path / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert main(["import", kind, str(tmp_path / f"{kind}.csv"), "--database", url]) == 0, capsys.readouterr()
    capsys.readouterr()
    with Database(url) as db, db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "SHOP-77")) == "allocated"
    assert main(["waves", "create", "--strategy", "batch", "--json", "--database", url]) == 0
    made = json.loads(capsys.readouterr().out)
    code, tote = made[0]["code"], made[0]["orders"][0]["tote"]

    app = make_station(url=url)
    scan(qtbot, app, "BADGE-KIM")
    assert app.station.step == "pick"
    picker = app.window.screens["pick"]
    scan(qtbot, app, code)
    assert [picker.table.item(r, 1).text() for r in range(picker.table.rowCount())] == ["A-01-2", "B-04-1"]
    for where, items in (("A-01-2", [MUG, MUG]), ("B-04-1", [TEA])):
        assert picker.stop.text() == where
        scan(qtbot, app, where)
        for item in items:
            scan(qtbot, app, item)
    assert picker.title.text() == f"Pick list {code} done"
    scan(qtbot, app, Command.LOGOUT.value)

    scan(qtbot, app, "BADGE-LEE")
    assert app.station.step == "home"
    scan(qtbot, app, tote)  # the tote the wave gave the order names it at packing
    assert app.station.pack is not None and app.station.pack.order_number == "SHOP-77"
    for item in (MUG, MUG, TEA):
        scan(qtbot, app, item)
    scan(qtbot, app, Command.CLOSE_BOX.value)
    scan(qtbot, app, "00" + app.station.pack.parcels[0].sscc)
    assert app.station.pack is None
    with app.db.read() as s:
        assert s.scalar(select(Order.status).where(Order.number == "SHOP-77")) == "packed"
        ledger = s.execute(select(Location.code, StockHold.status).join(Stock, Stock.id == StockHold.stock_id)
                           .join(Location).order_by(Location.code)).all()
    assert [tuple(r) for r in ledger] == [("A-01-2", "picked"), ("B-04-1", "picked")]
