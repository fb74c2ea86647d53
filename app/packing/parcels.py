"""Parcels of a pack: the box, and CLOSE BOX with the weight check and label version 1."""
from __future__ import annotations

import logging
from dataclasses import replace

from app.orders import lifecycle
from app.packing.api import BoxChoice, BoxSuggestion, Packer, ParcelClosed
from app.packing.current import forget, open_pack, reload
from app.packing.desk import Desk
from app.packing.labels import allocate_sscc, allocate_tracking, label_request_in
from app.packing.packs import OpenPack, find_order, is_complete
from app.packing.scan_rules import box_refused, quantity_limit, quantity_request, serial_request
from app.shipping.assign import assign_in
from app.translator import phrase
from app.unit_of_work import ExceptionRecord, LabelRecord, ParcelRecord, UnitOfWork

log = logging.getLogger(__name__)


def suggested_box(uow: UnitOfWork, desk: Desk, order: str) -> BoxSuggestion | None:
    """The box suggested for the units in the open parcel (None when nothing fits)."""
    return reload(uow, desk, order).snapshot.suggested_box


def choose_box(uow: UnitOfWork, desk: Desk, order: str, box_barcode: str, reason: str | None = None,
               user: Packer | None = None) -> BoxChoice:
    """Takes a box for the open parcel; another than the suggestion needs a reason."""
    pack = open_pack(uow, desk, order)
    with uow:
        choice = choose_box_in(uow, desk, pack, box_barcode.strip(), reason, user)
        uow.commit()
    forget(desk, order)
    return choice


def choose_box_in(uow: UnitOfWork, desk: Desk, pack: OpenPack, barcode: str, reason: str | None,
                  user: Packer | None) -> BoxChoice:
    """choose_box in the caller's unit of work (a box barcode scanned during packing)."""
    seq = pack.open_parcel_seq
    box = uow.boxes.find(barcode)
    if box is not None and not box.enabled:
        box = None
    if box is not None and pack.open_parcel_id is None:
        return BoxChoice(False, False, box.code, box.name, None, seq,
                         phrase("Order %(order)s has no open parcel to put into box %(box)s.", order=pack.number,
                                box=box.code))
    suggestion = pack.snapshot.suggested_box
    refused = box_refused(barcode, box, seq, suggestion, reason)
    if refused is not None:
        return refused
    assert box is not None and pack.open_parcel_id is not None
    suggested = suggestion.code if suggestion else None
    suggested_name = suggestion.name if suggestion else None
    parcel = uow.parcels.get(pack.open_parcel_id)
    assert parcel is not None
    why = reason.strip() if reason and box.code != suggested else None
    uow.parcels.save(replace(parcel, box_id=box.id, box_override_reason=why))
    lifecycle.record_event(uow, pack.order_id, "BoxChosen", station=desk.station,
                           user=user.username if user else None, box=box.code, suggested=suggested,
                           reason=why, parcel=seq)
    return BoxChoice(True, False, box.code, box.name, suggested, seq,
                     phrase("Parcel %(seq)s goes into the %(box)s.", seq=seq, box=box.name),
                     suggested_name)


def ensure_open_parcel_in(uow: UnitOfWork, desk: Desk, number: str) -> None:
    """An order being packed always has an open parcel until every unit is in a closed one."""
    order = find_order(uow, number)
    if order.status != "packing":
        return
    parcels = uow.parcels.of_order(order.id)
    if any(p.status == "open" for p in parcels):
        return
    if parcels and is_complete(uow.orders.lines(order.id)):
        return
    uow.parcels.add(ParcelRecord(0, order.id, max((p.seq for p in parcels), default=0) + 1,
                                 opened_at=desk.clock.now()))


