"""The order events of one hand-over kept back and written in one batched INSERT.

A dock scan that ships an order appends five events from three modules (ParcelHandedOver,
StatusChanged, StockShipped, InvoiceIssued, CaptureRequested): one INSERT each through the
store. `events_buffered(uow)` puts a buffer in front of `uow.events` for the length of a block:
appends are kept in memory, in order, and written with one `add_many` when the block ends
without an error (before the caller commits); a read through `uow.events` writes what is kept
first, so it sees every event. An error in the block drops what was kept, as the rollback drops
the rest of the transaction.

Only for use cases that do not read back the events they append through another repository:
in the hand-over, the only such read (the invoice already issued, read with the order's lock,
`carriers.order_locked_by_label`) looks for InvoiceIssued before the scan appends anything.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from app.unit_of_work import Events, NewEvent, UnitOfWork

log = logging.getLogger(__name__)


class BufferedEvents:
    """`Events` that keeps its appends until `flush`; reads flush first."""

    def __init__(self, events: Events) -> None:
        self.events = events
        self.kept: list[NewEvent] = []

    def add(self, order_id: int, kind: str, *, station: str | None = None, user: str | None = None,
            from_status: str | None = None, to_status: str | None = None,
            detail: dict[str, Any] | None = None, at: datetime | None = None) -> None:
        """Keeps the event (one given its own time is written at once, after those kept)."""
        if at is not None:  # a batch row takes the time of its write: keep the caller's own
            self.flush()
            self.events.add(order_id, kind, station=station, user=user, from_status=from_status,
                            to_status=to_status, detail=detail, at=at)
            return
        self.kept.append(NewEvent(order_id, kind, station=station, user=user, from_status=from_status,
                                  to_status=to_status, detail=detail))

    def add_many(self, events: list[NewEvent]) -> None:
        """Keeps the events, in order."""
        self.kept.extend(events)

    def flush(self) -> None:
        """Writes what is kept in one batch."""
        if self.kept:
            kept, self.kept = self.kept, []
            self.events.add_many(kept)

    def count(self, username: str, since: datetime, kind: str, to_status: str | None) -> int:
        self.flush()
        return self.events.count(username, since, kind, to_status)

    def status_before(self, order_id: int, status: str) -> str | None:
        """The status the order left when it last became `status` (None if it never did)."""
        self.flush()
        return self.events.status_before(order_id, status)

    def last_detail(self, order_id: int, kind: str) -> dict[str, Any] | None:
        """The detail of the order's newest event of this kind (None: no such event)."""
        self.flush()
        return self.events.last_detail(order_id, kind)


@contextmanager
def events_buffered(uow: UnitOfWork) -> Iterator[BufferedEvents]:
    """Inside an entered unit of work: its event appends written in one batch when the block ends."""
    real = uow.events
    buffer = BufferedEvents(real)
    uow.events = buffer
    try:
        yield buffer
        buffer.flush()
    finally:
        uow.events = real
