"""What each database column can hold, read from the models' metadata: the one source of the
length, range and precision checks an import makes (app/imports reads them as plain numbers).

PostgreSQL refuses a value that does not fit (and SQLite stores it anyway), so an import
checks every field against these limits first and names the line instead.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import BigInteger, Integer, Numeric, SmallInteger, String

from app.store.models import Base

log = logging.getLogger(__name__)

INT4 = (-2**31, 2**31 - 1)
INT8 = (-2**63, 2**63 - 1)
INT2 = (-2**15, 2**15 - 1)


@dataclass(frozen=True)
class ColumnLimits:
    """Per "table.column": characters of a String, the range of an integer, the digits of a Numeric."""

    lengths: dict[str, int]
    ranges: dict[str, tuple[int, int]]
    digits: dict[str, tuple[int, int]]  # (precision, scale)

    def text(self, table: str, column: str) -> int | None:
        """The most characters the column holds (None: unbounded text)."""
        return self.lengths.get(f"{table}.{column}")

    def integer(self, table: str, column: str) -> tuple[int, int]:
        """The lowest and highest value of an integer column."""
        return self.ranges[f"{table}.{column}"]

    def decimal(self, table: str, column: str) -> tuple[int, int]:
        """(precision, scale) of a Numeric column: all digits, and those after the point."""
        return self.digits[f"{table}.{column}"]


def column_limits() -> ColumnLimits:
    """The limits of every column of the central database's tables."""
    lengths: dict[str, int] = {}
    ranges: dict[str, tuple[int, int]] = {}
    digits: dict[str, tuple[int, int]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            key = f"{table.name}.{column.name}"
            kind = column.type
            if isinstance(kind, String) and kind.length is not None:
                lengths[key] = kind.length
            elif isinstance(kind, BigInteger):
                ranges[key] = INT8
            elif isinstance(kind, SmallInteger):
                ranges[key] = INT2
            elif isinstance(kind, Integer):
                ranges[key] = INT4
            elif isinstance(kind, Numeric) and kind.precision is not None:
                digits[key] = (kind.precision, kind.scale or 0)
    return ColumnLimits(lengths, ranges, digits)
