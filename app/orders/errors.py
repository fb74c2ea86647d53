"""Errors about orders and who holds them; each names the order and says what to do."""
from __future__ import annotations

from datetime import datetime

from app.errors import PackdeskError
from app import words


class OrderError(PackdeskError):
    """Base of the errors of app.orders."""


class OrderNotFound(OrderError):
    """No order has this number or tote, and no pick list this code."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"No order, tote or pick list is called {key!r}; check the label and scan again.")


class PickListFinished(OrderError):
    """Every order of the pick list is packed, or being packed at other stations."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"Pick list {code} has no order left to pack here: each is packed or being packed at "
            "another station. Scan the next pick list or NEXT."
        )


class OrderHeldElsewhere(OrderError):
    """Another station holds the order's packing lease."""

    def __init__(self, number: str, station: str, user: str | None, until: datetime) -> None:
        self.number, self.station, self.user, self.until = number, station, user, until
        who = f"{station} ({user})" if user else station
        super().__init__(
            f"Order {number} is being packed at {who} until {until:%Y-%m-%d %H:%M:%S} UTC; "
            "ask a supervisor to release it there, or wait for the lease to expire."
        )


class NotPackable(OrderError):
    """The order is in a status that a packing station cannot take."""

    def __init__(self, number: str, status: str) -> None:
        self.number, self.status = number, status
        super().__init__(
            f"Order {number} is {words.status(status)} and cannot be packed here: a station packs orders "
            "that are picked (or, where the station picks too, orders with their stock reserved). "
            "Put it aside and tell a supervisor."
        )


class LeaseLost(OrderError):
    """The station no longer holds the order it is working on."""

    def __init__(self, number: str, station: str) -> None:
        self.number, self.station = number, station
        super().__init__(
            f"Station {station} no longer holds order {number} (released, taken over or finished "
            "elsewhere); claim it again before going on."
        )


class NotOnHold(OrderError):
    """Only an order on hold can be released."""

    def __init__(self, number: str, status: str) -> None:
        self.number, self.status = number, status
        super().__init__(f"Order {number} is {words.status(status)}, not on hold; there is nothing to release.")


class ReasonRequired(OrderError):
    """A supervisor's decision needs a reason for the audit log."""

    def __init__(self, action: str, number: str) -> None:
        super().__init__(f"Say why you {action} order {number}: give --reason TEXT (it goes into the order's log).")


class PickListNotFound(OrderError):
    """No pick list has this code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"No pick list is called {code!r}; scan the barcode at the top of the pick list "
                         "(PL-...), or list the wave again with `packdesk waves create --json`.")


class NotAWaveList(OrderError):
    """A pick list printed by `documents picklist`: it has no lines to pick or confirm."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"Pick list {code} was printed for the packing stations and was not made by a "
                         "wave, so it has no lines to pick here; pick the lists `packdesk waves create` makes.")


class BadWaveRequest(OrderError):
    """A wave asked for with options that do not fit."""
