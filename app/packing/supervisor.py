"""Supervisor approval for callers that hold a Database rather than a unit of work (the kiosk's
exit check in ui/): app.packing.people on a SqlUnitOfWork."""
from __future__ import annotations

import logging

from app.packing.people import (  # noqa: F401  (the names the screens import from here)
    KIOSK_EXIT, PARTIAL_SHIPMENT, Supervisor, SupervisorNotRecognised,
)
from app.packing import people
from app.store.session import Database
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)


def check_supervisor(db: Database, badge_or_pin: str, station: str, action: str, order: str | None = None) -> Supervisor:
    """people.check_supervisor on a SqlUnitOfWork: the supervisor, or SupervisorNotRecognised (recorded)."""
    return people.check_supervisor(SqlUnitOfWork(db), badge_or_pin, station, action, order)


def authorise_supervisor(db: Database, badge_or_pin: str, station: str, action: str = KIOSK_EXIT,
                         order: str | None = None) -> Supervisor:
    """The active supervisor with this badge or PIN, recorded in the station's audit log;
    SupervisorNotRecognised (also recorded) when there is none."""
    return people.authorise_supervisor(SqlUnitOfWork(db), badge_or_pin, station, action, order)
