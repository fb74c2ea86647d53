"""The SQL repositories of `SqlUnitOfWork`: rows in, plain records (app.unit_of_work) out."""
from __future__ import annotations

import json
import logging
from dataclasses import fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.store import claims
from app.store.counters import next_value
from app.store.station_statements import send
from app.store.models import (
    Address, Box, Customer, Label, Order, OrderEvent, OrderLine, PackException, Parcel, ParcelItem, PickList, Product,
    ProductBarcode, ScanRecord, SerialNumber, StationEvent, User, as_utc, utcnow,
)
from app.addresses import AddressData
from app.unit_of_work import (
    BarcodeRecord, BoxRecord, ClaimRow, ExceptionRecord, ItemRecord, LabelRecord, LineRecord,
    NewEvent, OrderRecord, ParcelRecord, ProductRecord, ScanEntry, ScanTally, UserRecord,
)

log = logging.getLogger(__name__)

lines_t = OrderLine.__table__
orders_t = Order.__table__
items_t = ParcelItem.__table__
serials_t = SerialNumber.__table__

# The statements of every scan, built once: building them per call cost more than their SQL.
PACK_UNITS = update(lines_t).where(
    lines_t.c.id == bindparam("line"),
    lines_t.c.order_id.in_(select(orders_t.c.id).where(
        orders_t.c.id == bindparam("order"), orders_t.c.status == "packing",
        orders_t.c.claimed_by_station == bindparam("station")).scalar_subquery()),
    lines_t.c.packed_quantity + lines_t.c.backordered_quantity + bindparam("units") <= lines_t.c.quantity,
).values(packed_quantity=lines_t.c.packed_quantity + bindparam("units"))
INSERT_ITEM = insert(items_t).returning(items_t.c.id)
SET_STATUS = (update(Order.__table__).where(Order.__table__.c.id == bindparam("order_id"))
              .values(status=bindparam("status"), version=Order.__table__.c.version + 1))
INSERT_SCAN = insert(ScanRecord.__table__).returning(ScanRecord.__table__.c.id)
INSERT_EVENT = insert(OrderEvent.__table__)
# The batch reads and writes of the stages before packing (validation, allocation, waves)
ORDERS_OF_CUSTOMERS = (select(orders_t.c.email, func.count()).where(orders_t.c.email.in_(bindparam("emails", expanding=True)))
                       .group_by(orders_t.c.email))
CHUNK = 500  # ids bound in one statement: few enough for every database
PRODUCTS_BY_IDS = (select(*(Product.__table__.c[f.name] for f in fields(ProductRecord)))
                   .where(Product.__table__.c.id.in_(bindparam("ids", expanding=True))))
# Orders in some statuses as records, in one Core statement (loading ORM objects with their
# address and customer cost more than the SQL for thousands of orders)
_address, _customer = Address.__table__, Customer.__table__
ORDER_FIELDS = [f.name for f in fields(OrderRecord) if f.name not in ("ship_to", "customer_name")]
ADDRESS_FIELDS = ("name", "line1", "line2", "postcode", "city", "country", "company", "region", "phone")
ORDER_ROWS = (  # an order with its address and customer as plain rows (_order_row), no ORM objects
    select(*(orders_t.c[name] for name in ORDER_FIELDS), orders_t.c.ship_to_id,
           *(_address.c[name].label(f"a_{name}") for name in ADDRESS_FIELDS),
           orders_t.c.customer_id, _customer.c.name.label("c_name"))
    .select_from(orders_t.outerjoin(_address, _address.c.id == orders_t.c.ship_to_id)
                 .outerjoin(_customer, _customer.c.id == orders_t.c.customer_id)))
ORDERS_IN_STATUS = (
    ORDER_ROWS
    .where(orders_t.c.status.in_(bindparam("statuses", expanding=True)))
    .order_by(orders_t.c.priority.desc(), orders_t.c.sla_due_at.asc().nulls_last(), orders_t.c.created_at,
              orders_t.c.id))
