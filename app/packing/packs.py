"""The open pack: loaded from the unit of work, kept by the desk, rendered as a snapshot.

The database is the truth; `OpenPack` is the in-memory copy the station keeps for the open
order so the scan path needs no look-ups for the order's own barcodes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from app.gs1 import interpret_gs1
from app.packing.api import (
    ERROR_OUTCOMES, BarcodeHint, LabelState, LineState, PackLine, PackSnapshot, ParcelSnapshot, ScanOutcome,
)
from app.packing.errors import OrderNotFound
from app.packing.scan_rules import (
    LineTally, PackState, PendingQuantity, PendingSerial, Placed, Placements, ProductRef, gtin_key, quantity_limit,
)
from app.translator import phrase
from app.unit_of_work import LabelRecord, LineRecord, OrderRecord, ProductRecord, UnitOfWork

log = logging.getLogger(__name__)

# The outcomes that decide whether the pack is locked or waits for a serial after a restart.
STATE_OUTCOMES = frozenset(o.value for o in ERROR_OUTCOMES) | {
    ScanOutcome.ACKNOWLEDGED.value, ScanOutcome.NEEDS_SERIAL.value, ScanOutcome.ACCEPTED.value,
    ScanOutcome.UNDONE.value, ScanOutcome.NEEDS_QUANTITY.value}


@dataclass
class OpenPack:
    """The station's copy of one open pack."""

    order_id: int
    number: str
    state: PackState
    products: dict[str, ProductRef]  # barcode, SKU and 14-digit GTIN -> product, for this order
    weights: dict[int, int]  # product_id -> grams
    line_ids: dict[int, int]  # line_no -> order line id
    open_parcel_id: int | None
    open_parcel_seq: int
    base: PackSnapshot  # header, parcels and suggestion as loaded
    snapshot: PackSnapshot = field(init=False)

    def __post_init__(self) -> None:
        self.snapshot = self.render()

    def render(self) -> PackSnapshot:
        """The snapshot with the lines, lock and serial wait of the current state."""
        s = self.state
        lines = tuple(_line(base, tally) for base, tally in zip(self.base.lines, s.lines))
        in_open = s.placed.units
        parcels = tuple(replace(p, units=in_open) if p.parcel_id == self.open_parcel_id else p
                        for p in self.base.parcels)
        pending = s.pending_serial.product.sku if s.pending_serial else None
        bulk = s.pending_quantity
        limit = quantity_limit(s, bulk) if bulk is not None else None
        # The count of parcels is known once every unit is scanned: the open parcel is the last.
        count = (sum(1 for p in parcels if p.units > 0) or None) if all(t.remaining == 0 for t in s.lines) else None
        self.snapshot = replace(self.base, lines=lines, parcels=parcels, locked=s.locked,
                                lock_message=s.lock_message, awaiting_serial_for=pending, parcel_count=count,
                                awaiting_quantity_for=bulk.product.sku if bulk else None, awaiting_quantity_max=limit)
        return self.snapshot


def _line(line: PackLine, tally: LineTally) -> PackLine:
    scanned, backordered = tally.scanned, tally.backordered
    if scanned + backordered >= line.expected:
        state = LineState.BACKORDERED if backordered else LineState.DONE
    else:
        state = LineState.PARTIAL if scanned else LineState.TODO
    return replace(line, scanned=scanned, backordered=backordered, state=state)


def find_order(uow: UnitOfWork, number: str) -> OrderRecord:
    """The order with this number, or OrderNotFound."""
    order = uow.orders.get(number)
    if order is None:
        raise OrderNotFound(phrase("No order has the number %(number)r; check it and scan again.", number=number))
    return order


def is_complete(lines: list[LineRecord]) -> bool:
    """Every unit of every line is packed or backordered."""
    return all(x.packed_quantity + x.backordered_quantity >= x.quantity for x in lines)


def label_state(label: LabelRecord, parcel_seq: int) -> LabelState:
    """A label as the screens show it."""
    return LabelState(label.id, parcel_seq, label.version, label.status, label.printer, label.message)


def product_by_code(uow: UnitOfWork, code: str) -> ProductRef | None:
    """Any product of the catalogue by barcode, GTIN (any length) or SKU (for mis-scans)."""
    codes = {code}
    key = gtin_key(code)
    if key:
        codes |= {key, key[1:], key[2:], key[6:]}
    hit = uow.products.by_barcode(codes)
    if hit is not None:
        p, quantity = hit
        return product_ref(p, quantity)
    p = uow.products.by_sku(code)
    return None if p is None else product_ref(p, 1)


def product_ref(p: ProductRecord, quantity: int) -> ProductRef:
    """A catalogue product as the scan rules see it, for a barcode of `quantity` units."""
    return ProductRef(p.id, p.sku, p.name, quantity, p.serial_tracked, p.lot_tracked, p.serial_pattern,
                      p.bulk_max_quantity)


