"""The boxing package's exception family."""
from __future__ import annotations

from app.errors import PackdeskError


class BoxingError(PackdeskError):
    """Nothing can be packed, or the input is unusable; the message names the unit or box and why."""


class InvalidPacking(BoxingError):
    """A suggestion broke a packing rule (raised by the validator; lists every problem)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid packing: " + "; ".join(self.problems))
