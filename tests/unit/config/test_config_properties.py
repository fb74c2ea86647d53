"""Issue 18, property-based: whatever a configuration file holds, loading it (and building the
station's, the orders' and the imports' settings from it) succeeds or raises one ConfigError
that names the file or the table/key at fault - never another exception."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.imports import max_line_quantity
from app.config import KNOWN_TABLES, load_settings, order_settings, station_config
from app.errors import ConfigError

TABLES = sorted(n for n in KNOWN_TABLES if "." not in n)
KEYS = sorted({k for t in KNOWN_TABLES.values() for k in t.keys})
bare = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,12}", fullmatch=True)
names = st.one_of(st.sampled_from(KEYS), bare)


def toml_string(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


scalars = st.one_of(
    st.text(max_size=30).map(toml_string),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr).filter(lambda r: "e" not in r or "." in r),
    st.sampled_from(["true", "false", "nan", "inf", "-inf", "1979-05-27", "07:32:00", "[]", "[1, \"a\"]", "{}"]),
    st.lists(st.text(max_size=8).map(toml_string), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
)
tables = st.dictionaries(
    st.one_of(st.sampled_from(TABLES + ["orders.short_stock_by_channel"]), bare),
    st.dictionaries(names, scalars, max_size=5), max_size=6)


def render(document: dict[str, dict[str, str]]) -> str:
    return "".join(f"[{table}]\n" + "".join(f"{key} = {value}\n" for key, value in keys.items()) + "\n"
                   for table, keys in document.items())


def load_everything(text: str) -> None:
    """What the commands do with a configuration file: ConfigError or nothing."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "station.toml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_settings(path, "sqlite://")
            station_config(loaded)
            order_settings(loaded)
            max_line_quantity(loaded)
        except ConfigError as exc:
            message = str(exc)
            assert "\n" not in message.strip() or "Configuration file" in message
            assert str(path) in message or re.search(r"\[[a-z_.]+\]", message), message


def unknown_in(document: dict[str, dict[str, str]]) -> list[str]:
    """The names a correct loader must refuse: tables and keys nobody declared."""
    out = []
    for table, keys in document.items():
        if table not in KNOWN_TABLES:
            out.append(f"[{table}]")
        elif not KNOWN_TABLES[table].any_keys:
            out += [repr(k) for k in keys if k not in KNOWN_TABLES[table].keys]
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_any_tables_and_keys_load_or_are_one_config_error_naming_them(document: dict) -> None:
    unknown = unknown_in(document)
    load_everything(render(document))  # ConfigError or success, nothing else
    if not unknown:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "station.toml"
        path.write_text(render(document), encoding="utf-8")
        try:
            load_settings(path, "sqlite://")
        except ConfigError as exc:
            for name in unknown:  # every unknown table and key is named, not only the first
                assert name in str(exc), (name, str(exc))
        else:
            raise AssertionError(f"{unknown} were accepted")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_as_a_configuration_file_is_loaded_or_refused_clearly(text: str) -> None:
    load_everything(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=100))
def test_any_bytes_as_a_configuration_file_are_loaded_or_refused_clearly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "station.toml"
        path.write_bytes(data)
        try:
            load_settings(path, "sqlite://")
        except ConfigError as exc:
            assert str(path) in str(exc)
