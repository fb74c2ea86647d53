"""An in-memory unit of work: the port of app.unit_of_work on plain dicts of records.

`FakeStore` holds the tables; `FakeUnitOfWork(store)` copies them on entry and puts the copy
back only on commit, so a block left without commit changes nothing (as a rolled-back
transaction). It keeps the rules the database enforces for the SQL store: a line never takes
more units than it has room for, only the holding station packs, a serial ships once.
"""
from __future__ import annotations

import copy
import itertools
from decimal import Decimal
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from app.audit.chain import GENESIS, AuditEntry, detail_text, record_hash
from app.orders.status import queued_for_packing
from app.unit_of_work import (
    NewEvent, NewPickList, PickLineRecord, PickListRecord, PickStop,
    BarcodeRecord, BoxRecord, ClaimRow, Conflict, ExceptionRecord, ItemRecord, LabelRecord, LineRecord, LineToValidate,
    CaptureRequestRecord, DockLine, OrderHoldRecord, OrderRecord, ParcelRecord, ProductRecord, ScanEntry, ScanTally, StockBin,
    StockHoldRecord, UserRecord, RateTable, MessageRecord, PaymentRecord, ReturnLineRecord, ReturnRecord,
    ArchivedRecord, ExchangeLineRecord, ManifestRecord, LineToAllocate, OrderToAllocate, OrderToValidate, OrderToWave,
)


@dataclass
class Tables:
    """Every table of the fake, keyed by id (or by name)."""

    orders: dict[int, OrderRecord] = field(default_factory=dict)
    lines: dict[int, LineRecord] = field(default_factory=dict)
    priorities: dict[int, int] = field(default_factory=dict)  # order id -> priority (higher first)
    products: dict[int, ProductRecord] = field(default_factory=dict)
    barcodes: list[BarcodeRecord] = field(default_factory=list)
    boxes: dict[int, BoxRecord] = field(default_factory=dict)
    parcels: dict[int, ParcelRecord] = field(default_factory=dict)
    items: dict[int, ItemRecord] = field(default_factory=dict)
    serials: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)  # -> (order id, item id)
    labels: dict[int, LabelRecord] = field(default_factory=dict)
    scans: dict[int, ScanEntry] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    station_log: list[dict[str, Any]] = field(default_factory=list)
    users: dict[int, UserRecord] = field(default_factory=dict)
    exceptions: dict[int, ExceptionRecord] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    bins: dict[int, StockBin] = field(default_factory=dict)
    stock_holds: dict[int, StockHoldRecord] = field(default_factory=dict)
    order_holds: dict[int, OrderHoldRecord] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    pick_lists: dict[int, PickListRecord] = field(default_factory=dict)
    pick_lines: dict[int, PickLineRecord] = field(default_factory=dict)
    rate_table: RateTable = field(default_factory=RateTable)
    tracking: set[tuple[int, str, datetime]] = field(default_factory=set)
    sla_flagged: dict[int, datetime] = field(default_factory=dict)
    outbox: dict[int, MessageRecord] = field(default_factory=dict)
    payments: dict[int, PaymentRecord] = field(default_factory=dict)
    captures: dict[int, CaptureRequestRecord] = field(default_factory=dict)
    returns: dict[int, ReturnRecord] = field(default_factory=dict)
    return_lines: dict[int, ReturnLineRecord] = field(default_factory=dict)
    archive: dict[int, ArchivedRecord] = field(default_factory=dict)
    manifests: dict[int, ManifestRecord] = field(default_factory=dict)


class FakeStore:
    """The committed state, and the ids it hands out."""

    def __init__(self) -> None:
        self.tables = Tables()
        self._ids = itertools.count(1)
        self.commits = 0

    def new_id(self) -> int:
        """A fresh id for any table (ids never repeat, as sequences do not)."""
        return next(self._ids)

    # seeding (committed at once: test set-up, not use cases)
    def add_product(self, product: ProductRecord, *codes: tuple[str, int]) -> ProductRecord:
        self.tables.products[product.id] = product
        self.tables.barcodes.extend(BarcodeRecord(code, product.id, qty) for code, qty in codes)
        return product

    def add_order(self, number: str, lines: list[tuple[ProductRecord, int]], *, status: str = "picked",
                  priority: int = 0, **header: Any) -> OrderRecord:
        header.setdefault("created_at", datetime(2025, 3, 1, tzinfo=timezone.utc))
        order = OrderRecord(self.new_id(), number, status, priority=priority, **header)
        self.tables.orders[order.id] = order
        self.tables.priorities[order.id] = priority
        for no, (product, quantity) in enumerate(lines, start=1):
            line = LineRecord(self.new_id(), order.id, no, product.id, product.sku, product.name, quantity)
            self.tables.lines[line.id] = line
        return order

    def add_bin(self, product: ProductRecord, location: str, quantity: int, *, walk_sequence: int = 0,
                lot: str | None = None, expiry: Any = None) -> StockBin:
        stock = StockBin(self.new_id(), product.id, location, quantity, 0, walk_sequence, "", lot, expiry)
        self.tables.bins[stock.id] = stock
        return stock


