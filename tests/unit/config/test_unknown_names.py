"""Issue 18, item 3: a table or key nobody declared is refused, naming it, the file and the
closest known name; every name the code reads or the docs show is accepted."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.config import KNOWN_TABLES, DeviceUrls, load_settings
from app.config_tables import collect_tables, config_table
from app.errors import ConfigError

ROOT = Path(__file__).resolve().parents[3]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "station.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_database_table_is_refused_not_replaced_by_sqlite(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PACKDESK_DATABASE_URL", raising=False)
    path = write(tmp_path, '[databse]\nurl = "postgresql+psycopg://db/packdesk"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "[databse]" in message and "did you mean [database]?" in message and str(path) in message


def test_a_misspelt_url_key_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PACKDESK_DATABASE_URL", raising=False)
    path = write(tmp_path, '[database]\nulr = "postgresql+psycopg://db/packdesk"\n')
    with pytest.raises(ConfigError, match=r"\[database\] has an unknown key 'ulr' \(did you mean url\?\)"):
        load_settings(path)


@pytest.mark.parametrize("text, words", [
    ('[packing]\nlease_secs = 900\n', ["[packing]", "'lease_secs'", "lease_seconds"]),
    ('[ship_from]\ncitty = "Hamburg"\n', ["[ship_from]", "'citty'", "city"]),
    ('[carrier]\nservise = "x"\n', ["[carrier]", "service"]),
    ('[imports]\nmax_line_quantty = 5\n', ["[imports]", "max_line_quantity"]),
    ('[validation]\nhigh_valu = "5"\n', ["[validation]", "high_value"]),
    ('[orders.short_stock_by_chanel]\nshopify = "partial"\n', ["short_stock_by_chanel", "short_stock_by_channel"]),
    ('[printers]\nlabel = "tcp://x"\n', ["unknown table [printers]", "[database]"]),
    ('url = "sqlite:///x"\n', ["'url' stands outside any table", "[database]"]),
    ('database = "sqlite:///x"\n', ["[database] must be a table"]),
])
def test_unknown_names_anywhere_are_refused(tmp_path: Path, text: str, words: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    for word in words:
        assert word in str(caught.value)


def test_every_unknown_name_is_named_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, '[databse]\nurl = "x"\n[station]\ncod = "B"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert "[databse]" in str(caught.value) and "'cod'" in str(caught.value)


@pytest.mark.parametrize("value", ["5", "''", "[]", "true"])
def test_a_database_url_that_is_not_a_string_is_refused(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"[database]\nurl = {value}\n")
    with pytest.raises(ConfigError, match=r"\[database\] url .* must be a database URL"):
        load_settings(path)


def test_the_configuration_path_being_a_directory_is_one_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings(tmp_path)


@pytest.mark.parametrize("doc", ["configuration.md", "install.md", "imports.md"])
def test_the_examples_in_the_docs_are_accepted_whole(tmp_path: Path, doc: str) -> None:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert examples
    for example in examples:
        settings = load_settings(write(tmp_path, example))
        if "[database]" in example:
            assert settings.database_url.startswith("postgresql")


def test_every_device_key_the_station_reads_is_declared() -> None:
    assert KNOWN_TABLES["devices"].keys == set(DeviceUrls.__dataclass_fields__)


def test_every_section_the_code_reads_is_declared() -> None:
    """`settings.section("x")` / `_table(raw, "x")` anywhere in the code names a declared table."""
    read = set()
    for path in [*ROOT.glob("app/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("printing/**/*.py"),
                 *ROOT.glob("devices/**/*.py")]:
        source = path.read_text(encoding="utf-8")
        read |= set(re.findall(r"\.section\(\"(\w+)\"\)", source))
        read |= set(re.findall(r"_table\(\w+, \"(\w+)\"", source))
    assert read and read <= set(KNOWN_TABLES)


def test_a_table_declared_twice_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"\[mail\] is declared twice"):
        collect_tables((config_table("mail", "host"),), (config_table("mail", "port"),))
