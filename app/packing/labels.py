"""A parcel's label: its numbers, what the printer said, reprints, and the label scanned back
onto the parcel (every parcel confirmed: the order is packed)."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from datetime import date

from app.identifiers import s10, sscc
from app.orders import claims, lifecycle
from app.orders import hold_words as W
from app.packing.api import LabelConfirmation, LabelRequest, LabelState, Packer, ParcelLine
from app.packing.current import forget, open_pack
from app.packing.desk import Desk
from app.packing.errors import NotAllowed, PackingError
from app.packing.packs import OpenPack, find_order, is_complete, label_state
from app.packing.scan_rules import label_code
from app.addresses import AddressData
from app.packing.settings import PackingSettings
from app.ports import PrintJob
from app.translator import listed, phrase
from app.unit_of_work import ArchivedRecord, Counters, LabelRecord, OrderRecord, ParcelRecord, UnitOfWork

log = logging.getLogger(__name__)


def allocate_parcel_numbers(counters: Counters, settings: PackingSettings) -> tuple[str, str]:
    """A new SSCC and S10 tracking number from the counters every station shares (the one way
    to number a parcel: closing it at a station, or pre-printing its label with
    `packdesk documents label`)."""
    return allocate_sscc(counters, settings), allocate_tracking(counters, settings)


def allocate_tracking(counters: Counters, settings: PackingSettings) -> str:
    """A new S10 tracking number of the configured built-in carrier ([carrier])."""
    return s10(settings.carrier.s10_service_indicator, counters.next("s10_serial") % 10**8,
               settings.carrier.s10_country)


def allocate_sscc(counters: Counters, settings: PackingSettings) -> str:
    """A new SSCC from the counter every station shares (the carrier numbers the parcel itself)."""
    return sscc(settings.sscc_extension_digit, settings.gs1_company_prefix, counters.next("sscc_serial"))


def label_request_in(uow: UnitOfWork, desk: Desk, label: LabelRecord) -> LabelRequest:
    """Everything the label and the packing slip of this label's parcel need."""
    parcel = uow.parcels.get(label.parcel_id)
    assert parcel is not None
    order = uow.orders.get_by_id(parcel.order_id)
    assert order is not None
    box = uow.boxes.get(parcel.box_id) if parcel.box_id else None
    lines = uow.orders.lines(order.id)
    items = uow.parcels.items([parcel.id])
    parcel_lines = []
    for line in lines:
        mine = [i for i in items if i.order_line_id == line.id]
        if mine:
            parcel_lines.append(ParcelLine(
                line.sku, line.name, line.quantity, sum(i.quantity for i in mine), line.backordered_quantity,
                str(line.unit_price), tuple(sorted({i.lot for i in mine if i.lot})),
                tuple(i.serial for i in mine if i.serial)))
    parcels = uow.parcels.of_order(order.id)
    open_ids = [p.id for p in parcels if p.status == "open"]
    count = None
    if is_complete(lines) and not uow.parcels.items(open_ids):
        count = sum(1 for p in parcels if p.status in ("closed", "confirmed"))
    created = order.created_at.date() if order.created_at else date.today()
    s = desk.settings
    return LabelRequest(
        label.id, label.version, label.format, order.number, created, parcel.seq, count, s.ship_from,
        order.ship_to or AddressData(name="", lines=(), postcode="", city="", country=""), s.company_name,
        parcel.carrier or order.carrier or s.carrier.name, parcel.service or order.service_level or s.carrier.service,
        parcel.actual_weight_g or parcel.expected_weight_g or 0,
        (box.outer_length_mm, box.outer_width_mm, box.outer_height_mm) if box else None,
        parcel.tracking_number or "", parcel.sscc or "", tuple(parcel_lines), order.currency,
        order.gift_message or "", order.gift_wrap, desk.clock.now().date(), label.reason)


def label_request(uow: UnitOfWork, desk: Desk, label_id: int) -> LabelRequest:
    """The data of an existing label version (to retry a pending or failed one)."""
    with uow:
        label = uow.labels.get(label_id)
        if label is None:
            raise PackingError(phrase("No label has the id %(id)s.", id=label_id))
        return label_request_in(uow, desk, label)


def record_label_result(uow: UnitOfWork, desk: Desk, label_id: int, ok: bool, printer: str,
                        message: str = "", printed: tuple[PrintJob, ...] = ()) -> LabelState:
    """What the printer said: printed only when ok; a failed label stays retryable. The jobs a
    printer took (the label version, then its packing slip) are kept in the order's archive."""
    with uow:
        label = uow.labels.get(label_id)
        if label is None:
            raise PackingError(phrase("No label has the id %(id)s.", id=label_id))
        parcel = uow.parcels.get(label.parcel_id)
        assert parcel is not None
        if ok:
            _keep_printed(uow, desk, parcel, label, printed)
        if label.status in ("pending", "failed"):
            label = replace(label, status="printed" if ok else "failed", printer=printer, message=message or None,
                            printed_at=desk.clock.now() if ok else label.printed_at)
            uow.labels.save(label)
            lifecycle.record_event(uow, parcel.order_id, "LabelPrinted" if ok else "LabelPrintFailed",
                                   station=desk.station, parcel=parcel.seq, label=label.id, version=label.version,
                                   printer=printer, message=message or None)
        else:
            log.warning("label %s is %s; result %s from %s ignored", label.id, label.status, ok, printer)
        uow.commit()
    forget(desk)
    return label_state(label, parcel.seq)


