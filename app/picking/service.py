"""PickingService: the picker's use cases on the central database, each call one unit of work."""
from __future__ import annotations

import logging
import threading

from app.orders import picking
from app.orders.picking import PickSheet, Short
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


class PickingService:
    """app.picking.api.PickingApi on the database."""

    def __init__(self, db: Database, station_code: str) -> None:
        self.db, self.station_code = db, station_code
        self._lock = threading.RLock()

    def sheet(self, code: str) -> PickSheet:
        """The wave's pick list as it stands."""
        with SqlUnitOfWork(self.db) as uow:
            return picking.sheet_in(uow, code)

    def pick(self, code: str, line_id: int, units: int, user: str) -> PickSheet:
        """Units of a line picked, committed."""
        with self._lock, SqlUnitOfWork(self.db) as uow:
            sheet = picking.pick_in(uow, code, line_id, units, user=user)
            uow.commit()
            return sheet

    def short(self, code: str, line_id: int, found: int, user: str) -> tuple[Short, PickSheet]:
        """A short pick, committed: re-allocated, or the order held."""
        with self._lock, SqlUnitOfWork(self.db) as uow:
            done = picking.short_in(uow, code, line_id, found, user=user, station=self.station_code)
            uow.commit()
        return done, self.sheet(code)

    def barcodes_of(self, product_id: int) -> list[tuple[str, int]]:
        """A product's barcodes and the units each counts (the demo panel lists a stop's items)."""
        with SqlUnitOfWork(self.db) as uow:
            return [(b.code, b.quantity) for b in uow.products.barcodes_of({product_id})]

    def open_lists(self, limit: int = 6) -> list[str]:
        """The pick lists with lines still to pick, oldest first (the demo panel offers them)."""
        with SqlUnitOfWork(self.db) as uow:
            return uow.picks.open_lists(limit)

    def product_of(self, barcode: str) -> tuple[int, int] | None:
        """The product a barcode means and its unit count."""
        with SqlUnitOfWork(self.db) as uow:
            found = uow.products.by_barcode({barcode.strip()})
        return None if found is None else (found[0].id, found[1])
