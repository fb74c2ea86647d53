"""Reading import files into records that remember their line, and parsing their fields."""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.identifiers import gs1_check_digit
from app.imports.errors import ImportFormatError, RowProblem
from app.imports.limits import LIMITS
from app.translator import phrase

log = logging.getLogger(__name__)

FORMATS = ("csv", "json", "shopify")
TRUE = {"1", "true", "yes", "y", "x"}
FALSE = {"", "0", "false", "no", "n"}
# Numbers are written with the digits 0-9 only: int() and Decimal() would also take "1_000",
# "+3", Arabic-Indic and full-width digits, which a person rarely means in a warehouse file.
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
DECIMAL_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


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
        raise ImportFormatError(phrase("%(path)s does not exist; give the path of the file to import.", path=str(path))) from None
    except IsADirectoryError:
        raise ImportFormatError(phrase("%(path)s is a folder; give the path of the file to import.", path=str(path))) from None
    except PermissionError:
        raise ImportFormatError(phrase("%(path)s cannot be read by this user; check its permissions.", path=str(path))) from None
    except OSError as exc:
        raise ImportFormatError(phrase("%(path)s cannot be read (%(why)s).", path=str(path), why=str(exc.strerror or exc))) from None
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            phrase("%(path)s is not UTF-8 text (byte %(byte)s); save it as UTF-8 CSV or JSON and try again.",
                   path=str(path), byte=exc.start)
        ) from None


