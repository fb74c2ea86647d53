"""The offline journal (issue 17): a station packs on through a central-database outage.

A SQLite file in the station's data directory. While the central database is there, the
station *provisions* it: orders leased to this station in advance (claimed with a long lease, a
small buffer) and blocks of SSCC and S10 serials reserved from the central counters, so that a
parcel numbered offline can never collide with one numbered anywhere else. When the central
database cannot be reached, each thing the packer does (a scan, a parcel closed, a label
printed, a pack confirmed) is appended to the journal as an event with an idempotency key,
durably (synchronous=FULL) before it is acknowledged; NEXT takes only leased orders.

When the database returns, `replay` applies the events in order, each in one central
transaction that also records its key in journal_receipts: an event whose key is already there
is skipped, so a replay that is interrupted and run again applies nothing twice. An event whose
order is no longer this station's pack (cancelled or taken over centrally meanwhile) is not
applied: it becomes a pack exception for a supervisor, never a silent overwrite.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.errors import PackdeskError
from app.identifiers import s10, sscc
from app.orders.claims import claim_next, release_in
from app.store.counters import take_next
from app.store.models import JournalReceipt
from app.store.session import Database
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ExceptionRecord, LabelRecord, ParcelRecord, ScanEntry

log = logging.getLogger(__name__)

JOURNAL_FILE = "offline-journal.sqlite3"
OFFLINE_LEASE_S = 12 * 3600  # a leased order stays this station's through a long outage

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    order_number TEXT NOT NULL,
    payload TEXT NOT NULL,
    at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting'   -- waiting, applied, conflict
);
CREATE TABLE IF NOT EXISTS leases (
    number TEXT PRIMARY KEY,
    order_id INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'leased'    -- leased, started, done, released
);
CREATE TABLE IF NOT EXISTS blocks (
    name TEXT PRIMARY KEY,                  -- sscc_serial, s10_serial
    next INTEGER NOT NULL,
    last INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS parcels (
    order_number TEXT NOT NULL,
    sscc TEXT NOT NULL UNIQUE,
    tracking TEXT NOT NULL UNIQUE
);
"""


class JournalError(PackdeskError):
    """The journal cannot take this event (the file, the lease or the number blocks)."""


@dataclass(frozen=True)
class Numbering:
    """How a serial becomes an SSCC and an S10 number (PackingSettings' values)."""

    sscc_extension_digit: int = 0
    gs1_company_prefix: str = "4012345"
    s10_service_indicator: str = "RR"
    s10_country: str = "DE"


@dataclass
class ReplayReport:
    """What a replay did."""

    applied: int = 0
    skipped: int = 0  # already applied (their key was in journal_receipts)
    conflicts: list[str] = field(default_factory=list)  # order numbers that became exceptions