NUMBERS_IN_STATUS = (  # the same, only what the queue's order needs
    select(orders_t.c.number, orders_t.c.priority, orders_t.c.sla_due_at, orders_t.c.created_at, orders_t.c.id)
    .where(orders_t.c.status.in_(bindparam("statuses", expanding=True)))
    .order_by(orders_t.c.priority.desc(), orders_t.c.sla_due_at.asc().nulls_last(), orders_t.c.created_at,
              orders_t.c.id))


def chunks(values: list[Any], size: int = CHUNK) -> list[list[Any]]:
    """The values in slices of `size` (a statement binds a bounded number of values)."""
    return [values[i:i + size] for i in range(0, len(values), size)]


def _record(cls: type, row: Any, **extra: Any) -> Any:
    """A record whose fields are read from the row's attributes of the same name."""
    values = {f.name: getattr(row, f.name) for f in fields(cls) if f.name not in extra}
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = as_utc(value)
    return cls(**values, **extra)


def _record_of(cls: type, row: tuple[Any, ...]) -> Any:
    """A record of a row whose columns are the record's fields in order (times in UTC)."""
    return cls(*(as_utc(value) if isinstance(value, datetime) else value for value in row))


_NAMES: dict[type, tuple[str, ...]] = {}


def _columns(record: Any, *skip: str) -> dict[str, Any]:
    names = _NAMES.get(type(record))
    if names is None:  # (dataclasses.fields per call cost more than the row's SQL on a scan)
        names = _NAMES[type(record)] = tuple(f.name for f in fields(record))
    return {name: getattr(record, name) for name in names if name != "id" and name not in skip}


class _RowsById:
    """One table's rows as records by id, in one unit of work's session, without ORM objects
    (a station's parcel and label reads and writes are on the fleet's hot path: building and
    flushing ORM objects cost more CPU than the SQL): statements built once, and the rows this
    unit of work read or wrote kept, so that reading one again costs no round trip - as
    session.get found them in the identity map. An object the session does hold (an ORM query
    loaded it) comes first and is told what is written."""

    _statements: dict[Any, tuple[Any, Any, Any]] = {}

    def __init__(self, session: Session, model: Any, record_type: type) -> None:
        self.s, self.model, self.type = session, model, record_type
        self.known: dict[int, Any] = {}
        if model not in self._statements:
            table = model.__table__
            columns = [table.c[f.name] for f in fields(record_type)]
            self._statements[model] = (select(*columns).where(table.c.id == bindparam("record_id")),
                                       update(table).where(table.c.id == bindparam("record_id")),
                                       insert(table).returning(*columns))
        self.by_id, self.update_by_id, self.insert = self._statements[model]

    def _held(self, record_id: int) -> Any:
        if not self.s.identity_map:
            return None
        return self.s.identity_map.get(self.s.identity_key(self.model, record_id))

    def get(self, record_id: int) -> Any:
        held = self._held(record_id)
        if held is not None:
            return _record(self.type, held)
        if record_id in self.known:
            return self.known[record_id]
        self.s.flush()  # what the session holds unwritten first, as an ORM query would
        row = send(self.s, self.by_id, {"record_id": record_id}).first()
        if row is None:
            return None
        record = self.known[record_id] = _record_of(self.type, row)
        return record

    def save(self, record: Any) -> None:
        """The record's columns written to its row in one UPDATE by id (no SELECT first): the
        columns that changed since this unit of work read or wrote the row, as an ORM flush
        writes them (a label printed: 3 of its 9; a parcel confirmed: 2 of its 22), else all."""
        values = _columns(record)
        held = self._held(record.id)
        before = self.known.get(record.id) if held is None else None
        if before is not None:
            values = {name: value for name, value in values.items() if getattr(before, name) != value}
        if values or before is None:
            done = send(self.s, self.update_by_id, {"record_id": record.id, **values})
            assert done.rowcount == 1, f"{self.model.__tablename__} {record.id} is gone"
        self.known[record.id] = _record(self.type, record)
        if held is not None:
            for name, value in values.items():
                set_committed_value(held, name, value)

    def add(self, record: Any) -> int:
        """A new row; its id. Columns left None take their defaults, as an ORM flush does."""
        self.s.flush()
        values = {name: value for name, value in _columns(record).items() if value is not None}
        added = _record_of(self.type, send(self.s, self.insert, values).one())
        self.known[added.id] = added
        return int(added.id)

    def forget(self, record_id: int) -> None:
        """Written by another statement: read again when next asked for."""
        self.known.pop(record_id, None)