class FakeUnitOfWork:
    """The unit-of-work port on a FakeStore."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store
        self.t: Tables | None = None
        self.committed = False

    def __enter__(self) -> FakeUnitOfWork:
        assert self.t is None, "a unit of work is entered once at a time"
        self.t = copy.deepcopy(self.store.tables)
        self.orders, self.products, self.boxes = _Orders(self), _Products(self), _Boxes(self)
        self.parcels, self.serials, self.labels = _Parcels(self), _Serials(self), _Labels(self)
        self.scans, self.events, self.station_log = _Scans(self), _Events(self), _StationLog(self)
        self.users, self.exceptions, self.counters = _Users(self), _Exceptions(self), _Counters(self)
        self.stock, self.holds, self.audit, self.picks = _Stock(self), _Holds(self), _Audit(self), _Picks(self)
        self.carriers, self.outbox, self.payments = _Carriers(self), _Outbox(self), _Payments(self)
        self.returns, self.archive, self.captures = _Returns(self), _Archive(self), _Captures(self)
        return self

    def commit(self) -> None:
        assert self.t is not None
        self.store.tables = copy.deepcopy(self.t)
        self.store.commits += 1

    def __exit__(self, *exc: object) -> None:
        self.t = None  # what was not committed is dropped


class _Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def t(self) -> Tables:
        assert self.uow.t is not None, "a repository is used inside `with uow:` only"
        return self.uow.t

    def new_id(self) -> int:
        return self.uow.store.new_id()


class _Orders(_Repo):
    def get(self, number: str) -> OrderRecord | None:
        return next((o for o in self.t.orders.values() if o.number == number), None)

    def get_by_id(self, order_id: int) -> OrderRecord | None:
        return self.t.orders.get(order_id)

    def lines(self, order_id: int) -> list[LineRecord]:
        return sorted((x for x in self.t.lines.values() if x.order_id == order_id), key=lambda x: x.line_no)

    def _change(self, order_id: int, **changes: Any) -> None:
        order = self.t.orders[order_id]
        self.t.orders[order_id] = replace(order, version=order.version + 1, **changes)

    def set_status(self, order_id: int, status: str) -> None:
        self._change(order_id, status=status)

    def set_statuses(self, order_ids: list[int], status: str) -> None:
        for order_id in order_ids:
            self.set_status(order_id, status)

    def _lines_of_orders(self, order_ids: list[int]) -> dict[int, list[LineRecord]]:
        return {i: lines for i in order_ids if (lines := self.lines(i))}

    def clear_lease(self, order_id: int) -> None:
        self._change(order_id, claimed_by_station=None, claimed_by_user=None, lease_expires_at=None)

    def add_backorder(self, line_id: int, quantity: int) -> None:
        line = self.t.lines[line_id]
        self.t.lines[line_id] = replace(line, backordered_quantity=line.backordered_quantity + quantity)

    def pack_units(self, line_id: int, quantity: int, order_id: int, station: str) -> bool:
        line, order = self.t.lines[line_id], self.t.orders[order_id]
        if order.status != "packing" or order.claimed_by_station != station or line.order_id != order_id:
            return False
        if line.packed_quantity + line.backordered_quantity + quantity > line.quantity:
            return False
        self.t.lines[line_id] = replace(line, packed_quantity=line.packed_quantity + quantity)
        return True

    def unpack_units(self, line_id: int, quantity: int) -> None:
        line = self.t.lines[line_id]
        self.t.lines[line_id] = replace(line, packed_quantity=line.packed_quantity - quantity)

    def held_by(self, station: str, leased: frozenset[str] = frozenset()) -> str | None:
        return next((o.number for o in self.t.orders.values()
                     if o.claimed_by_station == station and o.status == "packing" and o.number not in leased), None)

    def _claimable(self, o: OrderRecord, now: datetime) -> bool:
        return queued_for_packing(o.status, o.pack_from) or (
            o.status == "packing" and o.lease_expires_at is not None and o.lease_expires_at < now)

    def queue_size(self, now: datetime) -> int:
        return sum(1 for o in self.t.orders.values() if self._claimable(o, now))

    def _row(self, o: OrderRecord) -> ClaimRow:
        return ClaimRow(o.id, o.number, o.status, o.claimed_by_station, o.claimed_by_user, o.lease_expires_at,
                        o.version, o.pack_from)

    def claim_next(self, station: str, user: str | None, now: datetime, expires: datetime) -> ClaimRow | None:
        queue = sorted((o for o in self.t.orders.values() if self._claimable(o, now)),
                       key=lambda o: (-self.t.priorities.get(o.id, 0), o.sla_due_at is None, o.sla_due_at or now, o.id))
        if not queue:
            return None
        row = self._row(queue[0])
        version = self.take(row.order_id, row.version, station, user, expires)
        return replace(row, version=version)

    def find_to_claim(self, key: str, station: str, now: datetime) -> ClaimRow | None:
        hits = [o for o in self.t.orders.values() if key in (o.number, o.tote)]
        hits.sort(key=lambda o: (o.number != key, not (queued_for_packing(o.status, o.pack_from)
                                                       or o.status == "packing"), -o.id))
        return self._row(hits[0]) if hits else None  # (the fake has no pick lists)

    def pick_list_exists(self, code: str) -> bool:
        return False

    def locked_by_id(self, order_id: int) -> OrderRecord | None:
        return self.get_by_id(order_id)  # the fake has one writer

    def lock(self, number: str) -> ClaimRow | None:
        order = self.get(number)
        return None if order is None else self._row(order)

    def release_lease(self, number: str, station: str, to_status: str | None) -> ClaimRow | None:
        order = self.get(number)
        if order is None or order.status != "packing" or order.claimed_by_station != station:
            return None
        target = to_status or ("allocated" if order.pack_from == "allocated" else "picked")
        self._change(order.id, status=target, claimed_by_station=None, claimed_by_user=None, lease_expires_at=None)
        return replace(self._row(self.t.orders[order.id]), user=None, lease_expires_at=None)

    def take(self, order_id: int, version: int, station: str, user: str | None, expires: datetime) -> int | None:
        if self.t.orders[order_id].version != version:
            return None
        self._change(order_id, status="packing", claimed_by_station=station, claimed_by_user=user,
                     lease_expires_at=expires)
        return self.t.orders[order_id].version

    def renew_lease(self, number: str, station: str, expires: datetime, user: str | None = None) -> bool:
        order = self.get(number)
        if order is None or order.status != "packing" or order.claimed_by_station != station:
            return False
        self.t.orders[order.id] = replace(order, lease_expires_at=expires, claimed_by_user=user or order.claimed_by_user)
        return True

    def in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderRecord]:
        far = datetime.max.replace(tzinfo=timezone.utc)
        found = [o for o in self.t.orders.values() if o.status in statuses and (numbers is None or o.number in numbers)]
        return sorted(found, key=lambda o: (-o.priority, o.sla_due_at or far, o.created_at or far, o.id))

    def numbers_in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[str]:
        return [o.number for o in self.in_status(statuses, numbers)]

    def to_allocate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToAllocate]:
        return [OrderToAllocate(o.id, o.number, o.status, o.channel, o.pack_from) for o in self.in_status(statuses, numbers)]

    def to_validate(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToValidate]:
        return [OrderToValidate(o.id, o.number, o.status, o.email, o.financial_status, o.currency, o.shipping_total,
                                o.discount_total, o.tax_total, o.total, o.billing_postcode, o.billing_country,
                                o.ship_to) for o in sorted(self.in_status(statuses, numbers), key=lambda o: o.id)]

    def to_wave(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderToWave]:
        return [OrderToWave(o.id, o.number, o.status, o.carrier, o.sla_due_at, o.pack_from)
                for o in self.in_status(statuses, numbers)]

    def lines_to_allocate(self, order_ids: list[int]) -> dict[int, list[LineToAllocate]]:
        return {i: [LineToAllocate(l.id, l.order_id, l.line_no, l.product_id, l.sku, l.quantity, l.backordered_quantity)
                    for l in lines] for i, lines in self._lines_of_orders(order_ids).items()}

    def lines_to_validate(self, order_ids: list[int]) -> dict[int, list[LineToValidate]]:
        return {i: [LineToValidate(l.order_id, l.line_no, l.product_id, l.sku, l.quantity, l.unit_price, l.discount)
                    for l in lines] for i, lines in self._lines_of_orders(order_ids).items()}

    def orders_of_customer(self, email: str) -> int:
        return sum(1 for o in self.t.orders.values() if o.email == email)

    def orders_of_customers(self, emails: set[str]) -> dict[str, int]:
        return {e: n for e in emails if (n := self.orders_of_customer(e))}

    def set_pack_from(self, order_id: int, pack_from: str) -> None:
        self._change(order_id, pack_from=pack_from)


class _Products(_Repo):
    def by_ids(self, ids: set[int]) -> list[ProductRecord]:
        return [p for p in self.t.products.values() if p.id in ids]

    def barcodes_of(self, product_ids: set[int]) -> list[BarcodeRecord]:
        return [b for b in self.t.barcodes if b.product_id in product_ids]

    def by_barcode(self, codes: set[str]) -> tuple[ProductRecord, int] | None:
        hit = next((b for b in self.t.barcodes if b.code in codes), None)
        return None if hit is None else (self.t.products[hit.product_id], hit.quantity)

    def by_sku(self, sku: str) -> ProductRecord | None:
        return next((p for p in self.t.products.values() if p.sku == sku), None)


class _Boxes(_Repo):
    def enabled(self) -> list[BoxRecord]:
        return sorted((b for b in self.t.boxes.values() if b.enabled), key=lambda b: b.id)

    def get(self, box_id: int) -> BoxRecord | None:
        return self.t.boxes.get(box_id)

    def find(self, code_or_barcode: str) -> BoxRecord | None:
        return next((b for b in self.t.boxes.values() if code_or_barcode in (b.barcode, b.code)), None)


class _Parcels(_Repo):
    def of_order(self, order_id: int) -> list[ParcelRecord]:
        return sorted((p for p in self.t.parcels.values() if p.order_id == order_id and p.status != "voided"),
                      key=lambda p: p.seq)

    def get(self, parcel_id: int) -> ParcelRecord | None:
        return self.t.parcels.get(parcel_id)

    def by_label_code(self, code: str) -> ParcelRecord | None:
        return next((p for p in self.t.parcels.values() if code in (p.sscc, p.tracking_number)), None)

    def add(self, parcel: ParcelRecord) -> int:
        new = replace(parcel, id=self.new_id())
        self.t.parcels[new.id] = new
        return new.id

    def save(self, parcel: ParcelRecord) -> None:
        assert parcel.id in self.t.parcels
        self.t.parcels[parcel.id] = parcel

    def hand_over(self, parcel_id: int, at: datetime, user: str | None) -> None:
        self.t.parcels[parcel_id] = replace(self.t.parcels[parcel_id], handed_over_at=at, handed_over_by=user)

    def delete(self, parcel_id: int) -> None:
        self.t.parcels.pop(parcel_id, None)

    def items(self, parcel_ids: list[int]) -> list[ItemRecord]:
        return sorted((i for i in self.t.items.values() if i.parcel_id in parcel_ids), key=lambda i: i.id)

    def add_item(self, item: ItemRecord) -> int:
        new = replace(item, id=self.new_id())
        self.t.items[new.id] = new
        return new.id

    def remove_items_of_scan(self, scan_id: int, parcel_id: int) -> int:
        gone = [i.id for i in self.t.items.values() if i.scan_id == scan_id and i.parcel_id == parcel_id]
        for item_id in gone:
            del self.t.items[item_id]
        for key, (_, item_id) in list(self.t.serials.items()):
            if item_id in gone:
                del self.t.serials[key]
        return len(gone)


class _Serials(_Repo):
    def of_order(self, order_id: int) -> set[tuple[int, str]]:
        return {key for key, (owner, _) in self.t.serials.items() if owner == order_id}

    def used(self, product_id: int, serial: str) -> bool:
        return (product_id, serial) in self.t.serials

    def add(self, product_id: int, serial: str, order_id: int, item_id: int) -> None:
        if (product_id, serial) in self.t.serials:
            raise Conflict(f"serial {serial} of product {product_id} was already packed")
        self.t.serials[(product_id, serial)] = (order_id, item_id)


class _Labels(_Repo):
    def get(self, label_id: int) -> LabelRecord | None:
        return self.t.labels.get(label_id)

    def newest(self, parcel_id: int) -> LabelRecord | None:
        return max((x for x in self.t.labels.values() if x.parcel_id == parcel_id), key=lambda x: x.version,
                   default=None)

    def add(self, label: LabelRecord) -> int:
        new = replace(label, id=self.new_id())
        self.t.labels[new.id] = new
        return new.id

    def save(self, label: LabelRecord) -> None:
        assert label.id in self.t.labels
        self.t.labels[label.id] = label


class _Scans(_Repo):
    def add(self, entry: ScanEntry) -> int:
        scan_id = self.new_id()
        self.t.scans[scan_id] = entry
        return scan_id

    def last_of_order(self, order_id: int, outcomes: frozenset[str]) -> ScanEntry | None:
        mine = [s for _, s in sorted(self.t.scans.items()) if s.order_id == order_id and s.outcome in outcomes]
        return mine[-1] if mine else None

    def tally(self, username: str, since: datetime, accepted: str, undone: str, errors: frozenset[str]) -> ScanTally:
        mine = [s for s in self.t.scans.values() if s.username == username and s.at >= since]
        return ScanTally(sum(1 for s in mine if s.outcome == accepted),
                         sum(s.quantity for s in mine if s.outcome in (accepted, undone)),
                         sum(1 for s in mine if s.outcome in errors))


class _Events(_Repo):
    def add(self, order_id: int, kind: str, *, station: str | None = None, user: str | None = None,
            from_status: str | None = None, to_status: str | None = None,
            detail: dict[str, Any] | None = None, at: datetime | None = None) -> None:
        self.t.events.append(dict(order_id=order_id, kind=kind, station=station, user=user, from_status=from_status,
                                  to_status=to_status, detail=detail or {}, at=at or datetime.now(timezone.utc)))

    def add_many(self, events: list[NewEvent]) -> None:
        for e in events:
            self.add(e.order_id, e.kind, station=e.station, user=e.user, from_status=e.from_status,
                     to_status=e.to_status, detail=e.detail)

    def count(self, username: str, since: datetime, kind: str, to_status: str | None) -> int:
        return sum(1 for e in self.t.events if e["user"] == username and e["at"] >= since and e["kind"] == kind
                   and e["to_status"] == to_status)

    def status_before(self, order_id: int, status: str) -> str | None:
        return next((e["from_status"] for e in reversed(self.t.events) if e["order_id"] == order_id
                     and e["kind"] == "StatusChanged" and e["to_status"] == status), None)

    def last_detail(self, order_id: int, kind: str) -> dict[str, Any] | None:
        return next((dict(e["detail"]) for e in reversed(self.t.events) if e["order_id"] == order_id
                     and e["kind"] == kind), None)


class _StationLog(_Repo):
    def add(self, station: str, kind: str, action: str, username: str | None, method: str | None,
            order_id: int | None, detail: dict[str, Any] | None, at: datetime) -> None:
        self.t.station_log.append(dict(station=station, kind=kind, action=action, username=username, method=method,
                                       order_id=order_id, detail=detail or {}, at=at))

    def refusals(self, station: str, since: datetime, containing: str) -> tuple[int, datetime | None]:
        hits = [e["at"] for e in self.t.station_log if e["station"] == station and e["kind"] == "SupervisorRefused"
                and e["at"] >= since and containing in str(e["detail"])]
        return len(hits), max(hits, default=None)


class _Users(_Repo):
    def active(self) -> list[UserRecord]:
        return [u for u in self.t.users.values() if u.active]

    def by_badge(self, badge: str) -> UserRecord | None:
        return next((u for u in self.active() if u.badge_code == badge), None)


class _Exceptions(_Repo):
    def add(self, exception: ExceptionRecord) -> int:
        exception_id = self.new_id()
        self.t.exceptions[exception_id] = exception
        return exception_id

    def resolve(self, exception_id: int, by: str, resolution: str, at: datetime) -> None:
        self.t.exceptions[exception_id] = replace(self.t.exceptions[exception_id], resolved_at=at,
                                                  resolved_by=by, resolution=resolution)


class _Audit(_Repo):
    """The chained audit log, hashed as app.store.audit_log does."""

    def append(self, actor: str, action: str, subject: str, detail: dict[str, Any] | None = None,
               at: datetime | None = None, chain: str = "") -> int:
        last = next((e for e in reversed(self.t.audit) if e.chain == chain), None)
        seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
        moment, text = at or datetime.now(timezone.utc), detail_text(detail)
        self.t.audit.append(AuditEntry(seq, moment, actor, action, subject, text, prev,
                                       record_hash(prev, seq, moment, actor, action, subject, text, chain), chain))
        return seq

    def append_many(self, entries: list[tuple[str, str, str, dict[str, Any] | None]], chain: str = "") -> None:
        for actor, action, subject, detail in entries:
            self.append(actor, action, subject, detail, chain=chain)


class _Counters(_Repo):
    def next(self, name: str) -> int:
        self.t.counters[name] = self.t.counters.get(name, 0) + 1
        return self.t.counters[name]

    def next_many(self, name: str, count: int) -> int:
        first = self.t.counters.get(name, 0) + 1
        self.t.counters[name] = first + count - 1
        return first


# what a ledger move does to the bin: (allocated, on hand) added, as app.store.stock_repositories
_STOCK_EFFECT = {("held", "picked"): (0, 0), ("held", "released"): (-1, 0), ("picked", "released"): (-1, 0),
                 ("held", "shipped"): (-1, -1), ("picked", "shipped"): (-1, -1)}


class _Stock(_Repo):
    def lock_bins(self, product_id: int) -> list[StockBin]:
        return sorted((b for b in self.t.bins.values() if b.product_id == product_id), key=lambda b: b.id)

    def hold(self, order_id: int, line_id: int, stock_id: int, quantity: int) -> int | None:
        stock = self.t.bins[stock_id]
        if stock.quantity - stock.allocated < quantity:
            return None
        self.t.bins[stock_id] = replace(stock, allocated=stock.allocated + quantity)
        hold_id = self.new_id()
        self.t.stock_holds[hold_id] = StockHoldRecord(hold_id, order_id, line_id, stock_id, quantity)
        return hold_id

    def lock_bins_of(self, product_ids: set[int]) -> dict[int, list[StockBin]]:
        return {p: bins for p in product_ids if (bins := self.lock_bins(p))}

    def hold_many(self, holds: list[tuple[int, int, int, int]]) -> None:
        for order_id, line_id, stock_id, quantity in holds:
            if self.hold(order_id, line_id, stock_id, quantity) is None:
                raise Conflict(f"stock {stock_id} no longer has {quantity} units available")

    def holds_of_order(self, order_id: int) -> list[StockHoldRecord]:
        return sorted((h for h in self.t.stock_holds.values() if h.order_id == order_id), key=lambda h: h.id)

    def holds_of_orders(self, order_ids: list[int]) -> dict[int, list[StockHoldRecord]]:
        return {i: holds for i in order_ids if (holds := self.holds_of_order(i))}

    def move_hold(self, hold_id: int, to: str) -> None:
        hold = self.t.stock_holds[hold_id]
        allocated, on_hand = _STOCK_EFFECT[(hold.status, to)]
        stock = self.t.bins[hold.stock_id]
        self.t.bins[stock.id] = replace(stock, allocated=stock.allocated + allocated * hold.quantity,
                                        quantity=stock.quantity + on_hand * hold.quantity)
        self.t.stock_holds[hold_id] = replace(hold, status=to)


class _Holds(_Repo):
    def add(self, order_id: int, kind: str, detail: str) -> None:
        hold_id = self.new_id()
        self.t.order_holds[hold_id] = OrderHoldRecord(hold_id, order_id, kind, detail, datetime.now(timezone.utc))

    def add_many(self, holds: list[tuple[int, str, str]]) -> None:
        for order_id, kind, detail in holds:
            self.add(order_id, kind, detail)

    def open_of(self, order_id: int) -> list[OrderHoldRecord]:
        return [h for h in self.t.order_holds.values() if h.order_id == order_id and h.released_at is None]

    def release_all(self, order_id: int, by: str | None, reason: str) -> int:
        mine = self.open_of(order_id)
        for hold in mine:
            self.t.order_holds[hold.id] = replace(hold, released_at=datetime.now(timezone.utc), released_by=by,
                                                  release_reason=reason)
        return len(mine)


class _Picks(_Repo):
    """Pick lists and their lines, built from the fake's bins, lines and orders."""

    def stops_of_orders(self, order_ids: list[int]) -> list[PickStop]:
        out = []
        for h in sorted(self.t.stock_holds.values(), key=lambda h: h.id):
            if h.order_id in order_ids and h.status == "held":
                b, line = self.t.bins[h.stock_id], self.t.lines[h.order_line_id]
                out.append(PickStop(h.id, h.order_id, h.order_line_id, h.stock_id, h.quantity, b.location, b.zone,
                                    b.walk_sequence, line.sku, line.name))
        return out

    def lock_waiting(self, order_ids: list[int], status: str) -> set[int]:
        return {i for i in order_ids if self.t.orders[i].status == status}

    def add_list(self, code: str, strategy: str, zone: str | None, wave: str | None, order_ids: list[int]) -> int:
        list_id = self.new_id()
        self.t.pick_lists[list_id] = PickListRecord(list_id, code, strategy, zone, wave)
        return list_id

    def add_lines(self, pick_list_id: int, lines: list[tuple[int, int, int, int, int, int]]) -> None:
        for seq, order_id, line_id, hold_id, stock_id, quantity in lines:
            lid, b, line = self.new_id(), self.t.bins[stock_id], self.t.lines[line_id]
            order = self.t.orders[order_id]
            self.t.pick_lines[lid] = PickLineRecord(lid, pick_list_id, seq, order_id, order.number, line_id, hold_id,
                                                    stock_id, b.location, b.zone, b.walk_sequence, line.product_id,
                                                    line.sku, line.name, quantity, tote=order.tote)

    def add_lists(self, lists: list[NewPickList]) -> None:
        for p in lists:
            self.add_lines(self.add_list(p.code, p.strategy, p.zone, p.wave, list(p.order_ids)), list(p.lines))

    def get_list(self, code: str) -> PickListRecord | None:
        return next((p for p in self.t.pick_lists.values() if p.code == code), None)

    def open_lists(self, limit: int) -> list[str]:
        return [p.code for p in sorted(self.t.pick_lists.values(), key=lambda p: p.id)
                if p.strategy is not None and p.status == "open"][:limit]

    def lines_of_list(self, pick_list_id: int) -> list[PickLineRecord]:
        return sorted((l for l in self.t.pick_lines.values() if l.pick_list_id == pick_list_id),
                      key=lambda l: (l.seq, l.id))

    def lines_of_order(self, order_id: int) -> list[PickLineRecord]:
        return sorted((l for l in self.t.pick_lines.values() if l.order_id == order_id), key=lambda l: l.id)

    def mark(self, line_id: int, picked_quantity: int, status: str, user: str | None,
             was: int | None = None) -> bool:
        line = self.t.pick_lines[line_id]
        if was is not None and (line.status != "open" or line.picked_quantity != was):
            return False
        self.t.pick_lines[line_id] = replace(line, picked_quantity=picked_quantity, status=status)
        return True

    def set_list_status(self, pick_list_id: int, status: str) -> None:
        self.t.pick_lists[pick_list_id] = replace(self.t.pick_lists[pick_list_id], status=status)

    def set_tote(self, order_id: int, tote: str) -> None:
        self.t.orders[order_id] = replace(self.t.orders[order_id], tote=tote)

    def set_totes(self, totes: list[tuple[int, str]]) -> None:
        for order_id, tote in totes:
            self.set_tote(order_id, tote)

    def found_short(self, stock_id: int, units: int) -> None:
        b = self.t.bins[stock_id]
        self.t.bins[stock_id] = replace(b, quantity=max(0, b.quantity - units))


