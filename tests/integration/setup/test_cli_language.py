"""The command line's language: gettext catalogues compiled by Babel; German from
$PACKDESK_LANGUAGE or the station's [station] language, never from the system locale; every
string marked for translation has its German text."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.cli.main import main
from app.messages import LOCALE_DIR, use_language

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")


def test_every_string_marked_in_app_and_ui_has_its_german_translation() -> None:
    marked = set()
    for folder in ("app", "ui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)}):
            marked.add(message if isinstance(message, str) else message[0])
    assert {"All is well.", "%(count)d problem found."} <= marked
    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "packdesk.po").open("rb") as po:
        german = {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in read_po(po) if m.id}
    missing = [m for m in sorted(marked) if m not in german or not all(
        (german[m],) if isinstance(german[m], str) else german[m])]
    assert missing == [], "run `make translations`, translate them in resources/locale/de/LC_MESSAGES/packdesk.po"


def test_the_doctor_speaks_german_for_a_german_station_and_counts_in_german(tmp_path: Path, capsys,
                                                                            monkeypatch) -> None:
    monkeypatch.delenv("PACKDESK_LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    config = tmp_path / "station.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "missing.sqlite3"}"\n'
                      '[station]\ncode = "BENCH-3"\nlanguage = "de"\n')
    assert main(["--config", str(config), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM database: there is no database file" in out
    assert "        Abhilfe: Create it with `packdesk db upgrade`" in out
    problems = sum(line.startswith("PROBLEM") for line in out.splitlines())
    assert out.rstrip().endswith(f"{problems} Probleme gefunden." if problems > 1 else "1 Problem gefunden.")


def test_packdesk_language_overrides_and_the_system_locale_never_counts(tmp_path: Path, capsys,
                                                                       monkeypatch) -> None:
    monkeypatch.setenv("PACKDESK_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("PACKDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    # (not LANGUAGE: glibc itself reads it for strerror() once Qt has called setlocale, and keeps
    # its German catalogue for the rest of the process - the other tests' error texts would change)
    monkeypatch.delenv("PACKDESK_LANGUAGE", raising=False)
    assert main(["logs"]) == 0
    assert capsys.readouterr().out.startswith("No log yet at")
    monkeypatch.setenv("PACKDESK_LANGUAGE", "de")
    assert main(["logs"]) == 0
    assert capsys.readouterr().out.startswith("Noch kein Protokoll unter")