# --- orders ----------------------------------------------------------------------------------


def _order(order: Order) -> OrderRecord:
    a = order.ship_to
    ship_to = None if a is None else AddressData(
        name=a.name, lines=tuple(x for x in (a.line1, a.line2) if x), postcode=a.postcode, city=a.city,
        country=a.country, company=a.company or "", region=a.region or "", phone=a.phone or "")
    customer = order.customer.name if order.customer else (a.name if a else "")
    return _record(OrderRecord, order, ship_to=ship_to, customer_name=customer)


HAND_OVER = (update(Parcel.__table__).where(Parcel.__table__.c.id == bindparam("parcel_id"))
             .values(handed_over_at=bindparam("at"), handed_over_by=bindparam("by")))  # built once: every dock scan


BY_LABEL_CODE = select(Parcel).where((Parcel.sscc == bindparam("code"))
                                     | (Parcel.tracking_number == bindparam("code")))  # built once: every dock scan


LOCKED_BY_ID = ORDER_ROWS.where(orders_t.c.id == bindparam("order_id")).with_for_update(of=orders_t)


_FIELDS_READ = len(ORDER_FIELDS)
# the positions of the record's times (SQLite returns them naive: every stored time is UTC)
_TIMES = [i for i, f in enumerate(f for f in fields(OrderRecord) if f.name in ORDER_FIELDS) if "datetime" in str(f.type)]


def _order_row(row: Any) -> OrderRecord:
    """An order read by ORDERS_IN_STATUS, as _order makes it of an ORM object (by position: a
    batch reads thousands)."""
    values = list(row[:_FIELDS_READ])
    for i in _TIMES:
        if values[i] is not None and values[i].tzinfo is None:
            values[i] = as_utc(values[i])
    (ship_to_id, a_name, a_line1, a_line2, a_postcode, a_city, a_country, a_company, a_region, a_phone,
     customer_id, c_name) = row[_FIELDS_READ:]
    ship_to = None if ship_to_id is None else AddressData(
        name=a_name, lines=tuple(x for x in (a_line1, a_line2) if x), postcode=a_postcode,
        city=a_city, country=a_country, company=a_company or "", region=a_region or "", phone=a_phone or "")
    customer = c_name if customer_id is not None else (a_name if ship_to else "")
    return OrderRecord(**dict(zip(ORDER_FIELDS, values)), ship_to=ship_to, customer_name=customer)


def _queue_order(o: Any) -> tuple[Any, ...]:
    """Priority, then SLA (none last), then age: the queue's order."""
    return (-o.priority, o.sla_due_at is None, o.sla_due_at or o.created_at, o.created_at, o.id)


