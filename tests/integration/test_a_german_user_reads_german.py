"""Issue 19, German everywhere (part B): a German user reads German in what the core says
beyond the station's screens - an import's bad rows, a held order's reasons (stored in English,
said in German when read), the offline journal's status and a doctor's finding - while the
English user reads exactly what they read before. On SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.messages import use_language
from app.store.journal import Journal
from app.store.models import Order, OrderHold
from app.store.session import Database
from app.translator import Translator
from tests.integration.orders.warehouse import ORDER_HEADER, import_orders, order_row, stock_up, write
from tests.ui.data import MUG, seed

GERMAN = Translator("de")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")


def packdesk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, language: str,
             *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("PACKDESK_LANGUAGE", language)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_orders_import_with_bad_rows_is_refused_in_german(db: Database, tmp_path: Path, capsys,
                                                             monkeypatch) -> None:
    stock_up(db, tmp_path)
    bad = write(tmp_path, "orders.csv", ORDER_HEADER + order_row("WEB-1", sku="NO-SUCH-SKU")
                + order_row("WEB-2", country="XYZ"))
    code, _out, english = packdesk(capsys, monkeypatch, "en", "--database", db.url, "import", "orders", str(bad))
    assert code == 2
    assert "line 2: unknown SKU NO-SUCH-SKU (not in the catalogue; import the catalogue first)" in english
    assert "line 3: ship_country 'XYZ' is not a two-letter ISO country code (e.g. DE, FR)" in english
    code, _out, german = packdesk(capsys, monkeypatch, "de", "--database", db.url, "import", "orders", str(bad))
    assert code == 2
    assert "2 Probleme, nichts wurde importiert. Korrigieren Sie diese Zeilen" in german
    assert "Zeile 2: unbekannte SKU NO-SUCH-SKU (nicht im Katalog; importieren Sie zuerst den Katalog)" in german
    assert "Zeile 3: ship_country 'XYZ' ist kein ISO-Ländercode aus zwei Buchstaben (z. B. DE, FR)" in german
    assert "unknown SKU" not in german and "line 2" not in german


def test_a_held_orders_reasons_are_stored_in_english_and_read_in_german(db: Database, tmp_path: Path, capsys,
                                                                        monkeypatch) -> None:
    stock_up(db, tmp_path)
    orders = write(tmp_path, "orders.csv", ORDER_HEADER + order_row("WEB-2", country="XX", payment="pending"))
    code, german, _err = packdesk(capsys, monkeypatch, "de", "--database", db.url, "import", "orders", str(orders))
    assert code == 0  # the import's own notes in German too
    assert ("  Auftrag WEB-2 zurückgehalten: address: Land 'XX' ist kein Ländercode nach ISO 3166; "
            "payment: Zahlung ist pending, nicht bezahlt oder autorisiert") in german
    with db.read() as session:
        stored = dict(session.execute(select(OrderHold.kind, OrderHold.detail).join(Order)).all())
    assert stored == {"address": "country 'XX' is not an ISO 3166 country code",  # the database keeps English
                      "payment": "payment is pending, not paid or authorized"}

    code, english, _err = packdesk(capsys, monkeypatch, "en", "orders", "show", "WEB-2", "--database", db.url)
    assert code == 0
    assert ("address: country 'XX' is not an ISO 3166 country code; "
            "payment: payment is pending, not paid or authorized") in english
    assert "Order WEB-2  on hold  priority" in english  # its status in words, not the code on_hold
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "WEB-2", "--database", db.url)
    assert code == 0
    assert "on_hold" not in german and "on hold" not in german
    assert ("Adresse: Land 'XX' ist kein Ländercode nach ISO 3166; "  # the hold's kind in words (german-finish)
            "Zahlung: Zahlung ist pending, nicht bezahlt oder autorisiert") in german

    # the supervisors' exception queue says the same reasons in the reader's language
    code, german, _err = packdesk(capsys, monkeypatch, "de", "exceptions", "list", "--database", db.url)
    assert code == 0
    # the hold's kind too (review-safety): "Adresse", not the code "address"
    assert "Auftrag WEB-2 zurückgehalten - Adresse: Land 'XX' ist kein Ländercode nach ISO 3166" in german
    code, english, _err = packdesk(capsys, monkeypatch, "en", "exceptions", "list", "--database", db.url)
    assert "Order WEB-2 on hold - address: country 'XX' is not an ISO 3166 country code" in english


def test_a_supervisors_own_words_stay_as_typed_for_a_german_user(db: Database, tmp_path: Path, capsys,
                                                                 monkeypatch) -> None:
    stock_up(db, tmp_path)
    import_orders(db, tmp_path, order_row("WEB-1"))
    code, _out, _err = packdesk(capsys, monkeypatch, "en", "orders", "hold", "WEB-1", "--reason",
                                "no city", "--database", db.url)
    assert code == 0
    code, german, _err = packdesk(capsys, monkeypatch, "de", "orders", "show", "WEB-1", "--database", db.url)
    # a supervisor's hold is the supervisor's text: never read as one of Packdesk's own messages
    assert "Vorgesetzter: no city" in german and "kein Ort" not in german


def test_the_offline_journals_status_text_in_german(db: Database, tmp_path: Path) -> None:
    seed(db, orders=2)
    journal = Journal(tmp_path / "station-data", "ST-7", "alice")
    journal.lease(db, 1)
    assert journal.status_text() == ""
    order = journal.next_order()
    assert order is not None
    journal.scan(order, MUG)
    one = journal.waiting()
    assert journal.status_text() == f"offline: {one} event{'s' if one != 1 else ''} waiting"
    german = GERMAN.say(journal.status_text())
    assert german == (f"offline: {one} Ereignis wartet" if one == 1 else f"offline: {one} Ereignisse warten")
    journal.scan(order, MUG)
    assert GERMAN.say(journal.status_text()) == f"offline: {one + 1} Ereignisse warten"


def test_a_doctor_finding_and_its_fix_in_german(tmp_path: Path, capsys, monkeypatch) -> None:
    config = tmp_path / "station.toml"
    config.write_text("[station\ncode = ", encoding="utf-8")  # not TOML at all
    code, english, _err = packdesk(capsys, monkeypatch, "en", "--config", str(config), "doctor")
    assert code == 1 and "Correct the station configuration (docs/configuration.md)." in english
    code, german, _err = packdesk(capsys, monkeypatch, "de", "--config", str(config), "doctor")
    assert code == 1
    assert "Korrigieren Sie die Stationskonfiguration (docs/configuration.md)." in german
    assert "Correct the station configuration" not in german
