"""The set-up wizard's pages: the database (tested on the wizard's worker, off the GUI thread),
the station, and the file to be written; the device pages are in ui/setup_device_pages.py."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QRadioButton, QVBoxLayout,
    QWizardPage,
)

from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.setup.answers import SetupAnswers, database_problem, station_code_problem
from app.setup.database import DatabaseTest, prepare_database, test_database
from ui.style import GREEN, RED, button, label
from ui.translations import Retranslated
from ui.workers import Worker

log = logging.getLogger(__name__)



def show_result(widget: Any, text: str, good: bool | None) -> None:
    """A result line: green when good, red when not, plain while waiting."""
    widget.setText(text)
    colour = "" if good is None else (GREEN if good else RED)
    widget.setStyleSheet(f"background: {colour}; color: white; padding: 6px;" if colour else "")


def device_combo(current: str) -> QComboBox:
    """An editable list of addresses: those found on this computer, or one typed in."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setMinimumContentsLength(30)
    combo.addItem("")
    if current:
        combo.addItem(current)
    combo.setCurrentText(current)
    return combo


class Wizard(Protocol):
    """What the pages ask of the set-up wizard (ui/setup_wizard.py SetupWizard), named here so
    that the pages never import the wizard that imports them."""

    answers: SetupAnswers
    worker: Worker
    path: Path
    result_shown: Any  # Signal(str, str): test, text
    devices_found: Any  # Signal(object): devices.diagnostics.list_devices's answer

    def speak(self, language: str) -> None: ...

    def look_for_devices(self) -> None: ...

    def preview(self) -> tuple[str, str]: ...

    def save(self) -> str: ...


class SetupPage(Retranslated, QWizardPage):
    """A page whose words follow the language shown: retranslate() on QEvent.LanguageChange."""


class DatabasePage(SetupPage):
    """The built-in database, or the warehouse's PostgreSQL with a connection test."""

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.owner = wizard
        self._tested: tuple[str, DatabaseTest] | None = None
        layout = QVBoxLayout(self)
        self.builtin = QRadioButton()
        self.shared = QRadioButton()
        group = QButtonGroup(self)
        for choice in (self.builtin, self.shared):
            group.addButton(choice)
            layout.addWidget(choice)
        self.url = QLineEdit(wizard.answers.database_url)
        self.url.setPlaceholderText("postgresql://packdesk@db.warehouse.lan/packdesk")
        layout.addWidget(self.url)
        row = QHBoxLayout()
        self.test_button = button("")
        self.prepare_button = button("")
        row.addWidget(self.test_button)
        row.addWidget(self.prepare_button)
        layout.addLayout(row)
        self.result = label("", "hint")
        layout.addWidget(self.result)
        layout.addStretch(1)
        (self.shared if wizard.answers.database_url else self.builtin).setChecked(True)
        self.prepare_button.setEnabled(False)
        self.test_button.clicked.connect(self.test)
        self.prepare_button.clicked.connect(self.prepare)
        self.builtin.toggled.connect(self._changed)
        self.url.textChanged.connect(self._changed)
        self._changed()
        self.retranslate()

    def retranslate(self) -> None:
        """The page's fixed words."""
        self.setTitle(self.tr("Database"))
        self.setSubTitle(self.tr("Where this station keeps orders, scans and labels."))
        self.builtin.setText(self.tr("Built-in database on this computer (one station alone)"))
        self.shared.setText(self.tr("PostgreSQL database shared by the stations"))
        self.test_button.setText(self.tr("TEST CONNECTION"))
        self.prepare_button.setText(self.tr("CREATE OR UPGRADE THE TABLES"))

    def chosen_url(self) -> str:
        """The URL to write: empty for the built-in database."""
        return "" if self.builtin.isChecked() else self.url.text().strip()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        """The built-in database is tested at once (it needs no address)."""
        if self.builtin.isChecked() and self._tested is None:
            self.test()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        """Next only once the chosen database answered and its schema is this Packdesk's."""
        return self._tested is not None and self._tested[0] == self.chosen_url() and self._tested[1].ready

    def _changed(self) -> None:
        self.url.setEnabled(self.shared.isChecked())
        self._tested = None
        self.prepare_button.setEnabled(False)
        show_result(self.result, "", None)
        self.completeChanged.emit()

    def test(self) -> None:
        """Connect (off the GUI thread) and read the schema's revision."""
        url = self.chosen_url()
        if self.shared.isChecked():
            found = database_problem(url) or (None if url else self.tr("Write the PostgreSQL URL first."))
            if found:
                show_result(self.result, found, False)
                self.owner.result_shown.emit("database", found)
                return
        show_result(self.result, self.tr("Connecting..."), None)
        self.test_button.setEnabled(False)
        self.owner.worker.submit(test_database, url, on_done=lambda answer: self._answered(url, answer),
                                 on_error=self._failed)

    def prepare(self) -> None:
        """Create or upgrade the schema (like `packdesk db upgrade`), off the GUI thread."""
        url = self.chosen_url()
        show_result(self.result, self.tr("Creating the tables..."), None)
        self.prepare_button.setEnabled(False)
        self.owner.worker.submit(prepare_database, url, on_done=lambda answer: self._answered(url, answer),
                                 on_error=self._failed)

    def _answered(self, url: str, answer: DatabaseTest) -> None:
        self.test_button.setEnabled(True)
        if url != self.chosen_url():
            return  # the choice changed while the test ran
        self._tested = (url, answer)
        if answer.ready:
            text = self.tr("Connected: %1").replace("%1", answer.found)
        elif answer.can_prepare:
            text = self.tr("%1. Press CREATE OR UPGRADE THE TABLES.").replace("%1", answer.found)
        else:
            text = f"{answer.found}. {answer.fix}"
        show_result(self.result, text, answer.ready)
        self.prepare_button.setEnabled(answer.can_prepare)
        self.completeChanged.emit()
        self.owner.result_shown.emit("database", text)

    def _failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        text = self.tr("The test failed: %1").replace("%1", str(exc))
        show_result(self.result, text, False)
        self.owner.result_shown.emit("database", text)


