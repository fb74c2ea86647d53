"""The packing station's exception family: each message names the order, badge or barcode."""
from __future__ import annotations

from app.errors import PackdeskError


class PackingError(PackdeskError):
    """Base of the packing station's errors."""


class BadgeNotRecognised(PackingError):
    """No active user has this badge."""


class OrderNotFound(PackingError):
    """No order, tote or pick list by this reference."""


class OrderNotPackable(PackingError):
    """The order exists but is not waiting to be packed."""


class OrderHeldElsewhere(PackingError):
    """Another station holds the order's lease."""

    def __init__(self, message: str, station: str | None = None, user: str | None = None) -> None:
        super().__init__(message)
        self.station, self.user = station, user


class NotAllowed(PackingError):
    """The action does not fit the pack's state (no open parcel, lease lost, wrong station...)."""


class SupervisorRequired(PackingError):
    """The badge scanned for an approval is not a supervisor's."""
