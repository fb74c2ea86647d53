"""The Qt-free half of a keyboard-wedge scanner: settings, and a `Scanner` that the Qt event
filter in ui/wedge.py feeds with each burst it caught."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from app.ports import DeviceState, DeviceStatus, Scan
from app.translator import phrase
from devices.backoff import StatusReporter
from devices.dedupe import DEFAULT_WINDOW_S
from devices.intake import ScanIntake

log = logging.getLogger(__name__)

# A keyboard cannot always type GS (0x1D; some scanners send Ctrl+], which arrives as GS);
# scanners are set to send this character instead.
DEFAULT_GS_SUBSTITUTE = "~"  # not in the GS1 character set (CSET 82); on every US key table


@dataclass(frozen=True)
class WedgeSettings:
    """How the keyboard-wedge detector tells a scanner from a person (see docs/devices.md)."""

    max_gap_ms: float = 30.0  # keys closer than this belong to a burst (scanners: 2-10 ms)
    min_length: int = 4  # shorter bursts are typing, handed back to the focused widget
    prefix: str = ""  # characters the scanner sends first (e.g. a configured "\x02" or "]")
    suffix: str = "Enter"  # key name ending a scan: Enter, Tab, or "" (end by silence)
    gs_substitute: str = DEFAULT_GS_SUBSTITUTE
    dedupe_window_s: float = DEFAULT_WINDOW_S
    flush_ms: float = 60.0  # a burst without suffix ends after this much silence


class KeyboardScanner:
    """A `Scanner` whose reads come from the keyboard-wedge filter via `feed`."""

    def __init__(self, settings: WedgeSettings | None = None, address: str = "keyboard") -> None:
        self.settings = settings or WedgeSettings()
        self.address = address
        self.intake = ScanIntake(address, self.settings.dedupe_window_s, self.settings.gs_substitute)
        self.status = StatusReporter("scanner", address)
        self.running = False

    def start(self, on_scan: Callable[[Scan], None],
              on_status: Callable[[DeviceStatus], None] | None = None) -> None:
        """Deliver fed bursts to on_scan (on the GUI thread, where the filter runs)."""
        self.intake.on_scan = on_scan
        self.status.callback = on_status
        self.running = True
        self.status.report(DeviceState.CONNECTED, phrase("keyboard wedge"))

    def stop(self) -> None:
        """Stop delivering."""
        self.running = False
        self.intake.on_scan = None

    def feed(self, text: str, received_at: float | None = None) -> Scan | None:
        """One burst the filter caught (prefix and suffix removed); returns the Scan or None."""
        if not self.running:
            log.debug("keyboard scanner not started: burst %r ignored", text)
            return None
        return self.intake.take(text, received_at)
