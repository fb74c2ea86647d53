"""Packing through a central-database outage (issue 17): the open pack decided by the same scan
rules on a copy taken while the database was there, and the journal's events replayed through
the same use cases when it returns.

`OfflineCopy` is what the station keeps of each order it holds (the desk's open pack with its
products, and what the label needs: the address, the order's date and prices). `OfflinePack`
packs on that copy: `scan` decides with `scan_rules.decide` and `apply`, `close` numbers a
parcel from the station's reserved blocks, `confirm` takes a label scanned back. Nothing here
writes: the station journals each step (app/station/offline.py) and `replay_event` applies it
centrally later, in order, through the unit of work.
"""
from __future__ import annotations

import base64
import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Protocol

from app.addresses import AddressData
from app.orders import lifecycle
from app.packing import labels as label_cases
from app.packing import scan as scanning
from app.packing import boxes as box_cases
from app.packing.api import (
    BoxChoice, BoxSuggestion, LabelConfirmation, LabelRequest, LabelState, Packer, PackSnapshot, ParcelClosed,
    ParcelLine, ParcelSnapshot,
    ScanOutcome, ScanResult,
)
from app.packing.current import open_pack
from app.packing.desk import Desk
from app.packing.errors import NotAllowed, PackingError
from app.packing.packs import OpenPack, find_order, is_complete
from app.packing.parcels import ensure_open_parcel_in
from app.packing.scan_rules import EMPTY_PLACEMENTS, Decision, ProductRef, apply, box_refused, decide, gtin_key
from app.packing.settings import PackingSettings
from app.ports import PrintJob
from app.translator import phrase
from app.unit_of_work import LabelRecord, ParcelRecord, UnitOfWork

log = logging.getLogger(__name__)

O = ScanOutcome


@dataclass(frozen=True)
class LabelDetails:
    """What a label and slip need of the order besides the pack (read while online)."""

    order_date: date
    ship_to: AddressData
    carrier: str
    service: str
    currency: str
    gift_message: str
    gift_wrap: bool
    prices: dict[int, str]  # line_no -> unit price


@dataclass
class OfflineCopy:
    """The station's copy of one order it holds, enough to pack it offline."""

    pack: OpenPack
    details: LabelDetails
    labels: dict[int, LabelRequest] = field(default_factory=dict)  # offline label id (negative) -> request
    numbers: dict[str, int] = field(default_factory=dict)  # SSCC and tracking number -> parcel seq
    boxes: tuple[BoxSuggestion, ...] = ()  # the enabled boxes of the catalogue (barcodes, tares) when leased

    @property
    def number(self) -> str:
        return self.pack.number

    def box(self, code: str) -> BoxSuggestion | None:
        """A box of the catalogue kept with the copy, by its code or barcode."""
        code = code.strip()
        return next((b for b in self.boxes if code in (b.code, b.barcode)), None)


def take_copy(uow: UnitOfWork, desk: Desk, number: str) -> OfflineCopy:
    """The copy of an order this station holds: its open pack as the desk has it (the latest
    committed state), and the label details from the database."""
    pack = open_pack(uow, desk, number)
    with uow:
        order = find_order(uow, number)
        lines = uow.orders.lines(order.id)
        catalogue = tuple(box_cases.box_suggestion(b, "") for b in uow.boxes.enabled())
        # an order not opened yet has no suggestion: the box for the whole order
        suggested = pack.base.suggested_box or box_cases.suggest_for_units(uow, desk, pack)
    s = desk.settings
    details = LabelDetails(
        order.created_at.date() if order.created_at else desk.clock.now().date(),
        order.ship_to or AddressData(name="", lines=(), postcode="", city="", country=""),
        order.carrier or s.carrier.name, order.service_level or s.carrier.service, order.currency,
        order.gift_message or "", order.gift_wrap, {x.line_no: str(x.unit_price) for x in lines})
    copy = OfflineCopy(detached(pack), details, boxes=catalogue)
    copy.pack.base = replace(copy.pack.base, suggested_box=suggested)
    return copy


