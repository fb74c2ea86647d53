"""The dock's use cases for a screen: scan a parcel, the day's list, the carriers. Qt-free; the
dispatch screen (ui/screens/dispatch.py) calls them on a worker thread, never on the GUI thread."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from app.ports import Clock, SystemClock
from app.shipping.capture import CaptureRun, capture_pending
from app.shipping.dispatch import DockDay, HandOver, dock_day, scan_at_dock
from app.shipping.payments import PaymentGateway
from app.shipping.settings import ShippingSettings
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class Dock:
    """One dock (station code) and the person scanning there; a unit of work per call."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], settings: ShippingSettings, *, station: str = "DOCK",
                 user: str | None = None, clock: Clock | None = None, pay: PaymentGateway | None = None,
                 builtin: str | None = None) -> None:
        self.new_uow, self.settings, self.station, self.user = new_uow, settings, station, user
        self.builtin = builtin  # the [carrier] a parcel with none of its own or its order's goes with
        self.clock = clock or SystemClock()
        self.pay = pay  # None: the built-in gateway (app.shipping.payments.gateway)

    def scan(self, barcode: str) -> HandOver:
        """A parcel handed to its carrier (see app.shipping.dispatch.scan_at_dock)."""
        return scan_at_dock(self.new_uow(), barcode, self.clock.now(), user=self.user, station=self.station)

    def capture(self, order_number: str) -> CaptureRun:
        """The payment of an order the dock just shipped, captured after its hand-over committed
        (app.shipping.capture): a failing gateway leaves it queued for the next capturer."""
        return capture_pending(self.new_uow, self.clock.now(), self.pay, order_numbers=[order_number])

    def day(self, carrier: str | None = None, day: date | None = None) -> DockDay:
        """The parcels handed over today (local) and those labelled but not scanned."""
        today = day or self.clock.now().astimezone(self.settings.zone).date()
        return dock_day(self.new_uow(), carrier, today, self.settings.zone, builtin=self.builtin)

    def carriers(self) -> list[str]:
        """The codes of the rate tables' carriers (the screen's filter)."""
        uow = self.new_uow()
        with uow:
            return [c.code for c in uow.carriers.table().carriers]


class OpenDock:
    """A Dock on its own database connection; close() when the screen closes."""

    def __init__(self, database_url: str, settings: ShippingSettings, *, station: str = "DOCK",
                 user: str | None = None, clock: Clock | None = None, builtin: str | None = None) -> None:
        self.db = Database(database_url)
        self.dock = Dock(lambda: SqlUnitOfWork(self.db), settings, station=station, user=user, clock=clock,
                         builtin=builtin)

    def close(self) -> None:
        self.db.close()
