"""The hash chain of the audit log, as plain Python: each record's hash covers its own fields
and the hash of the record before, so changing, deleting or swapping a stored record breaks
the chain at that record. The database's triggers refuse edits; the chain proves there were
none even against someone who could switch the triggers off.

The log holds several chains: the office's (chain "", every change made away from a station:
decisions on the queue, holds, imports, users) and one per station (chain = the station's code:
its claims, packs and supervisor overrides). Each chain numbers its records 1, 2, 3 ... and
links them by hash on its own, so stations append without waiting for each other (no global
lock), and a record's hash covers its chain, so a record moved to another chain is found too."""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from app.translator import phrase

log = logging.getLogger(__name__)

GENESIS = "0" * 64  # the "previous hash" of the first record


@dataclass(frozen=True)
class AuditEntry:
    """One record of the audit log as stored."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str
    detail: str | None  # JSON text, hashed exactly as stored
    prev_hash: str
    hash: str
    chain: str = ""  # "": the office's chain; else the station whose chain it is


@dataclass(frozen=True)
class ChainBreak:
    """The first record where the chain does not hold, and what is wrong with it."""

    seq: int
    problem: str
    chain: str = ""

    def __str__(self) -> str:
        if self.chain:
            return phrase("audit record %(seq)s of station %(chain)s: %(problem)s", seq=self.seq, chain=self.chain,
                          problem=self.problem)
        return phrase("audit record %(seq)s: %(problem)s", seq=self.seq, problem=self.problem)


def detail_text(detail: dict[str, Any] | None) -> str | None:
    """The JSON a record stores (keys sorted, so the same detail always hashes the same)."""
    return None if detail is None else json.dumps(detail, sort_keys=True, ensure_ascii=False, default=str)


def _moment(at: datetime) -> str:
    utc = at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)
    return utc.isoformat(timespec="microseconds")


def record_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str, subject: str,
                detail: str | None, chain: str = "") -> str:
    """The SHA-256 of a record's fields and the previous record's hash (and its chain, for a
    station's: the office's records hash as they did before there were chains)."""
    fields = [prev_hash, seq, _moment(at), actor, action, subject, detail] + ([chain] if chain else [])
    text = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_break(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """Walks the log in (chain, seq) order; the first record that was edited, deleted or moved, or None."""
    chain: str | None = None
    expected_seq, prev = 1, GENESIS
    for e in entries:
        if e.chain != chain:  # the next chain starts at its own record 1
            chain, expected_seq, prev = e.chain, 1, GENESIS
        if e.seq != expected_seq:
            what = (phrase("record %(seq)s is missing (deleted)", seq=expected_seq) if e.seq > expected_seq
                    else phrase("it repeats or comes out of order after record %(seq)s", seq=expected_seq - 1))
            return ChainBreak(e.seq, phrase("%(what)s; the log is not the one that was written", what=what), e.chain)
        if e.prev_hash != prev:
            return ChainBreak(e.seq, phrase("it does not follow the record before it (a record was deleted, "
                                            "inserted or the records were reordered)"), e.chain)
        if record_hash(e.prev_hash, e.seq, e.at, e.actor, e.action, e.subject, e.detail, e.chain) != e.hash:
            return ChainBreak(e.seq, phrase("its content was changed after it was written (%(action)s %(subject)s)",
                                            action=e.action, subject=e.subject), e.chain)
        prev, expected_seq = e.hash, expected_seq + 1
    return None