def detached(pack: OpenPack) -> OpenPack:
    """A copy of the desk's pack that later changes of either never reach the other."""
    copy = OpenPack(pack.order_id, pack.number, pack.state, dict(pack.products), dict(pack.weights),
                    dict(pack.line_ids), pack.open_parcel_id, pack.open_parcel_seq, pack.base)
    return copy


class LabelsKnown(Protocol):
    def is_parcel_label(self, code: str) -> bool:
        """An SSCC or tracking number given to a parcel (here: by this station offline)."""
        ...


class _OfflineCatalogue:
    """The rules' look-ups offline: the order's own products; the box catalogue kept with the
    copy; labels this station numbered offline or the copy's parcels had before."""

    def __init__(self, copy: OfflineCopy, known: LabelsKnown) -> None:
        self.copy, self.known = copy, known

    def product_for(self, code: str) -> ProductRef | None:
        products = self.copy.pack.products
        hit = products.get(code)
        if hit is None:
            key = gtin_key(code)
            hit = products.get(key) if key else None
        return hit

    def is_box(self, code: str) -> bool:
        box = self.copy.box(code)
        return box is not None and box.barcode == code

    def is_parcel_label(self, code: str) -> bool:
        return any(code in (p.sscc, p.tracking_number) for p in self.copy.pack.base.parcels) \
            or self.known.is_parcel_label(code)

    def serial_used(self, product_id: int, serial: str) -> bool:
        return (product_id, serial) in self.copy.pack.state.serials

    def is_order(self, code: str) -> bool:
        return False  # offline the station knows its own order only: another's number reads as unknown


