"""The wizard's answers become the documented station file: checked like the station checks
it at start-up, written whole or not at all, the rest of an existing file kept."""
from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from app.config import load_settings, station_config
from app.errors import ConfigError
from app.setup.answers import SetupAnswers, answers_from_file, check_answers, write_station_file
from app.setup.toml_file import dump_toml

BENCH_3 = SetupAnswers(
    database_url="postgresql://packdesk@db.warehouse.lan/packdesk", station_code="BENCH-3",
    station_name='Bench 3, "hall B"', scanner="/dev/packdesk/scanner?baud=115200",
    scale="/dev/packdesk/scale?baud=9600", scale_protocol="toledo-8213", label_printer="tcp://10.0.0.7:9100",
    document_printer="cups://Office-Laser",
)


def test_the_answers_are_written_as_the_documented_tables_and_the_station_reads_them(tmp_path: Path) -> None:
    path = write_station_file(tmp_path / "station.toml", BENCH_3)
    text = path.read_text()
    assert text.startswith("# Packdesk station configuration, written by the set-up wizard")
    raw = tomllib.loads(text)
    assert raw["database"] == {"url": "postgresql://packdesk@db.warehouse.lan/packdesk"}
    assert raw["station"] == {"code": "BENCH-3", "name": 'Bench 3, "hall B"', "offline_buffer": 3}
    assert raw["devices"] == {"scanner": "/dev/packdesk/scanner?baud=115200", "scale": "/dev/packdesk/scale?baud=9600",
                              "scale_protocol": "toledo-8213", "label_printer": "tcp://10.0.0.7:9100",
                              "document_printer": "cups://Office-Laser"}
    config = station_config(load_settings(path))
    assert (config.code, config.name, config.devices.scale_protocol) == ("BENCH-3", 'Bench 3, "hall B"', "toledo-8213")
    assert config.database_url == "postgresql://packdesk@db.warehouse.lan/packdesk"


def test_the_built_in_database_and_missing_devices_leave_their_keys_out(tmp_path: Path) -> None:
    path = write_station_file(tmp_path / "station.toml", SetupAnswers(station_code="BENCH-4"))
    raw = tomllib.loads(path.read_text())
    assert "database" not in raw
    assert raw["devices"] == {}
    assert raw["station"] == {"code": "BENCH-4"}


