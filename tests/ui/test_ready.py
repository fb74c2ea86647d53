"""The ready signal (issue 13, item 17): the scanner's port is open before the login screen
shows, then a log line, the ready file and systemd's READY=1 say the station is ready."""
from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import pytest

from app.ports import DeviceState
from tests.integration.devices.fakes import PtyDevice
from ui.ready import announce_ready, clear_ready, scanners_opening, wait_for_scanners


@pytest.fixture
def scanner_port(tmp_path: Path):
    device = PtyDevice(tmp_path / "ttySCANNER")
    yield device
    device.close()


def test_the_scanner_is_open_before_the_station_says_it_is_ready(qtbot, make_station, scanner_port, tmp_path,
                                                                   monkeypatch, caplog) -> None:
    notify = tmp_path / "notify.sock"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(str(notify))
    monkeypatch.setenv("NOTIFY_SOCKET", str(notify))
    try:
        app = make_station({"devices": {"scanner": f"{scanner_port.path}?dedupe_ms=0"}})
        assert wait_for_scanners(app, timeout_s=5) == []
        assert scanners_opening(app) == []
        assert app.station.device_states["scanner"].state is DeviceState.CONNECTED
        ready = tmp_path / "run" / "packdesk.ready"
        with caplog.at_level(logging.INFO, logger="ui.ready"):
            announce_ready(app, ready)
        assert any("ST-TEST READY" in r.getMessage() for r in caplog.records)
        status = json.loads(ready.read_text())
        assert status["ready"] and status["station"] == "ST-TEST"
        assert status["devices"]["scanner"] == {"address": str(scanner_port.path), "state": "connected"}
        systemd.settimeout(2)
        assert systemd.recv(256).decode().startswith("READY=1\n")
        # a scan sent right after the signal is read, not lost
        scanner_port.write(b"BADGE-ALICE\r")
        qtbot.waitUntil(lambda: app.station.user is not None, timeout=5000)
        clear_ready(ready)
        assert not ready.exists()
    finally:
        systemd.close()
