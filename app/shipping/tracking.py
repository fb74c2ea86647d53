"""What the carriers report: `packdesk tracking import FILE` (CSV or JSON rows of tracking
number, status, time, location). A parcel in transit, delivered or with an exception; an order
whose every parcel is delivered becomes delivered, and completed at once or `[orders]
complete_after_days` later. Orders past their SLA due time and not shipped are flagged once."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from app.imports.errors import ImportFormatError, ImportRejected, RowProblem
from app.imports.reading import Record, Row, check_columns, guess_format, read_csv, read_json, read_text
from app.orders import lifecycle
from app.orders.status import OrderStatus
from app.shipping.outbox import queue_in, queue_many_in
from app.shipping.settings import AfterDelivery
from app.translator import phrase
from app.unit_of_work import ExceptionRecord, NewEvent, OrderRecord, ParcelRecord, UnitOfWork

log = logging.getLogger(__name__)

STATUSES = ("in_transit", "delivered", "exception")
COLUMNS = {"tracking_number": "the parcel's tracking number (or SSCC), required",
           "status": "in_transit, delivered or exception, required",
           "time": "when the carrier saw it: ISO 8601 (2025-03-17T10:42:00+01:00; without offset: UTC), required",
           "location": "where (text, optional)"}
# the statuses of an order not yet shipped: past its SLA due time, it is late
NOT_SHIPPED = tuple(s.value for s in (OrderStatus.CAPTURED, OrderStatus.VALIDATED, OrderStatus.ON_HOLD,
                                      OrderStatus.ALLOCATED, OrderStatus.BACKORDERED, OrderStatus.PICKING,
                                      OrderStatus.PICKED, OrderStatus.PACKING, OrderStatus.PACKED))


@dataclass(frozen=True)
class Report:
    """One line of a carrier's tracking file."""

    line: int
    tracking_number: str
    status: str
    at: datetime
    location: str


