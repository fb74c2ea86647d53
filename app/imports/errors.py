"""Import errors: every bad row with its line number and reason, and nothing written."""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import PackdeskError
from app.translator import Lines, phrase, plural_phrase

MAX_LISTED = 200  # a message stays readable; the full list is on the exception


@dataclass(frozen=True, order=True)
class RowProblem:
    """One reason a row cannot be imported."""

    line: int
    reason: str

    def __str__(self) -> str:
        return phrase("line %(line)s: %(reason)s", line=self.line, reason=self.reason) if self.line else self.reason


class ImportRejected(PackdeskError):
    """The file has bad rows; nothing was imported."""

    def __init__(self, source: str, problems: list[RowProblem]) -> None:
        self.source = source
        self.problems = sorted(set(problems))
        shown: list[object] = [str(p) for p in self.problems[:MAX_LISTED]]
        more = len(self.problems) - MAX_LISTED
        if more > 0:
            shown.append(phrase("... and %(more)s more", more=more))
        super().__init__(plural_phrase(
            "%(source)s: %(n)s problem(s), nothing was imported. Fix these rows and import the file again:\n  %(listed)s",
            "%(source)s: %(n)s problem(s), nothing was imported. Fix these rows and import the file again:\n  %(listed)s",
            len(self.problems), source=source, listed=Lines(shown, "\n  ")))


class ImportFormatError(PackdeskError):
    """The file cannot be read at all (not CSV/JSON, wrong encoding, unknown kind)."""
