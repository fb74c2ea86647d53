"""The dock: parcels scanned as they are handed to the carrier; an order is shipped when all
its parcels are handed over; the end-of-day list per carrier, with the parcels not scanned."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from app.gs1 import GS
from app.identifiers import is_valid_s10, is_valid_sscc
from app.orders import lifecycle
from app.orders import hold_words as W
from app.orders.status import OrderStatus
from app.shipping.event_buffer import events_buffered
from app.shipping.shipped import order_shipped
from app.translator import phrase
from app.unit_of_work import DockLine, UnitOfWork

log = logging.getLogger(__name__)

LABELLED = ("closed", "confirmed")


@dataclass(frozen=True)
class HandOver:
    """The answer to a scan at the dock."""

    ok: bool
    message: str
    code: str
    order_number: str | None = None
    parcel_seq: int | None = None
    parcel_count: int = 0
    handed_over: int = 0  # parcels of the order handed over, this one included
    carrier: str | None = None
    order_shipped: bool = False
    already: bool = False  # scanned before: nothing changed


# One parcel on the day's list: the store reads it as the list shows it (a named tuple: a day is
# thousands of them, and making a frozen dataclass of each took longer than reading its row).
DockParcel = DockLine


@dataclass(frozen=True)
class DockDay:
    """A carrier's day at the dock: the parcels handed over, and those labelled but not scanned."""

    carrier: str | None
    day: date
    handed_over: tuple[DockParcel, ...]
    not_scanned: tuple[DockParcel, ...]


def parcel_code(scanned: str) -> str | None:
    """The SSCC (bare or with AI 00) or S10 tracking number a dock scan carries, else None."""
    text = scanned.strip()
    if text.startswith("]") and len(text) >= 3:
        text = text[3:]  # the scanner's symbology identifier
    text = text.replace(GS, "").strip().upper()
    if len(text) == 20 and text.startswith("00") and is_valid_sscc(text[2:]):
        return text[2:]
    if is_valid_sscc(text) or is_valid_s10(text):
        return text
    return None


def scan_at_dock(uow: UnitOfWork, scanned: str, now: datetime, *, user: str | None = None,
                 station: str | None = None) -> HandOver:
    """Records a parcel handed to its carrier; the order becomes shipped with its last parcel."""
    code = parcel_code(scanned)
    shown = scanned.replace(GS, " ").strip()
    if code is None:
        return HandOver(False, phrase("%(code)r is no parcel label: scan the SSCC or the tracking number barcode on "
                                      "the shipping label.", code=shown), shown)
    with uow:
        with events_buffered(uow):  # the hand-over's events in one INSERT
            result = _hand_over_in(uow, code, now, user, station)
        uow.commit()
    return result


def _hand_over_in(uow: UnitOfWork, code: str, now: datetime, user: str | None, station: str | None) -> HandOver:
    # The order's row is locked (in the statement that finds it by the label) before its parcels
    # are read: two docks scanning its last two parcels at once queue here, and the second sees
    # the first's hand-over (else each would see the other parcel still on the dock and the order
    # would stay packed). The same statement reads the invoice already issued to the order.
    found = uow.carriers.order_locked_by_label(code)
    if found is None:
        return HandOver(False, phrase("No parcel has the label %(label)s; put it aside for a supervisor.", label=code),
                        code)
    order, parcel_id, invoice = found
    parcels = uow.carriers.parcels_at_dock(order.id)  # as uow.parcels.of_order, in plain rows
    parcel = next((p for p in parcels if p.id == parcel_id), None)
    if parcel is None:  # a voided parcel's label: not among the order's parcels
        parcel = uow.parcels.get(parcel_id)
        assert parcel is not None
    base = dict(code=code, order_number=order.number, parcel_seq=parcel.seq, parcel_count=len(parcels),
                carrier=parcel.carrier)
    if parcel.status not in LABELLED:
        return HandOver(False, phrase("Parcel %(seq)s of order %(order)s is %(status)s, not labelled; it cannot leave. "
                                      "Put it aside for a supervisor.", seq=parcel.seq, order=order.number,
                                      status=parcel.status), **base)
    if parcel.handed_over_at is not None:
        done = sum(1 for p in parcels if p.handed_over_at is not None)
        at = f"{parcel.handed_over_at:%H:%M}"
        return HandOver(True, phrase("Parcel %(seq)s of order %(order)s was already handed over at %(time)s; nothing "
                                     "changed.", seq=parcel.seq, order=order.number, time=at), handed_over=done,
                        order_shipped=order.status == OrderStatus.SHIPPED.value, already=True, **base)
    if order.status != OrderStatus.PACKED.value:
        return HandOver(False, phrase("Order %(order)s is %(status)s, not ready for shipment; keep its parcels back "
                                      "and call a supervisor.", order=order.number,
                                      status=OrderStatus(order.status).label), **base)
    uow.parcels.hand_over(parcel.id, now, user)
    lifecycle.record_event(uow, order.id, "ParcelHandedOver", station=station, user=user, parcel=parcel.seq,
                           sscc=parcel.sscc, tracking=parcel.tracking_number, carrier=parcel.carrier)
    done = 1 + sum(1 for p in parcels if p.id != parcel.id and p.handed_over_at is not None)
    if done < len(parcels):
        return HandOver(True, phrase("Parcel %(seq)s of order %(order)s handed over (%(done)s of %(count)s).",
                                     seq=parcel.seq, order=order.number, done=done, count=len(parcels)),
                        handed_over=done, **base)
    shipped = lifecycle.change_status(uow, order, OrderStatus.SHIPPED, station=station, user=user,
                                      reason=W.EVERY_PARCEL_HANDED_OVER)
    order_shipped(uow, shipped, now, station=station, user=user,
                  parcels=[replace(p, handed_over_at=p.handed_over_at or now) for p in parcels], invoice=invoice)
    return HandOver(True, phrase("Order %(order)s shipped: all %(count)s parcel(s) handed over.", order=order.number,
                                 count=len(parcels)),
                    handed_over=done, order_shipped=True, **base)


def dock_day(uow: UnitOfWork, carrier: str | None, day: date, zone: ZoneInfo, builtin: str | None = None) -> DockDay:
    """The parcels of a carrier (None: every carrier) handed over on a local day, and those
    labelled by the end of that day that were never handed over: the one read model of the
    dock's screen, `packdesk dispatch manifest` and the manifest PDF. A parcel goes with its own
    carrier, else its order's, else `builtin` (the [carrier] the station numbers parcels with)."""
    # the local day's bounds in UTC: SQLite keeps a time's wall clock without its zone, and a
    # local day across a change to or from summer time is 23 or 25 hours long
    start = datetime.combine(day, time(0), zone).astimezone(timezone.utc)
    end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(timezone.utc)
    with uow:
        handed, missing = uow.carriers.dock_lines(carrier, start, end, builtin)  # one read
    return DockDay(carrier, day, tuple(handed), tuple(missing))
