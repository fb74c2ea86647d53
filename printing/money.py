"""Money on documents: Decimal amounts with their currency, rounded to cents half-up."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.translator import phrase
from printing.errors import DocumentError

CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """An amount rounded to cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal, currency: str) -> str:
    """1,234.50 EUR."""
    return f"{cents(amount):,.2f} {currency}"


def require_decimal(document: str, field: str, value: object) -> Decimal:
    """The value when it is a Decimal; floats and others are refused (money is never a float)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise DocumentError(document, field, value,
                            phrase("money must be a finite decimal.Decimal, never a float"))
    return value
