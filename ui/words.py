"""Counts through Qt's tr() with a count: the installed translator (a .qm file with the
"%n order(s)" forms) decides every plural at the station; until one is installed the English
forms of app.words stand. Each noun's source is written out below so that pyside6-lupdate
collects it into resources/translations/*.ts."""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app import words

log = logging.getLogger(__name__)

CONTEXT = "packdesk"


def _t(source: str, n: int) -> str:
    return QCoreApplication.translate(CONTEXT, source, None, n)


# the nouns the station counts (app.words.IRREGULAR and the screens'), each as lupdate sees it
FORMS: dict[str, Callable[[int], str]] = {
    "order": lambda n: QCoreApplication.translate("packdesk", "%n order(s)", None, n),
    "unit": lambda n: QCoreApplication.translate("packdesk", "%n unit(s)", None, n),
    "scan": lambda n: QCoreApplication.translate("packdesk", "%n scan(s)", None, n),
    "mis-scan": lambda n: QCoreApplication.translate("packdesk", "%n mis-scan(s)", None, n),
    "box": lambda n: QCoreApplication.translate("packdesk", "%n box(es)", None, n),
    "parcel": lambda n: QCoreApplication.translate("packdesk", "%n parcel(s)", None, n),
    "label": lambda n: QCoreApplication.translate("packdesk", "%n label(s)", None, n),
    "person": lambda n: QCoreApplication.translate("packdesk", "%n person(s)", None, n),
}


def qt_plural(n: int, singular: str, plural: str) -> str:
    """Qt's translation of "%n <singular>(s)" with n, or the English form when none is installed."""
    form = FORMS.get(singular)
    source = f"%n {singular}(s)"
    translated = form(n) if form is not None else _t(source, n)
    if not translated or "(s)" in translated or "(es)" in translated:  # no translator knows it: English
        return words.english_plural(n, singular, plural)
    return translated


def install() -> None:
    """Every count of app.words goes through Qt from now on (the composition root calls this)."""
    words.use_plural(qt_plural)
