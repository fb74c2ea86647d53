"""A simulated scale for the demo station (`sim:?grams=1250`): set `grams` and `stable`."""
from __future__ import annotations

import logging
import threading

from app.ports import Weight
from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure

log = logging.getLogger(__name__)


class SimulatedScale:
    """A `Scale` holding a weight in memory; tests and the demo change it."""

    def __init__(self, grams: int = 0, stable: bool = True, address: str = "sim:") -> None:
        self.address = address
        self.grams = grams
        self.stable = stable
        self.tare_grams = 0
        self._lock = threading.Lock()

    def read_stable(self, timeout: float = 5.0) -> Weight:
        """The weight if stable, else ScaleError (in motion) at once."""
        with self._lock:
            if not self.stable:
                raise ScaleError(ScaleFailure.IN_MOTION, phrase("in motion (simulated)"), self.address)
            return Weight(self.grams - self.tare_grams, True)

    def read_now(self) -> Weight:
        """The weight as it is."""
        with self._lock:
            return Weight(self.grams - self.tare_grams, self.stable)

    def zero(self) -> None:
        """Zero: the current weight becomes 0."""
        with self._lock:
            self.grams, self.tare_grams = 0, 0

    def tare(self) -> None:
        """Tare: the current weight is subtracted from now on."""
        with self._lock:
            self.tare_grams = self.grams

    def close(self) -> None:
        """Nothing to release."""
