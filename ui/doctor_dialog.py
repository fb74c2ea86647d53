"""The doctor at the station: the home screen's DOCTOR button (supervisors and admins only)
runs `packdesk doctor`'s checks off the GUI thread and lists each problem with its fix; from
here a supervisor can open the set-up wizard again."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.config import StationConfig
from app.doctor import Finding, examine, ok, problem, registered_checks
from app.doctor.checks import app_checks
from app.ports import DeviceState, DeviceStatus
from app.setup.changes import ConfigurationAudit
from ui.style import GREEN, RED, STYLESHEET, button, label
from ui.workers import Worker

log = logging.getLogger(__name__)

DOCTOR_ROLES = ("supervisor", "admin")
HELD_BY_THE_STATION = ("scanner", "scale")  # serial ports the running station holds exclusively


def station_findings(config: StationConfig, live: dict[str, DeviceStatus]) -> list[Finding]:
    """The doctor's checks from inside a running station: the scanner and scale it holds are
    reported from their live state (opening their ports again would only find them busy)."""
    devices = replace(config.devices, scanner="", scale="")
    findings = examine(replace(config, devices=devices), [app_checks, *registered_checks()])
    own = {name: _live_finding(name, getattr(config.devices, name), live.get(name)) for name in HELD_BY_THE_STATION}
    return [own.get(f.check, f) if f.check in own else f for f in findings] + \
        [f for name, f in own.items() if not any(x.check == name for x in findings)]


def _live_finding(name: str, url: str, status: DeviceStatus | None) -> Finding:
    if not url and name == "scanner":
        return ok(name, QCoreApplication.translate("DoctorDialog", "keyboard scanner (no serial scanner configured)"))
    if not url:
        return ok(name, QCoreApplication.translate("DoctorDialog", "not configured"))
    if status is not None and status.state is DeviceState.CONNECTED:
        return ok(name, QCoreApplication.translate("DoctorDialog", "%1: connected (live state of the running station)")
                  .replace("%1", url))
    state = status.state.value if status is not None else "unknown"
    message = status.message if status is not None else ""
    return problem(name, f"{url}: {state} {message}".strip(),
                   QCoreApplication.translate("DoctorDialog", "Check the cable and power; the DEVICES screen "
                                              "shows its live state and tests it."))


class DoctorDialog(QDialog):
    """The findings, problems first, each with its fix; CHECK AGAIN; SET-UP WIZARD."""

    checked = Signal(object)  # list[Finding], once shown (tests)
    audited = Signal(str)  # what became of a set-up change's audit record, in words

    def __init__(self, config: StationConfig, device_states: dict[str, DeviceStatus],
                 parent: QWidget | None = None, user: str | None = None) -> None:
        super().__init__(parent)
        self.config, self.device_states = config, device_states
        self.user = user  # the supervisor or admin who opened it: their set-up changes are audited
        self.last_findings: list[Finding] | None = None
        self.worker = Worker("doctor")
        self.setWindowTitle(self.tr("Doctor"))
        self.setStyleSheet(STYLESHEET)
        layout = QVBoxLayout(self)
        self.title = label(self.tr("Doctor"), "title")
        self.summary = label("", "message")
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings, 1)
        row = QHBoxLayout()
        self.again_button = button(self.tr("CHECK AGAIN"))
        self.setup_button = button(self.tr("SET-UP WIZARD"))
        self.close_button = button(self.tr("CLOSE"), "danger")
        for widget in (self.again_button, self.setup_button, self.close_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.again_button.clicked.connect(self.check)
        self.setup_button.clicked.connect(self.open_setup)
        self.close_button.clicked.connect(self.accept)
        self.check()

    def check(self) -> None:
        """Run every check on the doctor's worker."""
        self.again_button.setEnabled(False)
        self.summary.setText(self.tr("Checking..."))
        self.summary.setStyleSheet("")
        self.worker.submit(station_findings, self.config, dict(self.device_states), on_done=self.show_findings,
                           on_error=lambda exc: self.show_findings([problem("doctor", str(exc), "")]))

    def show_findings(self, findings: Iterable[Finding]) -> None:
        """Problems first (red, with the fix), then what is well (green)."""
        findings = sorted(findings, key=lambda f: f.ok)
        problems = sum(not f.ok for f in findings)
        self.findings.clear()
        for f in findings:
            fix = self.tr("Fix: %1").replace("%1", f.fix)
            text = f"{f.check}: {f.found}" + (f"\n{fix}" if f.fix else "")
            item = QListWidgetItem(("\u2714 " if f.ok else "\u2718 ") + text)
            item.setForeground(Qt.GlobalColor.white)
            item.setBackground(Qt.GlobalColor.darkGreen if f.ok else Qt.GlobalColor.darkRed)
            self.findings.addItem(item)
        self.summary.setText(self.tr("All is well.") if not problems
                             else self.tr("%n problem(s) found.", "", problems))
        self.summary.setStyleSheet(f"background: {GREEN if not problems else RED}; color: white;")
        self.again_button.setEnabled(True)
        self.last_findings = findings
        self.checked.emit(findings)

    def open_setup(self) -> None:
        """The set-up wizard on this station's file; its changes apply at the next start."""
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.config.config_path, self)
        wizard.saved.connect(lambda path: self.summary.setText(
            self.tr("%1 saved. Restart the station to use it.").replace("%1", path)))
        wizard.changed.connect(self.record_change)
        wizard.open()
        self.wizard = wizard

    def record_change(self, path: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """The supervisor's change of the station file into the central audit log, on the
        doctor's worker (the database may take seconds to answer); nobody logged in: nothing."""
        if not self.user:
            return
        audit = ConfigurationAudit(self.config.database_url, self.user, self.config.code)
        self.worker.submit(audit.record, Path(path), before, after, on_done=self._audited,
                           on_error=lambda exc: self._audited(str(exc)))

    def _audited(self, words: str) -> None:
        """What became of the audit record, after "saved" (the words come translated from app.setup)."""
        self.summary.setText(f"{self.summary.text()} {words}".strip())
        self.audited.emit(words)

    def done(self, result: int) -> None:
        """Close: the set-up wizard opened from here closes too, and the worker is retired (a
        check still running ends on its own; the GUI thread does not wait for it)."""
        wizard = getattr(self, "wizard", None)
        if wizard is not None:
            wizard.close()
        self.worker.retire()
        super().done(result)


def install_doctor(app: Any) -> None:
    """Wire the DOCTOR buttons: on the home screen shown to supervisors and admins, on the
    review screen (their home) always; each opens the doctor on this station's configuration."""
    home = app.window.screens["home"]
    doctor_button = home.doctor_button  # its word: HomeScreen.retranslate

    def user_changed(user: Any) -> None:
        allowed = user is not None and getattr(user, "role", "") in DOCTOR_ROLES
        doctor_button.setVisible(allowed)
        if not allowed and app.doctor is not None:  # logged out (or idle): the next person never finds it open
            app.doctor.close()
            app.doctor = None

    def open_doctor() -> None:
        app.station.touch()
        user = app.station.user
        dialog = DoctorDialog(app.config, app.station.device_states, app.window,
                              getattr(user, "username", None) if user is not None else None)
        dialog.resize(1200, 800)
        dialog.open()
        app.doctor = dialog

    user_changed(app.station.user)
    app.station.user_changed.connect(user_changed)
    doctor_button.clicked.connect(open_doctor)
    app.window.screens.when_built("review", lambda review: review.doctor_button.clicked.connect(open_doctor))
