"""Memorable station test data, inserted with the models directly (the demo loader may not
exist yet): Alice packs, Sam supervises, order PD-1001 is a gift of mugs and pens."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from app.store.models import Address, Box, Customer, Order, OrderLine, Product, ProductBarcode, User
from app.store.session import Database


def ean13(first12: str) -> str:
    """A 13-digit EAN with its check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


MUG = ean13("400638133393")
MUG_CASE = ean13("400638133394")  # a case of 6 mugs
PEN = ean13("400638100001")
LAMP = ean13("400638100002")  # known, never ordered here
ALICE_BADGE = "BADGE-ALICE"
BOB_BADGE = "BADGE-BOB"
SAM_BADGE = "BADGE-SAM"
SAM_PIN = "4321"
BOX_S, BOX_M, BOX_L = "BOX-S", "BOX-M", "BOX-L"


def _pin_hash(pin: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(pin)


def seed(db: Database, orders: int = 3, mugs: int = 2, pens: int = 1) -> None:
    """Products, boxes, three users and `orders` picked orders PD-1001, PD-1002 ..."""
    with db.write() as s:
        mug = Product(sku="MUG-BLUE", name="Blue mug", length_mm=120, width_mm=90, height_mm=100, weight_g=350,
                      price=Decimal("12.50"))
        pen = Product(sku="PEN-RED", name="Red pen", length_mm=140, width_mm=15, height_mm=15, weight_g=20,
                      price=Decimal("1.20"))
        lamp = Product(sku="LAMP-GREEN", name="Green lamp", length_mm=300, width_mm=200, height_mm=200,
                       weight_g=1500, price=Decimal("40"))
        s.add_all([mug, pen, lamp])
        s.flush()
        s.add_all([ProductBarcode(product_id=mug.id, code=MUG, kind="ean"),
                   ProductBarcode(product_id=mug.id, code=MUG_CASE, kind="case", quantity=6),
                   ProductBarcode(product_id=pen.id, code=PEN, kind="ean"),
                   ProductBarcode(product_id=lamp.id, code=LAMP, kind="ean")])
        for code, inner, tare, load in ((BOX_S, (200, 150, 100), 100, 5000), (BOX_M, (300, 250, 200), 200, 10000),
                                        (BOX_L, (500, 400, 300), 400, 20000)):
            s.add(Box(code=code, name=f"Box {code[-1]}", inner_length_mm=inner[0], inner_width_mm=inner[1],
                      inner_height_mm=inner[2], outer_length_mm=inner[0] + 10, outer_width_mm=inner[1] + 10,
                      outer_height_mm=inner[2] + 10, tare_g=tare, max_load_g=load, cost=Decimal("0.5"),
                      barcode=code))
        s.add_all([
            User(username="alice", display_name="Alice", role="packer", badge_code=ALICE_BADGE),
            User(username="bob", display_name="Bob", role="packer", badge_code=BOB_BADGE),
            User(username="sam", display_name="Sam Supervisor", role="supervisor", badge_code=SAM_BADGE,
                 pin_hash=_pin_hash(SAM_PIN)),
        ])
        customer = Customer(name="Grace Hopper", email="grace@example.com")
        s.add(customer)
        s.flush()
        address = Address(customer_id=customer.id, name="Grace Hopper", line1="1 Harbour Road",
                          postcode="10115", city="Berlin", country="DE")
        s.add(address)
        s.flush()
        now = datetime.now(timezone.utc)
        for i in range(orders):
            order = Order(number=f"PD-{1001 + i}", status="picked", priority=10 - i, customer_id=customer.id,
                          ship_to_id=address.id, carrier="Packdesk Post", service_level="standard",
                          sla_due_at=now + timedelta(hours=4 + i), tote=f"TOTE-{i + 1}",
                          gift_wrap=(i == 0), gift_message="Happy birthday, Grace!" if i == 0 else None)
            order.lines = [
                OrderLine(line_no=1, product_id=mug.id, sku="MUG-BLUE", name="Blue mug", quantity=mugs,
                          unit_price=Decimal("12.50")),
                OrderLine(line_no=2, product_id=pen.id, sku="PEN-RED", name="Red pen", quantity=pens,
                          unit_price=Decimal("1.20")),
            ]
            s.add(order)


# The demo data set (resources/demo): its badges, and orders with its longest product names.
DEMO_PACKER, DEMO_SUPERVISOR, DEMO_SUPERVISOR_PIN = "PDU-1001", "PDU-3001", "2468"
DEMO_GIFT_ORDER = "PD-10009"  # gift wrap and a message; "Mechanical keyboard TKL, German layout"
DEMO_LONG_ORDER = "PD-10005"  # "Coffee beans Ethiopia Yirgacheffe 250 g", "Merino socks, size 39-42"
SCREEN_SIZES = ((1920, 1080), (1366, 768), (1280, 1024))
