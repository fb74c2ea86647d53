"""What the station core needs from the world besides the packing use cases: printers and a
scale (app.ports), a renderer for labels and slips, the device health probes, the records a
question writes, and a clock. printing/, devices/ and app/station/backend.py implement them;
unit tests use small recording fakes."""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.packing.api import LabelRequest
from app.ports import DeviceState, PrintJob
from app.station.state import OfflineState



class HealthProbe(Protocol):
    """One check of one device: its state and why (devices.factory builds them)."""

    def __call__(self) -> tuple[DeviceState, str] | None: ...


class MonotonicClock(Protocol):
    """Seconds on a monotonic clock (time.monotonic at the station, a fake in tests)."""

    def __call__(self) -> float: ...


class DocumentRenderer(Protocol):
    """Turns a label request into the label job and the packing slip job (None: no slip)."""

    def __call__(self, request: LabelRequest) -> tuple[PrintJob, PrintJob | None]: ...


class StationRecords(Protocol):
    """What the station writes and reads besides the packing use cases."""

    def authorise_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str | None:
        """The supervisor's username (the approval is audited), or None (the refusal is audited)."""
        ...

    def check_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str:
        """The supervisor's username, before an override asks its reason (the approval is audited
        with the override); SupervisorNotRecognised, saying why, when it is none (the refusal is recorded)."""
        ...

    def record_prompt_scan(self, username: str | None, order_number: str | None, data: str,
                           symbology: str | None, outcome: str, message: str) -> int:
        """Commit a scan that arrived while a question was open; its id."""
        ...

    def demo_badges(self) -> list[tuple[str, str]]:
        """(caption, badge) of the active users, for the demo panel."""
        ...


class Executor(Protocol):
    """Runs blocking device work off the core's thread; `then(result, error)` comes back on it."""

    def submit(self, fn: Callable[..., object], *args: object,
               then: Callable[[object, BaseException | None], None]) -> None: ...


class OfflineSwitch(Protocol):
    """The offline journal's side of the packing use cases (app/station/offline.py, issue 17)."""

    def status(self) -> OfflineState | None:
        """"offline: N events waiting" for the screens; None while online with nothing waiting."""
        ...

    def back_online(self) -> list[str] | None:
        """The database answers: replays a turn of the journal. When it is empty and the station
        is online again: the orders whose offline work became exceptions (conflicts); None while
        events still wait."""
        ...
