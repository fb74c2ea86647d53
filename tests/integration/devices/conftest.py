"""Fixtures for device tests: pseudo-terminals at stable paths, fake scales and printers."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import pytest

from tests.integration.devices.fakes import PtyDevice


@pytest.fixture
def pty_device(tmp_path: Path) -> Iterator[PtyDevice]:
    """A pseudo-terminal reachable at tmp_path/ttyPACK, like a /dev/serial/by-id link."""
    device = PtyDevice(tmp_path / "ttyPACK")
    yield device
    device.close()


@pytest.fixture(autouse=True)
def no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a device thread running."""
    before = set(threading.enumerate())
    yield
    import time

    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()
                and not t.name.startswith(("fake", "printer-fake"))]
        if not left:
            return
        time.sleep(0.02)
    pytest.fail(f"threads left running: {[t.name for t in left]}")
