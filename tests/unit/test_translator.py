"""The station's words in the user's language (issue 19): Phrases stay English text for every
English caller and are said again, whole, in German by a Translator; weights, counts and dates
come from Babel's locale data, not the machine's locale; and the station core speaks the
logged-in user's language - its own, never a process-wide switch another station could flip."""
from __future__ import annotations

import os
import pickle
from datetime import datetime, timedelta, timezone

import pytest

from app import words
from app.errors import PackdeskError
from app.packing.api import Packer
from app.packing.scan_rules import decide
from app.ports import Scan
from app.station.core import StationCore
from app.station.devices import StationDevices
from app.translator import ENGLISH, Phrase, Translator, phrase, plural_phrase
from tests.unit.packing.test_scan_rules import FakeCatalogue, order_1042
from tests.unit.station import fakes
from tests.unit.station.fakes import FakeClock, FakePackingApi, FakeRecords, InlineExecutor, RecordingPrinter, render

GERMAN = Translator("de")
KARL = Packer(3, "karl", "Karl Packer", "packer", "de")


def test_a_phrase_is_its_english_text_and_says_itself_in_german() -> None:
    said = phrase("Order %(order)s: scan every unit.", order="PD-1001")
    assert said == "Order PD-1001: scan every unit." and isinstance(said, str)
    assert GERMAN.say(said) == "Auftrag PD-1001: jedes Stück scannen."
    assert ENGLISH.say(said) == said and GERMAN.say("plain text") == "plain text"


def test_a_phrase_inside_a_phrase_and_inside_an_exception_is_said_in_german() -> None:
    reason = phrase("Logged out.")
    said = phrase("%(reason)s Order %(order)s stays open at this station: whoever logs in next takes it over.",
                  reason=reason, order="PD-7")
    assert GERMAN.say(said).startswith("Abgemeldet. Auftrag PD-7 bleibt")
    problem = PackdeskError(phrase("No order is open at this station."))
    assert isinstance(str(problem), Phrase)  # str(exc) keeps the phrase for the core to translate
    assert GERMAN.say(str(problem)) == "An dieser Station ist kein Auftrag offen."
    assert pickle.loads(pickle.dumps(said)) == said  # the station's runner may pass it between processes


def test_plurals_follow_each_language() -> None:
    one = plural_phrase("%(said)s %(n)s scan was ignored during the lock: %(codes)s. Scan it again.",
                        "%(said)s %(n)s scans were ignored during the lock: %(codes)s. Scan them again.",
                        1, said="OK.", codes="X")
    two = plural_phrase("%(said)s %(n)s scan was ignored during the lock: %(codes)s. Scan it again.",
                        "%(said)s %(n)s scans were ignored during the lock: %(codes)s. Scan them again.",
                        2, said="OK.", codes="X; Y")
    assert GERMAN.say(one) == "OK. 1 Scan wurde während der Sperre ignoriert: X. Erneut scannen."
    assert GERMAN.say(two) == "OK. 2 Scans wurden während der Sperre ignoriert: X; Y. Erneut scannen."
    assert words.count(3, "box") == "3 boxes" and GERMAN.say(words.count(3, "box")) == "3 Kartons"
    assert GERMAN.say(words.count(1, "order")) == "1 Auftrag"