class _Carriers(_Repo):
    def table(self) -> RateTable:
        return self.t.rate_table

    def parcels_by_codes(self, codes: list[str]) -> dict[str, ParcelRecord]:
        found = {}
        for p in self.t.parcels.values():
            for code in (p.tracking_number, p.sscc):
                if code in codes:
                    found[code] = p
        return found

    def parcels_of_orders(self, order_ids: list[int]) -> dict[int, list[ParcelRecord]]:
        return {i: sorted((p for p in self.t.parcels.values() if p.order_id == i and p.status != "voided"),
                          key=lambda p: p.seq) for i in order_ids}

    def parcels_with_their_orders(self, codes: list[str]) -> tuple[dict[str, ParcelRecord],
                                                                      dict[int, list[ParcelRecord]]]:
        found = self.parcels_by_codes(codes)
        return found, self.parcels_of_orders(sorted({p.order_id for p in found.values()}))

    def order_locked_by_label(self, code: str) -> tuple[OrderRecord, int, str | None] | None:
        found = next((p for p in self.t.parcels.values() if code in (p.sscc, p.tracking_number)), None)
        if found is None:
            return None
        issued = [e for e in self.t.events if e.get("order_id") == found.order_id and e.get("kind") == "InvoiceIssued"]
        return self.t.orders[found.order_id], found.id, issued[0]["detail"]["invoice_number"] if issued else None

    def parcels_at_dock(self, order_id: int) -> list[ParcelRecord]:
        return self.parcels_of_orders([order_id])[order_id]

    def orders_by_ids(self, order_ids: list[int]) -> dict[int, OrderRecord]:
        return {i: self.t.orders[i] for i in order_ids if i in self.t.orders}

    def dock_lines(self, carrier, since, until, builtin=None):  # type: ignore[no-untyped-def]
        mine = [p for p in self.t.parcels.values()
                if carrier is None or (p.carrier or self.t.orders[p.order_id].carrier or builtin) == carrier]
        handed = sorted((p for p in mine if p.handed_over_at is not None and since <= p.handed_over_at < until),
                        key=lambda p: (p.handed_over_at, p.id))
        missing = sorted((p for p in mine if p.status in ("closed", "confirmed") and p.handed_over_at is None
                          and p.closed_at is not None and p.closed_at < until), key=lambda p: (p.closed_at, p.id))
        return [self._dock_line(p, builtin) for p in handed], [self._dock_line(p, builtin) for p in missing]

    def _dock_line(self, p: ParcelRecord, builtin: str | None) -> DockLine:
        o = self.t.orders[p.order_id]
        a = o.ship_to
        where = "" if a is None else f"{a.postcode or ''} {a.city}, {a.country}".strip()
        return DockLine(o.number, p.seq, p.carrier or o.carrier or builtin or "", p.service or o.service_level,
                        p.tracking_number or "", p.sscc or "", p.actual_weight_g or p.expected_weight_g or 0, where,
                        p.handed_over_at, p.closed_at if p.handed_over_at is None else None)

    def add_tracking_event(self, parcel_id: int, status: str, at: datetime, location: str) -> bool:
        key = (parcel_id, status, at)
        if key in self.t.tracking:
            return False
        self.t.tracking.add(key)
        return True

    def due_for_completion(self, delivered_before: datetime) -> list[tuple[int, str]]:
        due = []
        for o in sorted(self.t.orders.values(), key=lambda o: o.id):
            times = [p.delivered_at for p in self.t.parcels.values()
                     if p.order_id == o.id and p.status != "voided" and p.delivered_at]
            if o.status == "delivered" and times and max(times) <= delivered_before:
                due.append((o.id, o.number))
        return due

    def known_reports(self, parcel_ids: list[int]) -> set[tuple[int, str, datetime]]:
        return {k for k in self.t.tracking if k[0] in parcel_ids}

    def add_tracking_events(self, rows: list[tuple[int, str, datetime, str]]) -> None:
        self.t.tracking |= {(p, status, at) for p, status, at, _ in rows}

    def set_tracking(self, rows: list[tuple[int, str | None, datetime | None]]) -> None:
        for p, status, at in rows:
            self.t.parcels[p] = replace(self.t.parcels[p], tracking_status=status, delivered_at=at)

    def late_orders(self, now: datetime, statuses: tuple[str, ...]) -> list[OrderRecord]:
        return [o for o in self.t.orders.values() if o.status in statuses and o.sla_due_at is not None
                and o.sla_due_at < now and o.id not in self.t.sla_flagged]

    def flag_late(self, order_id: int, at: datetime) -> None:
        self.t.sla_flagged[order_id] = at


