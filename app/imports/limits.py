"""The database columns' limits every import field is checked against (from app.store.limits),
the default maximum quantity of one order line, and what an order number may be."""
from __future__ import annotations

import logging

from app.store.limits import ColumnLimits, column_limits
from app.translator import phrase

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
    if not (number.isascii() and number.isprintable()):  # printable ASCII: characters 32-126
        bad = next(c for c in number if not 32 <= ord(c) <= 126)
        return phrase("order number %(number)s holds %(character)s; order numbers are printed as Code 128 "
                      "barcodes, which carry letters A-Z, digits and ASCII punctuation only",
                      number=repr(number), character=repr(bad))
    if len(number) > ORDER_NUMBER_MAX:
        return phrase("order number %(number)s is %(length)s characters long; at most %(most)s, so that its "
                      "barcode fits on the packing slip", number=repr(number), length=len(number),
                      most=ORDER_NUMBER_MAX)
    return None
