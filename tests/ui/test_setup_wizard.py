"""The first-run set-up wizard, driven page by page like an installer: the built-in database
created, a scanner and a scale on real pseudo-terminals, a label printer on a real TCP socket,
and the station file it writes read back by the station's own configuration loader."""
from __future__ import annotations

import argparse
import json
import socket
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.config import load_settings, station_config
from app.store.audit_log import audit_entries, verify_audit
from app.store.session import Database
from tests.integration.devices.fakes import FakeScale, FakeZebra, PtyDevice, ScaleState
from ui.doctor_dialog import DoctorDialog
from ui.setup_wizard import SetupWizard, needs_first_run
from ui.translations import Translations


@pytest.fixture
def station_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new station: no configuration, the user data directory (the built-in database) in tmp."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("PACKDESK_CONFIG", str(tmp_path / "etc" / "station.toml"))
    monkeypatch.delenv("PACKDESK_DATABASE_URL", raising=False)
    return tmp_path / "etc" / "station.toml"


@pytest.fixture
def zebra():
    printer = FakeZebra()
    yield printer
    printer.stop()


@pytest.fixture(autouse=True)
def english(qapp):
    """The wizard in English, as `packdesk run` shows it to a new station."""
    chosen = Translations()
    chosen.use("en")
    yield
    chosen.clear()


@pytest.fixture
def wizard(qtbot, station_home: Path):
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.resize(1100, 800)
    yield wizard
    if wizard.isVisible():
        wizard.reject()


def wait_result(qtbot, wizard, kind: str, action, timeout: int = 8000) -> str:
    """Do `action` and return the text of the next result of that kind."""
    with qtbot.waitSignal(wizard.result_shown, timeout=timeout,
                          check_params_cb=lambda test, _text: test == kind) as blocker:
        action()
    return blocker.args[1]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def next_page(qtbot, wizard) -> None:
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def test_a_new_station_is_set_up_page_by_page_and_the_file_starts_a_station(qtbot, wizard, station_home,
                                                                            tmp_path, zebra) -> None:
    scanner = PtyDevice(tmp_path / "ttySCANNER")
    scale_port = PtyDevice(tmp_path / "ttySCALE")
    scale = FakeScale(scale_port, "mt-sics", ScaleState(grams=1250))
    try:
        # the database: the built-in one is tested at once; it does not exist yet
        text = wait_result(qtbot, wizard, "database", wizard.show)
        page = wizard.database_page
        assert "no database file" in text and page.prepare_button.isEnabled()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        text = wait_result(qtbot, wizard, "database", lambda: click(qtbot, page.prepare_button), 30000)
        assert text.startswith("Connected") and "newest" in text
        next_page(qtbot, wizard)
        # the station
        station = wizard.station_page
        station.code.clear()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert "needs a code" in station.problem.text()
        qtbot.keyClicks(station.code, "BENCH-3")
        qtbot.keyClicks(station.name, "Bench 3, hall B")
        station.language.setCurrentIndex(station.language.findData("de"))
        next_page(qtbot, wizard)
        # the scanner: a scan test reads what the scanner sends
        devices = wizard.devices_page
        devices.scanner.setCurrentText(scanner.path)
        text = wait_result(qtbot, wizard, "scan-started", lambda: click(qtbot, devices.scan_button))
        assert text == "Scan a barcode now (30 seconds)."
        text = wait_result(qtbot, wizard, "scan", lambda: scanner.write(b"PD-1001\r"))
        assert "PD-1001" in text
        click(qtbot, devices.scan_button)  # stop the test: the port is free again
        assert devices.inbox is None
        # the scale: one stable weight
        devices.scale.setCurrentText(scale_port.path)
        devices.protocol.setCurrentText("mt-sics")
        text = wait_result(qtbot, wizard, "weigh", lambda: click(qtbot, devices.weigh_button))
        assert text == f"Stable weight: 1250\u00a0g at {scale_port.path}"  # the ui's one grams(): four digits whole
        next_page(qtbot, wizard)
        # the printers: a test label reaches the TCP printer
        printers = wizard.printers_page
        printers.label_printer.setCurrentText(zebra.url)
        text = wait_result(qtbot, wizard, "print", lambda: click(qtbot, printers.test_buttons["label"]))
        assert "printed" in text and zebra.url in text
        assert b"Packdesk test label" in zebra.wait_for_jobs(1)[0]
        next_page(qtbot, wizard)
        # the file as it will be written, then Finish writes it
        assert 'code = "BENCH-3"' in wizard.finish_page.preview.toPlainText()
        assert not station_home.exists()
        with qtbot.waitSignal(wizard.saved, timeout=5000):
            click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
        assert wizard.result() == QWizard.DialogCode.Accepted
    finally:
        scale.stop()
        scale_port.close()
        scanner.close()
    raw = tomllib.loads(station_home.read_text())
    assert "database" not in raw
    assert raw["station"] == {"code": "BENCH-3", "name": "Bench 3, hall B", "language": "de"}
    assert raw["devices"] == {"scanner": scanner.path, "scale": scale_port.path, "scale_protocol": "mt-sics",
                              "label_printer": zebra.url}
    config = station_config(load_settings())
    assert config.code == "BENCH-3" and config.devices.label_printer == zebra.url and config.language == "de"
    assert not needs_first_run(argparse.Namespace(demo=False))