def _keep_printed(uow: UnitOfWork, desk: Desk, parcel: ParcelRecord, label: LabelRecord,
                  printed: tuple[PrintJob, ...]) -> None:
    """The label version's bytes (and the slip's), as the printer took them, in the archive."""
    order = uow.orders.get_by_id(parcel.order_id)
    assert order is not None
    for kind, job in zip(("label", "slip"), printed):
        extension = "zpl" if job.content_type == "application/zpl" else "pdf"
        name = (f"label-{order.number}-{parcel.seq}-v{label.version}.{extension}" if kind == "label"
                else f"slip-{order.number}-{parcel.seq}.{extension}")
        uow.archive.add(ArchivedRecord(0, order.id, kind, name, hashlib.sha256(job.data).hexdigest(), job.data,
                                       desk.clock.now()))


def reprint_label(uow: UnitOfWork, desk: Desk, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
    """REPRINT: a new label version; the previous one is recorded as reprinted with the reason."""
    if not reason or not reason.strip():
        raise PackingError(phrase("A reprint needs a reason (damaged, unreadable, printer jam ...)."))
    why = reason.strip()
    with uow:
        parcel = uow.parcels.get(parcel_id)
        if parcel is None or parcel.status not in ("closed", "confirmed"):
            raise NotAllowed(phrase("Parcel %(id)s has no label to reprint; close it first.", id=parcel_id))
        old = uow.labels.newest(parcel.id)
        assert old is not None
        uow.labels.save(replace(old, status="reprinted" if old.status == "printed" else "voided", reason=why))
        new = LabelRecord(0, parcel.id, old.version + 1, old.format, "pending", reason=why,
                          created_at=desk.clock.now())
        label = replace(new, id=uow.labels.add(new))
        lifecycle.record_event(uow, parcel.order_id, "LabelReprinted", station=desk.station, user=user.username,
                               parcel=parcel.seq, version=label.version, reason=why)
        request = label_request_in(uow, desk, label)
        uow.commit()
    forget(desk)
    return request


def confirm_label(uow: UnitOfWork, desk: Desk, order: str, scanned: str,
                  user: Packer | None = None) -> LabelConfirmation:
    """A label scanned back on its parcel; all confirmed -> packed, lease released."""
    pack = open_pack(uow, desk, order)
    with uow:
        result = confirm_in(uow, desk, pack, label_code(scanned) or scanned.strip(), user)
        uow.commit()
    forget(desk, order)
    return result


def confirm_in(uow: UnitOfWork, desk: Desk, pack: OpenPack, code: str, user: Packer | None) -> LabelConfirmation:
    """confirm_label in the caller's unit of work (a label scanned during packing)."""
    who = user.username if user else None
    order = find_order(uow, pack.number)
    parcel = uow.parcels.by_label_code(code)
    if parcel is None or parcel.order_id != order.id:
        other = uow.orders.get_by_id(parcel.order_id) if parcel is not None else None
        where = phrase("order %(order)s", order=other.number) if other else phrase("no parcel Packdesk knows")
        return LabelConfirmation(False, None, False, order.status, phrase(
            "Label %(label)s belongs to %(where)s, not to order %(order)s. Take it off, find the right parcel and scan "
            "ACK.", label=code, where=where, order=order.number))
    if parcel.status == "confirmed":
        awaited = [p.seq for p in uow.parcels.of_order(order.id) if p.status == "closed"]
        seqs = listed(awaited, lambda first, then: phrase("%(first)s or %(then)s", first=first, then=then))
        wanted = (phrase("scan the label of parcel %(seqs)s", seqs=seqs) if awaited
                  else phrase("no label is awaited now"))
        return LabelConfirmation(False, parcel.seq, False, order.status, phrase(
            "Label %(label)s is the label of parcel %(seq)s, which is already confirmed: %(wanted)s. Scan ACK.",
            label=code, seq=parcel.seq, wanted=wanted))
    newest = uow.labels.newest(parcel.id)
    if newest is None or newest.status != "printed":
        return LabelConfirmation(False, parcel.seq, False, order.status, phrase(
            "The label of parcel %(seq)s has not printed yet; print it (or REPRINT) before scanning it. Scan ACK.",
            seq=parcel.seq))
    if parcel.status == "closed":  # (always: a confirmed parcel's label was refused above)
        uow.parcels.save(replace(parcel, status="confirmed", confirmed_at=desk.clock.now()))
        lifecycle.record_event(uow, order.id, "LabelConfirmed", station=desk.station, user=who,
                               parcel=parcel.seq, sscc=parcel.sscc, tracking=parcel.tracking_number)
    done = finish_if_complete(uow, desk, order, who)
    message = (phrase("Order %(order)s is packed and ready for shipment.", order=order.number) if done
               else phrase("Label of parcel %(seq)s confirmed.", seq=parcel.seq))
    return LabelConfirmation(True, parcel.seq, done, "packed" if done else order.status, message)


def finish_if_complete(uow: UnitOfWork, desk: Desk, order: OrderRecord, who: str | None) -> bool:
    """Every unit is in a parcel whose label was scanned back: the order is packed, the lease ends."""
    if not is_complete(uow.orders.lines(order.id)):
        return False
    parcels = uow.parcels.of_order(order.id)
    for p in [p for p in parcels if p.status == "open"]:
        if uow.parcels.items([p.id]):
            return False
        uow.parcels.delete(p.id)  # the empty parcel opened after the last one closed
    if any(p.status == "closed" for p in parcels) or not any(p.status == "confirmed" for p in parcels):
        return False
    claims.release_in(uow, order.number, desk.station, "packed", user=who, reason=W.ALL_LABELS_CONFIRMED)
    return True