class _Outbox(_Repo):
    def add(self, message: MessageRecord) -> bool:
        if any(m.key == message.key for m in self.t.outbox.values()):
            return False
        new = replace(message, id=self.new_id())
        self.t.outbox[new.id] = new
        return True

    def add_many(self, messages: list[MessageRecord]) -> set[str]:
        return {m.key for m in messages if self.add(m)}

    def get(self, message_id: int) -> MessageRecord | None:
        return self.t.outbox.get(message_id)

    def due(self, now: datetime, limit: int) -> list[MessageRecord]:
        due = [m for m in self.t.outbox.values() if m.state == "queued"
               and (m.next_attempt_at is None or m.next_attempt_at <= now)]
        return sorted(due, key=lambda m: (m.next_attempt_at or now, m.id))[:limit]

    def stuck(self, before: datetime) -> list[MessageRecord]:
        return [m for m in self.t.outbox.values() if m.state == "sending" and m.sending_since
                and m.sending_since < before]

    def save(self, message: MessageRecord) -> None:
        assert message.id in self.t.outbox
        self.t.outbox[message.id] = message

    def of_order(self, order_id: int) -> list[MessageRecord]:
        return sorted((m for m in self.t.outbox.values() if m.order_id == order_id), key=lambda m: m.id)


class _Captures(_Repo):
    def add(self, request: CaptureRequestRecord) -> bool:
        if any(c.key == request.key for c in self.t.captures.values()):
            return False
        new = replace(request, id=self.new_id())
        self.t.captures[new.id] = new
        return True

    def get(self, key: str) -> CaptureRequestRecord | None:
        return next((c for c in self.t.captures.values() if c.key == key), None)

    def due(self, now: datetime, stale_before: datetime, limit: int,
            order_ids: list[int] | None = None) -> list[CaptureRequestRecord]:
        due = [c for c in self.t.captures.values()
               if (order_ids is None or c.order_id in order_ids)
               and ((c.state == "pending" and (c.next_attempt_at is None or c.next_attempt_at <= now))
                    or (c.state == "capturing" and c.capturing_since and c.capturing_since < stale_before))]
        return sorted(due, key=lambda c: (c.next_attempt_at or now, c.id))[:limit]

    def save_many(self, requests: list[CaptureRequestRecord]) -> None:
        for request in requests:
            self.save(request)

    def save(self, request: CaptureRequestRecord) -> None:
        assert request.id in self.t.captures
        self.t.captures[request.id] = request

    def open(self) -> list[CaptureRequestRecord]:
        return sorted((c for c in self.t.captures.values() if c.state != "captured"), key=lambda c: c.id)


