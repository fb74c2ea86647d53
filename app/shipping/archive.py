"""Every document printed for an order is kept, by the SHA-256 of its bytes, and can be written
back out: `packdesk orders documents NUMBER --out DIR`."""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.shipping.errors import ShippingError
from app.unit_of_work import ArchivedRecord, UnitOfWork

log = logging.getLogger(__name__)

KINDS = ("label", "slip", "invoice", "return_label", "manifest")


def keep(uow: UnitOfWork, order_number: str, kind: str, name: str, content: bytes, now: datetime) -> bool:
    """Keeps a printed document of an order (in its own unit of work); False when these very bytes
    were kept for the order before (a reprint of the same version)."""
    if kind not in KINDS:
        raise ShippingError(f"{kind!r} is no kind of document kept; kinds: {', '.join(KINDS)}.")
    with uow:
        order = uow.orders.get(order_number)
        if order is None:
            raise ShippingError(f"No order has the number {order_number}; the document was not kept.")
        kept = uow.archive.add(ArchivedRecord(0, order.id, kind, _safe(name), hashlib.sha256(content).hexdigest(),
                                              content, now))
        uow.commit()
    return kept


@dataclass(frozen=True)
class Written:
    path: Path
    kind: str
    sha256: str


def write_documents(uow: UnitOfWork, order_number: str, folder: Path) -> list[Written]:
    """Writes every kept document of the order into `folder` (created if needed), oldest first,
    named TIME-KIND-NAME; ShippingError when the order is unknown or has none."""
    with uow:
        order = uow.orders.get(order_number)
        if order is None:
            raise ShippingError(f"No order has the number {order_number}.")
        documents = uow.archive.of_order(order.id)
    if not documents:
        raise ShippingError(f"No document was printed for order {order_number} yet.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ShippingError(f"Cannot create {folder}: {exc.strerror}; choose another --out.") from None
    written = []
    for d in documents:
        stamp = f"{d.created_at:%Y%m%dT%H%M%S}" if d.created_at else "undated"
        path = folder / f"{stamp}-{d.id:06d}-{d.name}"
        if hashlib.sha256(d.content).hexdigest() != d.sha256:
            raise ShippingError(f"Document {d.name} of order {order_number} does not match its checksum; "
                                "the archive is damaged, restore it from the backup.")
        try:
            path.write_bytes(d.content)
        except OSError as exc:
            raise ShippingError(f"Cannot write {path}: {exc.strerror}; choose another --out.") from None
        written.append(Written(path, d.kind, d.sha256))
    return written


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:200] or "document"


def keep_printed(db: object, order_number: str, kind: str, name: str, content: bytes) -> bool:
    """`keep` on a Database (for printing/'s commands, which never see the store)."""
    from datetime import timezone

    from app.store.uow import SqlUnitOfWork

    return keep(SqlUnitOfWork(db), order_number, kind, name, content, datetime.now(timezone.utc))  # type: ignore[arg-type]
