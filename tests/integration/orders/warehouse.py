"""A user's own small warehouse as files: a catalogue, bins, stock and orders in our CSV."""
from __future__ import annotations

from pathlib import Path

from app.imports import import_file
from app.orders.settings import OrderSettings
from app.store.session import Database

CATALOG = ("sku,name,gtin,length_mm,width_mm,height_mm,weight_g,price,lot_tracked\n"
           "MUG-BLUE-350,Blue mug 350 ml,4006381333931,120,90,100,350,12.50,false\n"
           "VIT-C-100,Vitamin C tablets,4015000011112,60,60,110,120,8.00,true\n")
LOCATIONS = "code,zone,walk_sequence\nA-01-1,A,1\nA-01-2,A,2\nC-09-4,C,90\n"
STOCK = "sku,location,quantity\nMUG-BLUE-350,A-01-1,3\nVIT-C-100,A-01-2,5\nVIT-C-100,C-09-4,3\n"
ORDER_HEADER = ("order_number,priority,sla_due_at,email,financial_status,shipping_total,ship_name,ship_address1,"
                "ship_postcode,ship_city,ship_country,sku,quantity\n")


def order_row(number: str, sku: str = "MUG-BLUE-350", quantity: int = 1, *, priority: int = 0,
              sla: str = "2025-03-14T17:00:00+00:00", country: str = "DE", postcode: str = "20095",
              payment: str = "paid") -> str:
    return (f"{number},{priority},{sla},{number.lower()}@example.org,{payment},4.90,Ada Lovelace,Lagerstrasse 1,"
            f"{postcode},Hamburg,{country},{sku},{quantity}\n")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stock_up(db: Database, tmp_path: Path, stock: str = STOCK) -> None:
    """The catalogue, the bins and the stock, imported as a user would."""
    for kind, text in (("catalog", CATALOG), ("locations", LOCATIONS), ("stock", stock)):
        import_file(db, kind, write(tmp_path, f"{kind}.csv", text))


def import_orders(db: Database, tmp_path: Path, rows: str, settings: OrderSettings | None = None,
                  name: str = "orders.csv"):
    return import_file(db, "orders", write(tmp_path, name, ORDER_HEADER + rows), order_settings=settings)