class OfflinePack:
    """Packs one order on its copy (the station thread only)."""

    def __init__(self, copy: OfflineCopy, station: str, settings: PackingSettings) -> None:
        self.copy, self.station, self.settings = copy, station, settings

    @property
    def snapshot(self) -> PackSnapshot:
        """The pack screen's view of the copy."""
        return replace(self.copy.pack.render(), status="packing")

    def scan(self, data: str, symbology: str | None, known: LabelsKnown) -> tuple[Decision, ScanResult]:
        """What a scan means offline (the same rules as online), applied to the copy."""
        pack = self.copy.pack
        decision = decide(pack.state, data, symbology, _OfflineCatalogue(self.copy, known))
        confirmation, box = None, None
        if decision.outcome is O.BOX:
            box = self.choose_box(decision.code or "", None)
        if decision.outcome is O.UNKNOWN:  # offline the station knows only this order's products
            decision = Decision(O.UNKNOWN, phrase("Scanned %(code)s: not a product of order %(number)s (offline, "
                                                  "the station cannot look it up in the catalogue). Put it aside and "
                                                  "scan ACK.", code=data.strip(), number=pack.number))
        if decision.outcome is O.LABEL_CONFIRMED:
            confirmation = self.confirm(decision.code or "")
            if not confirmation.ok:
                decision = Decision(O.WRONG_LABEL, confirmation.message, code=decision.code)
        pack.state = apply(pack.state, decision, -(pack.state.placed.count + 1))
        done = confirmation is not None and confirmation.all_confirmed
        d = decision
        result = ScanResult(
            d.outcome, d.message, data, None, d.product.sku if d.product else None,
            d.product.name if d.product else None, d.quantity, d.line_no, d.lot, d.expiry, d.serial, d.command,
            None, confirmation, None if done else self.snapshot)
        if box is not None:
            result = replace(result, message=box.message, box=box)
        return decision, result

    def choose_box(self, barcode: str, reason: str | None) -> BoxChoice:
        """The open parcel's box chosen offline (as online: a box other than the suggested one needs
        a reason); the box goes into the copy's open parcel and with CLOSE BOX into the journal."""
        pack = self.copy.pack
        seq = pack.open_parcel_seq
        box = self.copy.box(barcode)
        suggestion = pack.base.suggested_box
        refused = box_refused(barcode, box, seq, suggestion, reason)
        if refused is not None:
            return refused
        assert box is not None
        suggested = suggestion.code if suggestion else None
        suggested_name = suggestion.name if suggestion else None
        opened = any(p.seq == seq and p.status == "open" for p in pack.base.parcels)
        parcels = [replace(p, box_code=box.code) if p.seq == seq and p.status == "open" else p
                   for p in pack.base.parcels]
        if not opened:
            parcels.append(ParcelSnapshot(pack.open_parcel_id or -seq, seq, "open", box.code, 0, None, None, None,
                                          None, None))
        pack.base = replace(pack.base, parcels=tuple(parcels))
        return BoxChoice(True, False, box.code, box.name, suggested, seq,
                         phrase("Parcel %(seq)s goes into the %(box)s.", seq=seq, box=box.name), suggested_name)

    def parcel_box(self) -> BoxSuggestion | None:
        """The open parcel's box: the one scanned for it, else the suggested one."""
        pack = self.copy.pack
        code = next((p.box_code for p in pack.base.parcels if p.seq == pack.open_parcel_seq and p.status == "open"
                     and p.box_code), None)
        if code is None and pack.base.suggested_box is not None:
            code = pack.base.suggested_box.code
        return None if code is None else self.copy.box(code)

    def expected_g(self, box: BoxSuggestion) -> tuple[int, int]:
        """(the items' weight, the parcel's expected weight: items and the box's tare)."""
        pack = self.copy.pack
        items = sum(pack.weights.get(p.product_id, 0) * p.quantity for p in pack.state.placed)
        return items, items + box.tare_g

    def weight_refusal(self, seq: int, weight_g: int | None) -> str | None:
        """Why the open parcel cannot close at this weight, or None: the check CLOSE BOX does online
        (items + box tare, the tolerance), with the box catalogue and weights kept with the copy."""
        box = self.parcel_box()
        if box is None:
            return phrase("No standard box holds parcel %(seq)s; scan the barcode of the box you use.", seq=seq)
        items, expected = self.expected_g(box)
        tolerance = self.settings.tolerance_g(expected)
        if weight_g is None or abs(weight_g - expected) <= tolerance:
            return None
        return " ".join((
            phrase("Parcel %(seq)s of order %(order)s weighs %(weight)s g but should weigh %(expected)s g "
                   "(items %(items)s g + box %(box)s %(tare)s g, tolerance %(tolerance)s g). Check the contents "
                   "against the screen and weigh again.", seq=seq, order=self.copy.number, weight=weight_g,
                   expected=expected, items=items, box=box.code, tare=box.tare_g, tolerance=tolerance),
            phrase("A supervisor can accept a different weight only once the central database is back.")))

    def refusal(self, seq: int) -> str | None:
        """Why CLOSE BOX cannot close the open parcel now, or None."""
        state = self.copy.pack.state
        if state.locked:
            return phrase("The station waits for ACK after a mis-scan; scan ACK first.")
        if state.pending_serial is not None or state.pending_quantity is not None:
            return phrase("Parcel %(seq)s was not closed: its serial number or quantity is still asked.", seq=seq)
        if not state.placed:
            return phrase("Parcel %(seq)s of order %(number)s is empty: scan the items into it before CLOSE BOX.",
                          seq=seq, number=self.copy.number)
        return None

    def close(self, code: str, tracking: str, weight_g: int | None, today: date) -> ParcelClosed:
        """The open parcel closed with the numbers the journal gave it; its label (pending)."""
        pack = self.copy.pack
        seq = pack.open_parcel_seq
        placed = list(pack.state.placed)
        box = self.parcel_box()
        expected = self.expected_g(box)[1] if box is not None else \
            sum(pack.weights.get(p.product_id, 0) * p.quantity for p in placed)
        complete = all(t.remaining == 0 for t in pack.state.lines)
        label_id = -(len(self.copy.labels) + 1)
        closed = ParcelSnapshot(pack.open_parcel_id or -seq, seq, "closed", box.code if box else None,
                                pack.state.placed.units, expected,
                                weight_g, code, tracking, LabelState(label_id, seq, 1, "pending"))
        parcels = [p for p in pack.base.parcels if p.seq != seq] + [closed]
        if not complete:
            parcels.append(ParcelSnapshot(-(seq + 1), seq + 1, "open", None, 0, None, None, None, None, None))
        pack.base = replace(pack.base, parcels=tuple(parcels), current_parcel_seq=seq if complete else seq + 1)
        pack.open_parcel_id = None if complete else -(seq + 1)
        pack.open_parcel_seq = seq if complete else seq + 1
        pack.state = replace(pack.state, placed=EMPTY_PLACEMENTS)
        self.copy.numbers[code] = self.copy.numbers[tracking] = seq
        self.copy.labels[label_id] = self._request(label_id, seq, placed, weight_g or expected, code, tracking, today)
        return ParcelClosed(True, pack.number, seq, phrase("Parcel %(seq)s closed offline: print its label and put it "
                                                           "on the box.", seq=seq),
                            expected, weight_g, None, self.label_request(label_id), pack=self.snapshot)

    def _request(self, label_id: int, seq: int, placed: list[Any], weight_g: int, code: str, tracking: str,
                 today: date) -> LabelRequest:
        pack, d, s = self.copy.pack, self.copy.details, self.settings
        lines = []
        for base, tally in zip(pack.base.lines, pack.state.lines):
            units = sum(p.quantity for p in placed if p.line_no == tally.line_no)
            if units:
                lines.append(ParcelLine(base.sku, base.name, base.expected, units, base.backordered,
                                        d.prices.get(tally.line_no, "0"),
                                        serials=tuple(p.serial for p in placed if p.line_no == tally.line_no
                                                      and p.serial)))
        return LabelRequest(label_id, 1, s.label_format, pack.number, d.order_date, seq, None, s.ship_from, d.ship_to,
                            s.company_name, d.carrier, d.service, weight_g, None, tracking, code, tuple(lines),
                            d.currency, d.gift_message, d.gift_wrap, today)

    def label_request(self, label_id: int) -> LabelRequest:
        """An offline label's data; its parcel count once every unit is in a closed parcel."""
        request = self.copy.labels.get(label_id)
        if request is None:
            raise PackingError(phrase("No label made offline has the id %(id)s.", id=label_id))
        pack = self.copy.pack
        complete = all(t.remaining == 0 for t in pack.state.lines) and not pack.state.placed
        count = sum(1 for p in pack.base.parcels if p.status != "open") if complete else None
        return replace(request, parcel_count=count)

    def label_result(self, label_id: int, ok: bool, printer: str, message: str = "") -> tuple[LabelState, bool]:
        """What the printer said about an offline label: its state, and whether it printed just now
        (a label printed once stays printed: a late or repeated answer changes nothing)."""
        pack = self.copy.pack
        request = self.label_request(label_id)
        parcels = []
        state = LabelState(label_id, request.parcel_seq, 1, "printed" if ok else "failed", printer, message or None)
        printed_now = ok
        for p in pack.base.parcels:
            if p.label is not None and p.label.label_id == label_id:
                if p.label.status == "printed":
                    state, printed_now = p.label, False
                p = replace(p, label=state)
            parcels.append(p)
        pack.base = replace(pack.base, parcels=tuple(parcels))
        return state, printed_now

    def confirm(self, code: str) -> LabelConfirmation:
        """A label scanned back onto its parcel offline; every parcel confirmed: the order is packed."""
        pack = self.copy.pack
        seq = self.copy.numbers.get(code)
        parcel = next((p for p in pack.base.parcels if p.seq == seq), None)
        if parcel is None:
            return LabelConfirmation(False, None, False, "packing", phrase(
                "Label %(code)s belongs to no parcel of order %(number)s. Take it off, find the right parcel and scan "
                "ACK.", code=code, number=pack.number))
        if parcel.status != "closed" or parcel.label is None or parcel.label.status != "printed":
            return LabelConfirmation(False, parcel.seq, False, "packing", phrase(
                "The label of parcel %(seq)s is not awaited now (not printed, or confirmed before). Scan ACK.",
                seq=parcel.seq))
        pack.base = replace(pack.base, parcels=tuple(replace(p, status="confirmed") if p.seq == parcel.seq else p
                                                     for p in pack.base.parcels))
        done = all(t.remaining == 0 for t in pack.state.lines) and not any(
            p.status == "closed" or (p.status == "open" and p.units) for p in pack.base.parcels)
        message = (phrase("Order %(number)s is packed (offline: it is sent to the database when it is back).",
                          number=pack.number)
                   if done else phrase("Label of parcel %(seq)s confirmed.", seq=parcel.seq))
        return LabelConfirmation(True, parcel.seq, done, "packed" if done else "packing", message)


