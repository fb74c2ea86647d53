"""The admin use cases' refusals: each names the field or the record and says what to do.
Nothing is written when one is raised."""
from __future__ import annotations

from app.errors import PackdeskError
from app.translator import phrase


class AdminError(PackdeskError):
    """An administrator's change that cannot be made as given."""


class FieldProblem(AdminError):
    """One field's value is wrong."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(phrase("%(field)s: %(problem)s", field=field, problem=problem))
        self.field = field


class NotFound(AdminError):
    """The record the change names does not exist."""

    def __init__(self, what: str, key: str, hint: str) -> None:
        super().__init__(phrase("There is no %(what)s %(key)s; %(hint)s", what=what, key=repr(key), hint=hint))
        self.what, self.key = what, key
