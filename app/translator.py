"""The station's words in the logged-in user's language, without a process-wide switch.

The core (app/station/core.py) and the use cases it calls compose what the packer reads as
`Phrase`s: English text (a `str`, so every English test and log line stays as it was) that
also remembers its message id and arguments. The core holds one `Translator` for the person
logged in (their badge's language, else the station's) and says each phrase through it, so two
stations in one process - or a packer and the CLI - never share a language by accident.

Numbers, weights and dates come from Babel's locale data, never the machine's system locale.
The catalogue is app/messages.py's (resources/locale/LANG/LC_MESSAGES/packdesk.po); `make
translations` collects phrases marked with `phrase(...)`, `plural_phrase(...)` and `noun(...)`."""
from __future__ import annotations

import gettext
import logging
from datetime import datetime
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from babel.dates import format_datetime
from babel.numbers import format_decimal

from app.languages import DEFAULT_LANGUAGE, chosen_language
from app.paths import resource

log = logging.getLogger(__name__)

DOMAIN = "packdesk"
LOCALE_DIR = resource("locale")
# What Babel extracts (`make translations`; tests/unit/test_catalogue_complete.py): gettext's own
# calls and this module's markers (None: the first argument; (1, 2): singular and plural).
EXTRACT_KEYWORDS = {"_": None, "ngettext": (1, 2), "phrase": None, "plural_phrase": (1, 2), "noun": (1, 2)}


@lru_cache(maxsize=None)
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (English: the message ids themselves)."""
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    if type(found) is gettext.NullTranslations:
        log.warning("no compiled catalogue for %s in %s: run `make setup`", language, LOCALE_DIR)
    return found


class Translator:
    """One language's words, numbers and dates: the logged-in user's at a station."""

    def __init__(self, language: str | None = None) -> None:
        self.language = chosen_language(language)
        self._catalogue = catalogue(self.language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def gettext(self, message: str) -> str:
        """`message` in this language."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for n in this language (German and English: one, other)."""
        return self._catalogue.ngettext(singular, plural, n)

    def say(self, text: object) -> str:
        """Any text in this language: a Phrase is said again from its message id; plain text stays."""
        if isinstance(text, Phrase):
            return text.said_by(self)
        return "" if text is None else str(text)

    def number(self, n: int | float, pattern: str | None = None) -> str:
        """A number with this language's separators ("1,480.5" / "1.480,5"); `pattern` a CLDR
        number pattern, e.g. "0.00" for two decimals without grouping ("1480.50" / "1480,50")."""
        return format_decimal(n, format=pattern, locale=self.language)

    def grams(self, g: int | None) -> str:
        """A weight as the scale shows it, never broken between number and unit ("1480 g")."""
        if g is None:
            return self.gettext("no weight")
        return f"{format_decimal(g, locale=self.language, group_separator=False)}\u00a0g"

    def date_time(self, moment: datetime, pattern: str) -> str:
        """`moment` by a CLDR pattern with this language's day and month names (Babel's data)."""
        return format_datetime(moment, pattern, tzinfo=moment.tzinfo, locale=self.language)


ENGLISH = Translator(DEFAULT_LANGUAGE)


class Phrase(str):
    """English text that can be said again in another language: its message id (and plural
    form and count) and its arguments. Arguments may be Phrases themselves (a reason, a count)."""

    msgid: str
    plural: str | None
    n: int | None
    args: Mapping[str, Any]

    def __new__(cls, msgid: str, args: Mapping[str, Any] | None = None,
                plural: str | None = None, n: int | None = None) -> Phrase:
        args = dict(args or {})
        self = super().__new__(cls, _render(ENGLISH, msgid, plural, n, args))
        self.msgid, self.plural, self.n, self.args = msgid, plural, n, args
        return self

    def __str__(self) -> str:
        return self  # str(exception) keeps the phrase, so the core can still translate it

    def said_by(self, translator: Translator) -> str:
        """This phrase in the translator's language."""
        if translator.language == DEFAULT_LANGUAGE:
            return str.__str__(self)
        return _render(translator, self.msgid, self.plural, self.n, self.args)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Phrase, (self.msgid, self.args, self.plural, self.n))


class Grams(Phrase):
    """A weight that is said in each language's digits ("1480 g")."""

    def __new__(cls, g: int | None) -> Grams:
        self = str.__new__(cls, ENGLISH.grams(g))
        self.msgid, self.plural, self.n, self.args = "", None, None, {"g": g}
        return self

    def said_by(self, translator: Translator) -> str:
        return translator.grams(self.args["g"])

    def __reduce__(self) -> tuple[Any, ...]:
        return (Grams, (self.args["g"],))


class Number(Phrase):
    """A whole number with each language's grouping ("20,000" / "20.000")."""

    def __new__(cls, n: int) -> Number:
        self = str.__new__(cls, ENGLISH.number(n))
        self.msgid, self.plural, self.n, self.args = "", None, None, {"n": n}
        return self

    def said_by(self, translator: Translator) -> str:
        return translator.number(self.args["n"])

    def __reduce__(self) -> tuple[Any, ...]:
        return (Number, (self.args["n"],))


class Lines(Phrase):
    """Texts one after another (an import's rejected rows), each said in the language; joined by `separator`."""

    def __new__(cls, items: Sequence[object], separator: str = "\n") -> Lines:
        items = tuple(items)
        self = str.__new__(cls, separator.join(ENGLISH.say(item) for item in items))
        self.msgid, self.plural, self.n, self.args = "", None, None, {"items": items, "separator": separator}
        return self

    def said_by(self, translator: Translator) -> str:
        return str(self.args["separator"]).join(translator.say(item) for item in self.args["items"])

    def __reduce__(self) -> tuple[Any, ...]:
        return (Lines, (self.args["items"], self.args["separator"]))


def _render(translator: Translator, msgid: str, plural: str | None, n: int | None,
            args: Mapping[str, Any]) -> str:
    template = translator.ngettext(msgid, plural, n) if plural is not None and n is not None \
        else translator.gettext(msgid)
    if not args:
        return template
    values = {key: _value(translator, value) for key, value in args.items()}
    try:
        return template % values
    except (KeyError, ValueError, TypeError):  # a broken translation must not hide the message
        log.error("translation of %r to %s does not fit its arguments", msgid, translator.language)
        return msgid % {key: _value(ENGLISH, value) for key, value in args.items()}


def _value(translator: Translator, value: Any) -> Any:
    if isinstance(value, Phrase):
        return value.said_by(translator)
    if isinstance(value, float) and translator.language != DEFAULT_LANGUAGE:
        return translator.number(value)  # the decimal comma; English keeps the figures as they were
    return value


def phrase(message: str, **args: Any) -> Phrase:
    """Mark a message for translation and fill in its %(name)s arguments (English now, any
    language when a Translator says it)."""
    return Phrase(message, args)


def plural_phrase(singular: str, plural: str, n: int, **args: Any) -> Phrase:
    """A message with a count: its singular or plural form, in any language; `n` is also %(n)s."""
    return Phrase(singular, {"n": n, **args}, plural, n)


def listed(items: Sequence[object], pair: Callable[[object, object], Phrase]) -> str:
    """Items joined two at a time by a phrase ("1 and 2 and 3"), so each join is said in the language."""
    said: object = items[0] if items else ""
    for item in items[1:]:
        said = pair(said, item)
    return said if isinstance(said, str) else str(said)


def noun(singular: str, plural: str) -> tuple[str, str]:
    """Mark a pair of count forms ("%(n)s box", "%(n)s boxes") for translation, used later."""
    return singular, plural