@dataclass
class TrackingOutcome:
    """What an import did."""

    source: str
    rows: int = 0
    kept: int = 0
    repeated: int = 0
    delivered: list[str] = field(default_factory=list)  # orders now delivered
    completed: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)  # "order parcel: location"
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a person."""
        return phrase("%(source)s: %(rows)s report(s); %(kept)s new, %(repeated)s already known; %(delivered)s "
                      "order(s) delivered, %(completed)s completed, %(exceptions)s exception(s)", source=self.source,
                      rows=self.rows, kept=self.kept, repeated=self.repeated, delivered=len(self.delivered),
                      completed=len(self.completed), exceptions=len(self.exceptions))


def read_reports(path: str | Path) -> list[Report]:
    """The reports of a CSV or JSON file; ImportRejected lists every bad line (nothing is kept)."""
    path = Path(path)
    text = read_text(path)
    problems: list[RowProblem] = []
    if guess_format(path) == "json":
        records = read_json(text, str(path))
        for record in records:
            for key in sorted(set(record.values) - set(COLUMNS)):
                problems.append(RowProblem(record.line, phrase("unknown field '%(field)s'", field=key)))
    else:
        header, records = read_csv(text, str(path))
        if not header:
            raise ImportFormatError(phrase("%(path)s is empty; a tracking file starts with a header row "
                                           "(%(columns)s).", path=str(path), columns=", ".join(COLUMNS)))
        problems += check_columns(header, set(COLUMNS), {"tracking_number", "status", "time"})
    reports = [r for r in (_report(record, problems) for record in records) if r is not None]
    if problems:
        raise ImportRejected(str(path), problems)
    return reports


def _report(record: Record, problems: list[RowProblem]) -> Report | None:
    row = Row(record, problems)
    number = (row.text("tracking_number", required=True) or "").upper()
    status = (row.text("status", required=True) or "").lower().replace(" ", "_").replace("-", "_")
    if status and status not in STATUSES:
        row.problem(phrase("status %(status)s is not one of %(allowed)s", status=repr(status),
                           allowed=", ".join(STATUSES)))
    at = row.timestamp("time", required=True)
    location = row.text("location", max_len=200) or ""
    return Report(row.line, number, status, at, location) if row.ok and at is not None else None


def import_tracking(uow: UnitOfWork, reports: list[Report], now: datetime, after: AfterDelivery,
                    source: str = "the file") -> TrackingOutcome:
    """Keeps the reports in one transaction (all or nothing: an unknown tracking number rejects the
    file); moves orders to delivered and completed."""
    outcome = TrackingOutcome(source, rows=len(reports))
    with uow:
        # the file's parcels, and every parcel of their orders (is the order delivered?), in one read
        parcels, siblings = uow.carriers.parcels_with_their_orders(sorted({r.tracking_number for r in reports}))
        problems = [RowProblem(r.line, phrase("no parcel has the tracking number %(number)s",
                                              number=r.tracking_number))
                    for r in reports if r.tracking_number not in parcels]
        if problems:
            raise ImportRejected(source, problems)
        orders = uow.carriers.orders_by_ids(sorted({p.order_id for p in parcels.values()}))
        current = {p.id: p for p in parcels.values()}  # each parcel as this import left it
        known = uow.carriers.known_reports(sorted(current))  # one read, one write of the reports
        new: list[tuple[int, str, datetime, str]] = []
        changed: set[int] = set()
        touched: dict[int, OrderRecord] = {}
        events: list[NewEvent] = []
        for r in sorted(reports, key=lambda r: (r.at, r.line)):
            parcel = current[parcels[r.tracking_number].id]
            if (parcel.id, r.status, r.at) in known:
                outcome.repeated += 1
                continue
            known.add((parcel.id, r.status, r.at))
            new.append((parcel.id, r.status, r.at, r.location or ""))
            outcome.kept += 1
            order = orders[parcel.order_id]
            touched[order.id] = order
            events.append(NewEvent(order.id, "TrackingReported", detail={
                "parcel": parcel.seq, "status": r.status, "at": r.at.isoformat(), "location": r.location or None}))
            if parcel.tracking_status == "delivered":
                continue  # delivered is the carrier's last word; a late in-transit scan changes nothing
            parcel = replace(parcel, tracking_status=r.status,
                             delivered_at=r.at if r.status == "delivered" else parcel.delivered_at)
            changed.add(parcel.id)
            current[parcel.id] = parcel
            if r.status == "exception":
                text = (f"The carrier reports an exception for parcel {parcel.seq} of order {order.number}"
                        f"{' at ' + r.location if r.location else ''}; call the carrier.")
                uow.exceptions.add(ExceptionRecord(order.id, "carrier", text, None, None, now))
                outcome.exceptions.append(phrase("%(number)s parcel %(seq)s: %(location)s", number=order.number,
                                                 seq=parcel.seq, location=r.location or "-"))
        uow.events.add_many(events)
        uow.carriers.add_tracking_events(new)
        uow.carriers.set_tracking([(i, current[i].tracking_status, current[i].delivered_at) for i in sorted(changed)])
        # each order's parcels as this import left them
        _deliver_complete(uow, [(order, [current.get(p.id, p) for p in siblings.get(order.id, [])])
                                for order in touched.values()], outcome)
        complete_due_in(uow, now, after.complete_after_days, outcome)
        uow.commit()
    return outcome


def _deliver_complete(uow: UnitOfWork, touched: list[tuple[OrderRecord, list[ParcelRecord]]],
                      outcome: TrackingOutcome) -> None:
    """The shipped orders whose every parcel is now delivered become delivered, in one batch, each
    with its "delivered" message."""
    delivered: list[tuple[OrderRecord, datetime]] = []
    for order, parcels in touched:
        if not parcels or any(p.tracking_status != "delivered" for p in parcels):
            continue
        if order.status != OrderStatus.SHIPPED.value:
            if order.status == OrderStatus.PACKED.value:
                outcome.notes.append(phrase("order %(number)s is reported delivered but was never scanned at the "
                                            "dock; scan its parcels there (packdesk dispatch scan) to ship it",
                                            number=order.number))
            continue
        delivered.append((order, max(p.delivered_at for p in parcels if p.delivered_at)))
    if not delivered:
        return
    lifecycle.change_statuses(uow, [order for order, _ in delivered], OrderStatus.DELIVERED,
                              reasons={order.id: f"carrier delivered {last.isoformat()}" for order, last in delivered})
    # the mail tells of the order, not of its status: the records as read (a copy of each with its
    # new status cost ~0.1 ms an order, a tenth of the import)
    queue_many_in(uow, "delivered", [(order, {"delivered": last.date().isoformat()}, last)
                                     for order, last in delivered])
    outcome.delivered += [order.number for order, _ in delivered]


def complete_due_in(uow: UnitOfWork, now: datetime, days: int, outcome: TrackingOutcome) -> None:
    """Completes the delivered orders whose last parcel was delivered `days` or more days ago."""
    due = uow.carriers.due_for_completion(now - timedelta(days=days))  # one read
    lifecycle.move_many(uow, [(order_id, number, OrderStatus.DELIVERED.value) for order_id, number in due],
                        OrderStatus.COMPLETED, reason=f"delivered {days} day(s) ago or more" if days else "delivered")
    outcome.completed += [number for _, number in due]


def complete_due(uow: UnitOfWork, now: datetime, after: AfterDelivery) -> list[str]:
    """`packdesk tracking complete`: completes the delivered orders that are due."""
    outcome = TrackingOutcome("complete")
    with uow:
        complete_due_in(uow, now, after.complete_after_days, outcome)
        uow.commit()
    return outcome.completed


def flag_late(uow: UnitOfWork, now: datetime) -> list[OrderRecord]:
    """Flags, once each, the orders not shipped by their SLA due time (event SlaBreached)."""
    with uow:
        late = uow.carriers.late_orders(now, NOT_SHIPPED)
        for order in late:
            uow.carriers.flag_late(order.id, now)
            assert order.sla_due_at is not None
            lifecycle.record_event(uow, order.id, "SlaBreached", status=order.status,
                                   due=order.sla_due_at.isoformat(),
                                   late_minutes=int((now - order.sla_due_at).total_seconds() // 60))
            queue_in(uow, "delay", order, {"due": f"{order.sla_due_at:%Y-%m-%d %H:%M} UTC"}, now=now)
        uow.commit()
    return late
