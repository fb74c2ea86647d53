"""Which station holds which orders (packing leases), and a supervisor giving a dead station's
orders back to the queue (issue 17: a station that leased orders for an outage and then died
would keep them for 12 hours, invisible to every other station).

Giving back releases each order the station holds through the claims' own release (the order
goes back to picked, its event says who and why) and appends one record to the office's chain
of the audit log: who gave back which station's orders, and the reason they gave."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from app.admin.errors import AdminError, FieldProblem
from app.orders.claims import release_in
from app.translator import phrase
from app.unit_of_work import LeaseRow, UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StationLeases:
    """The orders one station holds: how many, since when (the oldest claim), until when (the
    latest lease), and when the station last reported."""

    station: str
    orders: tuple[str, ...]
    since: datetime | None
    until: datetime | None
    last_seen: datetime | None


def held(uow: UnitOfWork) -> list[StationLeases]:
    """Every station that holds orders, by station code."""
    with uow:
        rows = uow.admin.leases()
        seen = {s.code: s.last_seen_at for s in uow.admin.stations()}
    by_station: dict[str, list[LeaseRow]] = {}
    for row in rows:
        by_station.setdefault(row.station, []).append(row)
    return [StationLeases(code, tuple(r.number for r in leases),
                          min((r.since for r in leases if r.since), default=None),
                          max((r.until for r in leases if r.until), default=None), seen.get(code))
            for code, leases in sorted(by_station.items())]


def give_back(uow: UnitOfWork, station: str, reason: str, by: str) -> list[str]:
    """Gives every order `station` holds back to the queue, with `reason`, audited as `by`'s (the
    office's chain); the order numbers. Nothing is written when it is refused."""
    station, reason = (station or "").strip(), (reason or "").strip()
    if not reason:
        raise FieldProblem(phrase("reason"), phrase("say why the station's orders are given back (for example "
                                                    "'station PC broken'); it goes into the audit log."))
    with uow:
        numbers = [r.number for r in uow.admin.leases(station)]
        if not numbers:
            raise AdminError(phrase("Station %(station)s holds no orders: nothing to give back. `packdesk stations "
                                    "leases` lists the stations that hold orders.", station=station))
        for number in numbers:
            release_in(uow, number, station, user=by, reason=f"given back by {by}: {reason}")
        uow.audit.append(by, "StationLeasesGivenBack", f"station {station}", {"orders": numbers, "reason": reason},
                         chain="")
        uow.commit()
    log.info("%s gave back %d orders of station %s: %s", by, len(numbers), station, reason)
    return numbers
