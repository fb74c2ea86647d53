"""The documents' use cases: each reads (and, for labels, invoices and pick lists, writes)
in one transaction and returns a plain read model for printing/ to render."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import TypeVar
from zoneinfo import ZoneInfo

from app.documents import assemble
from app.packing.labels import allocate_parcel_numbers
from app.documents.models import BadgeHolder, DocumentError, Invoice, Manifest, PackingSlip, ParcelLabel, PickList
from app.orders.errors import OrderNotFound
from app.packing.settings import PackingSettings
from app.store.documents import DocumentStore, OrderRecord, ParcelRecord, document_reads, document_transaction
from app.shipping.dispatch import dock_day
from app.store.session import Database
from app.translator import phrase
from app.store.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

# A tote names an order only while the order's units are in it: being picked, picked and
# waiting for a station, being packed, or held on the way. Once packed the tote is emptied
# and reused, so an older order that once had it is never what a tote scan means.
TOTE_IN_USE = ("picking", "picked", "packing", "on_hold")

READY_TO_PICK = "allocated"  # `picklist ready`: orders whose stock is held for them
T = TypeVar("T")
# deliver(document): renders and writes the document inside the use case's transaction, so
# that the numbers and events it records are committed only once the document is written
Deliver = Callable[[T], None]


def find_order(store: DocumentStore, key: str) -> OrderRecord:
    """The order numbered `key`, else the one order whose units are in tote `key` now."""
    order = store.order_numbered(key)
    if order is not None:
        return order
    in_tote = store.orders_in_tote(key)
    if not in_tote:
        raise OrderNotFound(key)
    in_use = [o for o in in_tote if o.status in TOTE_IN_USE]
    if len(in_use) == 1:
        return in_use[0]
    if in_use:
        named = ", ".join(f"{o.number} ({o.status})" for o in in_use)
        raise DocumentError(phrase("tote %(tote)s is in use by %(n)s orders: %(orders)s; give the order number "
                                   "instead", tote=key, n=len(in_use), orders=named))
    last = in_tote[0]
    raise DocumentError(phrase("tote %(tote)s holds no order being picked or packed now (its last order, "
                               "%(number)s, is %(status)s); give the order number instead",
                               tote=key, number=last.number, status=last.status))


def _parcels(store: DocumentStore, order: OrderRecord, seq: int | None) -> list[ParcelRecord]:
    parcels = store.parcels(order.id, seq)
    if seq is not None and not parcels:
        raise DocumentError(phrase("order %(number)s has no parcel %(seq)s; leave out --parcel to see all",
                                   number=order.number, seq=seq))
    return parcels


def labels(db: Database, settings: PackingSettings, key: str, seq: int | None = None,
           deliver: Deliver[list[ParcelLabel]] | None = None) -> list[ParcelLabel]:
    """The labels of an order's parcels (key: order number, tote or parcel id; only parcel
    `seq` if given); an order with no parcel yet gets one pre-printed label with fresh numbers,
    kept only if `deliver` (called before the commit) succeeds."""
    with document_transaction(db) as store:
        try:
            order = find_order(store, key)
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
            made = [assemble.preprinted_label(order, settings, serial, tracking)]
        else:
            made = assemble.parcel_labels(order, parcels, len(store.parcels(order.id)), settings)
        if deliver is not None:
            deliver(made)
        return made


def packing_slip(db: Database, key: str, seq: int | None = None) -> PackingSlip:
    """The packing slip of an order: the contents of parcel `seq`, or of the whole order."""
    with document_reads(db) as store:
        order = find_order(store, key)
        parcel = _parcels(store, order, seq)[0] if seq is not None else None
        contents = store.parcel_contents(parcel.id) if parcel else {}
        return assemble.packing_slip(order, parcel, contents, len(store.parcels(order.id)))


def invoice(db: Database, key: str, deliver: Deliver[Invoice] | None = None) -> Invoice:
    """The order's invoice; its number is taken from the 'invoice' counter once and kept in the
    order's event log (only if `deliver`, called before the commit, succeeds), so a reprint
    shows the same number."""
    with document_transaction(db) as store:
        order = find_order(store, key)
        issued = store.issued_invoice(order.id)
        if issued is not None:
            number, day = issued
        else:
            day = datetime.now(timezone.utc).date()
            number = f"INV-{day.year}-{store.next_value('invoice'):06d}"
            store.record_event(order.id, "InvoiceIssued", invoice_number=number)
        made = assemble.invoice(order, number, day)
        if deliver is not None:
            deliver(made)
        return made


def pick_list(db: Database, target: str, deliver: Deliver[PickList] | None = None) -> PickList:
    """A pick list for the named orders (comma-separated numbers or totes, or 'ready'), each
    line at the location with the most stock; kept so that a station scanning it takes its
    orders (only if `deliver`, called before the commit, succeeds)."""
    with document_transaction(db) as store:
        if target == "ready":
            orders = store.orders_in_status(READY_TO_PICK)
            if not orders:
                raise DocumentError(phrase("no order is %(status)s (stock held, ready to pick) now; name the "
                                           "orders to pick instead", status=READY_TO_PICK))
        else:
            orders = [find_order(store, key.strip()) for key in target.split(",") if key.strip()]
        if not orders:
            raise DocumentError(phrase("no orders to pick for %(target)s; name order numbers or totes",
                                       target=repr(target)))
        lines = []
        for order in orders:
            places = {line.product_id: store.most_stock(line.product_id) for line in order.lines if line.product_id}
            lines += assemble.pick_items(order, places)
        code = f"PL-{store.next_value('picklist'):06d}"
        store.save_pick_list(code, [order.id for order in orders])
        made = PickList(code, datetime.now(timezone.utc).date(), tuple(lines),
                        {o.number: o.tote for o in orders if o.tote})
        if deliver is not None:
            deliver(made)
        return made


def manifest(db: Database, settings: PackingSettings, carrier: str, day: date, zone: ZoneInfo) -> Manifest:
    """The carrier's parcels handed over on a local day (`zone`: [shipping] timezone), and those
    never scanned: the dock's own list (app.shipping.dispatch.dock_day), each parcel under its
    own carrier (else its order's, else the [carrier] the station numbers parcels with)."""
    listing = dock_day(SqlUnitOfWork(db), carrier, day, zone, builtin=settings.carrier.name)
    return assemble.manifest(listing, carrier, settings)


def badge_holders(db: Database) -> list[BadgeHolder]:
    """The active users' badges, by role and name."""
    with document_reads(db) as store:
        return [BadgeHolder(u.display_name, u.badge_code, u.role) for u in store.active_users()]
