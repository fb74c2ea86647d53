"""The offline journal (issue 17): a station packs on through a central-database outage.

A SQLite file in the station's data directory. While the central database is there, the
station *provisions* it: orders leased to this station in advance (claimed with a long lease, a
small buffer), blocks of SSCC and S10 serials reserved from the central counters (so that a
parcel numbered offline can never collide with one numbered anywhere else), and a copy of each
order it holds (`keep_copy`: what the pack screen, the scan rules and the label need). When the
central database cannot be reached, each thing the packer does (every scan at the pack, a
parcel closed, a label printed) is appended to the journal as an event with an idempotency key,
durably (synchronous=FULL) before it is acknowledged; NEXT takes only leased orders.

When the database returns, `replay` applies the events in order of their sequence number (never
of the wall clock, which may have jumped), each in one central transaction that also records
its key in journal_receipts: an event whose key is already there is skipped, so a replay that
is interrupted and run again applies nothing twice. What an event does centrally is the
caller's (`apply`: the packing use cases, app/packing/offline.py), so a scan replayed is
decided by the same rules and written by the same writer as one made online. An event whose
order is no longer this station's pack (cancelled or taken over centrally meanwhile) is not
applied: it becomes a pack exception for a supervisor, never a silent overwrite.

The copies (of orders and of people who logged in) are versioned JSON documents the caller
makes (app/packing/offline_json.py); the journal keeps them as text. An older station kept them
pickled: `convert_pickled` rewrites those once at start-up.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql_text

from app.errors import DatabaseUnavailable, PackdeskError
from app.identifiers import s10, sscc
from app.orders import hold_words as W
from app.orders.claims import claim_next, release_in
from app.store.counters import take_next
from app.store.models import JournalReceipt
from app.store.session import Database
from app.translator import phrase, plural_phrase
from app.store.uow import SqlUnitOfWork
from app.unit_of_work import ExceptionRecord

log = logging.getLogger(__name__)

JOURNAL_FILE = "offline-journal.sqlite3"
OFFLINE_LEASE_S = 12 * 3600  # a leased order stays this station's through a long outage

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order of replay (never the wall clock)
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                     -- scan, close, label
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
CREATE TABLE IF NOT EXISTS copies (         -- what packing an order offline needs (a JSON document)
    number TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS people (         -- who logged in here: badge (SHA-256) -> user (a JSON document)
    badge TEXT PRIMARY KEY,
    data BLOB NOT NULL
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


@dataclass(frozen=True)
class JournalEvent:
    """One thing done offline, as replay hands it to `apply`."""

    seq: int
    key: str
    kind: str  # scan, close, label
    order_number: str
    payload: dict[str, Any]
    at: datetime  # the station's wall clock when it was recorded (information only)


@dataclass
class ReplayReport:
    """What a replay did."""

    applied: int = 0
    skipped: int = 0  # already applied (their key was in journal_receipts)
    conflicts: list[str] = field(default_factory=list)  # order numbers that became exceptions


class ReceiptUnitOfWork(SqlUnitOfWork):
    """A unit of work whose first commit also records the event's idempotency key: the event's
    effects and its receipt are durable together or not at all."""

    def __init__(self, database: Database, receipt: JournalReceipt) -> None:
        super().__init__(database)
        self.receipt: JournalReceipt | None = receipt

    def commit(self) -> None:
        if self.receipt is not None and self.session is not None:
            self.session.add(self.receipt)
            self.receipt = None
        super().commit()


# apply(uow, fresh, event): the event's central effects, committed once through `uow` (whose
# commit records the receipt; it may commit nothing: the journal records the receipt alone then);
# `fresh` for what may safely be done again (opening a parcel). It raises PackdeskError when the
# central order does not take the event: a conflict.
Apply = Callable[[ReceiptUnitOfWork, SqlUnitOfWork, JournalEvent], None]


class Journal:
    """The station's journal file; one per station, used from the station thread."""

    numbering = Numbering()

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
            raise JournalError(phrase("The offline journal %(path)s cannot be opened (%(error)s); check that the "
                                      "station's data directory exists and is writable.",
                                      path=str(self.path), error=str(exc))) from exc

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
            raise JournalError(phrase("The offline journal %(path)s cannot record this (%(error)s); nothing of it "
                                      "was kept. Free space on the station's disk, or wait for the database.",
                                      path=str(self.path), error=str(exc))) from exc

    # --- provisioning, while the central database is there ---------------------------------

    def lease(self, db: Database, count: int) -> list[str]:
        """Leases orders to this station for offline packing (claimed with a long lease) until
        `count` wait unstarted; the numbers newly leased."""
        have = self.leased_count()
        taken = []
        for _ in range(max(0, count - have)):
            claim = claim_next(SqlUnitOfWork(db), self.station, self.user, lease_seconds=OFFLINE_LEASE_S,
                               now=database_now(db))
            if claim is None:
                break
            with self._write() as j:
                j.execute("INSERT OR REPLACE INTO leases (number, order_id, state) VALUES (?, ?, 'leased')",
                          (claim.number, claim.order_id))
            taken.append(claim.number)
        return taken

    def drop_lost(self, db: Database) -> list[str]:
        """Leased orders the database no longer has as this station's (a supervisor gave them back
        while the station was down, or its lease ran out and another station took the order): out
        of the journal, so NEXT never opens one; their numbers. A restarted station keeps the
        leases that are still its own."""
        numbers = self.leased()
        if not numbers:
            return []
        with SqlUnitOfWork(db) as uow:
            orders = {n: uow.orders.get(n) for n in numbers}
        lost = [n for n, o in orders.items()
                if o is None or o.status != "packing" or o.claimed_by_station != self.station]
        if lost:
            with self._write() as j:
                j.executemany("UPDATE leases SET state = 'released' WHERE number = ? AND state = 'leased'",
                              [(n,) for n in lost])
                j.executemany("DELETE FROM copies WHERE number = ?", [(n,) for n in lost])
            log.warning("leased orders no longer this station's (given back or taken over): %s", ", ".join(lost))
        return lost

    def leased(self) -> list[str]:
        """The leased orders not started yet, oldest first (NEXT takes them first)."""
        return [r[0] for r in self._db.execute("SELECT number FROM leases WHERE state = 'leased' ORDER BY rowid")]

    def started(self) -> list[str]:
        """The orders this station opened and has a copy of (the open pack to resume offline)."""
        return [r[0] for r in self._db.execute("SELECT l.number FROM leases l JOIN copies c ON c.number = l.number "
                                               "WHERE l.state = 'started' ORDER BY l.rowid")]

    def leased_count(self) -> int:
        """How many leased orders wait unstarted."""
        return int(self._db.execute("SELECT count(*) FROM leases WHERE state = 'leased'").fetchone()[0])

    def hold(self, number: str, order_id: int = 0) -> None:
        """This station opened `number` (online): it is packed on through an outage."""
        with self._write() as j:
            j.execute("INSERT INTO leases (number, order_id, state) VALUES (?, ?, 'started') "
                      "ON CONFLICT (number) DO UPDATE SET state = 'started'", (number, order_id))

    def reserve(self, db: Database, size: int) -> None:
        """Reserves a block of `size` SSCC and S10 serials from the central counters (every other
        station's numbers come after it)."""
        for name in ("sscc_serial", "s10_serial"):
            first = take_next(db, name, step=size)
            with self._write() as j:
                j.execute("INSERT OR REPLACE INTO blocks (name, next, last) VALUES (?, ?, ?)",
                          (name, first, first + size - 1))

    def numbers_left(self) -> int:
        """Parcels this station can still number offline (the smaller of its two blocks)."""
        rows = self._db.execute("SELECT last - next + 1 FROM blocks").fetchall()
        return min((max(0, r[0]) for r in rows), default=0) if len(rows) == 2 else 0

    def release_leases(self, db: Database) -> list[str]:
        """The station logs out for good: leased orders it has not started go back to the queue."""
        numbers = self.leased()
        for number in numbers:
            with SqlUnitOfWork(db) as uow:
                release_in(uow, number, self.station, user=self.user, reason=W.OFFLINE_LEASE_RELEASED)
                uow.commit()
            with self._write() as j:
                j.execute("UPDATE leases SET state = 'released' WHERE number = ?", (number,))
                j.execute("DELETE FROM copies WHERE number = ?", (number,))
        return numbers

    def keep_copy(self, number: str, document: dict[str, Any]) -> None:
        """Keeps what packing `number` offline needs (replaced by each newer copy): a JSON document."""
        with self._write() as j:
            self._keep(j, number, document)

    def copy_of(self, number: str) -> dict[str, Any] | None:
        """The copy kept of `number` (its JSON document), or None."""
        row = self._db.execute("SELECT data FROM copies WHERE number = ?", (number,)).fetchone()
        return _document(row[0], self.path) if row else None

    def remember_person(self, badge: str, document: dict[str, Any]) -> None:
        """Someone logged in here with this badge (a JSON document): they may log in again while offline."""
        with self._write() as j:
            j.execute("INSERT OR REPLACE INTO people (badge, data) VALUES (?, ?)", (_hashed(badge), json.dumps(document)))

    def person(self, badge: str) -> dict[str, Any] | None:
        """Who logged in here with this badge before (their JSON document), or None."""
        row = self._db.execute("SELECT data FROM people WHERE badge = ?", (_hashed(badge),)).fetchone()
        return _document(row[0], self.path) if row else None

    def convert_pickled(self, copy: Callable[[Any], dict[str, Any]], person: Callable[[Any], dict[str, Any]]) -> int:
        """Rewrites the copies and people an older station kept pickled as JSON documents, once, at
        start-up (`copy` and `person` turn the unpickled objects into documents); how many. The
        pickles are the station's own (the file is as trusted as its configuration); nothing
        reads a pickle after this."""
        converted = 0
        if not self._db.execute("SELECT 1 FROM copies WHERE typeof(data) = 'blob' UNION ALL "
                                "SELECT 1 FROM people WHERE typeof(data) = 'blob' LIMIT 1").fetchone():
            return 0
        with self._write() as j:  # all of them or none
            for table, key, convert in (("copies", "number", copy), ("people", "badge", person)):
                rows = j.execute(f"SELECT {key}, data FROM {table} WHERE typeof(data) = 'blob'").fetchall()
                for name, data in rows:
                    try:
                        document = convert(pickle.loads(data))  # noqa: S301 - see the docstring
                    except Exception as exc:  # noqa: BLE001 - whatever the old pickle holds, say which row
                        where = f"{table} {name}"[:40]
                        raise JournalError(phrase(
                            "The offline journal %(path)s holds an old copy (%(what)s) this version cannot convert "
                            "(%(error)s); sync the journal with the version that wrote it, or move the file aside.",
                            path=str(self.path), what=where, error=str(exc))) from exc
                    j.execute(f"UPDATE {table} SET data = ? WHERE {key} = ?", (json.dumps(document), name))
                    converted += 1
        if converted:
            log.info("offline journal %s: %d pickled copies converted to JSON", self.path, converted)
        return converted

    # --- packing offline ------------------------------------------------------------------

    def next_order(self) -> str | None:
        """NEXT while offline: the oldest leased order not yet started, now started; or None."""
        with self._write() as j:
            row = j.execute("SELECT number FROM leases WHERE state = 'leased' ORDER BY rowid LIMIT 1").fetchone()
            if row is None:
                return None
            j.execute("UPDATE leases SET state = 'started' WHERE number = ?", (row[0],))
        return str(row[0])

    def scan(self, order: str, data: str, symbology: str | None = None, user: str | None = None,
             copy: dict[str, Any] | None = None, finished: bool = False) -> str:
        """A scan at the open pack (every scan, as online: mis-scans, ACK and UNDO too); its key.
        `copy`: the order's copy with the scan in it, kept in the same transaction (a station
        killed now resumes showing exactly what will be replayed); `finished`: the scan
        confirmed the last label (see `finished`)."""
        return self._event("scan", order, {"data": data, "symbology": symbology, "user": user or self.user},
                           copy, finished)

    def close_parcel(self, order: str, weight_g: int | None = None, user: str | None = None,
                     copy: Callable[[str, str], dict[str, Any]] | None = None,
                     box: str | None = None) -> tuple[str, str]:
        """Closes a parcel of `order` (in `box`, a box code), numbered from this station's reserved
        blocks: (SSCC, S10); `copy(sscc, tracking)`: the order's copy with the parcel closed, kept in
        the same transaction."""
        self._started(order)
        numbering = self.numbering
        with self._write() as j:
            serials = {}
            for name in ("sscc_serial", "s10_serial"):
                row = j.execute("SELECT next, last FROM blocks WHERE name = ?", (name,)).fetchone()
                if row is None or row[0] > row[1]:
                    raise JournalError(phrase("This station's reserved %(kind)s numbers are used up; no more parcels "
                                              "can be closed until the database is back.",
                                              kind=name.split("_")[0].upper()))
                j.execute("UPDATE blocks SET next = next + 1 WHERE name = ?", (name,))
                serials[name] = row[0]
            code = sscc(numbering.sscc_extension_digit, numbering.gs1_company_prefix, serials["sscc_serial"])
            tracking = s10(numbering.s10_service_indicator, serials["s10_serial"] % 10**8, numbering.s10_country)
            j.execute("INSERT INTO parcels (order_number, sscc, tracking) VALUES (?, ?, ?)", (order, code, tracking))
            self._append(j, "close", order, {"sscc": code, "tracking": tracking, "weight_g": weight_g,
                                             "box": box, "user": user or self.user})
            if copy is not None:
                self._keep(j, order, copy(code, tracking))
        return code, tracking

    def label_printed(self, order: str, code: str, printer: str, printed: list[dict[str, str]] | None = None,
                      copy: dict[str, Any] | None = None) -> str:
        """The parcel's label came out of the printer; `printed`: the jobs the printers took (the
        label, then its slip; JSON-ready), archived centrally when the event is replayed; `copy`:
        the order's copy with the label printed, kept in the same transaction."""
        return self._event("label", order, {"sscc": code, "printer": printer, "printed": printed or []}, copy)

    def finished(self, order: str) -> None:
        """Every parcel of `order` confirmed offline: it is no longer this station's to pack."""
        with self._write() as j:
            self._finished(j, order)

    @staticmethod
    def _finished(j: sqlite3.Connection, order: str) -> None:
        j.execute("UPDATE leases SET state = 'done' WHERE number = ?", (order,))
        j.execute("DELETE FROM copies WHERE number = ?", (order,))

    def only_open(self, number: str | None) -> None:
        """The database says `number` is the one order this station has open (None: none): every
        other started order left the station online (packed, on hold, released)."""
        with self._write() as j:
            gone = [r[0] for r in j.execute("SELECT number FROM leases WHERE state = 'started' AND number IS NOT ?",
                                            (number,))]
            j.executemany("UPDATE leases SET state = 'done' WHERE number = ?", [(n,) for n in gone])
            j.executemany("DELETE FROM copies WHERE number = ?", [(n,) for n in gone])

    def is_parcel_label(self, code: str) -> bool:
        """An SSCC or tracking number this station gave a parcel offline."""
        return self._db.execute("SELECT 1 FROM parcels WHERE sscc = ? OR tracking = ?", (code, code)).fetchone() \
            is not None

    def waiting(self) -> int:
        """Events not yet applied centrally."""
        return int(self._db.execute("SELECT count(*) FROM events WHERE state = 'waiting'").fetchone()[0])

    def status_text(self) -> str:
        """What the station's screen shows while events wait: "offline: N events waiting"."""
        n = self.waiting()
        return plural_phrase("offline: %(n)s event waiting", "offline: %(n)s events waiting", n) if n else ""

    def _started(self, order: str) -> None:
        row = self._db.execute("SELECT state FROM leases WHERE number = ?", (order,)).fetchone()
        if row is None or row[0] not in ("started", "leased"):
            raise JournalError(phrase("Order %(order)s is not leased to this station; offline, only leased orders "
                                      "can be packed.", order=order))

    def _event(self, kind: str, order: str, payload: dict[str, Any], copy: dict[str, Any] | None = None,
               finished: bool = False) -> str:
        self._started(order)
        with self._write() as j:
            key = self._append(j, kind, order, payload)
            if finished:
                self._finished(j, order)
            elif copy is not None:
                self._keep(j, order, copy)
            return key

    @staticmethod
    def _keep(j: sqlite3.Connection, number: str, document: dict[str, Any]) -> None:
        j.execute("INSERT OR REPLACE INTO copies (number, data) VALUES (?, ?)", (number, json.dumps(document)))

    def _append(self, j: sqlite3.Connection, kind: str, order: str, payload: dict[str, Any]) -> str:
        key = f"{self.station}:{uuid.uuid4().hex}"
        j.execute("INSERT INTO events (key, kind, order_number, payload, at) VALUES (?, ?, ?, ?, ?)",
                  (key, kind, order, json.dumps(payload), datetime.now(timezone.utc).isoformat()))
        return key

    # --- back online ----------------------------------------------------------------------

    def replay(self, db: Database, apply: Apply, limit: int | None = None) -> ReplayReport:
        """Applies the waiting events in sequence order, each once (see the module's docstring);
        at most `limit` of them (the station replays a few per turn, so its count goes down)."""
        report = ReplayReport()
        conflicted = {r[0] for r in self._db.execute("SELECT DISTINCT order_number FROM events WHERE state = 'conflict'")}
        rows = self._db.execute("SELECT seq, key, kind, order_number, payload, at FROM events "
                                "WHERE state = 'waiting' ORDER BY seq LIMIT ?", (limit or -1,)).fetchall()
        for seq, key, kind, number, payload, at in rows:
            event = JournalEvent(seq, key, kind, number, json.loads(payload), datetime.fromisoformat(at))
            outcome = self._apply(db, event, apply, conflicted)
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

    def _apply(self, db: Database, event: JournalEvent, apply: Apply, conflicted: set[str]) -> str:
        number = event.order_number
        with SqlUnitOfWork(db) as uow:
            session = uow.session
            assert session is not None
            if session.get(JournalReceipt, event.key) is not None:
                return "skipped"
            order = uow.orders.get(number)
        mine = order is not None and order.status == "packing" and order.claimed_by_station == self.station
        why = None if order is None else (
            W.reason(W.ORDER_IS_AT_CENTRALLY, status=order.status, station=order.claimed_by_station)
            if order.claimed_by_station else W.reason(W.ORDER_IS_CENTRALLY, status=order.status))
        if mine and number not in conflicted:
            try:
                uow = ReceiptUnitOfWork(db, self._receipt(event, "applied"))
                apply(uow, SqlUnitOfWork(db), event)
                if uow.receipt is not None:  # nothing to write centrally: the receipt alone
                    with uow:
                        uow.commit()
                return "applied"
            except (JournalError, DatabaseUnavailable):
                raise  # the database went again (or the journal's file failed): the rest waits
            except PackdeskError as exc:
                why = W.reason(W.NOT_TAKEN, problem=str(exc))
        with SqlUnitOfWork(db) as uow:
            if order is not None and number not in conflicted:
                uow.exceptions.add(ExceptionRecord(
                    order.id, "other", str(W.reason(W.OFFLINE_NOT_APPLIED, event=event.kind, station=self.station,
                                                    why=why)), self.station, event.payload.get("user") or self.user, event.at))
            session = uow.session
            assert session is not None
            session.add(self._receipt(event, "conflict"))
            uow.commit()
        conflicted.add(number)
        return "conflict"

    def _receipt(self, event: JournalEvent, outcome: str) -> JournalReceipt:
        return JournalReceipt(key=event.key, station=self.station, order_number=event.order_number,
                              kind=event.kind, outcome=outcome, applied_at=datetime.now(timezone.utc))


def database_now(db: Database) -> datetime:
    """The central database's clock (UTC): an offline lease is stamped with it, not with the
    station's, so a station whose clock is off neither shortens nor stretches it for the others."""
    with db.read() as session:
        if db.is_sqlite:
            text = session.execute(sql_text("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')")).scalar_one()
            return datetime.fromisoformat(str(text)).replace(tzinfo=timezone.utc)
        now = session.execute(sql_text("SELECT clock_timestamp()")).scalar_one()
    return now.astimezone(timezone.utc)  # type: ignore[no-any-return]


def _document(data: str | bytes, path: Path) -> dict[str, Any]:
    if isinstance(data, bytes):  # convert_pickled runs at start-up; a pickle here is a journal it did not see
        raise JournalError(phrase("The offline journal %(path)s still holds a copy in the old (pickled) form; restart "
                                  "the station to convert it.", path=str(path)))
    return json.loads(data)  # type: ignore[no-any-return]


def _hashed(badge: str) -> str:
    return hashlib.sha256(badge.strip().encode()).hexdigest()
