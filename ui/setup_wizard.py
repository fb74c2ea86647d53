"""The first-run set-up wizard: shown by `packdesk run` when no configuration file exists, and
by `packdesk setup` (or a supervisor's DOCTOR screen) to change it later. It asks for the
database, the station, the scanner and scale, and the printers, tests each off the GUI thread,
and writes the station's TOML file (app.setup does the checking and the writing)."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.config import default_config_path
from app.errors import ConfigError, PackdeskError
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.messages import _
from app.setup.answers import SetupAnswers, answers_from_file, check_answers, write_station_file
from app.setup.changes import ConfigurationAudit
from app.setup.toml_file import dump_toml
from devices import diagnostics
from ui.setup_device_pages import DevicesPage, PrintersPage
from ui.setup_pages import DatabasePage, FinishPage, StationPage
from ui.style import STYLESHEET
from ui.translations import Retranslated, Translations
from ui.workers import Worker

log = logging.getLogger(__name__)

PAGES = ("database", "station", "devices", "printers", "finish")
# QWizard's own button words (ClassicStyle), translated by Qt's qtbase catalogue; QWizard sets
# them once, so a language change sets them again.
QT_BUTTONS = (
    (QWizard.WizardButton.BackButton, "< &Back"), (QWizard.WizardButton.NextButton, "&Next >"),
    (QWizard.WizardButton.FinishButton, "&Finish"), (QWizard.WizardButton.CancelButton, "Cancel"),
    (QWizard.WizardButton.CommitButton, "&Commit"), (QWizard.WizardButton.HelpButton, "&Help"),
)


class SetupWizard(Retranslated, QWizard):
    """Asks, tests, and writes the station file at `path`."""

    result_shown = Signal(str, str)  # test (database, scan, weigh, print, ...), text: for tests
    devices_found = Signal(object)  # devices.diagnostics.list_devices's answer
    saved = Signal(str)  # the file written
    changed = Signal(str, object, object)  # the file written, its tables before and after: to audit

    def __init__(self, path: Path | None = None, parent: QWidget | None = None,
                 translations: Translations | None = None) -> None:
        super().__init__(parent)
        self.translations = translations  # given: the wizard speaks the language chosen on the station page
        self.path = Path(path) if path else default_config_path()
        self.answers, self.keep = answers_from_file(self.path)
        self.worker = Worker("setup")
        self.retranslate()
        self.setStyleSheet(STYLESHEET)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.database_page = DatabasePage(self)
        self.station_page = StationPage(self)
        self.devices_page = DevicesPage(self)
        self.printers_page = PrintersPage(self)
        self.finish_page = FinishPage(self)
        for page in (self.database_page, self.station_page, self.devices_page, self.printers_page,
                     self.finish_page):
            self.addPage(page)
        self.look_for_devices()

    def speak(self, language: str) -> None:
        """Show the wizard in `language` (when it owns the application's translations)."""
        if self.translations is not None:
            self.translations.use(language)

    def retranslate(self) -> None:
        """The title and Qt's buttons in the language shown now (the pages translate themselves)."""
        self.setWindowTitle(self.tr("Packdesk set-up"))
        for which, words in QT_BUTTONS:
            self.setButtonText(which, QCoreApplication.translate("QWizard", words))

    def look_for_devices(self) -> None:
        """Serial ports and CUPS queues, found on the worker (lpstat may take a moment)."""
        self.worker.submit(diagnostics.list_devices, on_done=self._found,
                           on_error=lambda exc: self.result_shown.emit("list", str(exc)))

    def _found(self, found: dict[str, list[dict[str, str]]]) -> None:
        self.devices_found.emit(found)
        self.result_shown.emit("list", f"{len(found.get('serial_ports', []))} ports, "
                                       f"{len(found.get('cups_queues', []))} queues")

    def chosen(self) -> SetupAnswers:
        """The answers as the pages hold them now."""
        devices, printers = self.devices_page, self.printers_page
        return SetupAnswers(
            database_url=self.database_page.chosen_url(),
            station_code=self.station_page.code.text().strip(),
            station_name=self.station_page.name.text().strip(),
            scanner=devices.scanner.currentText().strip(),
            scale=devices.scale.currentText().strip(),
            scale_protocol=devices.protocol.currentText(),
            label_printer=printers.label_printer.currentText().strip(),
            document_printer=printers.document_printer.currentText().strip(),
            language=self._language(),
        )

    def _language(self) -> str:
        """The chosen language; English (the default) is written only if the file named one."""
        chosen = self.station_page.language.currentData()
        return "" if chosen == DEFAULT_LANGUAGE and not self.answers.language else chosen

    def preview(self) -> tuple[str, str]:
        """(the file's text as it will be written, the problem that stops it or "")."""
        try:
            return dump_toml(check_answers(self.chosen(), self.path, self.keep)), ""
        except PackdeskError as exc:
            return "", str(exc)

    def save(self) -> str:
        """Write the file; "" when written, else the problem (the old file is untouched)."""
        try:
            write_station_file(self.path, self.chosen(), self.keep)
            after = answers_from_file(self.path)[1]
        except ConfigError as exc:
            log.warning("set-up not saved: %s", exc)
            return str(exc)
        before, self.keep = self.keep, after
        self.saved.emit(str(self.path))
        self.changed.emit(str(self.path), before, after)
        return ""

    def done(self, result: int) -> None:
        """Close: the scan test's scanner stops, the worker is retired (a connection test still
        running ends on its own and its answer is dropped; the GUI thread does not wait)."""
        self.devices_page.stop_scan_test()
        self.worker.retire()
        super().done(result)


def run_first_time_setup(path: Path | None = None, language: str | None = None) -> bool:
    """Show the wizard modally (a QApplication must exist) in `language` (else the file's
    [station] language, else English); True when the file was written."""
    translations = Translations()
    translations.use(language or answers_from_file(Path(path) if path else default_config_path())[0].language
                     or DEFAULT_LANGUAGE)
    try:
        wizard = SetupWizard(path, translations=translations)
        wizard.resize(1100, 800)
        return wizard.exec() == QWizard.DialogCode.Accepted
    finally:
        translations.clear()


def audit_after_setup(path: Path, before: dict[str, Any], by: str) -> str:
    """`packdesk setup` changed an existing file: record the change as `by` in the database the
    file names now (the wizard has closed; the command may wait). A first file records nothing."""
    if not before:
        return _("First configuration of this station: nothing to audit.")
    from app.config import load_settings, station_config

    config = station_config(load_settings(path))
    return ConfigurationAudit(config.database_url, by, config.code).record(path, before,
                                                                           answers_from_file(path)[1])


def needs_first_run(args: argparse.Namespace) -> bool:
    """`packdesk run` with nothing naming a configuration (no --config, --database or --demo)
    and no configuration file at the default place."""
    if getattr(args, "demo", False) or getattr(args, "config", None) or getattr(args, "database", None):
        return False
    return not default_config_path().exists()


def register(subparsers: Any) -> None:
    """Add `packdesk setup`: the wizard, for a new station or to change this one's file."""
    parser = subparsers.add_parser("setup", help=_("the set-up wizard: database, station, devices, printers"))
    parser.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                        help=_("the station file to write (default: $PACKDESK_CONFIG or the user config folder's)"))
    parser.add_argument("--language", choices=sorted(LANGUAGES), help=_("the wizard's language (default: the file's)"))
    parser.add_argument("--user", help=_("who makes the change, for the audit log (default: your login name)"))
    parser.set_defaults(func=run_setup)


def run_setup(args: argparse.Namespace) -> int:
    """packdesk setup"""
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    import getpass

    config = getattr(args, "config", None)
    path = Path(config) if config else default_config_path()
    before = answers_from_file(path)[1]
    written = run_first_time_setup(path, args.language)
    print(_("Station configuration written to %(path)s.") % {"path": path} if written
          else _("Set-up cancelled; nothing was written."))
    if written:
        print(audit_after_setup(path, before, getattr(args, "user", None) or getpass.getuser()))
    return 0 if written else 1