def read_csv(text: str, source: str = "the file") -> tuple[list[str], list[Record]]:
    """The header and the records of CSV text; blank lines are skipped. A quote that never
    closes (or a stray one after a closing quote) is ImportFormatError naming its line: a
    lenient reader would swallow every following row into that one field."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Record] = []
    header: list[str] = []
    named = False
    last = 0
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not header and start == 1:
                header = [h.strip() for h in row]
                named = all(header)  # every column has a name: a row as long as the header is zipped
                continue
            if not any(cell.strip() for cell in row):
                continue
            if named and len(row) == len(header):
                values = dict(zip(header, row))
            else:
                values = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header) if name}
            if len(row) > len(header):
                values["__extra__"] = row[len(header):]
            records.append(Record(start, values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ImportFormatError(
                phrase("%(source)s: line %(line)s: a field is longer than %(limit)s characters, "
                       "the most one field may hold: a quote (\") that opens a field and never closes makes the rest "
                       "of the file one field; close it, or shorten the field, and import again.",
                       source=source, line=last + 1, limit=format(csv.field_size_limit(), ","))
            ) from None
        raise ImportFormatError(
            phrase("%(source)s: line %(line)s: %(error)s: a field that starts with a quote (\") must end with "
                   "one, and a quote inside it is written twice (\"\"); fix that line and import again.",
                   source=source, line=last + 1, error=str(exc))
        ) from None
    return header, records


def read_json(text: str, source: str) -> list[Record]:
    """The objects of a JSON array, each with the line its `{` is on."""
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise ImportFormatError(phrase("%(source)s: a JSON import is an array of objects, [ {...}, ... ].", source=source))
    pos = _skip(text, pos + 1)
    records: list[Record] = []
    while pos < len(text) and text[pos] != "]":
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(phrase("%(source)s: not valid JSON at line %(line)s: %(error)s.", source=source, line=exc.lineno, error=exc.msg)) from None
        except RecursionError:
            raise ImportFormatError(phrase("%(source)s: line %(line)s: the JSON is nested too deeply to read; an import "
                                           "record is an object of fields, with lists of objects at most two deep.",
                                           source=source, line=line)) from None
        if not isinstance(value, dict):
            raise ImportFormatError(phrase("%(source)s: line %(line)s: expected an object {...}, got %(got)s.", source=source, line=line, got=type(value).__name__))
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
    """Missing required columns, unknown ones and ones named twice, reported against line 1."""
    if len(header) == 1 and ";" in header[0] and header[0] not in known:
        return [RowProblem(1, phrase("the header %(header)s looks separated by semicolons; save the file as CSV "
                                     "with commas (comma-separated values) and import it again",
                                     header=repr(header[0])))]
    problems = [RowProblem(1, phrase("missing column '%(column)s'", column=c)) for c in sorted(required - set(header))]
    problems += [
        RowProblem(1, phrase("unknown column '%(column)s' (columns are: %(columns)s)", column=c,
                             columns=", ".join(sorted(known))))
        for c in header if c and c not in known
    ]
    problems += duplicate_columns(header)
    return problems


def duplicate_columns(header: list[str]) -> list[RowProblem]:
    """A column named twice: which of its values counts would be a guess."""
    first: dict[str, int] = {}
    problems = []
    for n, name in enumerate(header, 1):
        if name and name in first:
            problems.append(RowProblem(1, phrase("column '%(column)s' appears twice (columns %(first)s and %(second)s)",
                                                  column=name, first=first[name], second=n)))
        first.setdefault(name, n)
    return problems


def valid_gtin(code: str) -> bool:
    """Whether `code` is a GTIN-8/12/13/14 with a correct check digit."""
    return code.isascii() and code.isdigit() and len(code) in (8, 12, 13, 14) and \
        gs1_check_digit(code[:-1]) == int(code[-1])


# Fields that may hold line breaks and tabs; every other field is one line on a label or a
# slip, where a control character would print as an empty box or break the layout.
MULTILINE_FIELDS = frozenset({"notes", "gift_message", "special_packaging"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@functools.lru_cache(maxsize=None)  # asked for every field of every row
def _column_length(column: str) -> int | None:
    """The most characters the "table.column" holds."""
    return LIMITS.text(*column.split("."))


@functools.lru_cache(maxsize=None)
def _integer_range(column: str) -> tuple[int | None, int | None]:
    """The smallest and largest whole number the "table.column" holds."""
    return LIMITS.integer(*column.split("."))


@functools.lru_cache(maxsize=None)
def _decimal_digits(column: str) -> tuple[int, int]:
    """The "table.column"'s digits in all and after the point (its Numeric's precision and scale)."""
    return LIMITS.decimal(*column.split("."))


def _control_character(text: str, multiline: bool) -> str | None:
    """The first control character of `text` (line breaks and tabs allowed when multiline)."""
    found = (_CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return found.group() if found else None


class Row:
    """Typed access to one record's fields; every bad field adds a problem and gives None."""

    def __init__(self, record: Record, problems: list[RowProblem]) -> None:
        self.line = record.line
        self.values = record.values
        self._problems = problems
        self.ok = True
        self._refused: set[str] = set()  # fields reported by raw(), read as empty from then on

    def problem(self, reason: str) -> None:
        """Reports a problem with this row."""
        self.ok = False
        self._problems.append(RowProblem(self.line, reason))

    def missing(self, name: str) -> None:
        """Reports a required field as missing, unless it was refused already (then it reads as empty)."""
        if name not in self._refused:
            self.problem(phrase("%(field)s is missing", field=name))

    def raw(self, name: str) -> str:
        """The field as text, stripped; a JSON object or list is a problem (and empty)."""
        return self._clean(name, self.values.get(name))

    def _clean(self, name: str, value: Any) -> str:
        """raw() of the field's value as read."""
        if type(value) is str:
            text = value.strip()
            if text.isprintable():
                return text  # no control character (every one is unprintable): the common case, without the search
        elif value is None:
            return ""
        return self._unusual(name, value)

    def _unusual(self, name: str, value: Any) -> str:
        """raw() of a field that is not printable text: a JSON true/false, number, object or list,
        or text holding a control character (a problem, read as empty from then on)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            self.problem(phrase("%(field)s must be text, not a JSON object or list", field=name))
            self.values[name] = None  # reported once, however often the field is read
            self._refused.add(name)
            return ""
        text = str(value).strip()
        control = _control_character(text, multiline=name in MULTILINE_FIELDS)
        if control is not None:
            what = phrase("a NUL character (\\x00)") if control == "\x00" else \
                phrase("the control character %(character)s", character=repr(control))
            self.problem(phrase("%(field)s holds %(what)s; remove it", field=name, what=what) if name in MULTILINE_FIELDS
                         else phrase("%(field)s holds %(what)s; remove it (line breaks belong in notes and gift_message "
                                     "only)", field=name, what=what))
            self.values[name] = None
            self._refused.add(name)
            return ""
        return text

    def text(self, name: str, *, required: bool = False, max_len: int | None = None,
             default: str | None = None, column: str | None = None) -> str | None:
        """A text field; `column` ("table.column") bounds its length by what the column holds."""
        value = self.values.get(name)  # most fields of a file are absent or empty: no more to do
        value = self._clean(name, value) if value is not None else ""  # a control character is refused there
        if not value:
            if required:
                self.missing(name)
            return default
        if column is not None:
            max_len = _column_length(column)
        if max_len is not None and len(value) > max_len:
            self.problem(phrase("%(field)s is %(length)s characters long; at most %(most)s allowed", field=name,
                                length=len(value), most=max_len))
            return None
        return value

    def integer(self, name: str, *, required: bool = False, minimum: int | None = None,
                default: int | None = None, column: str | None = None, maximum: int | None = None,
                why_maximum: str = "") -> int | None:
        """A whole number written with 0-9; `column` bounds it by the column's integer type."""
        value = self.values.get(name)  # most fields of a file are absent or empty: no more to do
        value = self._clean(name, value) if value is not None else ""
        if not value:
            if required:
                self.missing(name)
            return default
        if not WHOLE_NUMBER.fullmatch(value):
            self.problem(phrase("%(field)s %(value)s is not a whole number", field=name, value=repr(value)))
            return None
        number = int(value)
        if minimum is not None and number < minimum:
            self.problem(phrase("%(field)s %(number)s is negative", field=name, number=number)
                         if minimum == 0 and number < 0 else
                         phrase("%(field)s %(number)s is less than %(low)s", field=name, number=number, low=minimum))
            return None
        low, high = _integer_range(column) if column else (None, None)
        if maximum is not None and (high is None or maximum < high):
            high = maximum
        else:
            why_maximum = ""
        if high is not None and number > high:
            self.problem(phrase("%(field)s %(number)s is more than %(high)s%(why)s", field=name, number=number,
                                high=high, why=why_maximum))
            return None
        if low is not None and number < low:
            self.problem(phrase("%(field)s %(number)s is less than %(low)s", field=name, number=number, low=low))
            return None
        return number

    def decimal(self, name: str, *, required: bool = False, minimum: Decimal | None = Decimal(0),
                default: Decimal | None = None, column: str | None = None) -> Decimal | None:
        """A decimal written with 0-9 and a point; `column` bounds its digits by the column's Numeric."""
        value = self.values.get(name)  # most fields of a file are absent or empty: no more to do
        value = self._clean(name, value) if value is not None else ""
        if not value:
            if required:
                self.missing(name)
            return default
        if not DECIMAL_NUMBER.fullmatch(value):
            self.problem(phrase("%(field)s %(value)s is not a decimal number (write it like 12.50)", field=name,
                                value=repr(value)))
            return None
        number = Decimal(value)
        if minimum is not None and number < minimum:
            self.problem(phrase("%(field)s %(value)s is negative", field=name, value=value) if minimum == 0 else
                         phrase("%(field)s %(value)s is below %(low)s", field=name, value=value, low=minimum))
            return None
        if column is not None:
            precision, scale = _decimal_digits(column)
            # the digits as written (DECIMAL_NUMBER's form): leading zeros before the point and
            # trailing ones after it do not count
            whole, _, fraction = value.lstrip("-").partition(".")
            if len(fraction.rstrip("0")) > scale:
                self.problem(phrase("%(field)s %(value)s has more than %(scale)s decimal places", field=name,
                                    value=value, scale=scale))
                return None
            if len(whole.lstrip("0")) > precision - scale:
                self.problem(phrase("%(field)s %(value)s has too many digits before the point (at most %(most)s)",
                                    field=name, value=value, most=precision - scale))
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
        self.problem(phrase("%(field)s %(value)s is not yes/no (use true or false)", field=name, value=repr(value)))
        return default

    def timestamp(self, name: str, *, required: bool = False) -> datetime | None:
        value = self.raw(name)
        if not value:
            if required:
                self.missing(name)
            return None
        parsed = parse_timestamp(value)
        if parsed is None:
            self.problem(phrase("%(field)s %(value)s is not a date and time (write 2026-11-20T14:30:00+01:00)",
                                field=name, value=repr(value)))
        return parsed

    def gtin(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw(name)
        if not value:
            if required:
                self.missing(name)
            return None
        if not (value.isascii() and value.isdigit() and len(value) in (8, 12, 13, 14)):
            self.problem(phrase("%(field)s %(value)s is not a GTIN (8, 12, 13 or 14 digits)", field=name,
                                value=repr(value)))
            return None
        if not valid_gtin(value):
            expected = gs1_check_digit(value[:-1])
            self.problem(phrase("%(field)s %(value)s has a bad check digit (should end in %(digit)s)", field=name,
                                value=value, digit=expected))
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