class SqlOrders:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, number: str) -> OrderRecord | None:
        order = self.s.scalar(select(Order).where(Order.number == number).execution_options(populate_existing=True))
        return None if order is None else _order(order)

    def get_by_id(self, order_id: int) -> OrderRecord | None:
        order = self.s.get(Order, order_id, populate_existing=True)
        return None if order is None else _order(order)

    def locked_by_id(self, order_id: int) -> OrderRecord | None:
        self.s.flush()  # a plain row: what the session holds unwritten counts, as with an ORM query
        # the order with its address in one statement (every dock scan locks its order)
        row = self.s.execute(LOCKED_BY_ID, {"order_id": order_id}).first()
        return None if row is None else _order_row(row)

    def lines(self, order_id: int) -> list[LineRecord]:
        rows = self.s.scalars(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)
                              .execution_options(populate_existing=True))
        return [_record(LineRecord, line) for line in rows]

    def set_status(self, order_id: int, status: str) -> None:
        # one UPDATE, the version going up as an ORM flush would: loading the order and flushing
        # the session cost ~8 ms an order inside an import's large session (and grew with it);
        # an order object the session already holds is told the new committed values
        done = self.s.execute(SET_STATUS, {"order_id": order_id, "status": status})
        assert done.rowcount == 1
        self._told(order_id, status)

    def set_statuses(self, order_ids: list[int], status: str) -> None:
        if not order_ids:
            return
        done = self.s.execute(SET_STATUS, [{"order_id": i, "status": status} for i in order_ids])  # executemany
        if done.supports_sane_multi_rowcount():
            assert done.rowcount == len(order_ids)
        for order_id in order_ids:
            self._told(order_id, status)

    def _told(self, order_id: int, status: str) -> None:
        """An order object the session already holds is told its new committed status and version."""
        if not self.s.identity_map:
            return
        held = self.s.identity_map.get(self.s.identity_key(Order, order_id))
        if held is not None:
            if "version" in held.__dict__ and "status" in held.__dict__:
                set_committed_value(held, "status", status)
                set_committed_value(held, "version", held.__dict__["version"] + 1)
            else:
                self.s.expire(held, ["status", "version"])

    def clear_lease(self, order_id: int) -> None:
        order = self.s.get(Order, order_id)
        assert order is not None
        order.claimed_by_station = order.claimed_by_user = None
        order.lease_expires_at = None
        self.s.flush()

    def add_backorder(self, line_id: int, quantity: int) -> None:
        self.s.execute(update(lines_t).where(lines_t.c.id == line_id)
                       .values(backordered_quantity=lines_t.c.backordered_quantity + quantity))

    def pack_units(self, line_id: int, quantity: int, order_id: int, station: str) -> bool:
        done = self.s.execute(PACK_UNITS, {"line": line_id, "order": order_id, "station": station,
                                           "units": quantity})
        return done.rowcount == 1

    def unpack_units(self, line_id: int, quantity: int) -> None:
        self.s.execute(update(lines_t).where(lines_t.c.id == line_id)
                       .values(packed_quantity=lines_t.c.packed_quantity - quantity))

    def held_by(self, station: str, leased: frozenset[str] = frozenset()) -> str | None:
        query = select(Order.number).where(Order.claimed_by_station == station, Order.status == "packing")
        if leased:
            query = query.where(Order.number.not_in(sorted(leased)))
        return self.s.scalar(query.order_by(Order.lease_expires_at.desc()).limit(1))

    def queue_size(self, now: datetime) -> int:
        return int(self.s.scalar(select(func.count()).select_from(Order).where(claims.claimable(now))) or 0)

    def claim_next(self, station: str, user: str | None, now: datetime, expires: datetime) -> ClaimRow | None:
        return claims.claim_next(self.s.connection(), station, user, now, expires)

    def find_to_claim(self, key: str, station: str, now: datetime) -> ClaimRow | None:
        return claims.find_to_claim(self.s.connection(), key, station, now)

    def pick_list_exists(self, code: str) -> bool:
        return self.s.scalar(select(PickList.id).where(PickList.code == code)) is not None

    def lock(self, number: str) -> ClaimRow | None:
        return claims.lock(self.s.connection(), number)

    def release_lease(self, number: str, station: str, to_status: str | None) -> ClaimRow | None:
        released = claims.release(self.s.connection(), number, station, to_status)
        held = None if released is None else self.s.identity_map.get(self.s.identity_key(Order, released.order_id))
        if held is not None:  # an order object the session holds reads the released row again
            self.s.expire(held)
        return released

    def take(self, order_id: int, version: int, station: str, user: str | None, expires: datetime) -> int | None:
        return claims.take(self.s.connection(), order_id, version, station, user, expires)

    def renew_lease(self, number: str, station: str, expires: datetime, user: str | None = None) -> bool:
        return claims.renew(self.s.connection(), number, station, expires, user)

    def in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[OrderRecord]:
        return self._in_status(ORDERS_IN_STATUS, _order_row, statuses, numbers)

    def numbers_in_status(self, statuses: tuple[str, ...], numbers: list[str] | None = None) -> list[str]:
        return [row.number for row in self._in_status(NUMBERS_IN_STATUS, lambda row: row, statuses, numbers)]

    def _in_status(self, query: Any, make: Any, statuses: tuple[str, ...], numbers: list[str] | None) -> list[Any]:
        self.s.flush()  # what the session holds unwritten counts, as with an ORM query
        if numbers is None:
            return [make(r) for r in self.s.execute(query, {"statuses": list(statuses)})]
        found: list[Any] = []
        query = query.where(orders_t.c.number.in_(bindparam("numbers", expanding=True)))
        for start in range(0, len(numbers), 5000):  # a statement binds at most 65,535 values
            found += [make(r) for r in self.s.execute(
                query, {"statuses": list(statuses), "numbers": numbers[start:start + 5000]})]
        return sorted(found, key=_queue_order)  # one queue order across the chunks

    def orders_of_customer(self, email: str) -> int:
        return int(self.s.scalar(select(func.count()).select_from(Order).where(Order.email == email)) or 0)

    def orders_of_customers(self, emails: set[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in chunks(sorted(emails)):
            counts.update({e: int(n) for e, n in self.s.execute(ORDERS_OF_CUSTOMERS, {"emails": chunk})})
        return counts

    def set_pack_from(self, order_id: int, pack_from: str) -> None:
        order = self.s.get(Order, order_id)
        assert order is not None
        order.pack_from = pack_from
        self.s.flush()


# --- catalogue -------------------------------------------------------------------------------


class SqlProducts:
    def __init__(self, session: Session) -> None:
        self.s = session

    def by_ids(self, ids: set[int]) -> list[ProductRecord]:
        if not ids:
            return []
        self.s.flush()  # what the session holds unwritten counts, as with an ORM query
        found: list[ProductRecord] = []
        for chunk in chunks(sorted(ids)):  # Core rows: no ORM objects for what is only read
            found += [ProductRecord(*row) for row in self.s.execute(PRODUCTS_BY_IDS, {"ids": chunk})]
        return found

    def barcodes_of(self, product_ids: set[int]) -> list[BarcodeRecord]:
        if not product_ids:
            return []
        rows = self.s.scalars(select(ProductBarcode).where(ProductBarcode.product_id.in_(product_ids))
                              .order_by(ProductBarcode.id))
        return [BarcodeRecord(b.code, b.product_id, b.quantity) for b in rows]

    def by_barcode(self, codes: set[str]) -> tuple[ProductRecord, int] | None:
        row = self.s.execute(select(Product, ProductBarcode.quantity).join(ProductBarcode)
                             .where(ProductBarcode.code.in_(codes)).limit(1)).first()
        return None if row is None else (_record(ProductRecord, row[0]), row[1])

    def by_sku(self, sku: str) -> ProductRecord | None:
        product = self.s.scalar(select(Product).where(Product.sku == sku))
        return None if product is None else _record(ProductRecord, product)


class SqlBoxes:
    def __init__(self, session: Session) -> None:
        self.s = session

    def enabled(self) -> list[BoxRecord]:
        return [_record(BoxRecord, b) for b in self.s.scalars(select(Box).where(Box.enabled.is_(True)).order_by(Box.id))]

    def get(self, box_id: int) -> BoxRecord | None:
        box = self.s.get(Box, box_id)
        return None if box is None else _record(BoxRecord, box)

    def find(self, code_or_barcode: str) -> BoxRecord | None:
        box = self.s.scalar(select(Box).where((Box.barcode == code_or_barcode) | (Box.code == code_or_barcode)))
        return None if box is None else _record(BoxRecord, box)


# --- parcels, serials, labels ----------------------------------------------------------------


def _item(item: ParcelItem) -> ItemRecord:
    return _record(ItemRecord, item, expiry=date.fromisoformat(item.expiry) if item.expiry else None)


class SqlParcels:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.rows = _RowsById(session, Parcel, ParcelRecord)

    def of_order(self, order_id: int) -> list[ParcelRecord]:
        rows = self.s.scalars(select(Parcel).where(Parcel.order_id == order_id, Parcel.status != "voided")
                              .order_by(Parcel.seq).execution_options(populate_existing=True))
        return [_record(ParcelRecord, p) for p in rows]

    def get(self, parcel_id: int) -> ParcelRecord | None:
        return self.rows.get(parcel_id)  # type: ignore[no-any-return]

    def by_label_code(self, code: str) -> ParcelRecord | None:
        parcel = self.s.scalar(BY_LABEL_CODE, {"code": code})
        return None if parcel is None else _record(ParcelRecord, parcel)

    def add(self, parcel: ParcelRecord) -> int:
        return self.rows.add(parcel)

    def save(self, parcel: ParcelRecord) -> None:
        self.rows.save(parcel)

    def hand_over(self, parcel_id: int, at: datetime, user: str | None) -> None:
        self.s.flush()  # a plain statement: what the session holds unwritten goes first, as with session.execute
        send(self.s, HAND_OVER, {"parcel_id": parcel_id, "at": at, "by": user})
        self.rows.forget(parcel_id)

    def delete(self, parcel_id: int) -> None:
        self.rows.forget(parcel_id)
        row = self.s.get(Parcel, parcel_id)
        if row is not None:
            self.s.delete(row)
            self.s.flush()

    def items(self, parcel_ids: list[int]) -> list[ItemRecord]:
        if not parcel_ids:
            return []
        rows = self.s.scalars(select(ParcelItem).where(ParcelItem.parcel_id.in_(parcel_ids)).order_by(ParcelItem.id))
        return [_item(i) for i in rows]

    def add_item(self, item: ItemRecord) -> int:
        values = _columns(item)
        values["expiry"] = item.expiry.isoformat() if item.expiry else None
        return int(self.s.execute(INSERT_ITEM, values).scalar_one())

    def remove_items_of_scan(self, scan_id: int, parcel_id: int) -> int:
        mine = (items_t.c.scan_id == scan_id) & (items_t.c.parcel_id == parcel_id)
        self.s.execute(delete(serials_t).where(
            serials_t.c.parcel_item_id.in_(select(items_t.c.id).where(mine).scalar_subquery())))
        return self.s.execute(delete(items_t).where(mine)).rowcount


class SqlSerials:
    def __init__(self, session: Session) -> None:
        self.s = session

    def of_order(self, order_id: int) -> set[tuple[int, str]]:
        return {(p, s) for p, s in self.s.execute(
            select(SerialNumber.product_id, SerialNumber.serial).where(SerialNumber.order_id == order_id))}

    def used(self, product_id: int, serial: str) -> bool:
        return self.s.scalar(select(SerialNumber.id).where(
            SerialNumber.product_id == product_id, SerialNumber.serial == serial)) is not None

    def add(self, product_id: int, serial: str, order_id: int, item_id: int) -> None:
        self.s.execute(insert(serials_t).values(product_id=product_id, serial=serial, order_id=order_id,
                                                parcel_item_id=item_id))


class SqlLabels:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.rows = _RowsById(session, Label, LabelRecord)

    def get(self, label_id: int) -> LabelRecord | None:
        return self.rows.get(label_id)  # type: ignore[no-any-return]

    def newest(self, parcel_id: int) -> LabelRecord | None:
        label = self.s.scalar(select(Label).where(Label.parcel_id == parcel_id).order_by(Label.version.desc()).limit(1))
        return None if label is None else _record(LabelRecord, label)

    def add(self, label: LabelRecord) -> int:
        return self.rows.add(label)

    def save(self, label: LabelRecord) -> None:
        self.rows.save(label)


# --- logs --------------------------------------------------------------------------------------


class SqlScans:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, entry: ScanEntry) -> int:
        values = _columns(entry)
        values["data"], values["message"] = entry.data[:400], (entry.message or "")[:400] or None
        # Core, straight to the driver: every scan (what it leaves None is left out: NULL all the same)
        return int(send(self.s, INSERT_SCAN, {key: value for key, value in values.items() if value is not None}).one()[0])

    def last_of_order(self, order_id: int, outcomes: frozenset[str]) -> ScanEntry | None:
        row = self.s.scalar(select(ScanRecord).where(ScanRecord.order_id == order_id, ScanRecord.outcome.in_(outcomes))
                            .order_by(ScanRecord.id.desc()).limit(1))
        return None if row is None else _record(ScanEntry, row)

    def tally(self, username: str, since: datetime, accepted: str, undone: str,
              errors: frozenset[str]) -> ScanTally:
        mine = (ScanRecord.username == username) & (ScanRecord.at >= since)
        ok = self.s.scalar(select(func.count()).where(mine, ScanRecord.outcome == accepted))
        units = self.s.scalar(select(func.coalesce(func.sum(ScanRecord.quantity), 0)).where(
            mine, ScanRecord.outcome.in_([accepted, undone])))
        mis = self.s.scalar(select(func.count()).where(mine, ScanRecord.outcome.in_(errors)))
        return ScanTally(int(ok or 0), int(units or 0), int(mis or 0))


class SqlEvents:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, order_id: int, kind: str, *, station: str | None = None, user: str | None = None,
            from_status: str | None = None, to_status: str | None = None,
            detail: dict[str, Any] | None = None, at: datetime | None = None) -> None:
        send(self.s, INSERT_EVENT, {
            "order_id": order_id, "at": at or utcnow(), "kind": kind, "from_status": from_status,
            "to_status": to_status, "station": station, "username": user,
            "detail": json.dumps(detail, default=str, sort_keys=True) if detail else None})

    def add_many(self, events: list[NewEvent]) -> None:
        if not events:
            return
        now = utcnow()
        self.s.connection().execute(INSERT_EVENT, [{  # one batched INSERT
            "order_id": e.order_id, "at": now, "kind": e.kind, "from_status": e.from_status,
            "to_status": e.to_status, "station": e.station, "username": e.user,
            "detail": json.dumps(e.detail, default=str, sort_keys=True) if e.detail else None} for e in events])

    def count(self, username: str, since: datetime, kind: str, to_status: str | None) -> int:
        return int(self.s.scalar(select(func.count()).select_from(OrderEvent).where(
            OrderEvent.username == username, OrderEvent.at >= since, OrderEvent.kind == kind,
            OrderEvent.to_status == to_status)) or 0)

    def status_before(self, order_id: int, status: str) -> str | None:
        return self.s.scalar(select(OrderEvent.from_status).where(
            OrderEvent.order_id == order_id, OrderEvent.kind == "StatusChanged", OrderEvent.to_status == status)
            .order_by(OrderEvent.id.desc()).limit(1))

    def last_detail(self, order_id: int, kind: str) -> dict[str, Any] | None:
        row = self.s.execute(select(OrderEvent.detail).where(OrderEvent.order_id == order_id, OrderEvent.kind == kind)
                             .order_by(OrderEvent.id.desc()).limit(1)).first()
        if row is None:
            return None
        value = json.loads(row.detail) if row.detail else {}
        return value if isinstance(value, dict) else {}


