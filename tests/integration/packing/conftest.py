"""A small warehouse for the packing tests: mugs, headphones, vitamins, three boxes, a packer
and a supervisor, and picked orders waiting to be packed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.store.models import Address, Box, Customer, Order, OrderLine, Product, ProductBarcode, User
from app.store.session import Database
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.ports import Scan

MUG_EAN = "4006381333931"
MUG_CASE = "14006381333938"  # a case of 6 mugs
TEAPOT_EAN = "5012345678900"
HEADPHONES_EAN = "0885909950805"
VITAMINS_EAN = "4015000011112"
ACK = "PD-CMD-ACK"
UNDO = "PD-CMD-UNDO"


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.at = datetime(2025, 3, 14, 9, 30, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.at


@dataclass
class Warehouse:
    db: Database
    clock: FixedClock

    def service(self, station: str = "PACK-01", **settings: object) -> PackingService:
        return PackingService(self.db, station, PackingSettings(station_code=station, **settings), self.clock)  # type: ignore[arg-type]


def scan(data: str, symbology: str | None = None) -> Scan:
    return Scan(data, symbology, source="test")


def add_order(db: Database, number: str, lines: list[tuple[str, int]], *, tote: str | None = None,
              priority: int = 0, status: str = "picked") -> None:
    with db.write() as session:
        customer = Customer(name="Ada Lovelace", email=f"ada+{number}@example.org")
        ship_to = Address(name="Ada Lovelace", line1="12 St James's Square", postcode="SW1Y 4JH",
                          city="London", country="GB")
        order = Order(number=number, status=status, customer=customer, ship_to=ship_to, carrier="Packdesk Post",
                      service_level="express", priority=priority, tote=tote, gift_wrap=True,
                      gift_message="Happy birthday, Ada!",
                      sla_due_at=datetime(2025, 3, 14, 17, 0, tzinfo=timezone.utc) + timedelta(minutes=priority))
        for no, (sku, qty) in enumerate(lines, start=1):
            product = session.query(Product).filter_by(sku=sku).one()
            order.lines.append(OrderLine(line_no=no, product=product, sku=sku, name=product.name, quantity=qty,
                                         unit_price=Decimal("12.50")))
        session.add(order)


@pytest.fixture
def warehouse(db: Database) -> Warehouse:
    with db.write() as session:
        mug = Product(sku="MUG-BLUE-350", name="Blue mug 350 ml", length_mm=120, width_mm=90, height_mm=100,
                      weight_g=350)
        mug.barcodes = [ProductBarcode(code=MUG_EAN, kind="ean"),
                        ProductBarcode(code=MUG_CASE, kind="case", quantity=6)]
        teapot = Product(sku="TEAPOT-RED", name="Red teapot 1 l", length_mm=200, width_mm=150, height_mm=150,
                         weight_g=900)
        teapot.barcodes = [ProductBarcode(code=TEAPOT_EAN)]
        phones = Product(sku="HP-ANC-700", name="Noise-cancelling headphones", length_mm=200, width_mm=180,
                         height_mm=90, weight_g=250, serial_tracked=True)
        phones.barcodes = [ProductBarcode(code=HEADPHONES_EAN, kind="upc")]
        vitamins = Product(sku="VIT-C-100", name="Vitamin C tablets", length_mm=60, width_mm=60, height_mm=110,
                           weight_g=120, lot_tracked=True)
        vitamins.barcodes = [ProductBarcode(code=VITAMINS_EAN)]
        session.add_all([mug, teapot, phones, vitamins])
        session.add_all([
            Box(code="S", name="Small carton", inner_length_mm=250, inner_width_mm=200, inner_height_mm=150,
                outer_length_mm=260, outer_width_mm=210, outer_height_mm=160, tare_g=150, max_load_g=5000,
                cost=Decimal("0.40"), barcode="BOX-S"),
            Box(code="M", name="Medium carton", inner_length_mm=400, inner_width_mm=300, inner_height_mm=250,
                outer_length_mm=410, outer_width_mm=310, outer_height_mm=260, tare_g=300, max_load_g=15000,
                cost=Decimal("0.80"), barcode="BOX-M"),
            Box(code="L", name="Large carton", inner_length_mm=600, inner_width_mm=400, inner_height_mm=400,
                outer_length_mm=610, outer_width_mm=410, outer_height_mm=410, tare_g=600, max_load_g=25000,
                cost=Decimal("1.50"), barcode="BOX-L"),
            User(username="pat", display_name="Pat Packer", role="packer", badge_code="BADGE-PAT"),
            User(username="sam", display_name="Sam Supervisor", role="supervisor", badge_code="BADGE-SAM"),
        ])
    add_order(db, "PD-1042", [("MUG-BLUE-350", 2), ("VIT-C-100", 1)], tote="TOTE-07")
    return Warehouse(db, FixedClock())
