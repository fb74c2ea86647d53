"""The returns station's use cases for a screen: open an RMA (received when it arrives), scan its
items, inspect it, refund it. Qt-free; ui/screens/returns.py calls them on a worker thread."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from app.orders.settings import OrderSettings
from app.ports import Clock, SystemClock
from app.shipping.returns import (
    ReturnView, inspect_return, receive_return, refund_return, scan_returned_item, show_return,
)
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.translator import phrase
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class ReturnsDesk:
    """One returns station and the person at it; a unit of work per call."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], *, station: str = "RETURNS", user: str | None = None,
                 clock: Clock | None = None, order_settings: OrderSettings | None = None) -> None:
        self.new_uow, self.station, self.user = new_uow, station, user
        self.clock = clock or SystemClock()
        self.order_settings = order_settings or OrderSettings()

    def scan(self, code: str, open_rma: str | None) -> ReturnView:
        """A scan at the station: an RMA opens that return (any scan does while none is open), any
        other code is an item of the open return (WrongReturnItem when it does not belong)."""
        code = code.strip()
        if open_rma is None or is_rma(code):
            return self.open(code.upper())
        return scan_returned_item(self.new_uow(), open_rma, code, self.clock.now(), self.user, self.station)

    def open(self, rma: str) -> ReturnView:
        """The return of a scanned RMA; an open one is received now (the parcel is here)."""
        view = show_return(self.new_uow(), rma)
        if view.status == "open":
            view = receive_return(self.new_uow(), rma, self.clock.now(), self.user, self.station)
        return view

    def inspect(self, rma: str, decisions: list[list[str]], photo: str | None = None) -> ReturnView:
        """Inspects the return; the next step is said as the screen does it (its REFUND button), not
        as the command line's `packdesk returns refund`."""
        view = inspect_return(self.new_uow(), rma, decisions, self.clock.now(), self.user, photo, self.order_settings)
        return replace(view, message=phrase("Return %(rma)s inspected: press REFUND to refund it.", rma=view.rma))

    def refund(self, rma: str) -> ReturnView:
        return refund_return(self.new_uow(), rma, self.clock.now(), self.user)


def is_rma(code: str) -> bool:
    """True for a scan that reads like an RMA (RMA-000001)."""
    return code.strip().upper().startswith("RMA-")


class OpenReturnsDesk:
    """A ReturnsDesk on its own database connection; close() when the screen closes."""

    def __init__(self, database_url: str, **kwargs: object) -> None:
        self.db = Database(database_url)
        self.desk = ReturnsDesk(lambda: SqlUnitOfWork(self.db), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        self.db.close()
