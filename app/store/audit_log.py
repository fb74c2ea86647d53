"""The audit log's store: appending a chained record (one writer at a time) and reading the
log back for `packdesk audit verify`."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import bindparam, insert, select, text, tuple_
from sqlalchemy.orm import Session

from app.audit.chain import GENESIS, AuditEntry, ChainBreak, detail_text, first_break, record_hash
from app.store.models import AuditRecord, as_utc
from app.store.order_writes import insert_rows
from app.store.session import Database
from app.store.station_statements import send

log = logging.getLogger(__name__)

audit_t = AuditRecord.__table__
# Two appenders to one chain at once would both read the same last record: on PostgreSQL they
# queue on a transaction-scoped advisory lock of that chain (the pair APPEND_LOCK, hashtext of
# the chain), so one station's claims never wait for another station's (SQLite's BEGIN
# IMMEDIATE already lets one writer in at a time).
APPEND_LOCK = 1_600_016
LAST = (select(audit_t.c.seq, audit_t.c.hash).where(audit_t.c.chain == bindparam("chain"))
        .order_by(audit_t.c.seq.desc()).limit(1))
# PostgreSQL: the lock and the last record in one round trip (migration 0018's function, whose
# SELECT sees what the lock's previous holder committed); seq is NULL for an empty chain
CHAIN_END = text("SELECT seq, hash FROM packdesk_audit_chain_end(:k, :chain)").columns(audit_t.c.seq, audit_t.c.hash)
INSERT_RECORDS = insert(audit_t)  # built once: every claim and every packed order appends


class SqlAuditLog:
    """The AuditLog repository of SqlUnitOfWork."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def append(self, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None,
               at: datetime | None = None, chain: str = "") -> int:
        """Adds a record after the last one of its chain ("" the office's, else a station's),
        carrying its hash; the new record's seq in that chain."""
        return self._append([(actor, action, subject, detail)], at, chain)

    def append_many(self, entries: list[tuple[str, str, str, dict[str, Any] | None]], chain: str = "") -> None:
        """Appends records in order to one chain, chained in memory after its last one: one batched INSERT."""
        if entries:
            self._append(entries, None, chain)

    def _append(self, entries: list[tuple[str, str, str, dict[str, Any] | None]], at: datetime | None,
                chain: str) -> int:
        chain = chain[:40]
        conn = self.s.connection()
        # every claim and packed order appends: straight to the driver (app/store/station_statements.py)
        if conn.dialect.name == "postgresql":
            last = send(conn, CHAIN_END, {"k": APPEND_LOCK, "chain": chain}).first()
        else:
            last = send(conn, LAST, {"chain": chain}).first()
        seq, prev = (last[0], last[1]) if last is not None and last[0] is not None else (0, GENESIS)
        moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
        rows = []
        for actor, action, subject, detail in entries:
            seq += 1
            stored = detail_text(detail)
            digest = record_hash(prev, seq, moment, actor, action, subject, stored, chain)
            rows.append(dict(chain=chain, seq=seq, at=moment, actor=actor[:64], action=action[:60],
                             subject=subject[:200], detail=stored, prev_hash=prev, hash=digest))
            prev = digest
            log.info("audit %s%d: %s %s by %s", f"{chain}/" if chain else "", seq, action, subject, actor)
        if len(rows) == 1:
            send(conn, INSERT_RECORDS, rows[0])
        else:  # a batch (a wave's orders moved by a person): as driver tuples, not a dictionary a row
            insert_rows(self.s, audit_t, rows)
        return seq


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(row.seq, as_utc(row.at), row.actor, row.action, row.subject, row.detail,
                      row.prev_hash, row.hash, row.chain)


def audit_entries(db: Database, batch: int = 5000) -> Iterator[AuditEntry]:
    """Every record in the order it was appended (newest last), read in batches (the log grows
    for years)."""
    with db.engine.connect() as conn:
        after = 0
        while True:
            rows = conn.execute(select(audit_t).where(audit_t.c.id > after).order_by(audit_t.c.id)
                                .limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield _entry(row)
            after = rows[-1].id


def chained_entries(db: Database, batch: int = 5000) -> Iterator[AuditEntry]:
    """Every record in (chain, seq) order - the office's chain first, then each station's - as
    `audit verify` walks them, read in batches."""
    with db.engine.connect() as conn:
        after: tuple[str, int] = ("", 0)
        while True:
            rows = conn.execute(select(audit_t).where(tuple_(audit_t.c.chain, audit_t.c.seq) > after)
                                .order_by(audit_t.c.chain, audit_t.c.seq).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield _entry(row)
            after = (rows[-1].chain, rows[-1].seq)


def recent_entries(db: Database, limit: int = 50) -> list[AuditEntry]:
    """The newest records, newest first."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(audit_t).order_by(audit_t.c.id.desc()).limit(limit)).all()
    return [_entry(r) for r in rows]


def verify_audit(db: Database) -> tuple[int, ChainBreak | None]:
    """How many records were checked, and the first that was edited, deleted or moved (or None)."""
    checked = 0

    def counted() -> Iterator[AuditEntry]:
        nonlocal checked
        for entry in chained_entries(db):
            checked += 1
            yield entry

    broken = first_break(counted())
    return checked, broken
