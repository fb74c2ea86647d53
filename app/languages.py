"""The languages Packdesk speaks, and which one a station shows: the logged-in user's (their
badge brings it, users.language), else the station's ([station] language), else English.
The translations themselves are Qt's (ui/translations.py) and Babel's (app/cli/messages.py);
no language depends on the machine having a system locale installed."""
from __future__ import annotations

LANGUAGES = {"en": "English", "de": "Deutsch"}
DEFAULT_LANGUAGE = "en"
# The configuration key this module adds: [station] language (docs/configuration.md).
STATION_LANGUAGE_KEY = "language"


def language_problem(code: str | None) -> str | None:
    """Why `code` is not a language Packdesk speaks, or None."""
    if code is None or code in LANGUAGES:
        return None
    return f"the language {code!r} is not one Packdesk speaks; use one of: {', '.join(LANGUAGES)}"


def chosen_language(user_language: str | None, station_language: str | None = None) -> str:
    """The user's language, else the station's, else English (unknown codes are skipped)."""
    for code in (user_language, station_language):
        if code and code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE
