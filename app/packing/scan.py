"""A scan at the packing station: what it means (app.packing.scan_rules), what it does, and its
record - the scan log, the units it packs, its event - in one unit of work, committed before
the station shows the result. Memory (the desk's open pack) is updated only after the commit.
"""
from __future__ import annotations

import logging
from datetime import datetime

from app.commands import Command
from app.orders import lifecycle
from app.packing.api import BoxChoice, LabelConfirmation, Packer, PackSnapshot, ScanOutcome, ScanResult
from app.packing.current import forget, open_pack
from app.packing.desk import Desk
from app.packing.errors import NotAllowed
from app.packing.labels import confirm_in
from app.packing.packs import OpenPack, product_by_code
from app.packing.parcels import choose_box_in
from app.packing.scan_rules import Decision, ProductRef, apply, decide, gtin_key
from app.translator import phrase
from app.unit_of_work import Conflict, ItemRecord, ScanEntry, UnitOfWork

log = logging.getLogger(__name__)

O = ScanOutcome
EVENTS = {
    O.ACCEPTED: "ItemScanned", O.WRONG_ITEM: "WrongItemScanned", O.UNKNOWN: "UnknownBarcodeScanned",
    O.OVER_SCAN: "OverScanned", O.UNDONE: "ScanUndone", O.INVALID_GS1: "InvalidCheckDigitScanned",
    O.SERIAL_USED: "SerialAlreadyUsed", O.WRONG_LABEL: "WrongLabelScanned",
}


class _Catalogue:
    """The rules' look-ups: the open order's barcodes first, the unit of work for anything else."""

    def __init__(self, pack: OpenPack, uow: UnitOfWork) -> None:
        self.pack, self.uow = pack, uow

    def product_for(self, code: str) -> ProductRef | None:
        hit = self.pack.products.get(code)
        if hit is None:
            key = gtin_key(code)
            hit = self.pack.products.get(key) if key else None
        return hit if hit is not None else product_by_code(self.uow, code)

    def is_box(self, code: str) -> bool:
        box = self.uow.boxes.find(code)
        return box is not None and box.enabled and box.barcode == code

    def is_parcel_label(self, code: str) -> bool:
        return self.uow.parcels.by_label_code(code) is not None

    def serial_used(self, product_id: int, serial: str) -> bool:
        return self.uow.serials.used(product_id, serial)

    def is_order(self, code: str) -> bool:
        return self.uow.orders.get(code) is not None


def record_scan(uow: UnitOfWork, desk: Desk, order: str, user: Packer, data: str,
                symbology: str | None = None) -> ScanResult:
    """Interprets and records one scan; committed before it returns."""
    for attempt in (1, 2):
        pack = open_pack(uow, desk, order)
        try:
            return _scan_once(uow, desk, pack, user, data, symbology)
        except Conflict as exc:
            log.warning("scan %r on %s refused by the database (%s); reloading", data, order, exc)
            forget(desk, order)
            if attempt == 2:
                raise NotAllowed(phrase("Order %(number)s changed under this station (%(problem)s). The station "
                                        "reloaded it: check the screen and scan that item again.",
                                        number=order, problem=str(exc))) from None
    raise AssertionError("unreachable")


def acknowledge(uow: UnitOfWork, desk: Desk, order: str, user: Packer) -> ScanResult:
    """ACK by key: lifts the lock after a mis-scan."""
    return record_scan(uow, desk, order, user, Command.ACK.value)


def undo_last_scan(uow: UnitOfWork, desk: Desk, order: str, user: Packer) -> ScanResult:
    """UNDO by key: removes the last accepted scan of the open parcel."""
    return record_scan(uow, desk, order, user, Command.UNDO.value)


