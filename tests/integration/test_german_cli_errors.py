"""A German user of the command line reads its refusals in German: the real `packdesk` console
script in a subprocess with PACKDESK_LANGUAGE=de, one refusal each from boxing (a malformed items
file), printing (a report date), devices (a printer URL) and the configuration (a misspelt table),
and the same commands without it still speak English (issue 19)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKDESK = Path(sys.executable).with_name("packdesk")


def packdesk(*args: str, language: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("PACKDESK_LANGUAGE", None)
    if language:
        env["PACKDESK_LANGUAGE"] = language
    return subprocess.run([str(PACKDESK), *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"sku": "MUG", "length": 120}]))
    config = tmp_path / "station.toml"
    config.write_text('[station]\ncode = "BENCH-3"\n[packng]\nlease_seconds = 90\n')
    return {"items": str(items), "config": str(config), "out": str(tmp_path / "report.pdf")}


CASES = [
    ("boxing", lambda f: ["boxes", "suggest", "--items", f["items"]],
     'item 1 (MUG) has no "width"; add it (see docs/boxing.md)',
     'Artikel 1 (MUG) hat kein "width"; ergänzen Sie es (siehe docs/boxing.md)'),
    ("printing", lambda f: ["report", "daily", "--date", "2026-13-01", "--out", f["out"]],
     "--date '2026-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-04.",
     "--date '2026-13-01' ist kein Datum; schreiben Sie es als JJJJ-MM-TT, z. B. 2026-12-04."),
    ("devices", lambda f: ["devices", "print-test", "ftp://10.0.0.7"],
     "printer ftp://10.0.0.7: use tcp://HOST:PORT, cups://QUEUE, dir:///PATH or memory:",
     "Drucker ftp://10.0.0.7: verwenden Sie tcp://HOST:PORT, cups://WARTESCHLANGE, dir:///PFAD oder memory:"),
    ("configuration", lambda f: ["--config", f["config"], "db", "check"],
     "unknown table [packng] (did you mean [packing]?). Correct the name",
     "unbekannte Tabelle [packng] (meinten Sie [packing]?). Korrigieren Sie den Namen"),
]


@pytest.mark.parametrize(("where", "command", "english", "german"), CASES, ids=[c[0] for c in CASES])
def test_a_refusal_is_german_for_a_german_user_and_english_otherwise(files, where, command, english,
                                                                    german) -> None:
    said = packdesk(*command(files), language="de")
    assert said.returncode == 2, said.stderr
    assert german in said.stderr and english not in said.stderr
    plain = packdesk(*command(files), language=None)
    assert plain.returncode == 2, plain.stderr
    assert english in plain.stderr


def test_a_box_suggestion_and_its_json_refusal_are_german_for_a_german_user(files, tmp_path: Path) -> None:
    items = tmp_path / "mugs.json"
    items.write_text(json.dumps([{"sku": "MUG", "length": 120, "width": 90, "height": 100, "weight": 350,
                                  "qty": 2}]))
    said = packdesk("boxes", "suggest", "--items", str(items), language="de")
    assert said.returncode == 0, said.stderr
    assert "Paket 1: " in said.stdout and "Kartonkosten: " in said.stdout
    assert "parcel 1" not in said.stdout and "box cost" not in said.stdout
    refused = packdesk("boxes", "suggest", "--items", files["items"], "--json", language="de")
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["error"].startswith('Artikel 1 (MUG) hat kein "width"')
