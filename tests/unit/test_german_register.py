"""The German register the lead decided (docs/install.md, Languages): the user is "Sie", never
"du"; a station screen's instruction is an infinitive ("Etikett scannen."). A German text in
either catalogue - resources/locale/de/LC_MESSAGES/packdesk.po (core, command line) or
resources/translations/packdesk_de.ts (Qt) - that says "du", "dein", "dich" or "dir", or gives
an instruction as a du-imperative ("scanne", "gib ... an", "prüfe"), fails here."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "packdesk.po"
TS = ROOT / "resources" / "translations" / "packdesk_de.ts"

DU = re.compile(r"(?<![\w/:])([Dd]u|[Dd]ein|[Dd]eine|[Dd]einen|[Dd]einem|[Dd]einer|[Dd]eines|[Dd]ich|[Dd]ir)\b(?![:/])")
# The imperatives an instruction would use, said to "du" (the Sie form is the infinitive + "Sie").
IMPERATIVES = ("gib", "nimm", "lies", "sieh", "hol", "frag", "sag", "leg", "lege", "prüfe", "scanne", "wähle",
               "verwende", "schreibe", "speichere", "importiere", "installiere", "korrigiere", "entferne", "nenne",
               "drücke", "tippe", "warte", "versuche", "öffne", "schließe", "starte", "führe", "setze", "stelle",
               "lade", "sende", "schicke", "ändere", "bearbeite", "kommissioniere", "mach", "lass", "melde",
               "drucke", "wiege", "kürze", "zähle", "schaffe", "verbinde")
IMPERATIVE = re.compile(r"(?:^|[.;:!?(]\s*|,\s+|\b(?:und|oder|dann)\s+)((?i:" + "|".join(IMPERATIVES)
                        + r"))\b(?!\s+Sie\b)")  # "lege sie an": "sie" (it) is no "Sie"


def _german_texts() -> list[tuple[str, str]]:
    texts = []
    with PO.open("rb") as source:
        for entry in read_po(source):
            if entry.id:
                for text in entry.string if isinstance(entry.string, tuple) else (entry.string,):
                    texts.append((PO.name, text))
    for translation in ET.parse(TS).getroot().iter("translation"):
        for text in [translation.text or ""] + [form.text or "" for form in translation.iter("numerusform")]:
            texts.append((TS.name, text))
    return [(where, text) for where, text in texts if text]


def du_forms(text: str) -> list[str]:
    """The words of `text` that address the reader as "du"."""
    return [m.group(1) for m in DU.finditer(text)] + [m.group(1) for m in IMPERATIVE.finditer(text)]


def test_no_german_text_says_du() -> None:
    texts = _german_texts()
    assert len(texts) > 1000  # both catalogues were read
    found = [f"{where}: {forms} in {text!r}" for where, text in texts if (forms := du_forms(text))]
    assert not found, ("German that says du (the register is Sie; a station's instruction is an infinitive, "
                       "docs/install.md):\n" + "\n".join(found))


def test_the_check_tells_du_from_sie() -> None:
    assert du_forms("Scanne das Etikett.") == ["Scanne"]
    assert du_forms("prüfe die Rechte; gib --reason an") == ["prüfe", "gib"]
    assert du_forms("Hallo. Du ÜBERNIMMST den Auftrag, bevor du weitermachst.") == ["Du", "du"]
    assert du_forms("wer (Standard: dein Anmeldename)") == ["dein"]
    assert du_forms("Prüfen Sie die Rechte; geben Sie --reason an.") == []
    assert du_forms("Etikett scannen.") == []
    assert du_forms("Drucker-URL: tcp://HOST:9100, dir:///PFAD") == []  # a URL scheme, not "dir"
    assert du_forms("3 Drucke, Drucker bereit") == []  # "Drucke" the noun, mid-sentence
    assert du_forms("... --out DIR)") == []  # a metavar
    assert du_forms("lege sie an") == ["lege"]  # "sie" (it) is not "Sie"
