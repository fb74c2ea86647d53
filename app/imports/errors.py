"""Import errors: every bad row with its line number and reason, and nothing written."""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import PackdeskError

MAX_LISTED = 200  # a message stays readable; the full list is on the exception


@dataclass(frozen=True, order=True)
class RowProblem:
    """One reason a row cannot be imported."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


class ImportRejected(PackdeskError):
    """The file has bad rows; nothing was imported."""

    def __init__(self, source: str, problems: list[RowProblem]) -> None:
        self.source = source
        self.problems = sorted(set(problems))
        listed = "\n".join(f"  {p}" for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(
            f"{source}: {len(self.problems)} problem(s), nothing was imported. "
            f"Fix these rows and import the file again:\n{listed}{tail}"
        )


class ImportFormatError(PackdeskError):
    """The file cannot be read at all (not CSV/JSON, wrong encoding, unknown kind)."""