class SqlStationLog:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, station: str, kind: str, action: str, username: str | None, method: str | None,
            order_id: int | None, detail: dict[str, Any] | None, at: datetime) -> None:
        self.s.add(StationEvent(at=at, station=station, kind=kind, action=action, username=username,
                                method=method, order_id=order_id,
                                detail=json.dumps(detail, sort_keys=True) if detail else None))
        self.s.flush()

    def refusals(self, station: str, since: datetime, containing: str) -> tuple[int, datetime | None]:
        count, last = self.s.execute(select(func.count(StationEvent.id), func.max(StationEvent.at)).where(
            StationEvent.station == station, StationEvent.kind == "SupervisorRefused",
            StationEvent.at >= since, StationEvent.detail.contains(containing))).one()
        return int(count or 0), as_utc(last)


class SqlUsers:
    def __init__(self, session: Session) -> None:
        self.s = session

    def active(self) -> list[UserRecord]:
        return [_record(UserRecord, u) for u in self.s.scalars(select(User).where(User.active.is_(True)))]

    def by_badge(self, badge: str) -> UserRecord | None:
        user = self.s.scalar(select(User).where(User.badge_code == badge, User.active.is_(True)))
        return None if user is None else _record(UserRecord, user)


class SqlExceptions:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, exception: ExceptionRecord) -> int:
        row = PackException(**_columns(exception))
        self.s.add(row)
        self.s.flush()
        return row.id

    def resolve(self, exception_id: int, by: str, resolution: str, at: datetime) -> None:
        self.s.execute(update(PackException).where(PackException.id == exception_id)
                       .values(resolved_at=at, resolved_by=by, resolution=resolution))


class SqlCounters:
    def __init__(self, session: Session) -> None:
        self.s = session

    def next(self, name: str) -> int:
        return next_value(self.s, name)

    def next_many(self, name: str, count: int) -> int:
        return next_value(self.s, name, step=count)
