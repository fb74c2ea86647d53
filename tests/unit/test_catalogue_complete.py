"""Every gettext message of the command line and every phrase the station says has its German
translation (issue 19; tests/ui/test_translations.py does the same for Qt's tr()): a new
message without one fails here, naming it and where it is, with what to run."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.translator import EXTRACT_KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "packdesk.po"
FOLDERS = ("app", "printing", "devices", "ui")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


def _messages() -> dict[object, str]:
    found: dict[object, str] = {}
    for folder in FOLDERS:
        for filename, line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=EXTRACT_KEYWORDS):
            found.setdefault(message, f"{folder}/{filename}:{line}")
    return found


def _catalogue():  # type: ignore[no-untyped-def]
    with PO.open("rb") as source:
        return read_po(source)


def test_the_code_has_phrases_to_translate() -> None:
    messages = _messages()
    assert len(messages) > 150  # the extraction itself works (keywords, folders)
    assert "Hello %(name)s." in messages and ("%(n)s box", "%(n)s boxes") in messages


def test_every_message_has_a_german_translation() -> None:
    catalogue = _catalogue()
    missing = []
    for message, where in _messages().items():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else (
            (entry.string,) if entry is not None else ("",))
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(f"{where}: {key!r}")
    assert not missing, ("messages without German (run `make translations`, translate them in "
                         f"{PO.relative_to(ROOT)}, then `make setup`):\n" + "\n".join(missing))


def test_every_translation_fills_the_same_placeholders() -> None:
    wrong = []
    for entry in _catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - wanted:
                wrong.append(f"{entry.id!r} -> {text!r}")
            if text and len(ids) == 1 and set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{entry.id!r} -> {text!r}")
    assert not wrong, "translations with other %(name)s placeholders than their message:\n" + "\n".join(wrong)
