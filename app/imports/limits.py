"""The database columns' limits every import field is checked against (from app.store.limits),
the default maximum quantity of one order line, and what an order number may be."""
from __future__ import annotations

import logging

from app.store.limits import ColumnLimits, column_limits

log = logging.getLogger(__name__)

LIMITS: ColumnLimits = column_limits()

# The most units one order line may hold unless [imports] max_line_quantity says otherwise: far
# more than a packing bench sees, far less than what would stall the box suggestion.
DEFAULT_MAX_LINE_QUANTITY = 10_000

# An order number is printed as a Code 128 barcode on the packing slip: printable ASCII only,
# and short enough that the barcode fits beside the address on A4 and Letter whatever the
# characters (tests/integration/test_order_numbers_print.py renders the longest).
ORDER_NUMBER_MAX = 23


def order_number_problem(number: str) -> str | None:
    """Why `number` cannot be an order number, or None when it can."""
    bad = [c for c in number if not 32 <= ord(c) <= 126]
    if bad:
        return (f"order number {number!r} holds {bad[0]!r}; order numbers are printed as Code 128 "
                "barcodes, which carry letters A-Z, digits and ASCII punctuation only")
    if len(number) > ORDER_NUMBER_MAX:
        return (f"order number {number!r} is {len(number)} characters long; at most {ORDER_NUMBER_MAX}, "
                "so that its barcode fits on the packing slip")
    return None
