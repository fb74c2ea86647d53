"""The doctor's look at each configured device and printer: pseudo-terminals for serial
scanners and scales, a TCP printer that answers ~HS and a port where nothing listens."""
from __future__ import annotations

from pathlib import Path

import serial

from tests.integration.devices.fakes import FakeScale, FakeZebra, PtyDevice
from tests.integration.ship_doctor.conftest import closed_port, doctor, write_station


def _db(tmp_path: Path, sqlite_template: Path) -> str:
    import shutil

    shutil.copy(sqlite_template, tmp_path / "station.sqlite3")
    return f"sqlite:///{tmp_path / 'station.sqlite3'}"


def test_a_missing_serial_scanner_is_a_problem_saying_plug_it_in(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    config = write_station(tmp_path, _db(tmp_path, sqlite_template), scanner="/dev/packdesk/no-such-scanner")
    status, findings = doctor(capsys, config)
    assert status == 1
    scanner = findings["scanner"]
    assert scanner["found"].startswith("/dev/packdesk/no-such-scanner: disconnected")
    assert "Plug the scanner in" in scanner["fix"]


def test_a_plugged_serial_scanner_and_an_answering_scale_are_well(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    scanner, scale_port = PtyDevice(tmp_path / "ttyScanner"), PtyDevice(tmp_path / "ttyScale")
    scale = FakeScale(scale_port, "mt-sics")
    try:
        config = write_station(tmp_path, _db(tmp_path, sqlite_template), scanner=scanner.path,
                               scale=scale_port.path, scale_protocol="mt-sics")
        status, findings = doctor(capsys, config)
    finally:
        scale.stop()
        scanner.close()
        scale_port.close()
    assert findings["scanner"]["ok"] is True and findings["scale"]["ok"] is True
    assert status == 0


def test_a_scale_that_never_answers_is_a_problem_naming_its_port(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    silent = PtyDevice(tmp_path / "ttyScale")  # plugged in, but nothing answers on the line
    try:
        config = write_station(tmp_path, _db(tmp_path, sqlite_template), scale=f"{silent.path}?timeout_ms=300",
                               scale_protocol="mt-sics")
        status, findings = doctor(capsys, config)
    finally:
        silent.close()
    assert status == 1
    assert findings["scale"]["found"].startswith(f"{silent.path}?timeout_ms=300: error")
    assert "packdesk devices weigh" in findings["scale"]["fix"]


def test_a_scanner_held_by_another_program_says_stop_the_station(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    device = PtyDevice(tmp_path / "ttyScanner")
    held = serial.Serial(device.path, exclusive=True)  # as the running station holds it
    try:
        status, findings = doctor(capsys, write_station(tmp_path, _db(tmp_path, sqlite_template), scanner=device.path))
    finally:
        held.close()
        device.close()
    assert status == 1
    assert "systemctl stop packdesk-kiosk" in findings["scanner"]["fix"]


def test_a_label_printer_whose_socket_is_closed_is_a_problem(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    port = closed_port()
    config = write_station(tmp_path, _db(tmp_path, sqlite_template), label_printer=f"tcp://127.0.0.1:{port}?timeout=1")
    status, findings = doctor(capsys, config)
    assert status == 1
    printer = findings["label printer"]
    assert "refused the connection" in printer["found"]
    assert "packdesk devices print-test" in printer["fix"]


def test_a_zebra_printer_out_of_paper_is_a_problem_and_a_ready_one_is_well(tmp_path: Path, sqlite_template: Path,
                                                                          capsys) -> None:
    zebra = FakeZebra()
    try:
        config = write_station(tmp_path, _db(tmp_path, sqlite_template), label_printer=zebra.url)
        ready_status, ready = doctor(capsys, config)
        zebra.paper_out = True
        empty_status, empty = doctor(capsys, config)
    finally:
        zebra.stop()
    assert (ready_status, ready["label printer"]["ok"]) == (0, True)
    assert empty_status == 1
    assert "paper" in empty["label printer"]["found"]


def test_a_misspelt_device_option_is_a_problem_naming_the_key(tmp_path: Path, sqlite_template: Path, capsys) -> None:
    config = write_station(tmp_path, _db(tmp_path, sqlite_template), label_printer="tcp://127.0.0.1:9100?timeuot=3")
    status, findings = doctor(capsys, config)
    assert status == 1
    assert "timeuot" in findings["label printer"]["found"]
    assert "Correct label_printer in [devices] in" in findings["label printer"]["fix"]
