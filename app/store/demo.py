"""The database side of loading the demo: is the database empty, has it a rate table."""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from app.store.models import Carrier, Order, Product
from app.store.session import Database

log = logging.getLogger(__name__)


def is_empty(db: Database) -> bool:
    """Whether the database has neither products nor orders."""
    with db.read() as session:
        return not (session.scalar(select(func.count()).select_from(Product))
                    or session.scalar(select(func.count()).select_from(Order)))


def has_carriers(db: Database) -> bool:
    """Whether the database has carriers already (a rate table the demo must not change)."""
    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(Carrier)))
