"""Every screen follows the user's language, not only the login: a German packer's badge turns
home, the pack screen, the lock, the prompts and the status-bar devices German (counts with
their plural forms, weights through QLocale); the next English packer's badge turns them back,
and the station's own language shows between them."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import update

from app.commands import Command
from app.store.models import User
from app.store.session import Database
from tests.ui.data import ALICE_BADGE, BOB_BADGE, MUG
from tests.ui.helpers import login, scan, settle

LEFT = Qt.MouseButton.LeftButton


def speaks(qtbot, check) -> None:  # type: ignore[no-untyped-def]
    """Qt posts LanguageChange to each widget: wait until the screens have repainted their words."""
    qtbot.waitUntil(check, timeout=5000)


def test_a_german_badge_turns_every_screen_german_and_an_english_one_back(qtbot, make_station,
                                                                          station_db_url) -> None:
    with Database(station_db_url) as db, db.engine.begin() as conn:
        conn.execute(update(User).where(User.badge_code == ALICE_BADGE).values(language="de"))
        conn.execute(update(User).where(User.badge_code == BOB_BADGE).values(language="en"))
    app = make_station({"station": {"language": "en"}})
    window = app.window
    home, pack, lock = window.screens["home"], window.screens["pack"], window.overlay

    login(qtbot, app, ALICE_BADGE)
    assert app.translations.language == "de"
    speaks(qtbot, lambda: home.next_button.text() == "NÄCHSTER AUFTRAG")
    assert home.queue.text() == "3 Aufträge warten"
    assert "Heute: 0 Aufträge gepackt, 0 Stück, 0 Scans, 0 Fehlscans" in home.figures.text()
    assert home.hello.text() == "Alice an Station ST-TEST"
    assert lock.ack.text() == "BESTÄTIGEN"
    assert window.problem_prompt.cancel.text() == "ABBRECHEN  (Esc)"
    assert window.exit_prompt.keypad.keys["CLEAR"].text() == "LÖSCHEN"
    assert window.windowTitle() == "Packdesk Station ST-TEST"

    scan(qtbot, app, Command.NEXT.value)
    assert app.station.step == "pack"
    assert [pack.table.horizontalHeaderItem(c).text() for c in range(1, 5)] == \
        ["Artikel", "Artikelnr.", "Soll", "Ist"]
    assert pack.buttons["CLOSE BOX"].text() == "KARTON ZU"
    assert pack.sla.text().startswith("Stück 0 von ")
    assert pack.order.text().startswith("Auftrag PD-")
    assert pack.parcel_word.text() == "PAKET"
    scan(qtbot, app, MUG)
    assert pack.sla.text().startswith("Stück 1 von ")
    scan(qtbot, app, "4006381000000")  # not on the order: the lock, in German
    settle(qtbot, app)
    assert lock.isVisible() and lock.title.text() == "STOPP"
    assert lock.hint.text() == "ACK scannen, Leertaste drücken oder BESTÄTIGEN tippen"
    scan(qtbot, app, Command.ACK.value)
    settle(qtbot, app)
    qtbot.mouseClick(pack.buttons["LOG OUT"], LEFT)
    settle(qtbot, app)
    if app.station.step == "logout":  # an order open: the logout question, in German
        assert window.logout_prompt.hint.text().startswith("Schaltfläche antippen, 1 drücken")
        scan(qtbot, app, Command.LOGOUT.value)
        settle(qtbot, app)
    assert app.station.user is None

    # between users the station's own language: English
    assert app.translations.language == "en"
    speaks(qtbot, lambda: window.screens["login"].title.text() == "Scan your badge to start")
    speaks(qtbot, lambda: home.next_button.text() == "NEXT ORDER")

    login(qtbot, app, BOB_BADGE)
    assert app.translations.language == "en"
    speaks(qtbot, lambda: home.hello.text() == "Bob at station ST-TEST")
    assert home.queue.text().endswith("orders waiting")
    assert pack.buttons["CLOSE BOX"].text() == "CLOSE BOX"
    assert [pack.table.horizontalHeaderItem(c).text() for c in range(1, 5)] == ["Item", "SKU", "To pack", "Scanned"]
    assert lock.ack.text() == "ACKNOWLEDGE"
    assert window.windowTitle() == "Packdesk station ST-TEST"


def test_the_device_strip_and_the_device_screen_follow_the_language(qtbot, make_station) -> None:
    app = make_station({"station": {"language": "de"}})
    strip_tiles = [t for t in app.window.statusBar().findChildren(type(app.window.screens["home"].hello))
                   if t.objectName().startswith("device-")]
    devices = app.window.screens["devices"]
    speaks(qtbot, lambda: devices.back.text() == "ZURÜCK")
    assert devices.tests["label printer"].text() == "TESTDRUCK"
    assert devices.names["label printer"].text() == "Etikettendrucker"
    shown = [t.text() for t in strip_tiles if t.isVisible()]
    assert all(not text.endswith(" ok") or text.split()[-1] == "ok" for text in shown)
    assert any(text.startswith("Etikettendrucker") for text in (t.text() for t in strip_tiles))
    app.translations.use("en")
    speaks(qtbot, lambda: devices.back.text() == "BACK")
    assert any(text.startswith("label printer") for text in (t.text() for t in strip_tiles))


def test_weights_and_times_follow_the_language_shown_not_the_machine(qapp) -> None:
    from datetime import datetime

    from ui.translations import Translations, clock, grams, kilograms, moment

    chosen = Translations()
    at = datetime(2026, 12, 5, 14, 7, 9)
    try:
        chosen.use("en")
        assert grams(1250) == "1250\u00a0g" and grams(12500) == "12,500\u00a0g" and kilograms(2250) == "2.25\u00a0kg"
        assert clock(at, seconds=True) == "14:07:09" and "2:07" in clock(at) and "PM" in clock(at)
        assert moment(at).startswith("12/5/26")
        chosen.use("de")
        assert grams(1250) == "1250\u00a0g" and grams(12500) == "12.500\u00a0g" and kilograms(2250) == "2,25\u00a0kg"
        assert grams(None) == "kein Gewicht"
        assert clock(at) == "14:07" and moment(at) == "05.12.26 14:07"
    finally:
        chosen.clear()


def test_the_pack_screens_facts_about_the_order_and_its_box_are_german_for_a_german_packer(
        qtbot, make_station, station_db_url) -> None:
    # the carrier, the ship-by date and the box's reason come from the app as phrases: said in
    # the packer's language, not the English they are written in
    from app.store.models import Order

    with Database(station_db_url) as db, db.engine.begin() as conn:
        conn.execute(update(User).where(User.badge_code == ALICE_BADGE).values(language="de"))
        conn.execute(update(Order).values(carrier=None, sla_due_at=None))
    app = make_station({"station": {"language": "en"}})
    pack = app.window.screens["pack"]
    login(qtbot, app, ALICE_BADGE)
    scan(qtbot, app, Command.NEXT.value)
    settle(qtbot, app)
    assert app.station.step == "pack"
    assert pack.carrier.text().startswith("kein Versanddienstleister gewählt"), pack.carrier.text()
    assert pack.due.text() == "Kein Versanddatum"
    assert "passt" in pack.box_why.text() and "fits" not in pack.box_why.text(), pack.box_why.text()
