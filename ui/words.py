"""Counts through Qt's tr() with a count: the installed translator (a .qm file with the
"%n order(s)" forms) decides every plural at the station; until one is installed the English
forms of app.words stand. Each noun's source is written out in Plurals so that pyside6-lupdate
collects it into resources/translations/*.ts."""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from app import words

log = logging.getLogger(__name__)

CONTEXT = "Plurals"


class Plurals(QObject):
    """The nouns the station counts (app.words.IRREGULAR and the screens'), each written out
    with tr() and a count so that pyside6-lupdate collects its plural forms."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, Callable[[int], str]] = {
            "order": lambda n: self.tr("%n order(s)", "", n),
            "unit": lambda n: self.tr("%n unit(s)", "", n),
            "scan": lambda n: self.tr("%n scan(s)", "", n),
            "mis-scan": lambda n: self.tr("%n mis-scan(s)", "", n),
            "box": lambda n: self.tr("%n box(es)", "", n),
            "parcel": lambda n: self.tr("%n parcel(s)", "", n),
            "label": lambda n: self.tr("%n label(s)", "", n),
            "person": lambda n: self.tr("%n person(s)", "", n),
        }


_plurals: Plurals | None = None


def qt_plural(n: int, singular: str, plural: str) -> str:
    """Qt's translation of "%n <singular>(s)" with n, or the English form when none is installed."""
    global _plurals
    if _plurals is None:
        _plurals = Plurals()
    form = _plurals.forms.get(singular)
    translated = form(n) if form is not None else QCoreApplication.translate(CONTEXT, f"%n {singular}(s)", "", n)
    if not translated or "(s)" in translated or "(es)" in translated:  # no translator knows it: English
        return words.english_plural(n, singular, plural)
    return translated


def install() -> None:
    """Every count of app.words goes through Qt from now on (the composition root calls this)."""
    words.use_plural(qt_plural)