def close_parcel(uow: UnitOfWork, desk: Desk, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
    """CLOSE BOX: weight check, SSCC, tracking number, label version 1 (pending)."""
    pack = open_pack(uow, desk, order)
    seq = pack.open_parcel_seq
    if pack.state.locked:
        return ParcelClosed(False, order, seq, phrase("The station waits for ACK after a mis-scan; scan ACK first."))
    if pack.state.pending_serial is not None:
        return ParcelClosed(False, order, seq, phrase("Parcel %(seq)s was not closed: %(request)s", seq=seq,
                                                      request=serial_request(pack.state.pending_serial.product)))
    if pack.state.pending_quantity is not None:
        limit = quantity_limit(pack.state, pack.state.pending_quantity)
        return ParcelClosed(False, order, seq, phrase("Parcel %(seq)s was not closed: %(request)s", seq=seq,
                                                      request=quantity_request(pack.state.pending_quantity.product,
                                                                               limit)))
    if pack.open_parcel_id is None or not pack.state.placed:
        return ParcelClosed(False, order, seq, phrase("Parcel %(seq)s of order %(order)s is empty: scan the items "
                                                      "into it before CLOSE BOX.", seq=seq, order=order))
    with uow:
        result = _close_in(uow, desk, pack, user, weight_g)
        uow.commit()
    forget(desk, order)
    return replace(result, pack=open_pack(uow, desk, order).snapshot)


def _close_in(uow: UnitOfWork, desk: Desk, pack: OpenPack, user: Packer, weight_g: int | None) -> ParcelClosed:
    parcel = uow.parcels.get(pack.open_parcel_id or 0)
    assert parcel is not None
    seq, station, s = parcel.seq, desk.station, desk.settings
    if parcel.box_id is None:
        suggestion = pack.snapshot.suggested_box
        chosen = uow.boxes.find(suggestion.code) if suggestion is not None else None
        if suggestion is None or chosen is None:
            return ParcelClosed(False, pack.number, seq, phrase("No standard box holds parcel %(seq)s; scan the "
                                                               "barcode of the box you use.", seq=seq))
        parcel = replace(parcel, box_id=chosen.id)
        uow.parcels.save(parcel)
        lifecycle.record_event(uow, pack.order_id, "BoxChosen", station=station, user=user.username,
                               box=suggestion.code, suggested=suggestion.code, parcel=seq, automatic=True)
    box = uow.boxes.get(parcel.box_id or 0)
    assert box is not None
    items = sum(pack.weights.get(p.product_id, 0) * p.quantity for p in pack.state.placed)
    expected = items + box.tare_g
    tolerance = s.tolerance_g(expected)
    if weight_g is not None and abs(weight_g - expected) > tolerance \
            and not _weight_accepted(uow.events.last_detail(pack.order_id, "WeightAccepted"), seq, weight_g, tolerance):
        message = phrase("Parcel %(seq)s of order %(order)s weighs %(weight)s g but should weigh %(expected)s g "
                         "(items %(items)s g + box %(box)s %(tare)s g, tolerance %(tolerance)s g). Check the contents "
                         "against the screen and weigh again.", seq=seq, order=pack.number, weight=weight_g,
                         expected=expected, items=items, box=box.code, tare=box.tare_g, tolerance=tolerance)
        exception_id = uow.exceptions.add(ExceptionRecord(pack.order_id, "weight", message, station, user.username,
                                                          desk.clock.now()))
        lifecycle.record_event(uow, pack.order_id, "WeightOutOfTolerance", station=station, user=user.username,
                               parcel=seq, expected_g=expected, actual_g=weight_g, tolerance_g=tolerance)
        return ParcelClosed(False, pack.number, seq, message, expected, weight_g, tolerance, None, exception_id)
    order = uow.orders.get_by_id(pack.order_id)
    assert order is not None
    serial = allocate_sscc(uow.counters, s)
    outer = (box.outer_length_mm, box.outer_width_mm, box.outer_height_mm)
    service = assign_in(uow, order, seq, serial, weight_g if weight_g is not None else expected, outer,
                        desk.clock.now(), s.shipping, station, user.username)
    if service is None:
        tracking = allocate_tracking(uow.counters, s)
        parcel = replace(parcel, carrier=None, service=None, shipping_cost=None)
    else:
        o = service.choice.option
        tracking = service.tracking_number
        parcel = replace(parcel, carrier=o.carrier.code, service=o.service.code, shipping_cost=o.price,
                         chargeable_weight_g=o.chargeable_weight_g, expected_delivery=o.arrives_on)
    uow.parcels.save(replace(parcel, status="closed", closed_at=desk.clock.now(), expected_weight_g=expected,
                             actual_weight_g=weight_g, sscc=serial, tracking_number=tracking))
    new = LabelRecord(0, parcel.id, 1, s.label_format, "pending", created_at=desk.clock.now())
    label = replace(new, id=uow.labels.add(new))
    lifecycle.record_event(uow, pack.order_id, "ParcelClosed", station=station, user=user.username, parcel=seq,
                           box=box.code, expected_g=expected, actual_g=weight_g, sscc=serial, tracking=tracking)
    if not is_complete(uow.orders.lines(pack.order_id)):
        uow.parcels.add(ParcelRecord(0, pack.order_id, seq + 1, opened_at=desk.clock.now()))
    request = label_request_in(uow, desk, label)
    closed = (phrase("Parcel %(seq)s closed: print its label and put it on the box. Ships with %(service)s.",
                     seq=seq, service=service.summary) if service is not None
              else phrase("Parcel %(seq)s closed: print its label and put it on the box.", seq=seq))
    return ParcelClosed(True, pack.number, seq, closed,
                        expected, weight_g, tolerance, request, service=service.summary if service else None)


def _weight_accepted(accepted: dict[str, object] | None, seq: int, weight_g: int, tolerance: int) -> bool:
    """A supervisor accepted this parcel's out-of-tolerance weight (app.supervision.decisions) and
    the parcel weighs what they accepted, within the tolerance."""
    if not accepted or accepted.get("parcel") != seq:
        return False
    actual = accepted.get("actual_g")
    return isinstance(actual, int) and abs(weight_g - actual) <= tolerance
