"""Errors about orders and who holds them; each names the order and says what to do."""
from __future__ import annotations

from datetime import datetime

from app.errors import PackdeskError
from app import words
from app.translator import phrase

# A supervisor's decision without a reason, said whole for each action (a translation words each its own way).
REASON_WANTED = {
    "hold": phrase("Say why you hold order %(number)s: give --reason TEXT (it goes into the order's log)."),
    "release": phrase("Say why you release order %(number)s: give --reason TEXT (it goes into the order's log)."),
    "cancel": phrase("Say why you cancel order %(number)s: give --reason TEXT (it goes into the order's log)."),
}


class OrderError(PackdeskError):
    """Base of the errors of app.orders."""


class OrderNotFound(OrderError):
    """No order has this number or tote, and no pick list this code."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(phrase("No order, tote or pick list is called %(key)s; check the label and scan again.",
                                key=repr(key)))


class PickListFinished(OrderError):
    """Every order of the pick list is packed, or being packed at other stations."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(phrase(
            "Pick list %(code)s has no order left to pack here: each is packed or being packed at "
            "another station. Scan the next pick list or NEXT.", code=code))


class OrderHeldElsewhere(OrderError):
    """Another station holds the order's packing lease."""

    def __init__(self, number: str, station: str, user: str | None, until: datetime) -> None:
        self.number, self.station, self.user, self.until = number, station, user, until
        who = f"{station} ({user})" if user else station
        super().__init__(phrase(
            "Order %(number)s is being packed at %(who)s until %(until)s UTC; "
            "ask a supervisor to release it there, or wait for the lease to expire.",
            number=number, who=who, until=until.strftime("%Y-%m-%d %H:%M:%S")))


class NotPackable(OrderError):
    """The order is in a status that a packing station cannot take."""

    def __init__(self, number: str, status: str) -> None:
        self.number, self.status = number, status
        super().__init__(phrase(
            "Order %(number)s is %(status)s and cannot be packed here: a station packs orders "
            "that are picked (or, where the station picks too, orders with their stock reserved). "
            "Put it aside and tell a supervisor.", number=number, status=words.status(status)))


class LeaseLost(OrderError):
    """The station no longer holds the order it is working on."""

    def __init__(self, number: str, station: str) -> None:
        self.number, self.station = number, station
        super().__init__(phrase(
            "Station %(station)s no longer holds order %(number)s (released, taken over or finished "
            "elsewhere); claim it again before going on.", station=station, number=number))


class NotOnHold(OrderError):
    """Only an order on hold can be released."""

    def __init__(self, number: str, status: str) -> None:
        self.number, self.status = number, status
        super().__init__(phrase("Order %(number)s is %(status)s, not on hold; there is nothing to release.",
                                number=number, status=words.status(status)))


class ReasonRequired(OrderError):
    """A supervisor's decision needs a reason for the audit log."""

    def __init__(self, action: str, number: str) -> None:
        super().__init__(phrase(REASON_WANTED.get(action, "Say why you %(action)s order %(number)s: give --reason TEXT "
                                                         "(it goes into the order's log)."),
                                action=action, number=number))


class PickListNotFound(OrderError):
    """No pick list has this code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(phrase("No pick list is called %(code)s; scan the barcode at the top of the pick list "
                                "(PL-...), or list the wave again with `packdesk waves create --json`.",
                                code=repr(code)))


class NotAWaveList(OrderError):
    """A pick list printed by `documents picklist`: it has no lines to pick or confirm."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(phrase("Pick list %(code)s was printed for the packing stations and was not made by a "
                                "wave, so it has no lines to pick here; pick the lists `packdesk waves create` "
                                "makes.", code=code))


class BadWaveRequest(OrderError):
    """A wave asked for with options that do not fit."""
