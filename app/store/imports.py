"""The database side of an import: what the file's rows are checked against, and the writes.

`import_transaction(db)` opens ONE write transaction for a whole file: the checks read
through it and the writes go through it, so an import is all or nothing (an exception, or a
SIGKILL, before the commit leaves nothing written). Rows are matched by their natural key.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload

from app.errors import PackdeskError
from app.pins import hash_pin, pin_matches
from app.store import carriers, order_imports
from app.store.import_rows import KeyedRow, OrderDraft, ProductFacts, ProductRow, UserFacts, UserRow, assign
from app.store.models import Box, Location, Product, ProductBarcode, Stock, User
from app.store.audit_log import SqlAuditLog
from app.store.session import Database
from app.translator import phrase

log = logging.getLogger(__name__)

# count(created, changed): hears about each row written (ImportReport.count)
Count = Callable[[bool, bool], None]
# progress(stage, done, total), as app.imports.common.Progress
Progress = Callable[[str, int, int], None]


# PostgreSQL's codes for "another transaction got there first": unique_violation (two files
# creating the same customer or order), serialization_failure, deadlock_detected.
RACE_SQLSTATES = {"23505", "40001", "40P01"}


class ConcurrentImport(PackdeskError):
    """Another import wrote the same keys (e-mails, numbers, codes) while this one ran; nothing
    of this one was written, and checking and writing it again will see the other's rows."""

    def __init__(self, source: str) -> None:
        super().__init__(phrase("%(source)s: another import was writing the same customers, orders or codes at "
                                "the same time; nothing of this file was imported. Import it again.", source=source))


@contextmanager
def import_transaction(db: Database, source: str = "the file") -> Iterator[ImportWriter]:
    """One write transaction for one file: commits when the block completes, else rolls back.
    Losing a race to another import's keys is ConcurrentImport (the caller may try again)."""
    try:
        with db.write() as session:
            yield ImportWriter(session)
    except (IntegrityError, OperationalError) as exc:
        if _lost_a_race(exc):
            raise ConcurrentImport(source) from exc
        raise


def _lost_a_race(exc: DBAPIError) -> bool:
    return getattr(exc.orig, "sqlstate", None) in RACE_SQLSTATES


