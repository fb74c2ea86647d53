"""Counts go through Qt's tr() with a count (issue 13, item 15): English without a translator,
the translator's form once one is installed."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from app import words
from ui import words as qt_words


class Plurals(QTranslator):
    """A translator that knows one plural, as a .qm file with "%n order(s)" would."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        if context == qt_words.CONTEXT and source == "%n order(s)":
            return f"{n} Bestellung" if n == 1 else f"{n} Bestellungen"
        return ""


def test_counts_are_english_without_a_translator(qapp) -> None:
    qt_words.install()
    try:
        assert words.count(1, "order") == "1 order" and words.count(2, "order") == "2 orders"
    finally:
        words.use_plural(words.english_plural)


def test_an_installed_translator_decides_the_plural(qapp) -> None:
    translator = Plurals()
    QCoreApplication.installTranslator(translator)
    qt_words.install()
    try:
        assert words.count(1, "order") == "1 Bestellung"
        assert words.count(3, "order") == "3 Bestellungen"
        assert words.count(3, "unit") == "3 units"  # not translated: English
    finally:
        QCoreApplication.removeTranslator(translator)
        words.use_plural(words.english_plural)