class StationPage(SetupPage):
    """The station's code (on scans, labels and events), its name and its language (the wizard
    speaks it from the moment it is chosen)."""

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.owner = wizard
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.code = QLineEdit(wizard.answers.station_code)
        self.code.setMaxLength(60)
        self.name = QLineEdit(wizard.answers.station_name)
        self.problem = label("", "hint")
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(wizard.answers.language or DEFAULT_LANGUAGE)))
        self.captions = [label("", wrap=False) for _ in range(3)]
        for caption, field in zip(self.captions, (self.code, self.name, self.language)):
            form.addRow(caption, field)
        self.language_hint = label("", "hint")
        form.addRow(self.language_hint)
        form.addRow(self.problem)
        self.code.textChanged.connect(self._changed)
        self.language.currentIndexChanged.connect(lambda _i: wizard.speak(self.language.currentData()))
        self._changed()
        self.retranslate()

    def retranslate(self) -> None:
        """The page's fixed words (and the code's problem, if any)."""
        self.setTitle(self.tr("This station"))
        self.setSubTitle(self.tr("Scans, labels and events name the station by its code."))
        self.name.setPlaceholderText(self.tr("e.g. Bench 3, hall B"))
        for caption, text in zip(self.captions, (self.tr("Station code"), self.tr("Name (optional)"),
                                                 self.tr("Language"))):
            caption.setText(text)
        self.language_hint.setText(self.tr("Between users the station shows its language; a user's own "
                                           "language comes with their badge."))

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        """Next only with a usable code."""
        return station_code_problem(self.code.text()) is None

    def _changed(self) -> None:
        found = station_code_problem(self.code.text())
        show_result(self.problem, found or "", False if found else None)
        self.completeChanged.emit()


class FinishPage(SetupPage):
    """The file as it will be written; Finish writes it (whole, or not at all)."""

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.owner = wizard
        layout = QVBoxLayout(self)
        self.where = label("", "hint")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.problem = label("", "hint")
        layout.addWidget(self.where)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        self.retranslate()

    def retranslate(self) -> None:
        """The page's fixed words."""
        self.setTitle(self.tr("Save the configuration"))
        self.where.setText(self.tr("Finish writes %1:").replace("%1", str(self.owner.path)))

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        """Show what Finish will write."""
        text, found = self.owner.preview()
        self.preview.setPlainText(text)
        show_result(self.problem, found, False if found else None)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        """Write the file; a problem is shown and the wizard stays open."""
        found = self.owner.save()
        show_result(self.problem, found, False if found else None)
        return not found
