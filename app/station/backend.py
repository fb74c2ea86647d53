"""The station's way to the database: one factory the composition root calls, so that ui/
never imports the store. It builds the Database, the PackingService (the PackingApi the core
talks to) and the records a question writes (supervisor approvals, prompt scans)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.errors import DatabaseNotReady, DatabaseUnavailable
from app.packing.prompt_scans import record_prompt_scan
from app.packing.service import PackingService
from app.packing.settings import PackingSettings
from app.packing.supervisor import SupervisorNotRecognised, authorise_supervisor, check_supervisor
from app.picking.service import PickingService
from app.store.journal import Journal
from app.store.session import Database
from app.ports import DeviceState
from app.station.offline import OfflineCapable, OfflineRecords, Provisioning
from app.station.ports import HealthProbe
from app.store.station_queries import database_trouble, demo_badges

log = logging.getLogger(__name__)


@dataclass
class DatabaseRecords:
    """StationRecords on the station's database."""

    db: Database
    station: str

    def authorise_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str | None:
        """The supervisor's username (recorded in station_events), or None (recorded as refused)."""
        try:
            return authorise_supervisor(self.db, badge_or_pin, self.station or "unknown", action, order).username
        except SupervisorNotRecognised as refused:
            log.info("%s refused at %s: %s", action, self.station, refused.presented)
            return None

    def check_supervisor(self, badge_or_pin: str, action: str, order: str | None = None) -> str:
        """The supervisor's username; SupervisorNotRecognised (recorded) when it is none."""
        return check_supervisor(self.db, badge_or_pin, self.station or "unknown", action, order).username

    def record_prompt_scan(self, username: str | None, order_number: str | None, data: str,
                           symbology: str | None, outcome: str, message: str) -> int:
        """Commit a scan that arrived while a question was open; its id."""
        return record_prompt_scan(self.db, self.station, username, order_number, data, symbology, outcome, message)

    def demo_badges(self) -> list[tuple[str, str]]:
        """(caption, badge) of the active users."""
        return demo_badges(self.db)


@dataclass
class StationBackend:
    """The database, the packing use cases and the station's records, closed together."""

    db: Database
    service: PackingService | OfflineCapable
    records: DatabaseRecords | OfflineRecords
    picking: PickingService | None = None  # the picker screen's use cases
    offline: OfflineCapable | None = None  # the offline journal ([station] offline_buffer > 0)

    def close(self) -> None:
        """Close the database (a station closing for good gives its leased orders back first)."""
        if self.offline is not None:
            released = self.offline.release_leases()
            if released:
                log.info("leased orders given back to the queue: %s", ", ".join(released))
            self.offline.journal.close()
        self.db.close()

    def health_probe(self) -> HealthProbe:
        """The database's health check, watched by the core like a device: missing while it
        cannot be reached, in error while it answers but cannot be used (never upgraded, read-only)."""
        def check() -> tuple[DeviceState, str]:
            trouble = database_trouble(self.db)
            if trouble is None:
                return DeviceState.CONNECTED, ""
            state = DeviceState.ERROR if isinstance(trouble, DatabaseNotReady) else DeviceState.DISCONNECTED
            return state, str(trouble)
        return check


def open_backend(database_url: str, settings: PackingSettings, offline_buffer: int = 0,
                 data_dir: Path | None = None) -> StationBackend:
    """Connect to the station's database and build the use cases for this station; with an
    offline buffer, behind the offline journal in `data_dir` (issue 17)."""
    db = Database(database_url)
    service = PackingService(db, settings.station_code, settings)
    records = DatabaseRecords(db, settings.station_code)
    picking = PickingService(db, settings.station_code)
    if offline_buffer <= 0 or data_dir is None:
        return StationBackend(db, service, records, picking)
    journal = Journal(data_dir, settings.station_code)
    offline = OfflineCapable(service, db, journal, Provisioning(offline_buffer))
    return StationBackend(db, offline, OfflineRecords(records), picking, offline)


def central_or_journal(db: Database, journal: Journal) -> Database | Journal:
    """Where the station's next write goes (issue 17): the central database when it answers,
    else the offline journal (leased orders only; "offline: N events waiting" on screen)."""
    try:
        with db.read() as session:
            session.connection()
        return db
    except DatabaseUnavailable as exc:
        log.warning("central database unreachable, packing on into the journal %s: %s", journal.path, exc)
        return journal
