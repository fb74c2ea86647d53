"""Writing a station configuration as TOML (tomllib only reads it): the plain values a
configuration holds - strings, booleans, integers, floats, lists of them, and tables."""
from __future__ import annotations

import json
import math
import re
from typing import Any

from app.errors import ConfigError
from app.translator import phrase

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")  # fullmatch: "$" would let a key end in a newline


def dump_toml(raw: dict[str, Any], header: str = "") -> str:
    """TOML text for `raw` (top-level values first, then one [table] per dict, nested as
    [table.sub]); `header` lines become comments at the top."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    _table(lines, (), raw)
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(lines: list[str], path: tuple[str, ...], table: dict[str, Any]) -> None:
    values = [(k, v) for k, v in table.items() if not isinstance(v, dict)]
    tables = [(k, v) for k, v in table.items() if isinstance(v, dict)]
    if path and (values or not tables):
        lines.append(f"[{'.'.join(_key(p) for p in path)}]")
    for key, value in values:
        lines.append(f"{_key(key)} = {_value(value, (*path, key))}")
    if path and (values or not tables):
        lines.append("")
    for key, sub in tables:
        _table(lines, (*path, key), sub)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # JSON's string escapes (\" \\ \n \uXXXX) are TOML basic-string escapes too; TOML also
    # forbids a raw DEL, which JSON leaves alone.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any, where: tuple[str, ...]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ConfigError(phrase("%(key)s is %(value)s; a configuration number must be finite.",
                                     key=".".join(where), value=str(value)))
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item, where) for item in value) + "]"
    raise ConfigError(phrase("%(key)s holds a %(type)s, which a station configuration cannot store; use a "
                             "string, number, true/false or a list.", key=".".join(where), type=type(value).__name__))
