"""When to check each device again: now at start, every `health_s` while it is well, and with
doubling back-off while it is missing or in error. Plain data driven by the core's clock; the
checks themselves run off the core's thread."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class DeviceWatch:
    """The check schedule of the watched devices."""

    names: list[str]
    health_s: float = 15.0  # a present scale or printer is checked again this often
    retry_initial_s: float = 0.25  # a missing one: this, doubling up to retry_max_s
    retry_max_s: float = 5.0
    due: dict[str, float] = field(default_factory=dict)
    delay: dict[str, float] = field(default_factory=dict)
    running: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for name in self.names:
            self.due.setdefault(name, 0.0)
            self.delay.setdefault(name, self.retry_initial_s)

    def due_now(self, now: float) -> list[str]:
        """The devices to check now (each is then running until `checked`)."""
        names = [n for n in self.names if n not in self.running and self.due[n] <= now]
        self.running.update(names)
        return names

    def checked(self, name: str, present: bool | None, now: float) -> None:
        """A check finished: present, missing (False) or busy elsewhere (None: look again shortly)."""
        self.running.discard(name)
        if present is None:
            self.due[name] = now + self.retry_initial_s
        elif present:
            self.delay[name] = self.retry_initial_s
            self.due[name] = now + self.health_s
        else:
            self.due[name] = now + self.delay[name]
            self.delay[name] = min(self.delay[name] * 2, self.retry_max_s)

    def check_soon(self, name: str) -> None:
        """Check this device at the next tick (it was just found missing, or was under test)."""
        if name in self.due:
            self.due[name] = 0.0
