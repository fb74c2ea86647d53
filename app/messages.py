"""The command line's words (and the doctor's) through gettext: `_()` and `ngettext()` read the catalogue of the
language chosen - $PACKDESK_LANGUAGE, else the configuration's [station] language, else English.
The German catalogue is resources/locale/de/LC_MESSAGES/packdesk.po (committed); `make setup`
compiles it to .mo with Babel, `make translations` collects new strings. Nothing depends on the
machine's system locale: LANG and LC_ALL are never read."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from app.languages import chosen_language
from app.translator import DOMAIN, ENGLISH, LOCALE_DIR, Translator

log = logging.getLogger(__name__)

ENV_LANGUAGE = "PACKDESK_LANGUAGE"

# The command line's one language (a station's core holds a Translator of its own: app/translator.py).
_translator: Translator = ENGLISH


def use_language(language: str) -> str:
    """Speak `language` from now on (unknown languages: English); the language used."""
    global _translator
    _translator = Translator(chosen_language(language))
    return _translator.language


def translator() -> Translator:
    """The command line's translator: its numbers, weights and dates, and its Phrases."""
    return _translator


def say(text: object) -> str:
    """Text for the command line: a Phrase (app/translator.py) in the language chosen, other text as it is."""
    return _translator.say(text)


def language_for_command(station_language: str | None = None) -> str:
    """$PACKDESK_LANGUAGE, else the station's language, else English."""
    return chosen_language(os.environ.get(ENV_LANGUAGE), station_language)


def _(message: str) -> str:
    """`message` in the language chosen."""
    return _translator.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, in the language chosen."""
    return _translator.ngettext(singular, plural, n)


def compile_catalogues(folder: Path = LOCALE_DIR) -> list[Path]:
    """Babel: compile each .po whose .mo is missing or older (`make setup`); the .mo written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    done = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalogue = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalogue)
        done.append(mo)
    return done