def _scan_once(uow: UnitOfWork, desk: Desk, pack: OpenPack, user: Packer, data: str,
               symbology: str | None) -> ScanResult:
    box: BoxChoice | None = None
    confirmation: LabelConfirmation | None = None
    with uow:
        decision = decide(pack.state, data, symbology, _Catalogue(pack, uow))
        if decision.outcome is O.BOX:
            box = choose_box_in(uow, desk, pack, decision.code or "", None, user)
        elif decision.outcome is O.LABEL_CONFIRMED:
            confirmation = confirm_in(uow, desk, pack, decision.code or "", user)
            if not confirmation.ok:
                decision = Decision(O.WRONG_LABEL, confirmation.message, code=decision.code)
        elif decision.outcome is O.UNDONE and decision.undo is not None:
            _take_back(uow, pack, decision)
        scan_id = write_scan(uow, desk.station, pack, user, data, symbology, decision, desk.clock.now())
        uow.commit()
    pack.state = apply(pack.state, decision, scan_id)
    snap: PackSnapshot | None
    if box is not None or confirmation is not None:  # the parcel or the order changed: read it again
        forget(desk, pack.number)
        done = confirmation is not None and confirmation.all_confirmed
        snap = None if done else open_pack(uow, desk, pack.number).snapshot
    else:
        snap = pack.render()
    d = decision
    return ScanResult(
        d.outcome, box.message if box else d.message, data, scan_id, d.product.sku if d.product else None,
        d.product.name if d.product else None, d.quantity, d.line_no, d.lot, d.expiry, d.serial, d.command,
        box, confirmation, snap)


def write_scan(uow: UnitOfWork, station: str, pack: OpenPack, user: Packer, data: str, symbology: str | None,
               d: Decision, at: datetime) -> int:
    """The one writer of a scan: its row in the scan log, the units it packs (ACCEPTED) and its
    event in the order's log; the scan's id."""
    scan_id = uow.scans.add(ScanEntry(
        at, station, user.username, pack.order_id, data[:400], d.outcome.value, symbology,
        d.product.product_id if d.product else None, d.quantity, d.message[:400]))
    if d.outcome is O.ACCEPTED:
        _place(uow, station, pack, d, scan_id)
    kind = EVENTS.get(d.outcome)
    if kind is not None:
        lifecycle.record_event(uow, pack.order_id, kind, station=station, user=user.username, barcode=data,
                               line_no=d.line_no, lot=d.lot, parcel=pack.open_parcel_seq,
                               quantity=d.quantity or None, scan_id=scan_id, serial=d.serial,
                               sku=d.product.sku if d.product else None)
    return scan_id


def _place(uow: UnitOfWork, station: str, pack: OpenPack, d: Decision, scan_id: int) -> None:
    if pack.open_parcel_id is None:
        raise Conflict(phrase("order %(number)s has no open parcel", number=pack.number))
    line_id = pack.line_ids[d.line_no or 0]
    if not uow.orders.pack_units(line_id, d.quantity, pack.order_id, station):
        raise Conflict(phrase("line %(line)s of %(number)s cannot take %(quantity)s more, "
                              "or station %(station)s no longer holds the order",
                              line=d.line_no, number=pack.number, quantity=d.quantity, station=station))
    item_id = uow.parcels.add_item(ItemRecord(0, pack.open_parcel_id, line_id, d.quantity, d.lot, d.expiry,
                                              d.serial, scan_id))
    if d.serial is not None and d.product is not None:
        uow.serials.add(d.product.product_id, d.serial, pack.order_id, item_id)


def _take_back(uow: UnitOfWork, pack: OpenPack, d: Decision) -> None:
    """Takes the last accepted scan's units back out of the open parcel."""
    last = d.undo
    assert last is not None and pack.open_parcel_id is not None
    if uow.parcels.remove_items_of_scan(last.scan_id, pack.open_parcel_id) != 1:
        raise Conflict(phrase("scan %(scan)s is no longer in the open parcel of %(number)s", scan=last.scan_id,
                              number=pack.number))
    uow.orders.unpack_units(pack.line_ids[last.line_no], last.quantity)
