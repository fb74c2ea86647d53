"""A picker, bins and a waved order on top of the station's test data (tests/ui/data.py)."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select

from app.orders import pipeline, waves
from app.orders.settings import OrderSettings
from app.store.models import Location, Order, OrderLine, Product, Stock, User
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

PICKER_BADGE = "BADGE-DMITRI"


def waved_order(db: Database, number: str = "PK-1", mugs: int = 2, pens: int = 1,
                stock: dict[str, int] | None = None, strategy: str = "single") -> str:
    """A picker, three bins (mugs in two of them), an order validated, allocated and put on a
    pick list (one per order unless `strategy` says otherwise): the list's code."""
    stock = {"A-01-1": 2, "A-02-1": 5, "B-01-1": 4} if stock is None else stock
    with db.write() as s:
        if s.scalar(select(User.id).where(User.username == "dmitri")) is None:
            s.add(User(username="dmitri", display_name="Dmitri", role="picker", badge_code=PICKER_BADGE))
        mug = s.scalar(select(Product).where(Product.sku == "MUG-BLUE"))
        pen = s.scalar(select(Product).where(Product.sku == "PEN-RED"))
        bins = {}
        for code, zone, walk in (("A-01-1", "A", 1), ("A-02-1", "A", 2), ("B-01-1", "B", 10)):
            bins[code] = s.scalar(select(Location).where(Location.code == code)) or Location(
                code=code, zone=zone, walk_sequence=walk)
            s.add(bins[code])
        s.flush()
        for code, units in stock.items():
            product = pen if code == "B-01-1" else mug
            s.add(Stock(product_id=product.id, location_id=bins[code].id, quantity=units, allocated=0))
        order = Order(number=number, status="validated", priority=50, carrier="Packdesk Post",
                      created_at=datetime.now(timezone.utc))
        order.lines = [OrderLine(line_no=1, product_id=mug.id, sku="MUG-BLUE", name="Blue mug", quantity=mugs,
                                 unit_price=Decimal("12.50")),
                       OrderLine(line_no=2, product_id=pen.id, sku="PEN-RED", name="Red pen", quantity=pens,
                                 unit_price=Decimal("1.20"))]
        s.add(order)
    pipeline.allocate(SqlUnitOfWork(db), [number], OrderSettings())
    made = waves.create(SqlUnitOfWork(db), strategy)
    return next(m.code for m in made if any(o["number"] == number for o in m.orders))
