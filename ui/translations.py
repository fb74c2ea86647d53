"""Qt's translations: the station shows the logged-in user's language (their badge brings it),
else the station's ([station] language). Packdesk's own strings come from
resources/translations/packdesk_LANG.qm (compiled from the committed .ts sources by
`make setup` with pyside6-lrelease), Qt's dialog buttons from Qt's own qtbase_LANG.qm, app's
messages shown on screen from its gettext catalogue (app/messages.py), and dates, numbers and
weights from QLocale's own data - never the machine's system locale.

Widgets set their words in retranslate() and mix in Retranslated, which calls it again on
QEvent.LanguageChange; what a screen shows from the core (a pack, a summary) it renders again
there too, so every screen follows the badge (tests/ui/test_screen_languages.py)."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLibraryInfo, QLocale, QTime, QTranslator

from app.languages import DEFAULT_LANGUAGE, LANGUAGES, chosen_language
from app.messages import use_language
from app.paths import resource

log = logging.getLogger(__name__)

FOLDER = resource("translations")


def qm_file(language: str) -> Path:
    """Packdesk's compiled translation for a language."""
    return FOLDER / f"packdesk_{language}.qm"


def compile_translations(folder: Path = FOLDER) -> list[Path]:
    """pyside6-lrelease every .ts whose .qm is missing or older; the .qm files written."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    done = []
    for source in sorted(folder.glob("*.ts")):
        target = source.with_suffix(".qm")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True)
        done.append(target)
    return done


class Translations:
    """The translators installed on the application for one language at a time."""

    def __init__(self, app: QCoreApplication | None = None) -> None:
        self.app = app or QCoreApplication.instance()
        self.language: str | None = None
        self._installed: list[QTranslator] = []

    def use(self, language: str) -> None:
        """Show `language` (en, de): Packdesk's words, Qt's buttons, QLocale's numbers and dates."""
        language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        if language == self.language:
            return
        self.clear()
        own = QTranslator()
        if own.load(str(qm_file(language))):
            self._install(own)
        elif language != DEFAULT_LANGUAGE:
            log.error("no translation %s: run `make setup` (pyside6-lrelease compiles it)", qm_file(language))
        qt = QTranslator()
        if language != DEFAULT_LANGUAGE and qt.load(f"qtbase_{language}",
                                                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._install(qt)
        QLocale.setDefault(QLocale(language))
        use_language(language)  # app's own messages (gettext) in the same language
        self.language = language
        log.info("language %s", language)

    def _install(self, translator: QTranslator) -> None:
        self.app.installTranslator(translator)  # type: ignore[union-attr]
        self._installed.append(translator)

    def clear(self) -> None:
        """Remove every translator this object installed (English, the source language, remains)."""
        while self._installed:
            self.app.removeTranslator(self._installed.pop())  # type: ignore[union-attr]
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        use_language(DEFAULT_LANGUAGE)
        self.language = None


def follow_the_user(translations: Translations, station: Any, station_language: str) -> None:
    """The station's language now, and the logged-in user's from each login on."""
    translations.use(station_language)
    station.user_changed.connect(lambda user: translations.use(
        chosen_language(getattr(user, "language", None), station_language)))


class Retranslated:
    """Mixed into a widget (before the Qt class) whose words `retranslate()` sets: the widget
    calls it once when built, and Qt's LanguageChange (a badge brought another language)
    calls it again, so the fixed words follow the user."""

    def retranslate(self) -> None:
        """Set the widget's words in the language shown now."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def grams(value: int | None) -> str:
    """The station's one weight formatter: in the language shown (12,500 g in English, 12.500 g
    in German; four digits stay whole: 1250 g), never broken between number and unit."""
    if value is None:
        return QCoreApplication.translate("words", "no weight")
    locale = QLocale()
    if abs(int(value)) < 10_000:
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return f"{locale.toString(int(value))}\u00a0g"


def kilograms(value_g: float, decimals: int | None = None) -> str:
    """Grams as kilograms in the language shown: 2.5 kg, 2,5 kg (decimals None: as many as needed)."""
    value = value_g / 1000
    text = QLocale().toString(float(value), "g", 6) if decimals is None else number(value, decimals)
    return f"{text}\u00a0kg"


def number(value: float, decimals: int = 1) -> str:
    """A number with the language's separators."""
    return QLocale().toString(float(value), "f", decimals)


def date(value: Any) -> str:
    """A date in the language's short format."""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def clock(value: Any, seconds: bool = False) -> str:
    """A time of day (a datetime, already in the zone to show) in the language's format."""
    time = QTime(value.hour, value.minute, value.second)
    return QLocale().toString(time, "HH:mm:ss" if seconds else QLocale().timeFormat(QLocale.FormatType.ShortFormat))


def moment(value: Any) -> str:
    """A date and time (already in the zone to show) in the language's short format."""
    return QLocale().toString(QDateTime(QDate(value.year, value.month, value.day),
                                        QTime(value.hour, value.minute)), QLocale.FormatType.ShortFormat)
