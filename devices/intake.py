"""Turns the raw text of one read into a `Scan`: AIM identifier split off, GS substitute
restored, duplicates dropped. Shared by every kind of scanner so they all feed alike."""
from __future__ import annotations

import logging
import time
from typing import Callable

from app.gs1 import GS
from app.ports import Scan
from devices.dedupe import DEFAULT_WINDOW_S, Deduplicator
from devices.symbology import split_identifier

log = logging.getLogger(__name__)


class ScanIntake:
    """One per scanner: `take(raw)` calls `on_scan` with a Scan unless it is a duplicate."""

    def __init__(
        self,
        source: str,
        dedupe_window_s: float = DEFAULT_WINDOW_S,
        gs_substitute: str | None = None,
    ) -> None:
        self.source = source
        self.gs_substitute = gs_substitute or None
        self.dedupe = Deduplicator(dedupe_window_s, source)
        self.on_scan: Callable[[Scan], None] | None = None
        self.delivered = 0

    def make_scan(self, raw: str, received_at: float | None = None) -> Scan | None:
        """The Scan for one read, or None when it is empty or a duplicate."""
        at = time.monotonic() if received_at is None else received_at
        symbology, data = split_identifier(raw)
        if self.gs_substitute:
            data = data.replace(self.gs_substitute, GS)
        if not data:
            return None
        if not self.dedupe.accept(data, at):
            return None
        return Scan(data=data, symbology=symbology, source=self.source, received_at=at)

    def take(self, raw: str, received_at: float | None = None) -> Scan | None:
        """Build the Scan and hand it to on_scan; a failing callback is logged, not fatal."""
        scan = self.make_scan(raw, received_at)
        if scan is None or self.on_scan is None:
            return scan
        self.delivered += 1
        try:
            self.on_scan(scan)
        except Exception:  # the reader must outlive a bug in a consumer
            log.exception("on_scan callback failed for %r from %s", scan.data, self.source)
        return scan
