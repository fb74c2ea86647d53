"""Counts through Qt's tr() with a count: a translator installed later (a .qm file with the
"%n order(s)" forms) decides every plural at the station; until one is installed the English
forms of app.words stand."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from app import words

log = logging.getLogger(__name__)

CONTEXT = "packdesk"


def qt_plural(n: int, singular: str, plural: str) -> str:
    """Qt's translation of "%n <singular>(s)" with n, or the English form when none is installed."""
    source = f"%n {singular}(s)"
    translated = QCoreApplication.translate(CONTEXT, source, None, n)
    if not translated or translated == source.replace("%n", str(n)):  # no translator knows it: English
        return words.english_plural(n, singular, plural)
    return translated


def install() -> None:
    """Every count of app.words goes through Qt from now on (the composition root calls this)."""
    words.use_plural(qt_plural)
