"""What every import kind shares: the report, duplicate detection, value comparison."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.imports.errors import RowProblem
from app.imports.reading import Row
from app.store.import_rows import same
from app.translator import Lines, phrase

__all__ = ["ImportReport", "Progress", "Uniques", "problem", "same", "settled", "skipped"]


# progress(stage, done, total): how far a long import is: ("checking", 0, rows) once the
# file is read, then ("writing", done, total) as it writes
Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    """What an import did: rows read, and objects created, updated and left as they were."""

    kind: str
    source: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    created_numbers: list[str] = field(default_factory=list)  # orders: the numbers this import created

    def count(self, created: bool, changed: bool) -> None:
        """Counts one object."""
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def summary(self) -> str:
        """One line for a person."""
        return phrase("%(source)s: %(rows)s row(s) of %(kind)s; %(created)s created, %(updated)s updated, "
                      "%(unchanged)s unchanged", source=self.source, rows=self.rows, kind=self.kind,
                      created=self.created, updated=self.updated, unchanged=self.unchanged)


class Uniques:
    """Reports a key seen on an earlier line of the same file."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.seen: dict[Any, int] = {}

    def check(self, row: Row, key: Any, shown: str | None = None) -> bool:
        """True the first time `key` is seen; otherwise a problem naming the earlier line."""
        if key is None:
            return True
        first = self.seen.setdefault(key, row.line)
        if first != row.line:
            row.problem(phrase("%(what)s %(key)s is also on line %(line)s", what=self.what, key=shown or key, line=first))
            return False
        return True


def problem(problems: list[RowProblem], line: int, reason: str) -> None:
    """Adds a problem that is not tied to a Row object."""
    problems.append(RowProblem(line, reason))


def skipped(number: str, why: str) -> str:
    """The note of an order the file names that is nothing to pack."""
    return phrase("order %(number)s skipped: %(why)s", number=number, why=why)


def settled(summary: str, held: dict[str, list[str]]) -> list[str]:
    """The notes of what validation and allocation made of the file's orders, and each held one's reasons."""
    return [phrase("orders: %(summary)s", summary=summary),
            *(phrase("order %(number)s on hold: %(reasons)s", number=number, reasons=Lines(reasons, "; "))
              for number, reasons in held.items())]
