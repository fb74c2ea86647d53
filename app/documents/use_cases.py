"""The documents' use cases: each reads (and, for labels, invoices and pick lists, writes)
in one transaction and returns a plain read model for printing/ to render."""
from __future__ import annotations

import logging
from datetime import date, datetime, timezone

from app.documents import assemble
from app.packing.labels import allocate_parcel_numbers
from app.documents.models import BadgeHolder, DocumentError, Invoice, Manifest, PackingSlip, ParcelLabel, PickList
from app.orders.errors import OrderNotFound
from app.packing.settings import PackingSettings
from app.store.documents import DocumentStore, OrderRecord, ParcelRecord, document_reads, document_transaction
from app.store.order_queries import utc_day
from app.store.session import Database

log = logging.getLogger(__name__)


def _parcels(store: DocumentStore, order: OrderRecord, seq: int | None) -> list[ParcelRecord]:
    parcels = store.parcels(order.id, seq)
    if seq is not None and not parcels:
        raise DocumentError(f"order {order.number} has no parcel {seq}; leave out --parcel to see all")
    return parcels


def labels(db: Database, settings: PackingSettings, key: str, seq: int | None = None) -> list[ParcelLabel]:
    """The labels of an order's parcels (key: order number, tote or parcel id; only parcel
    `seq` if given); an order with no parcel yet gets one pre-printed label with fresh numbers."""
    with document_transaction(db) as store:
        try:
            order = store.find_order(key)
            parcels = _parcels(store, order, seq)
        except OrderNotFound:
            found = store.order_of_parcel(int(key)) if key.isdigit() else None
            if found is None:
                raise
            order, parcel = found
            parcels = [parcel]
        if not parcels:
            serial, tracking = allocate_parcel_numbers(store.counters, settings)
            store.record_event(order.id, "LabelPreprinted", sscc=serial, tracking_number=tracking)
            log.info("pre-printed label for %s: SSCC %s, tracking %s", order.number, serial, tracking)
            return [assemble.preprinted_label(order, settings, serial, tracking)]
        return assemble.parcel_labels(order, parcels, len(store.parcels(order.id)), settings)


def packing_slip(db: Database, key: str, seq: int | None = None) -> PackingSlip:
    """The packing slip of an order: the contents of parcel `seq`, or of the whole order."""
    with document_reads(db) as store:
        order = store.find_order(key)
        parcel = _parcels(store, order, seq)[0] if seq is not None else None
        contents = store.parcel_contents(parcel.id) if parcel else {}
        return assemble.packing_slip(order, parcel, contents, len(store.parcels(order.id)))


def invoice(db: Database, key: str) -> Invoice:
    """The order's invoice; its number is taken from the 'invoice' counter once and kept in the
    order's event log, so a reprint shows the same number."""
    with document_transaction(db) as store:
        order = store.find_order(key)
        issued = store.issued_invoice(order.id)
        if issued is not None:
            number, day = issued
        else:
            day = datetime.now(timezone.utc).date()
            number = f"INV-{day.year}-{store.next_value('invoice'):06d}"
            store.record_event(order.id, "InvoiceIssued", invoice_number=number)
        return assemble.invoice(order, number, day)


def pick_list(db: Database, target: str) -> PickList:
    """A pick list for the named orders (comma-separated numbers or totes, or 'ready'), each
    line at the location with the most stock; kept so that a station scanning it takes its orders."""
    with document_transaction(db) as store:
        if target == "ready":
            orders = store.orders_in_status("ready")
        else:
            orders = [store.find_order(key.strip()) for key in target.split(",") if key.strip()]
        if not orders:
            raise DocumentError(f"no orders to pick for {target!r}")
        lines = []
        for order in orders:
            places = {line.product_id: store.most_stock(line.product_id) for line in order.lines if line.product_id}
            lines += assemble.pick_items(order, places)
        code = f"PL-{store.next_value('picklist'):06d}"
        store.save_pick_list(code, [order.id for order in orders])
        return PickList(code, datetime.now(timezone.utc).date(), tuple(lines),
                        {o.number: o.tote for o in orders if o.tote})


def manifest(db: Database, settings: PackingSettings, carrier: str, day: date) -> Manifest:
    """The carrier's closed or confirmed parcels of a UTC day."""
    start, end = utc_day(day)
    with document_reads(db) as store:
        shipped = store.shipped_between(start, end)
    return assemble.manifest(carrier, day, shipped, settings)


def badge_holders(db: Database) -> list[BadgeHolder]:
    """The active users' badges, by role and name."""
    with document_reads(db) as store:
        return [BadgeHolder(u.display_name, u.badge_code, u.role) for u in store.active_users()]