def test_opening_the_wizard_again_reads_the_answers_and_keeps_every_other_table(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text('[database]\nurl = "sqlite:////var/lib/packdesk/p.sqlite3"\n'
                    '[station]\ncode = "BENCH-3"\nsounds = false\n'
                    '[devices]\nscanner = "/dev/ttyACM0"\nkeyboard_wedge = ""\n'
                    '[packing]\nweight_tolerance_g = 80\ncompany_name = "Lager Nord"\n'
                    '[orders.short_stock_by_channel]\nshopify = "partial"\n')
    answers, keep = answers_from_file(path)
    assert answers.station_code == "BENCH-3" and answers.scanner == "/dev/ttyACM0"
    assert answers.database_url == "sqlite:////var/lib/packdesk/p.sqlite3"
    write_station_file(path, SetupAnswers(station_code="BENCH-3", station_name="Bench 3", scanner=""), keep)
    raw = tomllib.loads(path.read_text())
    assert "database" not in raw  # the built-in database chosen now
    assert raw["station"] == {"code": "BENCH-3", "sounds": False, "name": "Bench 3"}
    assert raw["devices"] == {"keyboard_wedge": ""}
    assert raw["packing"] == {"weight_tolerance_g": 80, "company_name": "Lager Nord"}
    assert raw["orders"] == {"short_stock_by_channel": {"shopify": "partial"}}


@pytest.mark.parametrize("answers, words", [
    (SetupAnswers(station_code=""), "needs a code"),
    (SetupAnswers(station_code="X" * 41), "at most 40"),
    (SetupAnswers(station_code="B1", database_url="mysql://root@db/packdesk"), "not a PostgreSQL URL"),
    (SetupAnswers(station_code="B1", database_url="postgresql:///packdesk"), "names no host"),
])
def test_answers_the_station_would_refuse_are_refused_with_what_to_change(tmp_path: Path, answers, words) -> None:
    with pytest.raises(ConfigError, match=words):
        write_station_file(tmp_path / "station.toml", answers)
    assert not (tmp_path / "station.toml").exists()


def test_a_kept_table_the_station_refuses_stops_the_writing_and_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key.*beeper"):
        check_answers(SetupAnswers(station_code="B1"), tmp_path / "s.toml", {"devices": {"beeper": "x"}})


def test_a_misspelt_table_kept_from_the_old_file_is_refused_with_its_closest_name(tmp_path: Path) -> None:
    """The wizard never writes a file the station then refuses at start-up."""
    with pytest.raises(ConfigError, match=r"databse.*did you mean \[database\]"):
        check_answers(SetupAnswers(station_code="B1"), tmp_path / "s.toml", {"databse": {"url": "sqlite://"}})
    with pytest.raises(ConfigError, match="lease_secnds"):
        check_answers(SetupAnswers(station_code="B1"), tmp_path / "s.toml", {"packing": {"lease_secnds": 60}})


def test_a_file_that_cannot_be_written_leaves_the_old_one_whole(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text('[station]\ncode = "OLD"\n')
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("")
    with pytest.raises(ConfigError, match="Cannot write the station configuration .*not-a-folder"):
        write_station_file(in_the_way / "station.toml", SetupAnswers(station_code="NEW"))
    # a failing write into the real folder (a value TOML cannot hold) leaves the old file
    with pytest.raises(ConfigError, match="cannot store"):
        write_station_file(path, SetupAnswers(station_code="NEW"), {"supervision": {"reason_codes": object()}})
    assert path.read_text() == '[station]\ncode = "OLD"\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
_scalar = st.one_of(st.booleans(), st.integers(-2**63, 2**63 - 1), _text,
                    st.floats(allow_nan=False, allow_infinity=False))
_key = st.text(min_size=1, max_size=10, alphabet=st.characters(blacklist_categories=("Cs",)))


@given(st.dictionaries(_key, st.dictionaries(_key, st.one_of(_scalar, st.lists(_scalar, max_size=3),
                                                             st.dictionaries(_key, _scalar, max_size=3)),
                                             max_size=4), max_size=4))
def test_any_configuration_of_plain_values_reads_back_as_written(raw: dict) -> None:
    assert tomllib.loads(dump_toml(raw, "a header\nof two lines")) == raw


def test_the_station_language_is_read_and_a_language_packdesk_lacks_is_refused(tmp_path: Path) -> None:
    from app.config import Settings

    assert station_config(Settings("sqlite://", raw={"station": {"language": "de"}})).language == "de"
    assert station_config(Settings("sqlite://", raw={})).language == "en"
    with pytest.raises(ConfigError, match=r"\[station\] language .*'fr'.*en, de"):
        station_config(Settings("sqlite://", raw={"station": {"language": "fr"}}))


def test_a_rename_that_fails_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    (tmp_path / "station.toml").mkdir()  # something in the way that cannot be replaced by a file
    with pytest.raises(ConfigError, match="Cannot write the station configuration"):
        write_station_file(tmp_path / "station.toml", SetupAnswers(station_code="B1"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["station.toml"]


def test_a_key_ending_in_a_newline_is_quoted() -> None:
    """Hypothesis found it in CI: a bare-key pattern ending in "$" also matched "0\\n"."""
    for raw in ({"0": {"0\n": False}}, {"0": {}, "0\n": {}}, {"0\n": {}}):
        assert tomllib.loads(dump_toml(raw, "a header\nof two lines")) == raw


def test_a_station_on_postgresql_keeps_an_offline_journal_of_three_orders_unless_the_file_says_otherwise(
        tmp_path: Path) -> None:
    path = write_station_file(tmp_path / "station.toml", BENCH_3)
    assert tomllib.loads(path.read_text())["station"]["offline_buffer"] == 3  # written: an installer sees it
    assert station_config(load_settings(path)).offline_buffer == 3
    answers, keep = answers_from_file(path)
    keep["station"]["offline_buffer"] = 0  # an administrator switched the journal off: opening the wizard keeps that
    write_station_file(path, answers, keep)
    assert station_config(load_settings(path)).offline_buffer == 0


def test_the_built_in_database_has_no_offline_journal(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    write_station_file(path, BENCH_3)
    answers, keep = answers_from_file(path)
    write_station_file(path, replace(answers, database_url=""), keep)  # moved to the built-in database
    assert "offline_buffer" not in tomllib.loads(path.read_text())["station"]
    assert station_config(load_settings(path)).offline_buffer == 0
