"""Languages: every tr() string of ui/ has its German translation (and its English plural
forms); the station shows its own language, a badge brings the user's; numbers and weights
come from QLocale, not from the machine's locale."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import update

from app.store.models import User
from app.store.session import Database
from tests.ui.data import ALICE_BADGE
from tests.ui.helpers import login, settle
from ui import translations
from ui.translations import Translations

# One worker runs this module's tests (xdist's loadgroup), so that its module-scoped fixture,
# the lupdate run of `strings_in_ui`, is made once and not on each worker.
pytestmark = pytest.mark.xdist_group("translations")

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "resources" / "translations"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <message> element of a .ts file."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            found[(context.findtext("name"), message.findtext("source"))] = message
    return found


def translated(message: ET.Element) -> list[str]:
    """The translation's texts (one, or one per plural form); [] when unfinished or obsolete."""
    node = message.find("translation")
    if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
        return []
    texts = [f.text or "" for f in node.findall("numerusform")] if message.get("numerus") == "yes" else [node.text or ""]
    return texts if all(t.strip() for t in texts) else []


@pytest.fixture(scope="module")
def strings_in_ui(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """Every tr() string in ui/ now, as pyside6-lupdate finds it."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    files = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *files, "-ts", str(fresh)], check=True)
    found = messages(fresh)
    assert len(found) > 50  # the wizard, the doctor and the login screen at least
    return found


def test_every_tr_string_in_ui_has_a_german_translation(strings_in_ui) -> None:
    german = messages(SOURCES / "packdesk_de.ts")
    missing = [f"{context}: {source!r}" for (context, source) in strings_in_ui
               if (context, source) not in german or not translated(german[(context, source)])]
    assert missing == [], ("no German translation - run `make translations`, translate them in "
                           "resources/translations/packdesk_de.ts (Qt Linguist or by hand), then `make setup`")


def test_every_plural_in_ui_has_its_english_forms(strings_in_ui) -> None:
    english = messages(SOURCES / "packdesk_en.ts")
    plurals = [key for key, message in strings_in_ui.items() if message.get("numerus") == "yes"]
    assert plurals
    missing = [key for key in plurals if key not in english or len(translated(english[key])) != 2]
    assert missing == []


def test_the_compiled_translations_are_those_of_the_sources() -> None:
    for ts in SOURCES.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime, f"run `make setup` to compile {ts.name}"


def test_plurals_weights_and_dates_follow_the_language_shown(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    chosen = Translations()
    try:
        chosen.use("en")
        assert QCoreApplication.translate("DoctorDialog", "%n problem(s) found.", None, 1) == "1 problem found."
        assert QCoreApplication.translate("DoctorDialog", "%n problem(s) found.", None, 3) == "3 problems found."
        assert translations.grams(12500) == "12,500\u00a0g"
        chosen.use("de")
        assert QCoreApplication.translate("DoctorDialog", "%n problem(s) found.", None, 1) == "1 Problem gefunden."
        assert QCoreApplication.translate("DoctorDialog", "%n problem(s) found.", None, 3) == "3 Probleme gefunden."
        assert translations.grams(12500) == "12.500\u00a0g"
        assert translations.number(2.5) == "2,5"
        assert translations.date(date(2026, 12, 5)) == "05.12.26"
        assert QLocale().name() == "de_DE"
    finally:
        chosen.clear()
    assert QCoreApplication.translate("DoctorDialog", "All is well.") == "All is well."


def test_the_station_speaks_its_language_until_a_badge_brings_another(qtbot, make_station, station_db_url) -> None:
    with Database(station_db_url) as db, db.engine.begin() as conn:
        conn.execute(update(User).where(User.badge_code == ALICE_BADGE).values(language="en"))
    app = make_station({"station": {"language": "de"}})
    screen = app.window.screens["login"]
    german = "Scannen Sie Ihren Ausweis, um zu beginnen"
    qtbot.waitUntil(lambda: screen.title.text() == german)  # Qt posts LanguageChange to each widget
    assert screen.station_name.text() == "Station ST-TEST"
    assert app.window.screens["home"].doctor_button.text() == "DIAGNOSE"
    login(qtbot, app, ALICE_BADGE)
    assert app.translations.language == "en"
    qtbot.waitUntil(lambda: app.window.screens["home"].doctor_button.text() == "DOCTOR")
    qtbot.waitUntil(lambda: screen.title.text() == "Scan your badge to start")
    qtbot.mouseClick(app.window.screens["home"].logout_button, Qt.MouseButton.LeftButton)
    settle(qtbot, app)
    assert app.translations.language == "de"
    qtbot.waitUntil(lambda: screen.title.text() == german)
