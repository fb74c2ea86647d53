"""The database side of `packdesk boxes suggest --order`: an order's units to pack and the
box catalogue, as the box search's own Unit and BoxType values."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.boxing import BoxingError
from app.boxing.files import box_from_row, units_from_lines
from app.boxing.model import BoxType, Unit
from app.store.models import Box, Order, Product
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)


def order_units(db: Database, number: str) -> list[Unit]:
    """The units still to pack of order `number` (backordered ones left out), with their rules."""
    with db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)
                                .options(selectinload(Order.lines))).one_or_none()
        if order is None:
            raise BoxingError(phrase("order %(number)s is not in the database at %(url)s; check the number",
                                     number=number, url=db.safe_url))
        pairs = []
        for line in sorted(order.lines, key=lambda ln: ln.line_no):
            qty = line.quantity - (line.backordered_quantity or 0)
            if qty <= 0:
                continue
            product = session.get(Product, line.product_id) if line.product_id else None
            if product is None:
                product = session.scalars(select(Product).where(Product.sku == line.sku)).one_or_none()
            if product is None:
                raise BoxingError(phrase("order %(number)s line %(line)s: SKU %(sku)s is not in the catalogue",
                                         number=number, line=line.line_no, sku=line.sku))
            pairs.append((product, qty))
        if not pairs:
            raise BoxingError(phrase("order %(number)s has no units to pack", number=number))
        return units_from_lines(pairs)


def box_catalogue(db: Database) -> list[BoxType]:
    """Every box of the catalogue, by code."""
    with db.read() as session:
        return [box_from_row(b) for b in session.scalars(select(Box).order_by(Box.code))]
