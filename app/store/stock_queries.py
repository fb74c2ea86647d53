"""Stock as a plain read model for `packdesk stock show`: on hand, held, available, per bin."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from app.errors import PackdeskError
from app.store.models import Location, Product, Stock
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)


class UnknownSku(PackdeskError):
    """No product has this SKU."""

    def __init__(self, sku: str) -> None:
        super().__init__(phrase("No product has SKU %(sku)s; check it with `packdesk orders show` or import the "
                                "catalogue.", sku=repr(sku)))


@dataclass(frozen=True)
class BinStock:
    """A product's stock at one bin."""

    location: str
    zone: str
    on_hand: int
    held: int
    available: int
    lot: str | None
    expiry: str | None  # ISO date


@dataclass(frozen=True)
class StockSummary:
    """A product's stock over all its bins."""

    sku: str
    name: str
    on_hand: int
    held: int
    available: int
    bins: list[BinStock] = field(default_factory=list)
    restock_date: str | None = None  # ISO date of the next delivery, when known


def stock_of(db: Database, sku: str) -> StockSummary:
    """The SKU's stock, bins in walking order; UnknownSku if no product has it."""
    with db.read() as session:
        product = session.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            raise UnknownSku(sku)
        rows = session.execute(select(Stock, Location).join(Location, Location.id == Stock.location_id)
                               .where(Stock.product_id == product.id)
                               .order_by(Location.walk_sequence, Location.code)).all()
        bins = [BinStock(loc.code, loc.zone, s.quantity, s.allocated, max(0, s.quantity - s.allocated), s.lot,
                         s.expiry.isoformat() if s.expiry else None) for s, loc in rows]
        return StockSummary(product.sku, product.name, sum(b.on_hand for b in bins), sum(b.held for b in bins),
                            sum(b.available for b in bins), bins,
                            product.restock_date.isoformat() if product.restock_date else None)
