"""The database side of loading the demo: is the database empty."""
from __future__ import annotations

import logging

from sqlalchemy import func, select

from app.store.models import Order, Product
from app.store.session import Database

log = logging.getLogger(__name__)


def is_empty(db: Database) -> bool:
    """Whether the database has neither products nor orders."""
    with db.read() as session:
        return not (session.scalar(select(func.count()).select_from(Product))
                    or session.scalar(select(func.count()).select_from(Order)))