def test_weights_numbers_and_dates_come_from_babel_not_the_machine(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.setenv("LC_ALL", "C")  # no German locale on the machine: Babel's own data still speaks German
    assert GERMAN.number(1480.5) == "1.480,5" and ENGLISH.number(1480.5) == "1,480.5"
    assert GERMAN.say(words.grams(1480)) == "1480\u00a0g" and words.grams(1480) == "1480\u00a0g"
    assert GERMAN.say(words.grams(None)) == "kein Gewicht"
    due = datetime(2026, 11, 20, 16, 46, tzinfo=timezone.utc)
    text, overdue = words.ship_by(due, due - timedelta(hours=1))
    local = due.astimezone()
    assert not overdue and text == f"Ship by {local.strftime('%a %d %b %Y, %H:%M')}"
    german = GERMAN.say(text)
    assert german.startswith("Versand bis ") and "Nov." in german and "2026" in german
    assert german.split(" ")[2].rstrip(",") in ("Fr.", "Sa.")  # Babel's German day name, not strftime's
    late, _ = words.ship_by(due, due + timedelta(hours=1))
    assert GERMAN.say(late).endswith("ÜBERFÄLLIG")
    assert GERMAN.say(words.status("on_hold")) == "zurückgehalten"


def test_the_scan_rules_answer_in_german_when_said_by_a_german_translator() -> None:
    state = order_1042()
    decision = decide(state, "NOT-A-THING", None, FakeCatalogue())
    assert decision.message.startswith("Scanned NOT-A-THING: not a product")  # English for everyone else
    assert GERMAN.say(decision.message) == ("NOT-A-THING gescannt: kein Artikel, Karton oder Etikett dieses "
                                            "Lagers. Beiseitelegen und ACK scannen.")


def _core(language: str | None = None) -> StationCore:
    devices = StationDevices(label_printer=RecordingPrinter())
    return StationCore(FakePackingApi(), devices, render, FakeRecords(), FakeClock(), io=InlineExecutor(),
                       checks=InlineExecutor(), language=language)


def test_the_core_speaks_the_badges_language_and_its_neighbour_keeps_its_own(monkeypatch) -> None:
    monkeypatch.setitem(fakes.BADGES, "BADGE-KARL", KARL)
    karls, alices = _core(), _core()  # two stations in one process
    karls.scan(Scan("BADGE-KARL"))
    alices.scan(Scan("BADGE-ALICE"))
    assert karls.snapshot().message.text == "Hallo Karl Packer." and karls.snapshot().language == "de"
    assert alices.snapshot().message.text == "Hello Alice Packer." and alices.snapshot().language == "en"
    karls.scan(Scan("PD-CMD-ACK"))
    assert karls.snapshot().message.text.startswith("ACK bewirkt auf der Startseite nichts")
    karls.scan(Scan("PD-1001"))
    assert karls.snapshot().message.text == "Auftrag PD-1001: jedes Stück scannen."
    karls.logout()
    assert karls.snapshot().question.detail.startswith("Auftrag PD-1001 ist offen (0 von 3 Stück gescannt)")
    karls.logout(confirmed=True)
    assert karls.snapshot().message.text.startswith("Abgemeldet. Auftrag PD-1001 bleibt an dieser Station offen")
    assert karls.snapshot().language == "en"  # logged out: the station's language again
    assert alices.snapshot().message.text == "Hello Alice Packer."


def test_a_german_station_greets_in_german_and_an_english_badge_brings_english(monkeypatch) -> None:
    monkeypatch.setitem(fakes.BADGES, "BADGE-EN", Packer(4, "erin", "Erin", "packer", "en"))
    core = _core("de")
    core.scan(Scan("PD-1001"))  # no one logged in: the station's language
    assert core.snapshot().language == "de"
    core.scan(Scan("BADGE-ALICE"))  # no language of her own: the station's
    assert core.snapshot().message.text == "Hallo Alice Packer."
    core.logout(confirmed=True)
    core.scan(Scan("BADGE-EN"))
    assert core.snapshot().message.text == "Hello Erin." and core.snapshot().language == "en"


def test_no_system_locale_is_read(monkeypatch) -> None:
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(name, "de_DE.UTF-8")
    assert Translator(None).language == "en" and ENGLISH.say(phrase("Logged out.")) == "Logged out."
    assert os.environ["LANG"] == "de_DE.UTF-8"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_state_text_the_core_sets_is_a_plain_string_in_the_language(language: str, monkeypatch) -> None:
    monkeypatch.setitem(fakes.BADGES, "BADGE-KARL", Packer(3, "karl", "Karl Packer", "packer", language))
    core = _core()
    core.scan(Scan("BADGE-KARL"))
    core.scan(Scan("PD-1001"))
    core.logout()
    question = core.snapshot().question
    assert type(question.detail) is str  # said, not a Phrase the screen would show in English
    assert question.detail.startswith("Auftrag" if language == "de" else "Order")


def test_the_login_screens_device_problems_can_be_said_in_german() -> None:
    from app.ports import DeviceState, DeviceStatus
    from app.station.devices import DATABASE, SCALE, device_problems

    problems = device_problems([DeviceStatus(SCALE, "/dev/ttyUSB0", DeviceState.DISCONNECTED, "port missing."),
                                DeviceStatus(DATABASE, "db", DeviceState.ERROR, "refused")])
    assert problems[0].startswith("Database: refused. Nobody can log in")  # English as before, the database first
    assert problems[1].startswith("Scale: port missing. Check that the scale")
    assert GERMAN.say(problems[1]).startswith("Waage: port missing. Prüfen, ob die Waage eingeschaltet")


def test_an_admins_field_problem_names_the_field_in_german() -> None:
    from app.admin.errors import FieldProblem
    from app.admin.people import clean_badge, clean_pin

    with pytest.raises(FieldProblem) as pin:
        clean_pin("12")
    assert str(pin.value) == "PIN: a PIN is 4 to 8 digits."  # English as it was
    assert GERMAN.say(str(pin.value)) == "PIN: eine PIN hat 4 bis 8 Ziffern."
    with pytest.raises(FieldProblem) as badge:
        clean_badge("a b")
    assert pin.value.field == "PIN" and badge.value.field == "badge code"  # the field's key stays English
    assert GERMAN.say(str(badge.value)).startswith("Ausweiscode: 'a b' kann kein Ausweis sein: verwenden Sie 3 bis 64")


def test_an_offline_refusal_reaches_a_german_packer_in_german(monkeypatch) -> None:
    from app.station.offline import NotOffline, not_offline

    refusal = not_offline(phrase("A partial shipment"))  # (choosing a box is possible offline since issue 17)
    assert str(refusal).startswith("A partial shipment is not possible while the central database cannot be reached")
    assert GERMAN.say(str(refusal)).startswith("Eine Teillieferung ist nicht möglich, solange die zentrale "
                                               "Datenbank nicht erreichbar ist")

    def offline_login(_self: FakePackingApi, badge: str) -> Packer:
        raise NotOffline(phrase("Badge %(badge)s has not logged in at this station before: while the central "
                                "database cannot be reached, only people who worked here before can log in.",
                                badge=badge))
    monkeypatch.setattr(FakePackingApi, "login", offline_login)
    german, english = _core("de"), _core()
    german.scan(Scan("BADGE-ALICE"))
    english.scan(Scan("BADGE-ALICE"))
    assert german.snapshot().message.text.startswith("Mit dem Ausweis BADGE-ALICE hat sich an dieser Station "
                                                     "noch niemand angemeldet")
    assert english.snapshot().message.text.startswith("Badge BADGE-ALICE has not logged in at this station before")


def test_an_imports_rejected_rows_are_listed_in_german() -> None:
    from app.imports.errors import MAX_LISTED, ImportRejected, RowProblem

    problems = [RowProblem(1, phrase("missing column '%(column)s'", column="sku")), RowProblem(0, "plain")]
    rejected = ImportRejected("orders.csv", problems)
    assert str(rejected) == ("orders.csv: 2 problem(s), nothing was imported. Fix these rows and import the file "
                             "again:\n  plain\n  line 1: missing column 'sku'")
    assert GERMAN.say(str(rejected)) == ("orders.csv: 2 Probleme, nichts wurde importiert. Korrigieren Sie diese Zeilen "
                                         "und importieren Sie die Datei noch einmal:\n  plain\n  Zeile 1: Spalte 'sku' fehlt")
    many = ImportRejected("x.csv", [RowProblem(n, "bad") for n in range(1, MAX_LISTED + 3)])
    assert str(many).endswith("line 200: bad\n  ... and 2 more")
    assert GERMAN.say(str(many)).endswith("Zeile 200: bad\n  ... und 2 weitere")
    assert pickle.loads(pickle.dumps(str(many))) == str(many)