class ImportWriter:
    """Reads and writes of one import, inside its transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def audit(self, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
        """The import's record in the audit log, committed with what it wrote."""
        SqlAuditLog(self.session).append(actor, action, subject, detail)

    # --- catalogue ----------------------------------------------------------------------------

    def barcode_owners(self, codes: Iterable[str]) -> dict[str, str]:
        """The SKU each of these barcodes already belongs to (barcodes nobody has are left out)."""
        wanted = list(codes)
        if not wanted:
            return {}
        rows = self.session.execute(select(ProductBarcode.code, Product.sku).join(Product)
                                    .where(ProductBarcode.code.in_(wanted))).all()
        return {code: sku for code, sku in rows}

    def write_products(self, rows: list[ProductRow], count: Count) -> None:
        """Creates or updates products; a product's barcodes become those of its row."""
        session = self.session
        existing = {p.sku: p for p in session.scalars(
            select(Product).options(selectinload(Product.barcodes))
            .where(Product.sku.in_([r.values["sku"] for r in rows])))}
        # Drop barcodes first, so one moving between two products of this file does not collide.
        trimmed: set[str] = set()
        for row in rows:
            product = existing.get(row.values["sku"])
            if product is not None:
                keep = set(row.barcodes)
                for barcode in list(product.barcodes):
                    if (barcode.code, barcode.kind, barcode.quantity) not in keep:
                        product.barcodes.remove(barcode)
                        trimmed.add(product.sku)
        session.flush()
        for row in rows:
            product = existing.get(row.values["sku"])
            created = product is None
            if product is None:
                product = Product(**row.values)
                session.add(product)
                changed = True
            else:
                changed = assign(product, row.values) or product.sku in trimmed
            have = {(b.code, b.kind, b.quantity) for b in product.barcodes}
            for code, kind, quantity in row.barcodes:
                if (code, kind, quantity) not in have:
                    product.barcodes.append(ProductBarcode(code=code, kind=kind, quantity=quantity))
                    changed = True
            count(created, changed)

    # --- boxes, locations, stock --------------------------------------------------------------

    def box_barcode_owners(self, barcodes: Iterable[str]) -> dict[str, str]:
        """The box code each of these box barcodes already belongs to."""
        rows = self.session.execute(select(Box.barcode, Box.code).where(Box.barcode.in_(list(barcodes)))).all()
        return {barcode: code for barcode, code in rows}

    def write_boxes(self, rows: list[KeyedRow], count: Count) -> None:
        """Creates or updates boxes by code."""
        self._upsert(Box, Box.code, rows, count)

    def write_locations(self, rows: list[KeyedRow], count: Count) -> None:
        """Creates or updates locations by code."""
        self._upsert(Location, Location.code, rows, count)

    def known_skus(self) -> set[str]:
        """Every SKU of the catalogue."""
        return set(self.session.scalars(select(Product.sku)))

    def known_locations(self) -> set[str]:
        """Every location code."""
        return set(self.session.scalars(select(Location.code)))

    def write_stock(self, rows: list[KeyedRow], count: Count) -> None:
        """Sets the quantity on hand of each SKU (key[0]) at each location (key[1])."""
        session = self.session
        products = dict(session.execute(select(Product.sku, Product.id)).all())
        locations = dict(session.execute(select(Location.code, Location.id)).all())
        existing = {(s.product_id, s.location_id): s for s in session.scalars(select(Stock))}
        for row in rows:
            sku, where = row.key
            key = (products[sku], locations[where])
            stock = existing.get(key)
            if stock is None:
                session.add(Stock(product_id=key[0], location_id=key[1], allocated=0, **row.values))
                count(True, True)
            else:
                count(False, assign(stock, row.values))

    def _upsert(self, model: Any, key_column: Any, rows: list[KeyedRow], count: Count) -> None:
        existing = {getattr(o, key_column.key): o for o in self.session.scalars(
            select(model).where(key_column.in_([r.key for r in rows])))}
        for row in rows:
            obj = existing.get(row.key)
            if obj is None:
                self.session.add(model(**row.values))
                count(True, True)
            else:
                count(False, assign(obj, row.values))

    # --- users --------------------------------------------------------------------------------

    def users(self) -> dict[str, UserFacts]:
        """Every user by username: badge and whether a PIN is set."""
        return {u.username: UserFacts(u.username, u.badge_code, bool(u.pin_hash))
                for u in self.session.scalars(select(User))}

    def write_users(self, rows: list[UserRow], count: Count) -> None:
        """Creates or updates users; a PIN is re-hashed only when it changed."""
        existing = {u.username: u for u in self.session.scalars(select(User))}
        for row in rows:
            user = existing.get(row.values["username"])
            if user is None:
                self.session.add(User(**row.values, pin_hash=hash_pin(row.pin) if row.pin else None))
                count(True, True)
                continue
            changed = assign(user, row.values)
            if row.pin is not None and not pin_matches(user.pin_hash, row.pin):
                user.pin_hash = hash_pin(row.pin)
                changed = True
            count(False, changed)

    # --- orders -------------------------------------------------------------------------------

    def catalogue(self) -> dict[str, ProductFacts]:
        """Every product by SKU: what an order line takes from it."""
        return {p.sku: ProductFacts(p.id, p.name, p.price) for p in self.session.scalars(select(Product))}

    def changed_orders(self, drafts: list[OrderDraft]) -> dict[str, str]:
        """The status of each order already stored whose content the file would change."""
        return order_imports.changed_orders(self.session, drafts)

    def write_orders(self, drafts: list[OrderDraft], count: Count, source: str,
                     progress: Progress | None = None) -> None:
        """Creates new orders (captured) and updates captured ones whose content changed."""
        order_imports.write_orders(self.session, drafts, count, source, progress)

    # --- carriers (issue 15) -------------------------------------------------------------------

    def carrier_services(self) -> set[tuple[str, str]]:
        """Every (carrier code, service code) stored."""
        return carriers.carrier_services(self.session)

    def carrier_zones(self) -> set[tuple[str, str]]:
        """Every (carrier code, zone) stored."""
        return carriers.carrier_zones(self.session)

    def write_carriers(self, rows: list[KeyedRow], count: Count) -> None:
        """Creates or updates carriers and their services."""
        carriers.write_carriers(self.session, rows, count)

    def write_zones(self, rows: list[KeyedRow], count: Count) -> None:
        """Creates or updates zone destinations."""
        carriers.write_zones(self.session, rows, count)

    def write_rates(self, rows: list[KeyedRow], count: Count) -> None:
        """Creates or updates rate brackets."""
        carriers.write_rates(self.session, rows, count)
