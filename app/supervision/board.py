"""The live board's plain records: every station (who, which order, since when, its devices),
the queue per stage, the orders at risk of missing their SLA and the open exceptions."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

log = logging.getLogger(__name__)

# the stages an order waits in before it ships, in the order of the floor
STAGES = ("captured", "validated", "on_hold", "allocated", "backordered", "picking", "picked", "packing", "packed")
SLA_RISK_WINDOW = timedelta(hours=2)  # an order not yet packed whose SLA falls due within this is at risk
GONE_AFTER = timedelta(minutes=20)  # a station silent this long (no scan, no login) is shown as gone


@dataclass(frozen=True)
class StationRow:
    """One station as the board shows it."""

    station: str
    user: str | None  # who is logged in (None: nobody)
    order: str | None  # the order it holds
    since: datetime | None  # logged in since / holding the order since
    last_seen: datetime | None  # its last scan or login
    devices: tuple[tuple[str, str], ...] = ()  # (device, state) as the station last reported them
    lease_expired: bool = False

    def gone(self, now: datetime) -> bool:
        """Silent for longer than GONE_AFTER."""
        return self.last_seen is None or now - self.last_seen > GONE_AFTER


@dataclass(frozen=True)
class SlaRisk:
    """An order not yet packed whose SLA is close or past."""

    number: str
    status: str
    sla_due_at: datetime
    station: str | None = None


@dataclass(frozen=True)
class Board:
    """The floor at one moment."""

    at: datetime
    stations: tuple[StationRow, ...] = ()
    stages: dict[str, int] = field(default_factory=dict)  # status -> orders
    at_risk: tuple[SlaRisk, ...] = ()
    open_exceptions: dict[str, int] = field(default_factory=dict)  # kind -> every exception open now, any age
    raised_last_day: dict[str, int] = field(default_factory=dict)  # kind -> those of them raised in the last 24 h
