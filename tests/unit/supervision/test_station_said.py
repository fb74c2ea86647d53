"""A mis-scan's stored station message is read back into the message it was made from, so that a
German supervisor reads it in German; each message listed must be one the station makes."""
from __future__ import annotations

import inspect
import io

from babel.messages.extract import extract_python

from app.packing import scan_rules
from app.supervision.words import STATION_SAID, station_said
from app.translator import Phrase, Translator, phrase


def test_every_message_read_back_is_one_the_station_makes() -> None:
    made = {msg if isinstance(msg, str) else msg[0] for _, _, msg, _ in
            extract_python(io.BytesIO(inspect.getsource(scan_rules).encode()), ["phrase"], [], {})}
    assert [p.msgid for p in STATION_SAID if p.msgid not in made] == []


def test_a_stored_message_is_said_in_german_and_unknown_text_stays() -> None:
    stored = str.__str__(phrase("Scanned %(code)s, which is not in order %(order)s. Put it aside and scan ACK.",
                                code="4006381333931 - Red teapot 1 l", order="PD-1042"))
    read = station_said(stored)
    assert isinstance(read, Phrase) and read == stored  # English as it was
    german = Translator("de").say(read)
    assert german.startswith("4006381333931 - Red teapot 1 l gescannt; das ist nicht in Auftrag PD-1042."), german
    assert station_said("the printer caught fire") == "the printer caught fire"
    assert station_said(None) == ""


def test_another_orders_sheet_is_read_back_for_a_german_supervisor() -> None:
    stored = str.__str__(phrase("Scanned %(code)s: that is another order's sheet, and this station is packing "
                                "%(order)s. Put that sheet aside with its order and scan ACK.",
                                code="PD-1043", order="PD-1042"))
    assert Translator("de").say(station_said(stored)) == (
        "PD-1043 gescannt: das ist der Auftragsschein eines anderen Auftrags; diese Station packt PD-1042. Legen Sie "
        "den Schein zu seinem Auftrag und scannen Sie ACK.")
