"""The screens' callable form of app.packing.supervisor.authorise_supervisor: badge or PIN ->
the authorising supervisor's username, or None. The decision and its audit record are in app/."""
from __future__ import annotations

import logging

from app.store.session import Database
from app.packing.supervisor import KIOSK_EXIT, SupervisorNotRecognised, authorise_supervisor

log = logging.getLogger(__name__)


class SupervisorCheck:
    """Callable run on the database worker: who authorised `action` at `station`, or None."""

    def __init__(self, db: Database, station: str = "", action: str = KIOSK_EXIT) -> None:
        self.db, self.station, self.action = db, station, action

    def __call__(self, badge_or_pin: str) -> str | None:
        """The supervisor's username (recorded in station_events), or None (recorded as refused)."""
        try:
            return authorise_supervisor(self.db, badge_or_pin, self.station or "unknown", self.action).username
        except SupervisorNotRecognised as refused:
            log.info("%s refused at %s: %s", self.action, self.station, refused.presented)
            return None