class Journal:
    """The station's journal file; one per station, used from the station thread."""

    def __init__(self, directory: Path, station: str, user: str | None = None) -> None:
        self.path = Path(directory) / JOURNAL_FILE
        self.station, self.user = station, user
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise JournalError(f"The offline journal {self.path} cannot be opened ({exc}); check that the "
                               "station's data directory exists and is writable.") from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite has rolled back itself on a full disk
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise JournalError(f"The offline journal {self.path} cannot record this ({exc}); nothing of it was "
                               "kept. Free space on the station's disk, or wait for the database.") from exc

    # --- provisioning, while the central database is there ---------------------------------

    def lease(self, db: Database, count: int) -> list[str]:
        """Leases up to `count` more orders to this station for offline packing (claimed with a
        long lease); their numbers."""
        have = self._db.execute("SELECT count(*) FROM leases WHERE state IN ('leased', 'started')").fetchone()[0]
        taken = []
        for _ in range(max(0, count - have)):
            claim = claim_next(SqlUnitOfWork(db), self.station, self.user, lease_seconds=OFFLINE_LEASE_S)
            if claim is None:
                break
            with self._write() as j:
                j.execute("INSERT OR REPLACE INTO leases (number, order_id, state) VALUES (?, ?, 'leased')",
                          (claim.number, claim.order_id))
            taken.append(claim.number)
        return taken

    def reserve(self, db: Database, size: int) -> None:
        """Reserves a block of `size` SSCC and S10 serials from the central counters (every other
        station's numbers come after it)."""
        for name in ("sscc_serial", "s10_serial"):
            first = take_next(db, name, step=size)
            with self._write() as j:
                j.execute("INSERT OR REPLACE INTO blocks (name, next, last) VALUES (?, ?, ?)",
                          (name, first, first + size - 1))

    def release_leases(self, db: Database) -> list[str]:
        """The station logs out for good: leased orders it has not started go back to the queue."""
        numbers = [r[0] for r in self._db.execute("SELECT number FROM leases WHERE state = 'leased'")]
        for number in numbers:
            with SqlUnitOfWork(db) as uow:
                release_in(uow, number, self.station, user=self.user, reason="offline lease released")
                uow.commit()
            with self._write() as j:
                j.execute("UPDATE leases SET state = 'released' WHERE number = ?", (number,))
        return numbers

    # --- packing offline ------------------------------------------------------------------

    def next_order(self) -> str | None:
        """NEXT while offline: the oldest leased order not yet started, now started; or None."""
        with self._write() as j:
            row = j.execute("SELECT number FROM leases WHERE state = 'leased' ORDER BY rowid LIMIT 1").fetchone()
            if row is None:
                return None
            j.execute("UPDATE leases SET state = 'started' WHERE number = ?", (row[0],))
        return str(row[0])

    def scan(self, order: str, data: str, quantity: int = 1) -> str:
        """An accepted scan at the open pack; its idempotency key."""
        return self._event("scan", order, {"data": data, "quantity": quantity})

    def close_parcel(self, order: str) -> tuple[str, str]:
        """Closes a parcel of `order`, numbered from this station's reserved blocks: (SSCC, S10)."""
        self._started(order)
        numbering = self.numbering
        with self._write() as j:
            serials = {}
            for name in ("sscc_serial", "s10_serial"):
                row = j.execute("SELECT next, last FROM blocks WHERE name = ?", (name,)).fetchone()
                if row is None or row[0] > row[1]:
                    raise JournalError(f"This station's reserved {name.split('_')[0].upper()} numbers are used up; "
                                       "no more parcels can be closed until the database is back.")
                j.execute("UPDATE blocks SET next = next + 1 WHERE name = ?", (name,))
                serials[name] = row[0]
            code = sscc(numbering.sscc_extension_digit, numbering.gs1_company_prefix, serials["sscc_serial"])
            tracking = s10(numbering.s10_service_indicator, serials["s10_serial"] % 10**8, numbering.s10_country)
            j.execute("INSERT INTO parcels (order_number, sscc, tracking) VALUES (?, ?, ?)", (order, code, tracking))
            self._append(j, "close", order, {"sscc": code, "tracking": tracking})
        return code, tracking

    def label_printed(self, order: str, code: str, printer: str) -> str:
        """The parcel's label came out of the printer."""
        return self._event("label", order, {"sscc": code, "printer": printer})

    def confirm(self, order: str) -> str:
        """Every parcel confirmed: the pack is finished."""
        key = self._event("confirm", order, {})
        with self._write() as j:
            j.execute("UPDATE leases SET state = 'done' WHERE number = ?", (order,))
        return key

    numbering = Numbering()

    def waiting(self) -> int:
        """Events not yet applied centrally."""
        return int(self._db.execute("SELECT count(*) FROM events WHERE state = 'waiting'").fetchone()[0])

    def status_text(self) -> str:
        """What the station's screen shows while events wait: "offline: N events waiting"."""
        n = self.waiting()
        return f"offline: {n} event{'s' if n != 1 else ''} waiting" if n else ""

    def _started(self, order: str) -> None:
        row = self._db.execute("SELECT state FROM leases WHERE number = ?", (order,)).fetchone()
        if row is None or row[0] not in ("started", "leased"):
            raise JournalError(f"Order {order} is not leased to this station; offline, only leased orders "
                               "can be packed.")

    def _event(self, kind: str, order: str, payload: dict[str, Any]) -> str:
        self._started(order)
        with self._write() as j:
            return self._append(j, kind, order, payload)

    def _append(self, j: sqlite3.Connection, kind: str, order: str, payload: dict[str, Any]) -> str:
        key = f"{self.station}:{uuid.uuid4().hex}"
        j.execute("INSERT INTO events (key, kind, order_number, payload, at) VALUES (?, ?, ?, ?, ?)",
                  (key, kind, order, json.dumps(payload), datetime.now(timezone.utc).isoformat()))
        return key

    # --- back online ----------------------------------------------------------------------

    def replay(self, db: Database) -> ReplayReport:
        """Applies the waiting events in order, each once (see the module's docstring)."""
        report = ReplayReport()
        conflicted: set[str] = set()
        rows = self._db.execute("SELECT seq, key, kind, order_number, payload, at FROM events "
                                "WHERE state = 'waiting' ORDER BY seq").fetchall()
        for seq, key, kind, number, payload, at in rows:
            outcome = self._apply(db, key, kind, number, json.loads(payload), datetime.fromisoformat(at), conflicted)
            if outcome == "skipped":
                report.skipped += 1
                outcome = "applied"
            elif outcome == "conflict":
                if number not in report.conflicts:
                    report.conflicts.append(number)
            else:
                report.applied += 1
            with self._write() as j:
                j.execute("UPDATE events SET state = ? WHERE seq = ?", (outcome, seq))
        log.info("journal replayed: %d applied, %d already applied, conflicts: %s", report.applied,
                 report.skipped, ", ".join(report.conflicts) or "none")
        return report

    def _apply(self, db: Database, key: str, kind: str, number: str, payload: dict[str, Any], at: datetime,
               conflicted: set[str]) -> str:
        with SqlUnitOfWork(db) as uow:
            session = uow.session
            assert session is not None
            if session.get(JournalReceipt, key) is not None:
                return "skipped"
            order = uow.orders.get(number)
            mine = order is not None and order.status == "packing" and order.claimed_by_station == self.station
            if not mine or number in conflicted:
                if order is not None and number not in conflicted:
                    uow.exceptions.add(ExceptionRecord(
                        order.id, "other", f"offline {kind} at {self.station} not applied: the order is "
                        f"{order.status}{' at ' + order.claimed_by_station if order.claimed_by_station else ''} "
                        "centrally; check the parcel against the order", self.station, self.user, at))
                conflicted.add(number)
                outcome = "conflict"
            else:
                self._write_central(uow, kind, order, payload, at)
                outcome = "applied"
            session.add(JournalReceipt(key=key, station=self.station, order_number=number, kind=kind,
                                       outcome=outcome, applied_at=datetime.now(timezone.utc)))
            uow.commit()
        return outcome

    def _write_central(self, uow: SqlUnitOfWork, kind: str, order: Any, payload: dict[str, Any],
                       at: datetime) -> None:
        if kind == "scan":
            uow.scans.add(ScanEntry(at, self.station, self.user, order.id, payload["data"], "accepted",
                                    quantity=payload["quantity"]))
        elif kind == "close":
            seq = len(uow.parcels.of_order(order.id)) + 1
            uow.parcels.add(ParcelRecord(0, order.id, seq, status="closed", sscc=payload["sscc"],
                                         tracking_number=payload["tracking"], opened_at=at, closed_at=at))
        elif kind == "label":
            parcel = uow.parcels.by_label_code(payload["sscc"])
            assert parcel is not None, payload
            uow.labels.add(LabelRecord(0, parcel.id, 1, "zpl", status="printed", printer=payload["printer"],
                                       created_at=at, printed_at=at, reason="printed offline"))
        elif kind == "confirm":
            release_in(uow, order.number, self.station, "packed", user=self.user, reason="pack confirmed offline")
        else:
            raise JournalError(f"unknown journal event {kind!r}")
