"""A decided exception's summary is kept as the English the queue showed and read back in the
reader's language by the exception's kind (app/supervision/words.py summary_said); each reason by
the kind of hold or station exception it names, so a person's own words stay as they were typed."""
from __future__ import annotations

from app.supervision.words import summary_said
from app.translator import Phrase, Translator

GERMAN = Translator("de")


def test_a_holds_several_reasons_read_back_each_by_its_kind() -> None:
    stored = ("Order WEB-2 on hold - address: country 'XX' is not an ISO 3166 country code; "
              "payment: payment is pending, not paid or authorized; supervisor: no city")
    read = summary_said(stored, "hold")
    assert read == stored  # English as stored
    assert GERMAN.say(read) == ("Auftrag WEB-2 zurückgehalten - Adresse: Land 'XX' ist kein Ländercode nach ISO 3166; "
                                "Zahlung: Zahlung ist pending, nicht bezahlt oder autorisiert; Vorgesetzter: no city")


def test_a_short_pick_with_its_own_semicolons_reads_whole() -> None:
    stored = ("Order WEB-3 on hold - short pick: short pick at A-01: 1 of 3 x MUG found; the rest from B-1; "
              "address: no city")
    german = GERMAN.say(summary_said(stored, "hold"))
    assert "the rest from" not in german and "no city" not in german and german.endswith("Adresse: kein Ort"), german


def test_a_packers_words_stay_and_the_offline_conflict_reads_german() -> None:
    typed = summary_said("Order PD-1: other problem - no city", "problem")
    assert GERMAN.say(typed) == "Auftrag PD-1: anderes Problem - no city"
    journal = summary_said("Order PD-1: other problem - offline scan at ST-7 not applied: the order is cancelled "
                           "centrally; check the parcel against the order", "problem")
    assert GERMAN.say(journal) == ("Auftrag PD-1: anderes Problem - offline scan an ST-7 nicht übernommen: der "
                                   "Auftrag ist zentral storniert; prüfen Sie das Paket gegen den Auftrag")


def test_an_unknown_summary_or_kind_stays_as_stored() -> None:
    assert summary_said("something from a newer version", "hold") == "something from a newer version"
    assert not isinstance(summary_said("Order PD-1: other problem - x", "sla_breach"), Phrase)
    assert summary_said(None, "hold") == ""
