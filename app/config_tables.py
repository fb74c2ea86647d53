"""The tables and keys the configuration file may hold: each area declares its own tables
(a ConfigTable next to the settings it reads) and app/config.py collects them into the one
registry every loaded file is checked against. A table or key nobody declared is a typo,
refused with the closest known name, never silently ignored."""
from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.errors import ConfigError
from app.translator import Lines, Phrase, phrase

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConfigTable:
    """One table of the configuration file: its name (dotted for a nested one, such as
    `orders.short_stock_by_channel`) and the keys it may hold. `any_keys`: a table of free
    names (channel = policy), whose keys are checked by the code that reads it."""

    name: str
    keys: frozenset[str] = frozenset()
    any_keys: bool = False


def config_table(name: str, *keys: str, any_keys: bool = False) -> ConfigTable:
    """A table declaration: `config_table("database", "url")`."""
    return ConfigTable(name, frozenset(keys), any_keys)


def collect_tables(*groups: Iterable[ConfigTable]) -> dict[str, ConfigTable]:
    """The registry from every area's declarations; a table declared twice is a programming error."""
    registry: dict[str, ConfigTable] = {}
    for group in groups:
        for table in group:
            if table.name in registry:
                raise ValueError(f"configuration table [{table.name}] is declared twice")
            registry[table.name] = table
    return registry


def unknown_names(raw: dict[str, Any], registry: dict[str, ConfigTable]) -> list[str]:
    """One sentence per table or key of `raw` that no area declared, with the closest known
    name when there is one; empty when everything is known."""
    problems: list[str] = []
    for key, value in raw.items():
        if isinstance(value, dict):
            if key in registry:
                problems += _unknown_in_table(registry[key], value, registry)
            else:
                tables = [n for n in registry if "." not in n]
                problems.append(phrase("unknown table [%(table)s]%(hint)s", table=key, hint=_did_you_mean(key, tables, "[{}]")))
        elif key in registry:
            problems.append(phrase("[%(table)s] must be a table, not %(value)s", table=key, value=repr(value)))
        else:
            homes = sorted(f"[{t.name}]" for t in registry.values() if key in t.keys)
            hint = phrase(" (it belongs under %(tables)s)", tables=" or ".join(homes)) if homes else ""
            problems.append(phrase("key %(key)s stands outside any table%(hint)s", key=repr(key), hint=hint))
    return problems


def check_known(raw: dict[str, Any], registry: dict[str, ConfigTable], where: object) -> None:
    """ConfigError naming every unknown table and key of the file `where`."""
    problems = unknown_names(raw, registry)
    if problems:
        raise ConfigError(phrase("Configuration file %(path)s: %(problems)s. "
                                 "Correct the name (every table and key is in docs/configuration.md).",
                                 path=str(where), problems=Lines(problems, "; ")))


def _unknown_in_table(table: ConfigTable, values: dict[str, Any], registry: dict[str, ConfigTable]) -> list[str]:
    problems: list[str] = []
    nested = {n.removeprefix(f"{table.name}."): t for n, t in registry.items() if n.startswith(f"{table.name}.")}
    for key, value in values.items():
        if key in nested:
            if isinstance(value, dict):
                problems += _unknown_in_table(nested[key], value, registry)
            else:
                problems.append(phrase("[%(table)s] %(key)s must be a table ([%(table)s.%(key)s])", table=table.name, key=key))
        elif not (table.any_keys or key in table.keys):
            problems.append(phrase("[%(table)s] has an unknown key %(key)s%(hint)s", table=table.name, key=repr(key),
                                   hint=_did_you_mean(key, sorted(table.keys | set(nested)))))
    return problems


def _did_you_mean(name: str, known: list[str], form: str = "{}") -> Phrase:
    """The closest known name (a swap of letters, or most letters in order), else all of them."""
    swapped = [k for k in known if sorted(k) == sorted(name)]
    close = swapped or difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    if close:
        return phrase(" (did you mean %(name)s?)", name=form.format(close[0]))
    return phrase(" (known: %(names)s)", names=", ".join(form.format(k) for k in sorted(known)))
