"""The supervisors' way to the database, for the review screen and the board: one object the
composition root builds, so that ui/ never imports the store. Every call blocks: the screens
run them on a worker thread (ui/workers.py)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone

from app.admin.reasons import current_codes
from app.config import Settings, load_settings, order_settings
from app.packing.settings import PackingSettings
from app.store.board_queries import floor_board
from app.store.exception_queries import exception_queue
from app.store.figure_queries import figures_of_day
from app.store.floor_watch import FloorWatch
from app.store.station_health import report_station
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.supervision.board import Board
from app.supervision.decisions import Decided, Policies, decide
from app.supervision.figures import DailyFigures
from app.supervision.model import ExceptionFilter, ExceptionItem
from app.supervision.settings import SupervisionSettings

log = logging.getLogger(__name__)


def supervision_policies(settings: Settings) -> Policies:
    """What a decision reads from the configuration: reason codes, order stages, the SSCC prefix."""
    where = str(settings.config_path or "the built-in defaults")
    packing = PackingSettings.from_raw(settings.raw)
    return Policies(SupervisionSettings.from_raw(settings.raw, where), order_settings(settings),
                    packing.gs1_company_prefix, packing.sscc_extension_digit)


def current_policies(db: Database, policies: Policies) -> Policies:
    """The policies with the reason codes an administrator added or retired applied."""
    codes = current_codes(SqlUnitOfWork(db), policies.supervision.reason_codes)
    return replace(policies, supervision=replace(policies.supervision, reason_codes=codes))


@dataclass
class SupervisionDesk:
    """The exception queue and the decisions on it, on the station's database."""

    db: Database
    policies: Policies = Policies()
    _watches: dict[str, FloorWatch] = field(default_factory=dict)

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return self.policies.supervision.reason_codes

    def queue(self, flt: ExceptionFilter) -> list[ExceptionItem]:
        """The exceptions the filter lets through, oldest first."""
        return exception_queue(self.db, flt, datetime.now(timezone.utc))

    def decide(self, key: str, action: str, reason: str, by: str, note: str | None = None) -> Decided:
        """Carries out and records a decision (SupervisionError when it does not fit); the reason
        codes are the configuration's as an administrator changed them (app.admin.reasons)."""
        return decide(SqlUnitOfWork(self.db), key, action, reason, by, current_policies(self.db, self.policies), note)

    def board(self) -> Board:
        """The live board as it stands now."""
        return floor_board(self.db)

    def board_if_changed(self, viewer: str = "board") -> Board | None:
        """The board when anything it shows was written since this viewer's last call (its
        first call included), else None: one round trip (LISTEN/NOTIFY on PostgreSQL, PRAGMA
        data_version on SQLite). Each viewer (the screen, the wall TV) has its own watch."""
        watch = self._watches.get(viewer)
        if watch is None:
            watch = self._watches[viewer] = FloorWatch(self.db)
        return floor_board(self.db) if watch.changed() else None

    def figures(self, day: date) -> DailyFigures:
        """The figures of a (UTC) day: per packer, station and hour, complexity-adjusted."""
        return figures_of_day(self.db, day)

    def report_station(self, code: str, devices: dict[str, str]) -> None:
        """This station is alive, with its devices' states (for every supervisor's board)."""
        report_station(self.db, code, devices)

    def close(self) -> None:
        """Close the board's watch connection (the database is the station's to close)."""
        for watch in self._watches.values():
            watch.close()
        self._watches.clear()


def open_supervision(db: Database, config_path: str | None = None) -> SupervisionDesk:
    """The supervisors' desk on the station's database, with the configuration's reason codes."""
    return SupervisionDesk(db, supervision_policies(load_settings(config_path, db.url)))


def daily_figures_at(config: str | None, database: str | None, day: date) -> DailyFigures:
    """The figures of a day from the database a configuration file and/or URL name (for the
    report command, which lives above app/)."""
    with Database(load_settings(config, database).database_url) as db:
        return figures_of_day(db, day)
