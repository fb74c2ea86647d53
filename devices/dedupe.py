"""Drops a second read of the same code within a short window (a scanner that fires twice)."""
from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

DEFAULT_WINDOW_S = 0.3


class Deduplicator:
    """Remembers when each code was last accepted; `accept` is False for a repeat in the window."""

    def __init__(self, window_s: float = DEFAULT_WINDOW_S, source: str = "") -> None:
        if window_s < 0:
            raise ValueError(f"dedupe window must be >= 0 seconds, got {window_s}")
        self.window_s = window_s
        self.source = source
        self.dropped = 0
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def accept(self, data: str, at: float) -> bool:
        """True when `data` read at monotonic time `at` is not a repeat within the window."""
        if self.window_s == 0:
            return True
        with self._lock:
            last = self._last.get(data)
            if last is not None and 0 <= at - last < self.window_s:
                self.dropped += 1
                log.info("duplicate read of %r from %s %.0f ms after the first: dropped",
                         data, self.source or "scanner", (at - last) * 1000)
                return False
            self._last[data] = at
            if len(self._last) > 256:  # forget codes older than the window
                self._last = {k: t for k, t in self._last.items() if at - t < self.window_s}
            return True
