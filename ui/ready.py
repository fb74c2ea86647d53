"""The station's ready signal: the scanners' ports are open before the login screen shows, and
then the station says it is ready - one log line ("station ... READY"), a ready file if asked
for (`packdesk run --ready-file PATH`), and systemd's sd_notify READY=1 when started by a
Type=notify unit. Integrators wait for one of these instead of reading the -v log."""
from __future__ import annotations

import json
import logging
import os
import socket
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop

from app.ports import DeviceState

log = logging.getLogger(__name__)

OPEN_TIMEOUT_S = 5.0  # a scanner's port that is not open by then is reported, and the station starts


def scanners_opening(app: Any) -> list[str]:
    """Addresses of the scanners whose port is still being opened."""
    return [s.address for s in app.station.device_states.values()
            if s.device in ("scanner", "keyboard") and s.state is DeviceState.DISCONNECTED and s.message == "opening"]


def wait_for_scanners(app: Any, timeout_s: float = OPEN_TIMEOUT_S) -> list[str]:
    """Let the scanners' reader threads open their ports (Qt's events run meanwhile); returns the
    addresses still not open when the time is up (empty: every scanner is listening)."""
    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        waiting = scanners_opening(app)
        if not waiting or time.monotonic() >= deadline:
            return waiting
        time.sleep(0.01)


def announce_ready(app: Any, ready_file: Path | None = None, not_open: list[str] | None = None) -> dict[str, Any]:
    """Say the station is ready: the log line, the ready file (written whole), sd_notify."""
    devices = {s.device: {"address": s.address, "state": s.state.value} for s in app.station.device_states.values()}
    status = {"station": app.config.code, "pid": os.getpid(), "ready": True, "devices": devices,
              "scanners_not_open": list(not_open or [])}
    log.info("station %s READY: %s", app.config.code,
             ", ".join(f"{name} {d['state']} at {d['address']}" for name, d in devices.items()) or "no devices")
    if not_open:
        log.warning("station %s started with scanners not open: %s", app.config.code, ", ".join(not_open))
    if ready_file is not None:
        ready_file.parent.mkdir(parents=True, exist_ok=True)
        partial = ready_file.with_name(ready_file.name + ".part")
        partial.write_text(json.dumps(status, indent=1) + "\n", encoding="utf-8")
        os.replace(partial, ready_file)
    sd_notify(f"READY=1\nSTATUS=station {app.config.code} ready")
    return status


def sd_notify(message: str) -> bool:
    """Send systemd's notification (NOTIFY_SOCKET); False when not started by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as exc:
        log.warning("could not tell systemd the station is ready (%s): %s", address, exc)
        return False
    return True


def clear_ready(ready_file: Path | None) -> None:
    """The station closes: its ready file goes."""
    if ready_file is not None:
        ready_file.unlink(missing_ok=True)
