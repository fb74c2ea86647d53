"""The order event log of a unit of work: a station's single event as one INSERT.

A claim and a packed order each append one StatusChanged event. OrderEvents (app/store/
order_writes.py) writes a batch as one statement of arrays, built and run through SQLAlchemy
for every call; for one event that cost a station more CPU than the event's SQL. One event is
the prebuilt INSERT of SqlEvents.add, sent straight to the driver (app/store/station_statements.py);
a batch is written as before."""
from __future__ import annotations

import logging

from app.store.order_writes import OrderEvents
from app.unit_of_work import NewEvent

log = logging.getLogger(__name__)


class EventLog(OrderEvents):
    """OrderEvents, with one event written as one plain INSERT."""

    def add_many(self, events: list[NewEvent]) -> None:
        if len(events) != 1:
            super().add_many(events)
            return
        event = events[0]
        self.add(event.order_id, event.kind, station=event.station, user=event.user, from_status=event.from_status,
                 to_status=event.to_status, detail=event.detail)
