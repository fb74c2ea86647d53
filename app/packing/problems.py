"""PROBLEM and partial shipments: the order goes to a supervisor, or ships short with approval."""
from __future__ import annotations

import logging

from app.orders import claims, lifecycle
from app.packing.api import PROBLEM_KINDS, Packer, PartialShipment, ProblemReported
from app.packing.current import forget, open_pack
from app.packing.desk import Desk
from app.packing.errors import NotAllowed, PackingError
from app.packing.labels import finish_if_complete
from app.packing.packs import find_order
from app.packing.reasons import Reason
from app.packing.people import PARTIAL_SHIPMENT, SupervisorNotRecognised, authorise_in, record_refusal
from app.translator import phrase
from app.unit_of_work import ExceptionRecord, OrderRecord, UnitOfWork

log = logging.getLogger(__name__)


def _held_here(desk: Desk, order: OrderRecord) -> None:
    if order.status != "packing" or order.claimed_by_station != desk.station:
        raise NotAllowed(phrase("Station %(station)s does not hold order %(order)s.", station=desk.station,
                                order=order.number))


def report_problem(uow: UnitOfWork, desk: Desk, order: str, kind: str, reason: str,
                   user: Packer) -> ProblemReported:
    """PROBLEM: the order goes on hold with a PackException; the station is free."""
    if kind not in PROBLEM_KINDS:
        raise PackingError(phrase("Problem kind %(kind)s is unknown; choose one of %(kinds)s.", kind=repr(kind),
                                  kinds=", ".join(PROBLEM_KINDS)))
    if not reason or not reason.strip():
        raise PackingError(phrase("A problem needs a reason the supervisor can act on."))
    why = reason.strip()
    with uow:
        o = find_order(uow, order)
        _held_here(desk, o)
        exception_id = uow.exceptions.add(ExceptionRecord(o.id, kind, why, desk.station, user.username,
                                                          desk.clock.now()))
        lifecycle.record_event(uow, o.id, "ProblemReported", station=desk.station, user=user.username,
                               problem=kind, reason=why, exception=exception_id)
        claims.release_in(uow, o.number, desk.station, "on_hold", user=user.username, reason=f"{kind}: {why}")
        uow.commit()
    forget(desk, order)
    log.info("order %s on hold at %s: %s", order, desk.station, kind)
    return ProblemReported(order, kind, exception_id, phrase("Order %(order)s is on hold for a supervisor: %(why)s. "
                                                             "Put the tote aside; the station is free.", order=order,
                                                             why=why))


def ship_partial(uow: UnitOfWork, desk: Desk, order: str, supervisor_badge: str, user: Packer,
                 reason: Reason | None = None) -> PartialShipment:
    """A supervisor's badge or PIN approves shipping what is packed, for a reason (the station
    asks it after the approval); the rest is backordered."""
    why = f"{reason.code}: {reason.text}" if reason is not None else None
    try:
        with uow:
            # badge or PIN; the approval's audit row (with its reason) commits with the partial shipment
            boss = authorise_in(uow, supervisor_badge, desk.station, PARTIAL_SHIPMENT, order, why)
            o = find_order(uow, order)
            _held_here(desk, o)
            lines = uow.orders.lines(o.id)
            if not any(x.packed_quantity for x in lines):
                raise NotAllowed(phrase("Nothing of order %(order)s is packed yet; report a PROBLEM instead.",
                                        order=order))
            short: list[tuple[str, int]] = []
            for line in lines:
                rest = line.quantity - line.packed_quantity - line.backordered_quantity
                if rest > 0:
                    uow.orders.add_backorder(line.id, rest)
                    short.append((line.sku, rest))
            text = ", ".join(f"{q} x {sku}" for sku, q in short) or "nothing"
            now = desk.clock.now()
            uow.exceptions.add(ExceptionRecord(o.id, "partial", f"Shipped short, backordered: {text}", desk.station,
                                               user.username, now, now, boss.username,
                                               "partial shipment approved" + (f" ({why})" if why else "")))
            lifecycle.record_event(uow, o.id, "PartialShipmentApproved", station=desk.station, user=user.username,
                                   approved_by=boss.username, backordered=dict(short),
                                   reason=reason.code if reason is not None else None)
            done = finish_if_complete(uow, desk, o, user.username)
            uow.commit()
    except SupervisorNotRecognised as refused:
        record_refusal(uow, desk.station, PARTIAL_SHIPMENT, refused, order)
        raise
    forget(desk, order)
    snap = None if done else open_pack(uow, desk, order).snapshot
    message = (phrase("Partial shipment of %(order)s approved by %(boss)s; backordered: %(short)s. The order is "
                      "packed.", order=order, boss=boss.username, short=text) if done
               else phrase("Partial shipment of %(order)s approved by %(boss)s; backordered: %(short)s. Close the "
                           "open parcel and print its label.", order=order, boss=boss.username, short=text))
    return PartialShipment(order, boss.username, tuple(short), message, snap)
