"""The supervision package's exceptions: each names the exception, the action or the reason
code involved and says what to do."""
from __future__ import annotations

from app.errors import PackdeskError


class SupervisionError(PackdeskError):
    """A supervisor's request that cannot be carried out as given."""


class ExceptionNotFound(SupervisionError):
    def __init__(self, key: str) -> None:
        super().__init__(f"There is no exception {key!r} in the queue; `packdesk exceptions list` shows "
                         "their ids (H-12, X-7, S-345 ...).")
        self.key = key


class AlreadyDecided(SupervisionError):
    def __init__(self, key: str, action: str, by: str) -> None:
        super().__init__(f"Exception {key} was already decided ({action} by {by}); nothing was changed.")


class ActionNotAllowed(SupervisionError):
    def __init__(self, key: str, kind: str, action: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"'{action}' does not fit exception {key} ({kind.replace('_', ' ')}); "
                         f"use one of: {', '.join(allowed)}.")


class UnknownReason(SupervisionError):
    def __init__(self, code: str, codes: tuple[str, ...]) -> None:
        super().__init__(f"'{code}' is not a reason code; use one of: {', '.join(codes)} "
                         "(the list is [supervision] reason_codes in the configuration).")
