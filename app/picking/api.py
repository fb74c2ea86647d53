"""What the picker's flow needs from the use cases (PickingService implements it on the
database; the unit tests give it a fake)."""
from __future__ import annotations

from typing import Protocol

from app.orders.picking import PickSheet, Short


class PickingApi(Protocol):
    def sheet(self, code: str) -> PickSheet:
        """The wave's pick list as it stands (PickListNotFound, NotAWaveList)."""
    def pick(self, code: str, line_id: int, units: int, user: str) -> PickSheet:
        """Units of a line picked; the list as it stands after."""
    def short(self, code: str, line_id: int, found: int, user: str) -> tuple[Short, PickSheet]:
        """A short pick at the line's bin; what it did and the list after (with any new lines)."""
    def product_of(self, barcode: str) -> tuple[int, int] | None:
        """The product a barcode means and how many units it counts, or None."""
