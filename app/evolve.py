"""`evolve`: a frozen dataclass with some fields changed, for the scan path.

`dataclasses.replace` re-runs `__init__` through a dict of every field (about 3 us for a
snapshot of twenty fields, five times a scan); a frozen dataclass without `__post_init__`
or slots can be copied by its `__dict__` instead. Unknown field names are refused like
`replace` refuses them.
"""
from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")
_FIELDS: dict[type, frozenset[str]] = {}


def _fields(cls: type) -> frozenset[str]:
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
            raise TypeError(f"evolve() copies plain frozen dataclasses, not {cls.__name__}")
        names = _FIELDS[cls] = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
    return names


def evolve(obj: T, **changes: Any) -> T:
    """A copy of `obj` with `changes` (like dataclasses.replace, without re-running __init__)."""
    cls = type(obj)
    unknown = changes.keys() - _fields(cls)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    new = object.__new__(cls)
    state = new.__dict__
    state.update(obj.__dict__)
    state.update(changes)
    return new
