"""The returns station's use cases for a screen: open an RMA (received when it arrives), inspect
it, refund it. Qt-free; ui/screens/returns.py calls them on a worker thread."""
from __future__ import annotations

import logging
from collections.abc import Callable

from app.ports import Clock, SystemClock
from app.shipping.returns import ReturnView, inspect_return, receive_return, refund_return, show_return
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class ReturnsDesk:
    """One returns station and the person at it; a unit of work per call."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], *, station: str = "RETURNS", user: str | None = None,
                 clock: Clock | None = None) -> None:
        self.new_uow, self.station, self.user = new_uow, station, user
        self.clock = clock or SystemClock()

    def open(self, rma: str) -> ReturnView:
        """The return of a scanned RMA; an open one is received now (the parcel is here)."""
        view = show_return(self.new_uow(), rma)
        if view.status == "open":
            view = receive_return(self.new_uow(), rma, self.clock.now(), self.user, self.station)
        return view

    def inspect(self, rma: str, decisions: list[list[str]], photo: str | None = None) -> ReturnView:
        return inspect_return(self.new_uow(), rma, decisions, self.clock.now(), self.user, photo)

    def refund(self, rma: str) -> ReturnView:
        return refund_return(self.new_uow(), rma, self.clock.now(), self.user)


class OpenReturnsDesk:
    """A ReturnsDesk on its own database connection; close() when the screen closes."""

    def __init__(self, database_url: str, **kwargs: object) -> None:
        self.db = Database(database_url)
        self.desk = ReturnsDesk(lambda: SqlUnitOfWork(self.db), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        self.db.close()
