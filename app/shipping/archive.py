"""Every document printed for an order is kept, by the SHA-256 of its bytes, and can be written
back out: `packdesk orders documents NUMBER --out DIR`. Completed orders older than
`[orders] archive_after_days` are archived (`packdesk orders archive`): marked, not moved, so
their events, payments, returns and documents stay where they are and stay retrievable."""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.shipping.errors import ShippingError
from app.translator import Lines, phrase
from app.unit_of_work import ArchivedRecord, ManifestRecord, UnitOfWork

log = logging.getLogger(__name__)

KINDS = ("label", "slip", "invoice", "return_label", "manifest")


def keep(uow: UnitOfWork, order_number: str, kind: str, name: str, content: bytes, now: datetime) -> bool:
    """Keeps a printed document of an order (in its own unit of work); False when these very bytes
    were kept for the order before (a reprint of the same version)."""
    if kind not in KINDS:
        raise ShippingError(phrase("%(kind)s is no kind of document kept; kinds: %(kinds)s.", kind=repr(kind),
                                   kinds=", ".join(KINDS)))
    with uow:
        order = uow.orders.get(order_number)
        if order is None:
            raise ShippingError(phrase("No order has the number %(number)s; the document was not kept.",
                                       number=order_number))
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
            raise ShippingError(phrase("No order has the number %(number)s.", number=order_number))
        documents = uow.archive.of_order(order.id)
    if not documents:
        raise ShippingError(phrase("No document was printed for order %(number)s yet.", number=order_number))
    return _write_out([(d, d.kind) for d in documents], folder, phrase("of order %(number)s", number=order_number))


MANIFEST = "manifest"


def keep_manifest(uow: UnitOfWork, carrier: str | None, day: date, name: str, content: bytes,
                  now: datetime) -> bool:
    """Keeps a printed manifest of a carrier (None: every carrier) and local day, in its own unit
    of work; False when these very bytes were kept under that name before (printed again unchanged)."""
    with uow:
        kept = uow.archive.add_manifest(ManifestRecord(0, carrier or "", day, _safe(name),
                                                       hashlib.sha256(content).hexdigest(), content, now))
        uow.commit()
    return kept


def manifest_name(carrier: str | None, day: date, extension: str) -> str:
    """The file name a manifest is kept under, e.g. manifest-FAST-2025-03-14.pdf."""
    return f"manifest-{carrier or 'all'}-{day.isoformat()}.{extension}"


def write_manifests(uow: UnitOfWork, day: date, carrier: str | None, folder: Path) -> list[Written]:
    """Writes every manifest kept for the day (a carrier's only, if given) into `folder`, oldest
    first, named TIME-ID-NAME; ShippingError when none was printed."""
    with uow:
        manifests = uow.archive.manifests(day, carrier)
    if not manifests:
        raise ShippingError(phrase("No manifest of %(who)s was printed for %(day)s; print one with "
                                   "`packdesk dispatch manifest` or `packdesk documents manifest`.",
                                   who=phrase("carrier %(carrier)s", carrier=carrier) if carrier
                                   else phrase("any carrier"), day=day.isoformat()))
    return _write_out([(m, MANIFEST) for m in manifests], folder, phrase("of %(day)s", day=day.isoformat()))


def _write_out(documents: list[tuple[ArchivedRecord | ManifestRecord, str]], folder: Path,
               whose: object) -> list[Written]:
    """Writes kept documents as TIME-ID-NAME files, each checked against its checksum."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ShippingError(phrase("Cannot create %(folder)s: %(why)s; choose another --out.", folder=str(folder),
                                   why=exc.strerror)) from None
    written = []
    for d, kind in documents:
        stamp = f"{d.created_at:%Y%m%dT%H%M%S}" if d.created_at else "undated"
        path = folder / f"{stamp}-{d.id:06d}-{d.name}"
        if hashlib.sha256(d.content).hexdigest() != d.sha256:
            raise ShippingError(phrase("Document %(name)s %(whose)s does not match its checksum; the archive is "
                                       "damaged, restore it from the backup.", name=d.name, whose=whose))
        try:
            path.write_bytes(d.content)
        except OSError as exc:
            raise ShippingError(phrase("Cannot write %(path)s: %(why)s; choose another --out.", path=str(path),
                                       why=exc.strerror)) from None
        written.append(Written(path, kind, d.sha256))
    return written


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:200] or "document"


def keep_printed(db: object, order_number: str, kind: str, name: str, content: bytes) -> bool:
    """`keep` on a Database (for printing/'s commands, which never see the store)."""
    from datetime import timezone

    from app.store.uow import SqlUnitOfWork

    return keep(SqlUnitOfWork(db), order_number, kind, name, content, datetime.now(timezone.utc))  # type: ignore[arg-type]


def keep_printed_manifest(db: object, carrier: str | None, day: date, content: bytes, extension: str) -> bool:
    """`keep_manifest` on a Database (for printing/'s `documents manifest`)."""
    from datetime import timezone

    from app.store.uow import SqlUnitOfWork

    return keep_manifest(SqlUnitOfWork(db), carrier, day, manifest_name(carrier, day, extension), content,  # type: ignore[arg-type]
                         datetime.now(timezone.utc))


ARCHIVE_BATCH = 500  # orders marked per transaction (a long run commits as it goes and can be stopped)


@dataclass
class Archived:
    """What `archive_orders` did (or, dry, would do)."""

    before: datetime
    dry_run: bool
    total: int = 0
    archived: int = 0
    numbers: list[str] = field(default_factory=list)  # the first ones, for the summary

    def summary(self) -> str:
        count = self.total if self.dry_run else self.archived
        shown = ", ".join(self.numbers[:10]) + (" ..." if count > 10 else "")
        before = self.before.strftime("%Y-%m-%d %H:%M")
        if self.dry_run:
            said = phrase("%(count)s completed order(s) completed before %(before)s UTC would be archived",
                          count=count, before=before)
        else:
            said = phrase("%(count)s completed order(s) completed before %(before)s UTC archived", count=count,
                          before=before)
        return Lines([said, f": {shown}" if count else "."], "")


def archive_orders(new_uow: Callable[[], UnitOfWork], before: datetime, now: datetime, *, dry_run: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> Archived:
    """Marks every completed order whose completion was before `before` archived, in batches of
    ARCHIVE_BATCH (each its own transaction); `progress(done, total)` after each. A dry run
    only counts and names them."""
    run = Archived(before, dry_run)
    uow = new_uow()
    with uow:
        run.total = uow.archive.count_completed_before(before)
    last = 0
    done = 0
    while done < run.total:
        uow = new_uow()
        with uow:
            batch = uow.archive.completed_before(before, last, ARCHIVE_BATCH)
            if not batch:
                break
            last = batch[-1][0]
            if len(run.numbers) < 10:
                run.numbers += [n for _, n in batch[:10 - len(run.numbers)]]
            if not dry_run:
                run.archived += uow.archive.mark_archived([i for i, _ in batch], now)
                uow.commit()
        done += len(batch)
        if progress is not None:
            progress(min(done, run.total), run.total)
    log.info("%s", run.summary())
    return run