def test_a_postgresql_url_must_answer_before_next(qtbot, wizard) -> None:
    wait_result(qtbot, wizard, "database", wizard.show)
    page = wizard.database_page
    click(qtbot, page.shared)
    qtbot.keyClicks(page.url, "mysql://root@db/packdesk")
    text = wait_result(qtbot, wizard, "database", lambda: click(qtbot, page.test_button))
    assert "not a PostgreSQL URL" in text
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page.url.setText(f"postgresql://packdesk@127.0.0.1:{port}/packdesk")
    text = wait_result(qtbot, wizard, "database", lambda: click(qtbot, page.test_button))
    assert "cannot connect" in text and f"127.0.0.1:{port}" in text
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.mark.postgres
def test_a_reachable_migrated_postgresql_lets_the_installer_on(qtbot, wizard, postgres_server_url) -> None:
    wait_result(qtbot, wizard, "database", wizard.show)
    page = wizard.database_page
    click(qtbot, page.shared)
    page.url.setText(postgres_server_url)
    text = wait_result(qtbot, wizard, "database", lambda: click(qtbot, page.test_button))
    assert text.startswith("Connected") and "postgresql" in text
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.url.setText(postgres_server_url + "x")  # changed after the test: test again
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_supervisor_opening_it_again_sees_the_file_and_keeps_the_rest(qtbot, tmp_path, station_home) -> None:
    database = tmp_path / "station.sqlite3"
    from app.setup.database import prepare_database

    prepare_database(f"sqlite:///{database}")
    station_home.parent.mkdir(parents=True)
    station_home.write_text(f'[database]\nurl = "sqlite:///{database}"\n[station]\ncode = "BENCH-3"\n'
                            '[devices]\nlabel_printer = "tcp://10.0.0.7:9100"\n[packing]\nweight_tolerance_g = 80\n')
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    text = wait_result(qtbot, wizard, "database", lambda: (wizard.show(), click(qtbot, wizard.database_page.test_button)))
    assert text.startswith("Connected")
    assert wizard.database_page.shared.isChecked()
    next_page(qtbot, wizard)
    assert wizard.station_page.code.text() == "BENCH-3"
    qtbot.keyClicks(wizard.station_page.name, "Bench 3")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.printers_page.label_printer.currentText() == "tcp://10.0.0.7:9100"
    next_page(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    raw = tomllib.loads(station_home.read_text())
    assert raw["station"] == {"code": "BENCH-3", "name": "Bench 3"}
    assert raw["packing"] == {"weight_tolerance_g": 80}
    assert raw["database"] == {"url": f"sqlite:///{database}"}


def _saved_again_by(qtbot, station_home: Path, database_url: str) -> str:
    """Sam (a supervisor) opens the wizard from the station's DOCTOR, renames the station and
    finishes; the words of what became of the audit record in the database at `database_url`."""
    station_home.parent.mkdir(parents=True, exist_ok=True)
    station_home.write_text('[station]\ncode = "BENCH-3"\nname = "Bench 3"\n[packing]\nweight_tolerance_g = 80\n')
    config = station_config(load_settings(station_home))
    doctor = DoctorDialog(replace(config, database_url=database_url), {}, user="sam")
    qtbot.addWidget(doctor)
    doctor.open_setup()
    wizard = doctor.wizard
    wait_result(qtbot, wizard, "database", wizard.show)  # the built-in database, created next
    wait_result(qtbot, wizard, "database", lambda: click(qtbot, wizard.database_page.prepare_button), 30000)
    next_page(qtbot, wizard)
    wizard.station_page.name.clear()
    qtbot.keyClicks(wizard.station_page.name, "Bench 3 (window)")
    for _ in range(3):
        next_page(qtbot, wizard)
    with qtbot.waitSignal(doctor.audited, timeout=20000) as said:
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert tomllib.loads(station_home.read_text())["station"]["name"] == "Bench 3 (window)"
    assert doctor.summary.text().endswith(said.args[0])  # the supervisor reads it under "saved"
    doctor.reject()
    return said.args[0]


def test_a_supervisors_change_goes_into_the_central_audit_log_off_the_gui_thread(qtbot, tmp_path,
                                                                                 station_home, db_url) -> None:
    words = _saved_again_by(qtbot, station_home, db_url)
    assert words.startswith("Recorded as audit record 1 of station BENCH-3: station.name")
    with Database(db_url) as db:
        [entry] = [e for e in audit_entries(db) if e.action == "ConfigurationChanged"]
        assert (entry.actor, entry.chain, entry.subject) == ("sam", "BENCH-3", "station BENCH-3 configuration")
        assert json.loads(entry.detail or "{}")["changes"] == {
            "station.name": {"before": "Bench 3", "after": "Bench 3 (window)"}}
        assert verify_audit(db)[1] is None


def test_a_change_when_the_database_is_unreachable_is_saved_and_says_it_was_not_recorded(qtbot, station_home) -> None:
    words = _saved_again_by(qtbot, station_home, "postgresql+psycopg://station:pw@127.0.0.1:9/gone")
    assert words.startswith("The change was saved but not recorded in the audit log")
    assert "pw@" not in words


def test_a_file_that_cannot_be_written_keeps_the_wizard_open_with_the_reason(qtbot, tmp_path, station_home) -> None:
    (tmp_path / "etc").write_text("a file where the folder should be")
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wait_result(qtbot, wizard, "database", wizard.show)
    wait_result(qtbot, wizard, "database", lambda: click(qtbot, wizard.database_page.prepare_button), 30000)
    for _ in range(4):
        next_page(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.isVisible()
    assert "Cannot write the station configuration" in wizard.finish_page.problem.text()
    wizard.reject()


def test_the_demo_and_a_named_configuration_never_show_the_wizard(station_home) -> None:
    assert needs_first_run(argparse.Namespace(demo=False))
    assert not needs_first_run(argparse.Namespace(demo=True))  # make run
    assert not needs_first_run(argparse.Namespace(demo=False, config="/etc/packdesk/bench.toml"))
    assert not needs_first_run(argparse.Namespace(demo=False, database="sqlite:///x.sqlite3"))


def test_packdesk_run_on_a_new_station_sets_it_up_then_starts_the_station(qtbot, station_home) -> None:
    """`packdesk run` with no configuration: the wizard first, then the station it describes."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.cli import run_station
    from ui.window import StationWindow

    # run_station installs its own SIGTERM/SIGINT handlers; the test process gets its own back after
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    seen: list[str] = []

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, SetupWizard):
            page = modal.database_page
            if page.isComplete() and modal.currentPage() is page:
                modal.station_page.code.setText("BENCH-9")
                for _ in range(4):
                    modal.next()
                seen.append("wizard")
                modal.button(QWizard.WizardButton.FinishButton).click()
            elif page.prepare_button.isEnabled():
                page.prepare()
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, StationWindow) and w.isVisible()]
        if windows and len(seen) == 1:
            seen.append(windows[0].station.station_code)
            windows[0].exit_allowed = True  # as SIGTERM does: the kiosk window lets Qt quit
            QApplication.instance().quit()

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    # the station closing its window after the loop would otherwise leave Qt "quitting" for the next tests
    QApplication.setQuitOnLastWindowClosed(False)
    try:
        assert run_station(argparse.Namespace(demo=False, windowed=True, verbose=False)) == 0
    finally:
        QApplication.setQuitOnLastWindowClosed(True)
        timer.stop()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert seen == ["wizard", "BENCH-9"]
    assert tomllib.loads(station_home.read_text())["station"] == {"code": "BENCH-9"}


def test_choosing_german_on_the_station_page_turns_the_wizard_german(qtbot, station_home) -> None:
    translations = Translations()
    try:
        wizard = SetupWizard(translations=translations)
        qtbot.addWidget(wizard)
        wait_result(qtbot, wizard, "database", wizard.show)
        wait_result(qtbot, wizard, "database", lambda: click(qtbot, wizard.database_page.prepare_button), 30000)
        next_page(qtbot, wizard)
        station = wizard.station_page
        station.language.setCurrentIndex(station.language.findData("de"))
        qtbot.waitUntil(lambda: station.title() == "Diese Station")
        assert station.captions[0].text() == "Stationskürzel"
        assert wizard.database_page.test_button.text() == "VERBINDUNG TESTEN"
        assert wizard.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith("Weiter")
        next_page(qtbot, wizard)
        assert wizard.devices_page.scan_button.text() == "SCANTEST"
        wizard.back()
        station.code.clear()  # app's own message (gettext) speaks the same language
        assert station.problem.text().startswith("Die Station braucht ein Kürzel")
        station.code.setText("BENCH-3")
        assert wizard.windowTitle() == "Packdesk-Einrichtung"
        station.language.setCurrentIndex(station.language.findData("en"))
        qtbot.waitUntil(lambda: wizard.devices_page.scan_button.text() == "SCAN TEST")
        wizard.reject()
    finally:
        translations.clear()


def test_packdesk_setup_audits_a_changed_file_as_the_user_in_the_database_it_names(tmp_path, db_url) -> None:
    from ui.setup_wizard import audit_after_setup

    path = tmp_path / "station.toml"
    path.write_text(f'[database]\nurl = "{db_url}"\n[station]\ncode = "BENCH-9"\nname = "Bench 9 (new)"\n')
    assert audit_after_setup(path, {}, "ida") == "First configuration of this station: nothing to audit."
    words = audit_after_setup(path, {"database": {"url": db_url}, "station": {"code": "BENCH-9", "name": "Bench 9"}},
                              "ida")
    assert words.startswith("Recorded as audit record 1 of station BENCH-9")
    with Database(db_url) as db:
        [entry] = list(audit_entries(db))
        assert (entry.actor, entry.action, entry.chain) == ("ida", "ConfigurationChanged", "BENCH-9")
