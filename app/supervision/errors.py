"""The supervision package's exceptions: each names the exception, the action or the reason
code involved and says what to do."""
from __future__ import annotations

from app.errors import PackdeskError
from app.translator import phrase


class SupervisionError(PackdeskError):
    """A supervisor's request that cannot be carried out as given."""


class ExceptionNotFound(SupervisionError):
    def __init__(self, key: str) -> None:
        super().__init__(phrase("There is no exception %(key)s in the queue; `packdesk exceptions list` shows "
                                "their ids (H-12, X-7, S-345 ...).", key=repr(key)))
        self.key = key


class AlreadyDecided(SupervisionError):
    def __init__(self, key: str, action: str, by: str) -> None:
        super().__init__(phrase("Exception %(key)s was already decided (%(action)s by %(by)s); nothing was changed.",
                                key=key, action=action, by=by))


class ActionNotAllowed(SupervisionError):
    def __init__(self, key: str, kind: str, action: str, allowed: tuple[str, ...]) -> None:
        super().__init__(phrase("'%(action)s' does not fit exception %(key)s (%(kind)s); use one of: %(allowed)s.",
                                action=action, key=key, kind=kind.replace("_", " "), allowed=", ".join(allowed)))


class UnknownReason(SupervisionError):
    def __init__(self, code: str, codes: tuple[str, ...]) -> None:
        super().__init__(phrase("'%(code)s' is not a reason code; use one of: %(codes)s (the list is [supervision] "
                                "reason_codes in the configuration).", code=code, codes=", ".join(codes)))