class _Payments(_Repo):
    def add(self, payment: PaymentRecord) -> None:
        if any(p.key == payment.key for p in self.t.payments.values()):
            raise Conflict(f"payment {payment.key} exists")
        new = replace(payment, id=self.new_id())
        self.t.payments[new.id] = new

    def by_keys(self, keys: list[str]) -> dict[str, PaymentRecord]:
        return {k: p for k in keys if (p := self.by_key(k)) is not None}

    def by_key(self, key: str) -> PaymentRecord | None:
        return next((p for p in self.t.payments.values() if p.key == key), None)

    def of_order(self, order_id: int) -> list[PaymentRecord]:
        return sorted((p for p in self.t.payments.values() if p.order_id == order_id), key=lambda p: p.id)

    def invoice_of(self, order_id: int) -> str | None:
        issued = [e for e in self.t.events if e.get("order_id") == order_id and e.get("kind") == "InvoiceIssued"]
        return issued[0]["detail"]["invoice_number"] if issued else None


class _Returns(_Repo):
    def add(self, record: ReturnRecord, lines: list[ReturnLineRecord]) -> int:
        new = replace(record, id=self.new_id())
        self.t.returns[new.id] = new
        for line in lines:
            added = replace(line, id=self.new_id(), return_id=new.id)
            self.t.return_lines[added.id] = added
        return new.id

    def get(self, rma: str) -> ReturnRecord | None:
        return next((r for r in self.t.returns.values() if r.rma == rma), None)

    def lines(self, return_id: int) -> list[ReturnLineRecord]:
        return sorted((l for l in self.t.return_lines.values() if l.return_id == return_id), key=lambda l: l.id)

    def save(self, record: ReturnRecord) -> None:
        self.t.returns[record.id] = record

    def save_line(self, line: ReturnLineRecord) -> None:
        self.t.return_lines[line.id] = line

    def returned_quantities(self, order_id: int) -> dict[int, int]:
        mine = {r.id for r in self.t.returns.values() if r.order_id == order_id}
        totals: dict[int, int] = {}
        for line in self.t.return_lines.values():
            if line.return_id in mine:
                totals[line.order_line_id] = totals.get(line.order_line_id, 0) + line.quantity
        return totals

    def restock(self, product_id: int, location: str, quantity: int) -> bool:
        for stock in self.t.bins.values():
            if stock.product_id == product_id and stock.location == location:
                self.t.bins[stock.id] = replace(stock, quantity=stock.quantity + quantity)
                return True
        return False

    def add_exchange_order(self, source_order_id: int, number: str, lines: list[ExchangeLineRecord]) -> int:
        source = self.t.orders[source_order_id]
        goods = sum((l.unit_price * l.quantity for l in lines), Decimal(0))
        order = replace(source, id=self.new_id(), number=number, status="captured", channel="exchange",
                        financial_status="paid", subtotal=goods, shipping_total=Decimal(0), tax_total=Decimal(0),
                        discount_total=Decimal(0), total=Decimal(0), notes=f"exchange for order {source.number}",
                        claimed_by_station=None, claimed_by_user=None, lease_expires_at=None, version=1, priority=0)
        self.t.orders[order.id] = order
        for no, l in enumerate(lines, 1):
            line = LineRecord(self.new_id(), order.id, no, l.product_id, l.sku, l.name, l.quantity, l.unit_price,
                              discount=l.unit_price * l.quantity)
            self.t.lines[line.id] = line
        return order.id


class _Archive(_Repo):
    def add(self, document: ArchivedRecord) -> bool:
        if any((d.order_id, d.sha256) == (document.order_id, document.sha256) for d in self.t.archive.values()):
            return False
        new = replace(document, id=self.new_id())
        self.t.archive[new.id] = new
        return True

    def of_order(self, order_id: int) -> list[ArchivedRecord]:
        return sorted((d for d in self.t.archive.values() if d.order_id == order_id), key=lambda d: d.id)

    def add_manifest(self, manifest: ManifestRecord) -> bool:
        same = (manifest.carrier, manifest.day, manifest.name, manifest.sha256)
        if any((m.carrier, m.day, m.name, m.sha256) == same for m in self.t.manifests.values()):
            return False
        new = replace(manifest, id=self.new_id())
        self.t.manifests[new.id] = new
        return True

    def manifests(self, day, carrier=None):  # type: ignore[no-untyped-def]
        return sorted((m for m in self.t.manifests.values()
                       if m.day == day and (carrier is None or m.carrier == carrier)), key=lambda m: m.id)
