"""Loading an open pack from the database: the rules' state, the barcode cache, the snapshot.

The database is the truth; `OpenPack` is the in-memory copy the station keeps for the open
order so the scan path needs no look-ups for the order's own barcodes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.store.models import Box, Label, Order, OrderLine, Parcel, ParcelItem, Product, ProductBarcode, ScanRecord, SerialNumber
from app.evolve import evolve
from app.gs1 import interpret_gs1
from app.packing.api import (
    ERROR_OUTCOMES, BarcodeHint, BoxSuggestion, LabelState, LineState, PackLine, PackSnapshot,
    ParcelSnapshot, ScanOutcome,
)
from app.packing.errors import OrderNotFound
from app.packing.scan_rules import (
    LineTally, PackState, PendingSerial, Placed, Placements, ProductRef, gtin_key,
)

log = logging.getLogger(__name__)

# The outcomes that decide whether the pack is locked or waits for a serial after a restart.
STATE_OUTCOMES = tuple(o.value for o in ERROR_OUTCOMES) + (
    ScanOutcome.ACKNOWLEDGED.value, ScanOutcome.NEEDS_SERIAL.value, ScanOutcome.ACCEPTED.value,
    ScanOutcome.UNDONE.value)


@dataclass
class OpenPack:
    """The station's cached copy of one open pack."""

    order_id: int
    number: str
    state: PackState
    products: dict[str, ProductRef]  # barcode, SKU and 14-digit GTIN -> product, for this order
    weights: dict[int, int]  # product_id -> grams
    line_ids: dict[int, int]  # line_no -> order_lines.id
    open_parcel_id: int | None
    open_parcel_seq: int
    base: PackSnapshot  # header, parcels and suggestion as loaded
    snapshot: PackSnapshot = field(init=False)
    # line_no -> (the tally it was drawn from, the line): a line whose tally did not change
    # keeps its PackLine object, so a scan re-renders one line and the screen can compare by
    # identity to repaint only that row.
    _drawn: dict[int, tuple[LineTally, PackLine]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.snapshot = self.render()

    def render(self) -> PackSnapshot:
        """The snapshot with the lines, lock and serial wait of the current state."""
        s = self.state
        drawn = self._drawn
        lines = []
        for base_line, tally in zip(self.base.lines, s.lines):
            hit = drawn.get(tally.line_no)
            if hit is None or hit[0] is not tally:
                hit = drawn[tally.line_no] = (tally, _line(base_line, tally))
            lines.append(hit[1])
        in_open = s.placed.units
        parcels = tuple(evolve(p, units=in_open) if p.parcel_id == self.open_parcel_id and p.units != in_open
                        else p for p in self.base.parcels)
        pending = s.pending_serial.product.sku if s.pending_serial else None
        # The count of parcels is known once every unit is scanned: the open parcel is the last.
        count = (sum(1 for p in parcels if p.units > 0) or None) if all(t.remaining == 0 for t in s.lines) else None
        self.snapshot = evolve(self.base, lines=tuple(lines), parcels=parcels, locked=s.locked,
                               lock_message=s.lock_message, awaiting_serial_for=pending, parcel_count=count)
        return self.snapshot


def _line(line: PackLine, tally: LineTally) -> PackLine:
    scanned, backordered = tally.scanned, tally.backordered
    if scanned + backordered >= line.expected:
        state = LineState.BACKORDERED if backordered else LineState.DONE
    else:
        state = LineState.PARTIAL if scanned else LineState.TODO
    return evolve(line, scanned=scanned, backordered=backordered, state=state)


def find_order(session: Session, number: str) -> Order:
    """The order with this number, or OrderNotFound."""
    order = session.scalar(select(Order).where(Order.number == number))
    if order is None:
        raise OrderNotFound(f"No order has the number {number!r}; check it and scan again.")
    return order


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def load_pack(session: Session, number: str, station: str, suggestion: BoxSuggestion | None,
              parcel_count: int | None) -> OpenPack:
    """Reads the whole pack of an order (one read unit of work)."""
    order = session.scalar(
        select(Order).where(Order.number == number)
        .options(selectinload(Order.lines).selectinload(OrderLine.product), selectinload(Order.customer),
                 selectinload(Order.ship_to)))
    if order is None:
        raise OrderNotFound(f"No order has the number {number!r}; check it and scan again.")
    product_ids = {line.product_id for line in order.lines if line.product_id is not None}
    products: dict[str, ProductRef] = {}
    hints: list[BarcodeHint] = []
    weights: dict[int, int] = {}
    for line in order.lines:
        p = line.product
        if p is None:
            continue
        weights[p.id] = p.weight_g
        ref = ProductRef(p.id, p.sku, p.name, 1, p.serial_tracked, p.lot_tracked)
        products[p.sku] = ref
    if product_ids:
        for bc in session.scalars(select(ProductBarcode).where(ProductBarcode.product_id.in_(product_ids))
                                  .order_by(ProductBarcode.id)):
            base = next(r for r in products.values() if r.product_id == bc.product_id)
            ref = replace(base, quantity=bc.quantity)
            products[bc.code] = ref
            key = gtin_key(bc.code)
            if key:
                products[key] = ref
            hints.append(BarcodeHint(bc.code, base.sku, bc.quantity))
    parcels = list(session.scalars(select(Parcel).where(Parcel.order_id == order.id, Parcel.status != "voided")
                                   .order_by(Parcel.seq)))
    open_parcel = next((p for p in parcels if p.status == "open"), None)
    placed: list[Placed] = []
    units_by_parcel: dict[int, int] = {}
    if parcels:
        rows = session.execute(
            select(ParcelItem.parcel_id, ParcelItem.scan_id, OrderLine.line_no, ParcelItem.quantity,
                   OrderLine.product_id, ParcelItem.serial)
            .join(OrderLine, OrderLine.id == ParcelItem.order_line_id)
            .where(ParcelItem.parcel_id.in_([p.id for p in parcels])).order_by(ParcelItem.id)).all()
        for parcel_id, scan_id, line_no, qty, product_id, serial in rows:
            units_by_parcel[parcel_id] = units_by_parcel.get(parcel_id, 0) + qty
            if open_parcel is not None and parcel_id == open_parcel.id:
                placed.append(Placed(scan_id or 0, line_no, qty, product_id or 0, serial))
    serials = frozenset((pid, s) for pid, s in session.execute(
        select(SerialNumber.product_id, SerialNumber.serial).where(SerialNumber.order_id == order.id)))
    locked, lock_message, pending = _lock_and_serial(session, order.id, products)
    tallies = tuple(LineTally(line.line_no, line.id, line.product_id, line.sku, line.name, line.quantity,
                              line.packed_quantity, line.backordered_quantity) for line in order.lines)
    state = PackState(order.number, tallies, locked, lock_message, pending, Placements.of(placed), serials)
    labels = _newest_labels(session, [p.id for p in parcels])
    box_codes = dict(session.execute(select(Box.id, Box.code)).all()) if parcels else {}
    parcel_snaps = tuple(ParcelSnapshot(
        p.id, p.seq, p.status, box_codes.get(p.box_id) if p.box_id else None, units_by_parcel.get(p.id, 0),
        p.expected_weight_g, p.actual_weight_g, p.sscc, p.tracking_number, labels.get(p.id)) for p in parcels)
    current = open_parcel.seq if open_parcel else (parcels[-1].seq if parcels else 1)
    pack_lines = tuple(PackLine(line.line_no, line.sku, line.name, line.product.image if line.product else None,
                                line.quantity, line.packed_quantity, line.backordered_quantity,
                                bool(line.product and line.product.lot_tracked),
                                bool(line.product and line.product.serial_tracked), LineState.TODO)
                       for line in order.lines)
    base = PackSnapshot(
        order_number=order.number, status=order.status, station=station,
        customer_name=(order.customer.name if order.customer else (order.ship_to.name if order.ship_to else "")),
        carrier=order.carrier or "", service=order.service_level, sla_due_at=as_utc(order.sla_due_at),
        gift_wrap=order.gift_wrap, special_packaging=order.special_packaging, gift_message=order.gift_message,
        notes=order.notes, lines=pack_lines, parcels=parcel_snaps, current_parcel_seq=current,
        parcel_count=parcel_count, locked=False, lock_message=None, awaiting_serial_for=None,
        suggested_box=suggestion, barcodes=tuple(hints), lease_expires_at=as_utc(order.lease_expires_at))
    return OpenPack(order.id, order.number, state, products, weights, {t.line_no: t.line_id for t in tallies},
                    open_parcel.id if open_parcel else None, current, base)


def _lock_and_serial(session: Session, order_id: int, products: dict[str, ProductRef]
                     ) -> tuple[bool, str | None, PendingSerial | None]:
    row = session.execute(
        select(ScanRecord.outcome, ScanRecord.message, ScanRecord.product_id, ScanRecord.data,
               ScanRecord.symbology)
        .where(ScanRecord.order_id == order_id, ScanRecord.outcome.in_(STATE_OUTCOMES))
        .order_by(ScanRecord.id.desc()).limit(1)).first()
    if row is None:
        return False, None, None
    outcome, message, product_id, data, symbology = row
    if outcome in {o.value for o in ERROR_OUTCOMES}:
        return True, message, None
    if outcome == ScanOutcome.NEEDS_SERIAL.value:
        ref = next((r for r in products.values() if r.product_id == product_id and r.quantity == 1), None)
        if ref is None:
            return False, None, None
        line_no = session.scalar(select(OrderLine.line_no).where(
            OrderLine.order_id == order_id, OrderLine.product_id == product_id).order_by(OrderLine.line_no))
        reading = interpret_gs1(data.lstrip(symbology or "") if symbology else data)
        return False, None, PendingSerial(ref, int(line_no or 0), reading.lot, reading.expiry)
    return False, None, None


def _newest_labels(session: Session, parcel_ids: list[int]) -> dict[int, LabelState]:
    if not parcel_ids:
        return {}
    newest = (select(Label.parcel_id, func.max(Label.version).label("v"))
              .where(Label.parcel_id.in_(parcel_ids)).group_by(Label.parcel_id).subquery())
    out: dict[int, LabelState] = {}
    seqs = dict(session.execute(select(Parcel.id, Parcel.seq).where(Parcel.id.in_(parcel_ids))).all())
    for label in session.scalars(select(Label).join(newest, (Label.parcel_id == newest.c.parcel_id)
                                                    & (Label.version == newest.c.v))):
        out[label.parcel_id] = label_state(label, seqs[label.parcel_id])
    return out


def label_state(label: Label, parcel_seq: int) -> LabelState:
    """A label row as a plain snapshot."""
    return LabelState(label.id, parcel_seq, label.version, label.status, label.printer, label.message)


def product_by_code(session: Session, code: str) -> ProductRef | None:
    """Any product of the catalogue by barcode, GTIN (any length) or SKU (for mis-scans)."""
    codes = {code}
    key = gtin_key(code)
    if key:
        codes |= {key, key[1:], key[2:], key[6:]}
    row = session.execute(select(Product, ProductBarcode.quantity).join(ProductBarcode)
                          .where(ProductBarcode.code.in_(codes)).limit(1)).first()
    if row is None:
        product = session.scalar(select(Product).where(Product.sku == code))
        return None if product is None else ProductRef(product.id, product.sku, product.name, 1,
                                                       product.serial_tracked, product.lot_tracked)
    p, qty = row
    return ProductRef(p.id, p.sku, p.name, qty, p.serial_tracked, p.lot_tracked)