# --- back online: the journal's events through the use cases ------------------------------


def replay_event(uow: UnitOfWork, desk: Desk, kind: str, number: str, payload: dict[str, Any],
                 at: datetime, fresh: UnitOfWork) -> None:
    """Applies one journal event centrally through `uow` (committed once, with its receipt);
    `fresh` is a unit of work for what may be done any number of times (the open parcel)."""
    user = Packer(0, payload.get("user") or "offline", payload.get("user") or "offline", "packer")
    if kind == "scan":
        with fresh:
            ensure_open_parcel_in(fresh, desk, number)
            fresh.commit()
        result = scanning.record_scan(uow, desk, number, user, payload["data"], payload.get("symbology"))
        log.debug("replayed scan %r on %s: %s", payload["data"], number, result.outcome.value)
    elif kind == "close":
        _replay_close(uow, desk, number, payload, at, user)
    elif kind == "label":
        with fresh:
            parcel = fresh.parcels.by_label_code(payload["sscc"])
            label = fresh.labels.newest(parcel.id) if parcel is not None else None
        if label is None:
            raise NotAllowed(phrase("the parcel %(sscc)s closed offline is not in the database", sscc=payload["sscc"]))
        label_cases.record_label_result(uow, desk, label.id, True, payload["printer"], "printed offline",
                                        printed_jobs(payload.get("printed", [])))
    else:
        raise PackingError(phrase("unknown journal event %(kind)s", kind=repr(kind)))


