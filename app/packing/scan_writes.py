"""Writing one scan: its row in the scan log, the units it packs, its event in the order's log.

The same statements run on either of two writers: `SessionWriter` inside an ORM unit of
work (a scan that also chooses a box or confirms a label), and `LinkWriter` on the station's
own DBAPI link (app.orders.sql) for the common scan - a product, a mis-scan, a command -
where the ORM's per-statement overhead was most of the scan's database time.
"""
from __future__ import annotations

import json
from typing import Any, Protocol

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from app.store.models import Order, OrderEvent, OrderLine, ParcelItem, ScanRecord, SerialNumber, utcnow
from app.orders import sql
from app.orders.hotpath import insert_scan
from app.packing.api import Packer, ScanOutcome
from app.packing.packs import OpenPack
from app.packing.scan_rules import Decision

O = ScanOutcome
scans_t = ScanRecord.__table__
lines_t = OrderLine.__table__
items_t = ParcelItem.__table__
serials_t = SerialNumber.__table__
orders_t = Order.__table__
events_t = OrderEvent.__table__

EVENTS = {
    O.ACCEPTED: "ItemScanned", O.WRONG_ITEM: "WrongItemScanned", O.UNKNOWN: "UnknownBarcodeScanned",
    O.OVER_SCAN: "OverScanned", O.UNDONE: "ScanUndone", O.INVALID_GS1: "InvalidCheckDigitScanned",
    O.SERIAL_USED: "SerialAlreadyUsed", O.WRONG_LABEL: "WrongLabelScanned",
}


class Conflict(Exception):
    """The database refused what the cache allowed (another station, a race): reload and retry."""


def _statements() -> dict[str, Any]:
    return {
        "scan": insert_scan().returning(scans_t.c.id),
        # the line takes the units only while it has room and this station holds the order
        "pack_units": update(lines_t).where(
            lines_t.c.id == bindparam("line_id"),
            lines_t.c.packed_quantity + lines_t.c.backordered_quantity + bindparam("n") <= lines_t.c.quantity,
            lines_t.c.order_id.in_(select(orders_t.c.id).where(
                orders_t.c.id == bindparam("b_order"), orders_t.c.status == "packing",
                orders_t.c.claimed_by_station == bindparam("station")).scalar_subquery()),
        ).values(packed_quantity=lines_t.c.packed_quantity + bindparam("n")),
        "item": insert(items_t).values(
            parcel_id=bindparam("parcel_id"), order_line_id=bindparam("line_id"), quantity=bindparam("n"),
            lot=bindparam("lot"), expiry=bindparam("expiry"), serial=bindparam("serial"),
            scan_id=bindparam("scan_id")).returning(items_t.c.id),
        "serial": insert(serials_t).values(
            product_id=bindparam("product_id"), serial=bindparam("serial"), order_id=bindparam("order_id"),
            parcel_item_id=bindparam("item_id")),
        # the scan's entry in the order's event log: the row app.orders.lifecycle.record_event writes
        "event": insert(events_t).values(
            order_id=bindparam("order_id"), at=bindparam("at"), kind=bindparam("kind"),
            station=bindparam("station"), username=bindparam("user"), detail=bindparam("detail")),
    }


_BUILT = _statements()
PREPARED = sql.StatementCache({name: (lambda s=s: s) for name, s in _BUILT.items()})


class Writer(Protocol):
    def first(self, name: str, values: dict[str, Any]) -> Any: ...  # first column of the first row
    def run(self, name: str, values: dict[str, Any]) -> int: ...  # rows touched


class SessionWriter:
    """The statements on an ORM unit of work's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def first(self, name: str, values: dict[str, Any]) -> Any:
        return self.conn.execute(_BUILT[name], values).scalar_one()

    def run(self, name: str, values: dict[str, Any]) -> int:
        return self.conn.execute(_BUILT[name], values).rowcount


class LinkWriter:
    """The statements, compiled once, on the station's own link (one transaction)."""

    def __init__(self, link: sql.Link) -> None:
        self.link = link

    def first(self, name: str, values: dict[str, Any]) -> Any:
        row = self.link.one(PREPARED.get(self.link.dialect, name), values)
        assert row is not None, f"{name} returned no row"
        return row[0]

    def run(self, name: str, values: dict[str, Any]) -> int:
        return self.link.run(PREPARED.get(self.link.dialect, name), values)


def write_scan(w: Writer, station: str, pack: OpenPack, user: Packer, data: str, symbology: str | None,
               d: Decision, at: object) -> int:
    """The scan's row, the units it packs (ACCEPTED) and its event; the scan's id. UNDONE
    needs `undo_scan` on a SessionWriter first."""
    outcome = d.outcome
    scan_id = int(w.first("scan", {
        "at": at, "station": station, "user": user.username, "order_id": pack.order_id,
        "data": data[:400], "symbology": symbology, "outcome": outcome.value,
        "product_id": d.product.product_id if d.product else None, "quantity": d.quantity,
        "message": d.message[:400]}))
    if outcome is O.ACCEPTED:
        _place(w, station, pack, d, scan_id)
    kind = EVENTS.get(outcome)
    if kind is not None:
        detail = {"barcode": data, "line_no": d.line_no, "lot": d.lot, "parcel": pack.open_parcel_seq,
                  "quantity": d.quantity or None, "scan_id": scan_id, "serial": d.serial,
                  "sku": d.product.sku if d.product else None}
        w.run("event", {"order_id": pack.order_id, "at": utcnow(), "kind": kind, "station": station,
                        "user": user.username, "detail": json.dumps(detail, default=str, sort_keys=True)})
    return scan_id


def _place(w: Writer, station: str, pack: OpenPack, d: Decision, scan_id: int) -> None:
    if pack.open_parcel_id is None:
        raise Conflict(f"order {pack.number} has no open parcel")
    line_id = pack.line_ids[d.line_no or 0]
    if w.run("pack_units", {"line_id": line_id, "n": d.quantity, "b_order": pack.order_id,
                            "station": station}) != 1:
        raise Conflict(f"line {d.line_no} of {pack.number} cannot take {d.quantity} more, "
                       f"or station {station} no longer holds the order")
    item_id = w.first("item", {
        "parcel_id": pack.open_parcel_id, "line_id": line_id, "n": d.quantity, "lot": d.lot,
        "expiry": d.expiry.isoformat() if d.expiry else None, "serial": d.serial, "scan_id": scan_id})
    if d.serial is not None and d.product is not None:
        w.run("serial", {"product_id": d.product.product_id, "serial": d.serial,
                         "order_id": pack.order_id, "item_id": item_id})


def undo_scan(conn: Connection, pack: OpenPack, d: Decision) -> None:
    """Takes the last accepted scan's units back out of the open parcel."""
    last = d.undo
    assert last is not None
    items = select(items_t.c.id).where(items_t.c.scan_id == last.scan_id,
                                       items_t.c.parcel_id == pack.open_parcel_id)
    conn.execute(delete(serials_t).where(serials_t.c.parcel_item_id.in_(items.scalar_subquery())))
    removed = conn.execute(delete(items_t).where(items_t.c.scan_id == last.scan_id,
                                                 items_t.c.parcel_id == pack.open_parcel_id)).rowcount
    if removed != 1:
        raise Conflict(f"scan {last.scan_id} is no longer in the open parcel of {pack.number}")
    conn.execute(update(lines_t).where(lines_t.c.id == pack.line_ids[last.line_no])
                 .values(packed_quantity=lines_t.c.packed_quantity - last.quantity))
