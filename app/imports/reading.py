"""Reading import files into records that remember their line, and parsing their fields."""
from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.identifiers import gs1_check_digit
from app.imports.errors import ImportFormatError, RowProblem

log = logging.getLogger(__name__)

FORMATS = ("csv", "json", "shopify")
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}


@dataclass
class Record:
    """One row (CSV) or object (JSON) of an import file, with the line it starts on."""

    line: int
    values: dict[str, Any]


def guess_format(path: Path) -> str:
    """csv or json, from the file name."""
    return "json" if path.suffix.lower() == ".json" else "csv"


def read_text(path: Path) -> str:
    """The file's text (UTF-8, with or without a BOM), or ImportFormatError."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportFormatError(f"{path} does not exist; give the path of the file to import.") from None
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV or JSON and try again."
        ) from None


def read_csv(text: str) -> tuple[list[str], list[Record]]:
    """The header and the records of CSV text; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], []
    records: list[Record] = []
    last = reader.line_num
    for row in reader:
        start, last = last + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name}
        if len(row) > len(header):
            values["__extra__"] = row[len(header):]
        records.append(Record(start, values))
    return header, records


def read_json(text: str, source: str) -> list[Record]:
    """The objects of a JSON array, each with the line its `{` is on."""
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise ImportFormatError(f"{source}: a JSON import is an array of objects, [ {{...}}, ... ].")
    pos = _skip(text, pos + 1)
    records: list[Record] = []
    while pos < len(text) and text[pos] != "]":
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"{source}: not valid JSON at line {exc.lineno}: {exc.msg}.") from None
        if not isinstance(value, dict):
            raise ImportFormatError(f"{source}: line {line}: expected an object {{...}}, got {type(value).__name__}.")
        records.append(Record(line, value))
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
    return records


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def check_columns(header: list[str], known: set[str], required: set[str]) -> list[RowProblem]:
    """Missing required columns and unknown ones, reported against line 1."""
    problems = [RowProblem(1, f"missing column '{c}'") for c in sorted(required - set(header))]
    problems += [
        RowProblem(1, f"unknown column '{c}' (columns are: {', '.join(sorted(known))})")
        for c in header if c and c not in known
    ]
    return problems


def valid_gtin(code: str) -> bool:
    """Whether `code` is a GTIN-8/12/13/14 with a correct check digit."""
    return code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14) and \
        gs1_check_digit(code[:-1]) == int(code[-1])


class Row:
    """Typed access to one record's fields; every bad field adds a problem and gives None."""

    def __init__(self, record: Record, problems: list[RowProblem]) -> None:
        self.line = record.line
        self.values = record.values
        self._problems = problems
        self.ok = True

    def problem(self, reason: str) -> None:
        """Reports a problem with this row."""
        self.ok = False
        self._problems.append(RowProblem(self.line, reason))

    def raw(self, name: str) -> str:
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value).strip()

    def text(self, name: str, *, required: bool = False, max_len: int | None = None,
             default: str | None = None) -> str | None:
        value = self.raw(name)
        if not value:
            if required:
                self.problem(f"{name} is missing")
            return default
        if max_len is not None and len(value) > max_len:
            self.problem(f"{name} is {len(value)} characters long; at most {max_len} allowed")
            return None
        return value

    def integer(self, name: str, *, required: bool = False, minimum: int | None = None,
                default: int | None = None) -> int | None:
        value = self.raw(name)
        if not value:
            if required:
                self.problem(f"{name} is missing")
            return default
        try:
            number = int(value)
        except ValueError:
            self.problem(f"{name} {value!r} is not a whole number")
            return None
        if minimum is not None and number < minimum:
            what = "negative" if minimum == 0 and number < 0 else f"less than {minimum}"
            self.problem(f"{name} {number} is {what}")
            return None
        return number

    def decimal(self, name: str, *, required: bool = False, minimum: Decimal | None = Decimal(0),
                default: Decimal | None = None) -> Decimal | None:
        value = self.raw(name)
        if not value:
            if required:
                self.problem(f"{name} is missing")
            return default
        try:
            number = Decimal(value)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(f"{name} {value!r} is not a decimal number (write it like 12.50)")
            return None
        if minimum is not None and number < minimum:
            self.problem(f"{name} {value} is negative" if minimum == 0 else f"{name} {value} is below {minimum}")
            return None
        return number

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self.raw(name).lower()
        if not value:
            return default
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        self.problem(f"{name} {value!r} is not yes/no (use true or false)")
        return default

    def timestamp(self, name: str, *, required: bool = False) -> datetime | None:
        value = self.raw(name)
        if not value:
            if required:
                self.problem(f"{name} is missing")
            return None
        parsed = parse_timestamp(value)
        if parsed is None:
            self.problem(f"{name} {value!r} is not a date and time (write 2026-11-20T14:30:00+01:00)")
        return parsed

    def gtin(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw(name)
        if not value:
            if required:
                self.problem(f"{name} is missing")
            return None
        if not (value.isascii() and value.isdigit() and len(value) in (8, 12, 13, 14)):
            self.problem(f"{name} {value!r} is not a GTIN (8, 12, 13 or 14 digits)")
            return None
        if not valid_gtin(value):
            expected = gs1_check_digit(value[:-1])
            self.problem(f"{name} {value} has a bad check digit (should end in {expected})")
            return None
        return value


def parse_timestamp(value: str) -> datetime | None:
    """An aware UTC datetime from ISO 8601 or Shopify's '2026-11-20 14:30:00 +0100'; naive means UTC."""
    for attempt in (lambda v: datetime.fromisoformat(v),
                    lambda v: datetime.strptime(v, "%Y-%m-%d %H:%M:%S %z")):
        try:
            parsed = attempt(value)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)
    return None
