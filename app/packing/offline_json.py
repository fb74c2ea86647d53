"""The station's copies for offline packing as JSON (issue 17): what the offline journal keeps of
each order it holds (`OfflineCopy`) and of each person who logged in (`Packer`).

A copy is written as a versioned document, {"format": 1, "copy": {...}}: dataclasses as objects
of their fields, tuples, lists and sets as arrays, dicts as arrays of [key, value] pairs (their
keys are often numbers), dates and times in ISO 8601, enums by value. It is read back by the
types the dataclasses declare (never by a type name in the file), so a journal holds data only:
reading it runs no code of the file's choosing, as reading a pickle would. A document of a
format this station does not know is refused with a message that says what to do.
"""
from __future__ import annotations

import logging
import types
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from app.packing.api import Packer
from app.packing.errors import PackingError
from app.packing.offline import OfflineCopy
from app.packing.scan_rules import Placed, Placements
from app.translator import phrase

log = logging.getLogger(__name__)

COPY_FORMAT = 1  # raise it (and read the older formats here) when OfflineCopy changes incompatibly
T = TypeVar("T")


class CopyUnreadable(PackingError):
    """A journal's copy this station cannot read."""


def copy_document(copy: OfflineCopy) -> dict[str, Any]:
    """An order's copy as the journal keeps it."""
    return {"format": COPY_FORMAT, "copy": to_json(copy)}


def copy_from_document(document: dict[str, Any]) -> OfflineCopy:
    """The copy a journal document holds; CopyUnreadable when its format is not one this station reads."""
    return _read(document, "copy", OfflineCopy)


def person_document(person: Packer) -> dict[str, Any]:
    """Someone who logged in here, as the journal keeps them."""
    return {"format": COPY_FORMAT, "person": to_json(person)}


def person_from_document(document: dict[str, Any]) -> Packer:
    """The person a journal document holds."""
    return _read(document, "person", Packer)


def _read(document: dict[str, Any], what: str, kind: type[T]) -> T:
    version = document.get("format") if isinstance(document, dict) else None
    if version != COPY_FORMAT or what not in document:
        raise CopyUnreadable(phrase("The offline journal holds a %(what)s in format %(format)s, which this version of "
                                    "Packdesk does not read (it reads format %(known)s). Sync the journal with the "
                                    "version that wrote it, or move the journal file aside.",
                                    what=what, format=repr(version), known=COPY_FORMAT))
    try:
        return from_json(kind, document[what])
    except (KeyError, TypeError, ValueError) as exc:
        raise CopyUnreadable(phrase("The offline journal's %(what)s cannot be read (%(error)s); move the journal "
                                    "file aside.", what=what, error=str(exc))) from exc


def to_json(value: Any) -> Any:
    """A value of the copy as JSON-ready data."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Enum):
        return to_json(value.value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Placements):
        return [to_json(p) for p in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value) if f.init}
    if isinstance(value, dict):
        return [[to_json(k), to_json(v)] for k, v in value.items()]
    if isinstance(value, (frozenset, set)):
        return sorted((to_json(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not kept in an offline copy")


def from_json(kind: Any, data: Any) -> Any:
    """The value of declared type `kind` that `to_json` wrote as `data`."""
    origin, args = get_origin(kind), get_args(kind)
    if kind is Any:
        return data
    if origin in (Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        real = [a for a in args if a is not type(None)]
        if len(real) != 1:
            raise TypeError(f"cannot read {kind} from an offline copy")
        return from_json(real[0], data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], v) for v in data)
        return tuple(from_json(a, v) for a, v in zip(args, data, strict=True))
    if origin in (list, frozenset, set):
        return origin(from_json(args[0], v) for v in data)
    if origin is dict:
        return {from_json(args[0], k): from_json(args[1], v) for k, v in data}
    if kind is Placements:
        return Placements.of(from_json(Placed, p) for p in data)
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):  # a NamedTuple
        hints = _hints(kind)
        return kind(*(from_json(hints[name], v) for name, v in zip(kind._fields, data, strict=True)))
    if isinstance(kind, type) and is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{f.name: from_json(hints[f.name], data[f.name]) for f in fields(kind)
                       if f.init and f.name in data})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    if kind is Decimal:
        return Decimal(data)
    if kind in (bool, int, str) and not isinstance(data, kind):
        raise TypeError(f"{data!r} is not a {kind.__name__}")
    if kind is float:
        return float(data)
    if kind in (bool, int, str):
        return data
    raise TypeError(f"cannot read {kind} from an offline copy")


@cache
def _hints(kind: type) -> dict[str, Any]:
    from app.boxing.model import Parcel as BoxParcel  # app.packing.api names it for type checkers only

    return get_type_hints(kind, localns={"BoxParcel": BoxParcel})