def printed_payload(jobs: tuple[PrintJob, ...]) -> list[dict[str, str]]:
    """The jobs a printer took for an offline label, as the journal keeps them (JSON)."""
    return [{"name": j.name, "content_type": j.content_type, "data": base64.b64encode(j.data).decode("ascii")}
            for j in jobs]


def printed_jobs(payload: list[dict[str, str]]) -> tuple[PrintJob, ...]:
    """The jobs kept by `printed_payload`, for the label-version archive."""
    return tuple(PrintJob(j["name"], base64.b64decode(j["data"]), j["content_type"]) for j in payload)


def replay_with(desk: Desk) -> Any:
    """The journal's `apply` for this desk: apply(uow, fresh, event) replays one event."""
    def apply(uow: UnitOfWork, fresh: UnitOfWork, event: Any) -> None:
        replay_event(uow, desk, event.kind, event.order_number, event.payload, event.at, fresh)
    return apply


def _replay_close(uow: UnitOfWork, desk: Desk, number: str, payload: dict[str, Any], at: datetime,
                  user: Packer) -> None:
    with uow:
        order = find_order(uow, number)
        parcel = next((p for p in uow.parcels.of_order(order.id) if p.status == "open"), None)
        if parcel is None or not uow.parcels.items([parcel.id]):
            raise NotAllowed(phrase("order %(number)s has no open parcel with units to close as %(sscc)s",
                                    number=number, sscc=payload["sscc"]))
        box = uow.boxes.find(payload["box"]) if payload.get("box") else None  # the box weighed offline
        uow.parcels.save(replace(parcel, status="closed", closed_at=at, actual_weight_g=payload.get("weight_g"),
                                 sscc=payload["sscc"], tracking_number=payload["tracking"],
                                 box_id=box.id if box is not None else parcel.box_id))
        uow.labels.add(LabelRecord(0, parcel.id, 1, desk.settings.label_format, "pending", created_at=at))
        lifecycle.record_event(uow, order.id, "ParcelClosed", station=desk.station, user=user.username,
                               parcel=parcel.seq, actual_g=payload.get("weight_g"), sscc=payload["sscc"],
                               tracking=payload["tracking"], offline=True)
        if not is_complete(uow.orders.lines(order.id)):
            uow.parcels.add(ParcelRecord(0, order.id, parcel.seq + 1, opened_at=at))
        uow.commit()
