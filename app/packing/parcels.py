"""Parcels of a pack: the box, CLOSE BOX with the weight check, labels and their confirmation."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.store.models import Box, Counter, Label, Order, OrderLine, PackException, Parcel, ParcelItem, Product
from app.identifiers import s10, sscc
from app.orders.lifecycle import change_status, record_event
from app.packing.api import (
    BoxChoice, BoxSuggestion, LabelConfirmation, LabelRequest, LabelState, Packer, PackSnapshot,
    ParcelClosed, ParcelLine,
)
from app.packing.errors import NotAllowed, PackingError
from app.packing.packs import OpenPack, find_order, label_state
from app.packing.scan_rules import label_code
from app.packing.settings import AddressData

if TYPE_CHECKING:
    from app.packing.service import PackingService

log = logging.getLogger(__name__)

try:  # the box-suggestion engine; the smallest-box rule stands in when it is missing or fails
    from app.boxing import BoxingError, suggest_boxes
    from app.boxing.files import box_from_row, units_from_lines
    from app.boxing.model import Goal, Objective
except ImportError:  # pragma: no cover
    suggest_boxes = None  # type: ignore[assignment]

try:
    from app.store.counters import next_value as _shared_next_value
except ImportError:  # until the foundation's counters land
    _shared_next_value = None


def next_value(session: Session, name: str) -> int:
    """The next value of a named counter shared by every station (in the caller's transaction)."""
    if _shared_next_value is not None:
        return int(_shared_next_value(session, name))
    counters = Counter.__table__
    row = session.execute(update(counters).where(counters.c.name == name)
                          .values(value=counters.c.value + 1).returning(counters.c.value)).first()
    if row is not None:
        return int(row[0])
    session.add(Counter(name=name, value=1))
    session.flush()
    return 1


def smallest_box(boxes: list[Box], volume_mm3: int, weight_g: int) -> Box | None:
    """The smallest enabled box (by inner volume) whose volume and max load suffice."""
    fitting = [b for b in boxes if b.enabled and (b.stock is None or b.stock > 0)
               and b.inner_length_mm * b.inner_width_mm * b.inner_height_mm >= volume_mm3
               and b.max_load_g >= weight_g]
    return min(fitting, key=lambda b: (b.inner_length_mm * b.inner_width_mm * b.inner_height_mm, b.id), default=None)


def _engine_suggestion(boxes: list[Box], lines: list[tuple[Product, int]]) -> BoxSuggestion | None:
    """The first boxed parcel of app.boxing's cheapest suggestion, with its placements and the
    one-line explanation; None when the engine cannot answer (the volume rule stands in)."""
    if suggest_boxes is None or not lines:
        return None
    try:
        suggestion = suggest_boxes(units_from_lines(lines), [box_from_row(b) for b in boxes],
                                   Objective(goal=Goal.CHEAPEST_BOXES))
    except BoxingError as exc:
        log.info("box suggestion engine gave no answer (%s); using the smallest box that fits", exc)
        return None
    first = next((p for p in suggestion.parcels if p.box is not None), None)
    box = next((b for b in boxes if first is not None and first.box is not None and b.code == first.box.id), None)
    if box is None:
        return None
    boxed = sum(1 for p in suggestion.parcels if p.box is not None)
    why = suggestion.explanation or f"cheapest box that holds these {len(first.placements)} units"
    if boxed > 1:
        why = f"box 1 of {boxed}: {why}"
    return replace(_box_suggestion(box, why), parcel=first)


def _answer(boxes: list[Box], products: dict[int, Product], units: tuple[tuple[int, int], ...],
            why: str) -> BoxSuggestion | None:
    """app.boxing's answer for these units, the smallest box that fits where it cannot answer."""
    engine = _engine_suggestion(boxes, [(products[pid], q) for pid, q in units if pid in products])
    if engine is not None:
        return engine
    volume = sum(products[pid].length_mm * products[pid].width_mm * products[pid].height_mm * q
                 for pid, q in units if pid in products)
    weight = sum(products[pid].weight_g * q for pid, q in units if pid in products)
    box = smallest_box(boxes, volume, weight)
    return None if box is None else _box_suggestion(box, f"smallest box that {why} ({weight} g)")


def _box_suggestion(box: Box, why: str) -> BoxSuggestion:
    return BoxSuggestion(box.code, box.barcode, box.name, (box.inner_length_mm, box.inner_width_mm,
                         box.inner_height_mm), box.tare_g, box.max_load_g, why)


def _address(a) -> AddressData:  # type: ignore[no-untyped-def]
    if a is None:
        return AddressData(name="", lines=(), postcode="", city="", country="")
    return AddressData(name=a.name, lines=tuple(x for x in (a.line1, a.line2) if x), postcode=a.postcode,
                       city=a.city, country=a.country, company=a.company or "", region=a.region or "",
                       phone=a.phone or "")


class ParcelDesk:
    """Box, close, label and confirm (mixed into PackingService)."""

    # --- box --------------------------------------------------------------------------------

    def _decorate(self: PackingService, session: Session, pack: OpenPack) -> PackSnapshot:
        return replace(pack.base, suggested_box=self._suggest(session, pack))

    def _suggest(self: PackingService, session: Session, pack: OpenPack) -> BoxSuggestion | None:
        """The box for the units still to pack in the open parcel (those in it and those still to
        scan). Computed when a pack is (re)loaded, never per scan: scanning moves units from "to
        scan" into the parcel and leaves the set the box must hold unchanged. Cached by that
        set of units and the enabled boxes, so reloads (box chosen, label printed) reuse it."""
        if pack.open_parcel_id is None:
            return None
        boxes = list(session.scalars(select(Box).where(Box.enabled.is_(True)).order_by(Box.id)))
        in_parcel: dict[int, int] = {}
        for placed in pack.state.placed:
            in_parcel[placed.product_id] = in_parcel.get(placed.product_id, 0) + placed.quantity
        remaining = dict(in_parcel)
        for t in pack.state.lines:
            if t.product_id and t.remaining:
                remaining[t.product_id] = remaining.get(t.product_id, 0) + t.remaining
        boxes_key = tuple((b.code, b.inner_length_mm, b.inner_width_mm, b.inner_height_mm, b.max_load_g,
                           b.tare_g, str(b.cost), b.stock) for b in boxes)
        cache: dict[object, BoxSuggestion | None] = self._suggestions
        products: dict[int, Product] | None = None
        for units, why in ((tuple(sorted(remaining.items())), "holds every unit still to pack"),
                           (tuple(sorted(in_parcel.items())), "holds the units scanned into this parcel")):
            if not units:
                continue
            key = (units, boxes_key)
            if key not in cache:
                if products is None:
                    products = {p.id: p for p in session.scalars(
                        select(Product).where(Product.id.in_(list(remaining))))}
                if len(cache) >= 64:  # a few orders' worth: old entries are never needed again
                    cache.pop(next(iter(cache)))
                cache[key] = _answer(boxes, products, units, why)
            if cache[key] is not None:
                return cache[key]
        return None

    def suggested_box(self: PackingService, order: str) -> BoxSuggestion | None:
        """The box suggested for the units in the open parcel (None when nothing fits)."""
        with self._lock:
            return self._reload(order).snapshot.suggested_box

    def choose_box(self: PackingService, order: str, box_barcode: str, reason: str | None = None,
                   user: Packer | None = None) -> BoxChoice:
        """Takes a box for the open parcel; another than the suggestion needs a reason."""
        with self._lock:
            pack = self._pack(order)
            with self.db.write() as session:
                choice = self._choose_box_in(session, pack, box_barcode.strip(), reason, user)
            self._packs.pop(order, None)
            return choice

    def _choose_box_in(self: PackingService, session: Session, pack: OpenPack, barcode: str,
                       reason: str | None, user: Packer | None) -> BoxChoice:
        seq = pack.open_parcel_seq
        box = session.scalar(select(Box).where((Box.barcode == barcode) | (Box.code == barcode)))
        if box is None or not box.enabled:
            return BoxChoice(False, False, None, None, None, seq, f"{barcode} is no box of the catalogue "
                             "(or it is disabled); scan the barcode printed on a standard box.")
        if pack.open_parcel_id is None:
            return BoxChoice(False, False, box.code, box.name, None, seq,
                             f"Order {pack.number} has no open parcel to put into box {box.code}.")
        suggestion = pack.snapshot.suggested_box
        suggested = suggestion.code if suggestion else None
        if suggested is not None and box.code != suggested and not (reason and reason.strip()):
            return BoxChoice(False, True, box.code, box.name, suggested, seq,
                             f"Box {box.code} is not the suggested {suggested}: say why you take it.")
        parcel = session.get(Parcel, pack.open_parcel_id)
        assert parcel is not None
        parcel.box_id = box.id
        parcel.box_override_reason = reason.strip() if reason and box.code != suggested else None
        record_event(session, find_order(session, pack.number), "BoxChosen", station=self.station_code,
                     user=user.username if user else None, box=box.code, suggested=suggested,
                     reason=parcel.box_override_reason, parcel=seq)
        return BoxChoice(True, False, box.code, box.name, suggested, seq,
                         f"Parcel {seq}: box {box.code} - {box.name}.")

    # --- close ----------------------------------------------------------------------------

    def _ensure_open_parcel(self: PackingService, session: Session, number: str) -> None:
        order = find_order(session, number)
        if order.status != "packing":
            return
        parcels = list(session.scalars(select(Parcel).where(Parcel.order_id == order.id, Parcel.status != "voided")))
        if any(p.status == "open" for p in parcels):
            return
        lines = session.scalars(select(OrderLine).where(OrderLine.order_id == order.id)).all()
        if parcels and all(x.packed_quantity + x.backordered_quantity >= x.quantity for x in lines):
            return
        session.add(Parcel(order_id=order.id, seq=max((p.seq for p in parcels), default=0) + 1,
                           status="open", opened_at=self.clock.now()))

    def close_parcel(self: PackingService, order: str, user: Packer, weight_g: int | None = None) -> ParcelClosed:
        """CLOSE BOX: weight check, SSCC, tracking number, label version 1 (pending)."""
        with self._lock:
            pack = self._pack(order)
            seq = pack.open_parcel_seq
            if pack.state.locked:
                return ParcelClosed(False, order, seq, "The station waits for ACK after a mis-scan; scan ACK first.")
            if pack.open_parcel_id is None or not pack.state.placed:
                return ParcelClosed(False, order, seq, f"Parcel {seq} of order {order} is empty: "
                                    "scan the items into it before CLOSE BOX.")
            with self.db.write() as session:
                result = self._close_in(session, pack, user, weight_g)
            self._packs.pop(order, None)
            snap = self._pack(order).snapshot
            return replace(result, pack=snap)

    def _close_in(self: PackingService, session: Session, pack: OpenPack, user: Packer,
                  weight_g: int | None) -> ParcelClosed:
        order = find_order(session, pack.number)
        parcel = session.get(Parcel, pack.open_parcel_id)
        assert parcel is not None
        seq = parcel.seq
        if parcel.box_id is None:
            suggestion = pack.snapshot.suggested_box
            if suggestion is None:
                return ParcelClosed(False, pack.number, seq, f"No standard box holds parcel {seq}; "
                                    "scan the barcode of the box you use.")
            parcel.box_id = session.scalar(select(Box.id).where(Box.code == suggestion.code))
            record_event(session, order, "BoxChosen", station=self.station_code, user=user.username,
                         box=suggestion.code, suggested=suggestion.code, parcel=seq, automatic=True)
        box = session.get(Box, parcel.box_id)
        assert box is not None
        items = sum(pack.weights.get(p.product_id, 0) * p.quantity for p in pack.state.placed)
        expected = items + box.tare_g
        tolerance = self.settings.tolerance_g(expected)
        if weight_g is not None and abs(weight_g - expected) > tolerance:
            message = (f"Parcel {seq} of order {pack.number} weighs {weight_g} g but should weigh {expected} g "
                       f"(items {items} g + box {box.code} {box.tare_g} g, tolerance {tolerance} g). "
                       "Check the contents against the screen and weigh again.")
            exc = PackException(order_id=order.id, kind="weight", reason=message, station=self.station_code,
                                username=user.username, at=self.clock.now())
            session.add(exc)
            session.flush()
            record_event(session, order, "WeightOutOfTolerance", station=self.station_code, user=user.username,
                         parcel=seq, expected_g=expected, actual_g=weight_g, tolerance_g=tolerance)
            return ParcelClosed(False, pack.number, seq, message, expected, weight_g, tolerance, None, exc.id)
        s = self.settings
        parcel.status = "closed"
        parcel.closed_at = self.clock.now()
        parcel.expected_weight_g, parcel.actual_weight_g = expected, weight_g
        parcel.sscc = sscc(s.sscc_extension_digit, s.gs1_company_prefix, next_value(session, "sscc_serial"))
        parcel.tracking_number = s10(s.carrier.s10_service_indicator, next_value(session, "s10_serial") % 10**8,
                                     s.carrier.s10_country)
        label = Label(parcel_id=parcel.id, version=1, format=s.label_format, status="pending",
                      created_at=self.clock.now())
        session.add(label)
        record_event(session, order, "ParcelClosed", station=self.station_code, user=user.username, parcel=seq,
                     box=box.code, expected_g=expected, actual_g=weight_g, sscc=parcel.sscc,
                     tracking=parcel.tracking_number)
        session.flush()
        lines = session.scalars(select(OrderLine).where(OrderLine.order_id == order.id)).all()
        if any(x.packed_quantity + x.backordered_quantity < x.quantity for x in lines):
            session.add(Parcel(order_id=order.id, seq=seq + 1, status="open", opened_at=self.clock.now()))
        request = self._label_request_in(session, label)
        return ParcelClosed(True, pack.number, seq, f"Parcel {seq} closed: print its label and put it on the box.",
                            expected, weight_g, tolerance, request)

    # --- labels ---------------------------------------------------------------------------

    def _label_request_in(self: PackingService, session: Session, label: Label) -> LabelRequest:
        parcel = session.get(Parcel, label.parcel_id)
        assert parcel is not None
        order = session.get(Order, parcel.order_id)
        assert order is not None
        box = session.get(Box, parcel.box_id) if parcel.box_id else None
        lines = session.scalars(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)).all()
        items = session.scalars(select(ParcelItem).where(ParcelItem.parcel_id == parcel.id).order_by(ParcelItem.id)).all()
        parcel_lines = []
        for line in lines:
            mine = [i for i in items if i.order_line_id == line.id]
            if not mine:
                continue
            parcel_lines.append(ParcelLine(
                line.sku, line.name, line.quantity, sum(i.quantity for i in mine), line.backordered_quantity,
                str(line.unit_price), tuple(sorted({i.lot for i in mine if i.lot})),
                tuple(i.serial for i in mine if i.serial)))
        complete = all(x.packed_quantity + x.backordered_quantity >= x.quantity for x in lines)
        open_items = session.scalar(select(func.count()).select_from(ParcelItem).join(Parcel).where(
            Parcel.order_id == order.id, Parcel.status == "open"))
        count = None
        if complete and not open_items:
            count = session.scalar(select(func.count()).select_from(Parcel).where(
                Parcel.order_id == order.id, Parcel.status.in_(("closed", "confirmed"))))
        created = order.created_at.date() if order.created_at else date.today()
        s = self.settings
        return LabelRequest(
            label.id, label.version, label.format, order.number, created, parcel.seq, count, s.ship_from,
            _address(order.ship_to), s.company_name, order.carrier or s.carrier.name,
            order.service_level or s.carrier.service, parcel.actual_weight_g or parcel.expected_weight_g or 0,
            (box.outer_length_mm, box.outer_width_mm, box.outer_height_mm) if box else None,
            parcel.tracking_number or "", parcel.sscc or "", tuple(parcel_lines), order.currency,
            order.gift_message or "", order.gift_wrap, self.clock.now().date(), label.reason)

    def label_request(self: PackingService, label_id: int) -> LabelRequest:
        """The data of an existing label version (to retry a pending or failed one)."""
        with self.db.read() as session:
            label = session.get(Label, label_id)
            if label is None:
                raise PackingError(f"No label has the id {label_id}.")
            return self._label_request_in(session, label)

    def record_label_result(self: PackingService, label_id: int, ok: bool, printer: str,
                            message: str = "") -> LabelState:
        """What the printer said: printed only when ok; a failed label stays retryable."""
        with self.db.write() as session:
            label = session.get(Label, label_id)
            if label is None:
                raise PackingError(f"No label has the id {label_id}.")
            parcel = session.get(Parcel, label.parcel_id)
            assert parcel is not None
            if label.status in ("pending", "failed"):
                label.status = "printed" if ok else "failed"
                label.printer, label.message = printer, (message or None)
                if ok:
                    label.printed_at = self.clock.now()
                record_event(session, session.get(Order, parcel.order_id), "LabelPrinted" if ok else "LabelPrintFailed",
                             station=self.station_code, parcel=parcel.seq, label=label.id, version=label.version,
                             printer=printer, message=message or None)
            else:
                log.warning("label %s is %s; result %s from %s ignored", label.id, label.status, ok, printer)
            state = label_state(label, parcel.seq)
        with self._lock:
            self._packs.clear()
        return state

    def reprint_label(self: PackingService, parcel_id: int, reason: str, user: Packer) -> LabelRequest:
        """REPRINT: a new label version; the previous one is recorded as reprinted with the reason."""
        if not reason or not reason.strip():
            raise PackingError("A reprint needs a reason (damaged, unreadable, printer jam ...).")
        with self.db.write() as session:
            parcel = session.get(Parcel, parcel_id)
            if parcel is None or parcel.status not in ("closed", "confirmed"):
                raise NotAllowed(f"Parcel {parcel_id} has no label to reprint; close it first.")
            old = session.scalar(select(Label).where(Label.parcel_id == parcel.id).order_by(Label.version.desc()).limit(1))
            assert old is not None
            old.status = "reprinted" if old.status == "printed" else "voided"
            old.reason = reason.strip()
            label = Label(parcel_id=parcel.id, version=old.version + 1, format=old.format, status="pending",
                          reason=reason.strip(), created_at=self.clock.now())
            session.add(label)
            session.flush()
            record_event(session, session.get(Order, parcel.order_id), "LabelReprinted", station=self.station_code,
                         user=user.username, parcel=parcel.seq, version=label.version, reason=reason.strip())
            request = self._label_request_in(session, label)
        with self._lock:
            self._packs.clear()
        return request

    # --- confirm ----------------------------------------------------------------------------

    def confirm_label(self: PackingService, order: str, scanned: str, user: Packer | None = None) -> LabelConfirmation:
        """A label scanned back on its parcel; all confirmed -> packed, lease released."""
        with self._lock:
            pack = self._pack(order)
            with self.db.write() as session:
                result = self._confirm_in(session, pack, label_code(scanned) or scanned.strip(), user)
            self._packs.pop(order, None)
            return result

    def _confirm_in(self: PackingService, session: Session, pack: OpenPack, code: str,
                    user: Packer | None) -> LabelConfirmation:
        who = user.username if user else None
        order = find_order(session, pack.number)
        parcel = session.scalar(select(Parcel).where((Parcel.sscc == code) | (Parcel.tracking_number == code)))
        if parcel is None or parcel.order_id != order.id:
            other = session.get(Order, parcel.order_id) if parcel is not None else None
            where = f"order {other.number}" if other else "no parcel Packdesk knows"
            return LabelConfirmation(False, None, False, order.status, f"Label {code} belongs to {where}, not to "
                                     f"order {order.number}. Take it off, find the right parcel and scan ACK.")
        newest = session.scalar(select(Label).where(Label.parcel_id == parcel.id).order_by(Label.version.desc()).limit(1))
        if newest is None or newest.status != "printed":
            return LabelConfirmation(False, parcel.seq, False, order.status, f"The label of parcel {parcel.seq} "
                                     "has not printed yet; print it (or REPRINT) before scanning it. Scan ACK.")
        if parcel.status == "closed":
            parcel.status = "confirmed"
            parcel.confirmed_at = self.clock.now()
            record_event(session, order, "LabelConfirmed", station=self.station_code, user=who,
                         parcel=parcel.seq, sscc=parcel.sscc, tracking=parcel.tracking_number)
            session.flush()
        done = self._finish_if_complete(session, order, who)
        message = (f"Order {order.number} is packed and ready for shipment." if done
                   else f"Label of parcel {parcel.seq} confirmed.")
        return LabelConfirmation(True, parcel.seq, done, order.status, message)

    def _finish_if_complete(self: PackingService, session: Session, order: Order, who: str | None) -> bool:
        lines = session.scalars(select(OrderLine).where(OrderLine.order_id == order.id)).all()
        if any(x.packed_quantity + x.backordered_quantity < x.quantity for x in lines):
            return False
        parcels = session.scalars(select(Parcel).where(Parcel.order_id == order.id, Parcel.status != "voided")).all()
        for p in parcels:
            if p.status == "open":
                if session.scalar(select(func.count()).select_from(ParcelItem).where(ParcelItem.parcel_id == p.id)):
                    return False
                session.delete(p)
        if any(p.status == "closed" for p in parcels) or not any(p.status == "confirmed" for p in parcels):
            return False
        change_status(session, order, "packed", station=self.station_code, user=who, reason="all labels confirmed")
        order.claimed_by_station = order.claimed_by_user = None
        order.lease_expires_at = None
        return True
