"""The administrator's way to the database, for the admin screens and the admin commands: one
object the composition root builds, so that ui/ never imports the store. Every call blocks:
the screens run them on a worker thread (ui/workers.py)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.admin import boxes as box_cases, leases, people, reasons
from app.admin.boxes import BoxForm
from app.admin.errors import AdminError
from app.admin.leases import StationLeases
from app.admin.people import UserForm
from app.admin.reasons import ReasonCode
from app.audit.chain import AuditEntry
from app.config import load_settings
from app.imports import ImportReport, import_file
from app.store.audit_log import recent_entries
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.supervision.settings import SupervisionSettings
from app.unit_of_work import BoxRecord, RateTable, StationRecord, UserRecord
from app.translator import phrase

log = logging.getLogger(__name__)

RATE_KINDS = ("carriers", "zones", "rates")  # the imports of app.imports the CARRIERS page offers


@dataclass
class AdminDesk:
    """Users, boxes, reason codes, stations, carriers and rates on the station's database."""

    db: Database
    default_reasons: tuple[str, ...] = SupervisionSettings().reason_codes  # [supervision] reason_codes

    def _uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.db)

    # --- users and badges -------------------------------------------------------------------------

    def users(self, include_inactive: bool = True) -> list[UserRecord]:
        return people.list_users(self._uow(), include_inactive)

    def find_user(self, text: str) -> UserRecord:
        """The user of a user name or a scanned badge."""
        return people.find_user(self._uow(), text)

    def add_user(self, form: UserForm, by: str) -> UserRecord:
        return people.add_user(self._uow(), form, by)

    def change_user(self, username: str, by: str, **changes: Any) -> UserRecord:
        return people.change_user(self._uow(), username, by, **changes)

    def set_active(self, username: str, active: bool, by: str) -> UserRecord:
        return people.set_active(self._uow(), username, active, by)

    # --- boxes ------------------------------------------------------------------------------------

    def boxes(self) -> list[BoxRecord]:
        return box_cases.list_boxes(self._uow())

    def add_box(self, form: BoxForm, by: str) -> BoxRecord:
        return box_cases.add_box(self._uow(), form, by)

    def edit_box(self, code: str, form: BoxForm, by: str) -> BoxRecord:
        return box_cases.edit_box(self._uow(), code, form, by)

    def retire_box(self, code: str, by: str) -> BoxRecord:
        return box_cases.retire_box(self._uow(), code, by)

    # --- reason codes -----------------------------------------------------------------------------

    def reasons(self) -> list[ReasonCode]:
        return reasons.list_reasons(self._uow(), self.default_reasons)

    def reason_codes(self) -> tuple[str, ...]:
        """The codes a decision may carry now (the configuration's, as an admin changed them)."""
        return reasons.current_codes(self._uow(), self.default_reasons)

    def add_reason(self, code: str, by: str) -> ReasonCode:
        return reasons.set_reason(self._uow(), code, True, self.default_reasons, by)

    def retire_reason(self, code: str, by: str) -> ReasonCode:
        return reasons.set_reason(self._uow(), code, False, self.default_reasons, by)

    # --- stations, carriers, the audit log ---------------------------------------------------------

    def stations(self) -> list[StationRecord]:
        uow = self._uow()
        with uow:
            return uow.admin.stations()

    def station_leases(self) -> list[StationLeases]:
        """The stations that hold orders: which, since when, until when."""
        return leases.held(self._uow())

    def give_back_leases(self, station: str, reason: str, by: str) -> list[str]:
        """A dead station's orders back to the queue, with a reason (audited)."""
        return leases.give_back(self._uow(), station, reason, by)

    def rate_table(self) -> RateTable:
        uow = self._uow()
        with uow:
            return uow.carriers.table()

    def import_rates(self, kind: str, path: str | Path, by: str | None = None) -> ImportReport:
        """A carriers, zones or rates file through the import use case (ImportRejected lists
        every bad row; nothing is written then), audited as `by`'s."""
        if kind not in RATE_KINDS:
            raise AdminError(phrase("A rates file is one of %(kinds)s, not %(kind)s.", kinds=", ".join(RATE_KINDS),
                                    kind=repr(kind)))
        return import_file(self.db, kind, Path(path), actor=by)

    def recent_audit(self, limit: int = 50) -> list[AuditEntry]:
        return recent_entries(self.db, limit)


def open_admin(db: Database, config_path: str | None = None) -> AdminDesk:
    """The admin desk on the station's database, with the configuration's reason codes."""
    settings = load_settings(config_path, db.url)
    where = str(settings.config_path or "the built-in defaults")
    return AdminDesk(db, SupervisionSettings.from_raw(settings.raw, where).reason_codes)
