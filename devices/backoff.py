"""Reconnect delays and status reporting shared by the device workers."""
from __future__ import annotations

import logging
import threading
from typing import Callable

import serial

from app.ports import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

try:
    import termios

    # What a port raises when its device goes away (termios.error is not an OSError).
    PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # pragma: no cover - Windows
    PORT_ERRORS = (serial.SerialException, OSError)


class Backoff:
    """Doubling delays from `initial` up to `maximum` seconds; `reset` after a success."""

    def __init__(self, initial: float = 0.1, maximum: float = 2.0) -> None:
        self.initial = initial
        self.maximum = maximum
        self.current = initial

    def next_delay(self) -> float:
        """The delay to wait now; the following one is twice as long (capped)."""
        delay = self.current
        self.current = min(self.current * 2, self.maximum)
        return delay

    def reset(self) -> None:
        """Start again from the shortest delay."""
        self.current = self.initial


class StatusReporter:
    """Sends a DeviceStatus to a callback only when the state or message changes."""

    def __init__(self, device: str, address: str) -> None:
        self.device = device
        self.address = address
        self.callback: Callable[[DeviceStatus], None] | None = None
        self.current = DeviceStatus(device, address, DeviceState.DISCONNECTED, "not started")
        self._lock = threading.Lock()

    def report(self, state: DeviceState, message: str = "") -> None:
        """Record the new state; call the callback if it differs from the last one."""
        status = DeviceStatus(self.device, self.address, state, message)
        with self._lock:
            if status == self.current:
                return
            changed_state = status.state != self.current.state
            self.current = status
        deliberate = message in ("stopped", "closed")
        level = logging.WARNING if state is not DeviceState.CONNECTED and changed_state and not deliberate else logging.INFO
        log.log(level, "%s %s: %s %s", self.device, self.address, state.value, message)
        if self.callback is not None:
            try:
                self.callback(status)
            except Exception:
                log.exception("status callback failed for %s %s", self.device, self.address)
