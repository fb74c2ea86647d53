"""A German user reads the errors of boxing, packing, shipping, the station, identifiers, the
configuration, devices and printing in German, with the same names and values in them; the
English text (what logs and English tests read) stays word for word what it was (issue 19)."""
from __future__ import annotations

from typing import Callable

import pytest

from app.translator import Translator

GERMAN = Translator("de")


def _boxing() -> None:
    from app.boxing.files import parse_items

    parse_items([{"sku": "MUG", "length": 120}])


def _boxing_count() -> None:
    from app.boxing.files import parse_items

    parse_items([{"sku": "MUG", "length": 1, "width": 1, "height": 1, "weight": 1, "qty": 25_000}])


def _packing() -> None:
    from app.packing.settings import PackingSettings

    PackingSettings(lease_seconds=5).validate()


def _shipping() -> None:
    from app.shipping.settings import MailSettings

    MailSettings().check("station.toml")


def _station() -> None:
    from app.station.devices import StationDevices

    StationDevices().read_stable_weight()


def _identifiers() -> None:
    from app.identifiers import s10

    s10("RA", 12345678, "de")


def _configuration() -> None:
    from app.config_tables import check_known, config_table, collect_tables

    check_known({"packng": {}, "station": {"langauge": "de"}},
                collect_tables([config_table("packing"), config_table("station", "language", "code")]), "st.toml")


def _devices() -> None:
    from devices.factory import open_printer

    open_printer("ftp://10.0.0.7")


def _scale() -> None:
    from devices.scale_protocols.mt_sics import MtSics

    MtSics().parse_weight(b"S +\r\n")


def _printing() -> None:
    from printing.barcodes import sscc_symbol
    from printing.label import DOCUMENT

    sscc_symbol(DOCUMENT, "sscc", "123")


SAMPLES: list[tuple[str, Callable[[], None], str, str]] = [
    ("boxing", _boxing, 'item 1 (MUG) has no "width"; add it (see docs/boxing.md)',
     'Artikel 1 (MUG) hat kein "width"; ergänzen Sie es (siehe docs/boxing.md)'),
    ("boxing count", _boxing_count,
     "the items list has 25,000 units; a box suggestion takes at most 20,000. Check the quantities, or split "
     "the order and suggest boxes for each part",
     "die Artikelliste hat 25.000 Einheiten; ein Kartonvorschlag nimmt höchstens 20.000. Prüfen Sie die Mengen "
     "oder teilen Sie den Auftrag und lassen Sie für jeden Teil Kartons vorschlagen"),
    ("packing", _packing, "[packing] lease_seconds = 5 is too short; use 60 or more.",
     "[packing] lease_seconds = 5 ist zu kurz; verwenden Sie 60 oder mehr."),
    ("shipping", _shipping,
     '[mail] in station.toml needs host and sender to send customer messages, e.g. host = "smtp.example.org" '
     'and sender = "Shop <orders@example.org>" (docs/shipping.md).',
     '[mail] in station.toml braucht host und sender, um Kundennachrichten zu senden, z. B. host = '
     '"smtp.example.org" und sender = "Shop <orders@example.org>" (docs/shipping.md).'),
    ("station", _station, "no scale is configured ([devices] scale)", "keine Waage eingerichtet ([devices] scale)"),
    ("identifiers", _identifiers, "S10 country code must be two capital letters A-Z, got 'de'",
     "S10-Ländercode muss aus zwei Großbuchstaben A-Z bestehen, erhalten: 'de'"),
    ("configuration", _configuration,
     "Configuration file st.toml: unknown table [packng] (did you mean [packing]?); [station] has an unknown "
     "key 'langauge' (did you mean language?). Correct the name (every table and key is in docs/configuration.md).",
     "Konfigurationsdatei st.toml: unbekannte Tabelle [packng] (meinten Sie [packing]?); [station] hat einen "
     "unbekannten Schlüssel 'langauge' (meinten Sie language?). Korrigieren Sie den Namen (jede Tabelle und "
     "jeder Schlüssel steht in docs/configuration.md)."),
    ("devices", _devices, "printer ftp://10.0.0.7: use tcp://HOST:PORT, cups://QUEUE, dir:///PATH or memory:",
     "Drucker ftp://10.0.0.7: verwenden Sie tcp://HOST:PORT, cups://WARTESCHLANGE, dir:///PFAD oder memory:"),
    ("scale", _scale, "overload (+): remove weight from the scale", "Überlast (+): Gewicht von der Waage nehmen"),
    ("printing", _printing,
     "shipping label: field sscc = '123': an SSCC is 18 digits with a GS1 mod-10 check digit",
     "Versandetikett: Feld sscc = '123': eine SSCC hat 18 Ziffern mit einer GS1-Prüfziffer (Modulo 10)"),
]


@pytest.mark.parametrize(("where", "fail", "english", "german"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_a_german_user_reads_the_error_in_german_and_english_is_unchanged(
        where: str, fail: Callable[[], None], english: str, german: str) -> None:
    with pytest.raises(Exception) as caught:
        fail()
    assert str(caught.value) == english
    assert GERMAN.say(str(caught.value)) == german



def test_the_box_suggestion_explains_itself_in_german() -> None:
    from app.boxing.files import parse_boxes, parse_items
    from app.boxing.suggest import suggest_boxes

    items = parse_items([{"sku": "WIDGET-XL", "length": 320, "width": 100, "height": 80, "weight": 500},
                         {"sku": "PAN", "length": 250, "width": 250, "height": 60, "weight": 12_000}])
    boxes = parse_boxes([{"id": "S", "length": 300, "width": 200, "height": 150, "max_weight": 10000},
                         {"id": "M", "length": 400, "width": 300, "height": 200, "max_weight": 15000}])
    explanation = suggest_boxes(items, boxes).explanation
    assert explanation == "M: smallest that fits; S fails: WIDGET-XL is 320 mm long, S is 300 mm"
    assert GERMAN.say(explanation) == "M: der kleinste, der passt; S passt nicht: WIDGET-XL ist 320 mm lang, S ist 300 mm"


def test_a_weight_refusal_has_the_german_decimal_comma() -> None:
    from app.boxing.bounds import quick_refusal
    from app.boxing.files import parse_boxes, parse_items
    from app.boxing.orientations import fitting_orientations

    units = parse_items([{"sku": "PAN", "length": 250, "width": 150, "height": 60, "weight": 12_500}])
    (box,) = parse_boxes([{"id": "S", "length": 300, "width": 200, "height": 150, "max_weight": 10000}])
    said = quick_refusal(units, [fitting_orientations(u, box.dims) for u in units], box, 12_500, 1)
    assert said == "the units weigh 12.5 kg, S carries 10.0 kg"
    assert GERMAN.say(said) == "die Einheiten wiegen 12,5 kg, S trägt 10 kg"


def test_a_printer_that_refuses_the_connection_is_reported_in_german() -> None:
    import socket

    from app.ports import PrintJob
    from devices.printers.tcp import RawTcpPrinter

    with socket.socket() as free:  # a real port nobody listens on any more: the connection is refused
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = RawTcpPrinter("127.0.0.1", port, 2.0, host_status=False).print_job(
        PrintJob("label-1", b"^XA^XZ", "application/zpl"))
    assert not result.ok
    assert result.message == "refused the connection: is the printer on and the address right?"
    assert GERMAN.say(result.message) == "Verbindung abgelehnt: ist der Drucker eingeschaltet und die Adresse richtig?"