def load_pack(uow: UnitOfWork, station: str, number: str) -> OpenPack:
    """Reads the whole pack of an order (in the caller's unit of work)."""
    order = find_order(uow, number)
    lines = uow.orders.lines(order.id)
    catalogue = {p.id: p for p in uow.products.by_ids({x.product_id for x in lines if x.product_id})}
    units: dict[int, ProductRef] = {}  # product_id -> its unit
    products: dict[str, ProductRef] = {}
    for line in lines:
        p = catalogue.get(line.product_id or 0)
        if p is not None:
            units[p.id] = products[p.sku] = product_ref(p, 1)
    hints: list[BarcodeHint] = []
    for bc in uow.products.barcodes_of(set(units)):
        ref = replace(units[bc.product_id], quantity=bc.quantity)
        products[bc.code] = ref
        key = gtin_key(bc.code)
        if key:
            products[key] = ref
        hints.append(BarcodeHint(bc.code, ref.sku, bc.quantity))
    parcels = uow.parcels.of_order(order.id)
    open_parcel = next((p for p in parcels if p.status == "open"), None)
    line_nos = {x.id: x.line_no for x in lines}
    product_of = {x.id: x.product_id for x in lines}
    placed: list[Placed] = []
    units_by_parcel: dict[int, int] = {}
    for item in uow.parcels.items([p.id for p in parcels]):
        units_by_parcel[item.parcel_id] = units_by_parcel.get(item.parcel_id, 0) + item.quantity
        if open_parcel is not None and item.parcel_id == open_parcel.id:
            placed.append(Placed(item.scan_id or 0, line_nos[item.order_line_id], item.quantity,
                                 product_of[item.order_line_id] or 0, item.serial))
    locked, lock_message, pending = _lock_and_serial(uow, order.id, lines, units)
    tallies = tuple(LineTally(x.line_no, x.id, x.product_id, x.sku, x.name, x.quantity, x.packed_quantity,
                              x.backordered_quantity) for x in lines)
    bulk = None
    if isinstance(pending, PendingQuantity):
        pending, bulk = None, pending
    state = PackState(order.number, tallies, locked, lock_message, pending, Placements.of(placed),
                      frozenset(uow.serials.of_order(order.id)), bulk)
    box_codes: dict[int, str] = {}
    parcel_snaps = []
    for p in parcels:
        if p.box_id is not None and p.box_id not in box_codes:
            box = uow.boxes.get(p.box_id)
            box_codes[p.box_id] = box.code if box else ""
        label = uow.labels.newest(p.id)
        parcel_snaps.append(ParcelSnapshot(
            p.id, p.seq, p.status, box_codes.get(p.box_id) if p.box_id else None, units_by_parcel.get(p.id, 0),
            p.expected_weight_g, p.actual_weight_g, p.sscc, p.tracking_number,
            label_state(label, p.seq) if label else None))
    current = open_parcel.seq if open_parcel else (parcels[-1].seq if parcels else 1)
    pack_lines = tuple(PackLine(
        x.line_no, x.sku, x.name, catalogue[x.product_id].image if x.product_id in catalogue else None,
        x.quantity, x.packed_quantity, x.backordered_quantity,
        bool(x.product_id in catalogue and catalogue[x.product_id].lot_tracked),
        bool(x.product_id in catalogue and catalogue[x.product_id].serial_tracked), LineState.TODO) for x in lines)
    base = PackSnapshot(
        order_number=order.number, status=order.status, station=station, customer_name=order.customer_name,
        carrier=order.carrier or "", service=order.service_level, sla_due_at=order.sla_due_at,
        gift_wrap=order.gift_wrap, special_packaging=order.special_packaging, gift_message=order.gift_message,
        notes=order.notes, lines=pack_lines, parcels=tuple(parcel_snaps), current_parcel_seq=current,
        parcel_count=None, locked=False, lock_message=None, awaiting_serial_for=None, suggested_box=None,
        barcodes=tuple(hints), lease_expires_at=order.lease_expires_at)
    return OpenPack(order.id, order.number, state, products, {p.id: p.weight_g for p in catalogue.values()},
                    {t.line_no: t.line_id for t in tallies}, open_parcel.id if open_parcel else None, current, base)


def _lock_and_serial(uow: UnitOfWork, order_id: int, lines: list[LineRecord], units: dict[int, ProductRef]
                     ) -> tuple[bool, str | None, PendingSerial | PendingQuantity | None]:
    last = uow.scans.last_of_order(order_id, STATE_OUTCOMES)
    if last is None:
        return False, None, None
    if ScanOutcome(last.outcome) in ERROR_OUTCOMES:
        return True, last.message, None
    if last.outcome in (ScanOutcome.NEEDS_SERIAL.value, ScanOutcome.NEEDS_QUANTITY.value):
        ref = units.get(last.product_id or 0)
        if ref is None:
            return False, None, None
        line_no = next((x.line_no for x in lines if x.product_id == ref.product_id), 0)
        data, symbology = last.data, last.symbology
        reading = interpret_gs1(data.lstrip(symbology or "") if symbology else data)
        if last.outcome == ScanOutcome.NEEDS_QUANTITY.value:
            return False, None, PendingQuantity(ref, line_no, reading.lot, reading.expiry)
        return False, None, PendingSerial(ref, line_no, reading.lot, reading.expiry)
    return False, None, None
