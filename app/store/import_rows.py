"""The rows an import hands the store to write: plain data named by the models' columns.

app/imports builds them while it checks a file (no SQL there); app/store/imports.py writes
them. They live here, beside the writer, so that the store never imports app/imports.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class ProductRow:
    """A product of the catalogue file: its columns and its barcodes (code, kind, quantity)."""

    line: int
    values: dict[str, Any]
    barcodes: list[tuple[str, str, int]]


@dataclass
class KeyedRow:
    """A box or location (key: its code) or a stock level (key: (SKU, location code))."""

    line: int
    key: Any
    values: dict[str, Any]


@dataclass
class UserRow:
    """A user of the users file, with the PIN as typed (the store keeps only its hash)."""

    line: int
    values: dict[str, Any]
    pin: str | None


@dataclass
class OrderDraft:
    """One order as the file describes it."""

    number: str
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    address: dict[str, Any] = field(default_factory=dict)
    customer: dict[str, Any] = field(default_factory=dict)
    lines: list[dict[str, Any]] = field(default_factory=list)
    created_at: Any = None
    not_work: str | None = None  # why the channel says it is not work (cancelled, refunded, voided)

    def subtotal(self) -> Decimal:
        """The lines' prices times quantities, less their discounts."""
        return sum(((l["unit_price"] or 0) * (l["quantity"] or 0) - (l["discount"] or 0) for l in self.lines),
                   Decimal(0))

    def wanted(self) -> dict[str, Any]:
        """The order's own column values as the file wants them."""
        values = dict(self.fields, subtotal=self.subtotal())
        if self.created_at is not None:
            values["created_at"] = self.created_at
        return values


@dataclass(frozen=True)
class ProductFacts:
    """What an order import needs to know of a catalogue product."""

    id: int
    name: str
    price: Decimal


@dataclass(frozen=True)
class UserFacts:
    """What a user import needs to know of a user already in the database."""

    username: str
    badge_code: str
    has_pin: bool


def same(a: Any, b: Any) -> bool:
    """Equality as the database stores values: naive timestamps are UTC, and 1.5 == 1.50."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        a = a if a.tzinfo else a.replace(tzinfo=timezone.utc)
        b = b if b.tzinfo else b.replace(tzinfo=timezone.utc)
        return a == b
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return a is not None and b is not None and Decimal(a) == Decimal(b)
        except (TypeError, ArithmeticError):
            return False
    return bool(a == b)


def assign(obj: Any, values: dict[str, Any]) -> bool:
    """Sets only the attributes whose value differs (by `same`); whether anything changed."""
    changed = False
    for name, value in values.items():
        if not same(getattr(obj, name), value):
            setattr(obj, name, value)
            changed = True
    return changed
