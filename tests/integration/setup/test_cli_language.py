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
    assert "PROBLEM Datenbank: es gibt keine Datenbankdatei" in out  # the finding itself in German too
    assert "        Abhilfe: Mit `packdesk db upgrade` anlegen (als Benutzer der Station)" in out
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


def test_the_doctor_dialog_gets_its_findings_in_the_language_shown(tmp_path: Path) -> None:
    """examine() (what the doctor dialog calls) says each finding and its fix in the language
    in use: the station's user's, which ui.translations sets."""
    from datetime import datetime, timezone

    from app.config import StationConfig
    from app.doctor import examine
    from app.doctor.checks import check_clock

    def stopped_clock(_config: StationConfig) -> list:
        return check_clock(datetime(2000, 1, 1, tzinfo=timezone.utc), synchronised=False)

    config = StationConfig(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    [english] = examine(config, [stopped_clock])
    assert english.found.startswith("the clock says 2000-01-01") and "timedatectl set-ntp true" in english.fix
    use_language("de")
    [german] = examine(config, [stopped_clock])
    assert german.check == "clock"  # the name stays the key the dialog and --json use
    assert german.found == "die Uhr zeigt 2000-01-01 00:00 UTC, vor der Entstehung dieses Packdesk"
    assert german.fix.startswith("Die Uhrzeit stellen (`timedatectl set-time` oder `date -s`)")


def test_doctor_json_in_german_keeps_its_keys(tmp_path: Path, capsys, monkeypatch) -> None:
    import json

    monkeypatch.setenv("PACKDESK_LANGUAGE", "de")
    config = tmp_path / "station.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "missing.sqlite3"}"\n[station]\ncode = "B-1"\n')
    assert main(["--config", str(config), "doctor", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    database = next(f for f in report["findings"] if f["check"] == "database")
    assert database["found"].startswith("es gibt keine Datenbankdatei") and not database["ok"]


def test_help_argparse_errors_and_reports_speak_german(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PACKDESK_LANGUAGE", "de")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: packdesk") and "Packdesk-Packstation und ihre Werkzeuge." in out
    assert "diese Hilfe zeigen und beenden" in out and "Optionen:" in out
    with pytest.raises(SystemExit) as done:
        main(["orders", "lst"])
    assert done.value.code == 2
    assert "packdesk orders: Fehler: Argument ACTION: ungültige Wahl: 'lst'" in capsys.readouterr().err
    url = f"sqlite:///{tmp_path / 'de.sqlite3'}"
    assert main(["--database", url, "db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--database", url, "orders", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NUMMER") and out.rstrip().endswith("0 Auftrag/Aufträge")
    monkeypatch.setenv("PACKDESK_LANGUAGE", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: packdesk")  # English stays the default


def test_version_comes_from_the_package(capsys) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"packdesk {version('packdesk')}"


def test_a_broken_import_file_is_refused_in_german(tmp_path: Path, capsys, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'imports.sqlite3'}"
    assert main(["--database", url, "db", "upgrade"]) == 0
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('order_number,sku,quantity\n"A-1,SKU-1,1\n', encoding="utf-8")
    no_columns = tmp_path / "columns.csv"
    no_columns.write_text("number\nA-1\n", encoding="utf-8")
    capsys.readouterr()
    monkeypatch.setenv("PACKDESK_LANGUAGE", "en")
    assert main(["--database", url, "import", "orders", str(no_columns)]) != 0
    english = capsys.readouterr().err
    assert f"{no_columns}: 5 problem(s), nothing was imported." in english and "line 1: missing column 'sku'" in english
    monkeypatch.setenv("PACKDESK_LANGUAGE", "de")
    assert main(["--database", url, "import", "orders", str(no_columns)]) != 0
    german = capsys.readouterr().err
    assert f"{no_columns}: 5 Probleme, nichts wurde importiert. Korrigieren Sie diese Zeilen" in german
    assert "  Zeile 1: Spalte 'sku' fehlt" in german and "  Zeile 2: order_number fehlt" in german
    assert main(["--database", url, "import", "orders", str(unclosed)]) != 0
    assert ": ein Feld, das mit einem Anführungszeichen (\") beginnt, muss mit einem enden" in capsys.readouterr().err
    assert main(["--database", url, "import", "orders", str(tmp_path / "nothing.csv")]) != 0
    assert "nothing.csv gibt es nicht; geben Sie den Pfad der Datei an" in capsys.readouterr().err


def test_the_run_commands_help_is_german(capsys, monkeypatch) -> None:
    monkeypatch.setenv("PACKDESK_LANGUAGE", "de")
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    assert "Demo-Modus: die Tastatur ist ein Scanner" in out and "ein normales Fenster statt Vollbild" in out
