"""The return label as a printed document: what it says (from the return and its order), drawn by
the layer that draws documents - found through the `packdesk.return_labels` entry point, so app/
never imports printing/ - and kept in the order's archive like every printed document."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.addresses import AddressData
from app.shipping.archive import keep
from app.shipping.errors import ShippingError
from app.translator import phrase
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

ENTRY_POINTS = "packdesk.return_labels"
FORMATS = ("pdf", "zpl")


@dataclass(frozen=True)
class ReturnLabelFacts:
    """What a return label says; the warehouse's address comes from the configuration."""

    rma: str
    order_number: str
    tracking_number: str
    carrier: str  # the carrier's name
    customer: AddressData
    items: int
    reason: str
    created: date | None


# (facts, the configuration's tables, "pdf" or "zpl", dpi) -> the document's bytes
Renderer = Callable[[ReturnLabelFacts, dict[str, Any], str, int], bytes]


def label_facts(uow: UnitOfWork, rma: str, fallback_carrier: str) -> ReturnLabelFacts:
    """The facts of a return's label (the carrier of the order's first parcel, else the fallback's name)."""
    with uow:
        record = uow.returns.get(rma.strip().upper())
        if record is None:
            raise ShippingError(phrase("No return has the RMA %(rma)s; it reads like RMA-000001.", rma=rma))
        order = uow.orders.get_by_id(record.order_id)
        assert order is not None
        if order.ship_to is None:
            raise ShippingError(phrase("Order %(number)s has no address: the return label of %(rma)s cannot say "
                                       "who sends it.", number=order.number, rma=record.rma))
        parcels = uow.parcels.of_order(order.id)
        names = {c.code: c.name for c in uow.carriers.table().carriers}
        carrier = names.get(parcels[0].carrier, parcels[0].carrier) if parcels and parcels[0].carrier else None
        items = sum(line.quantity for line in uow.returns.lines(record.id))
        return ReturnLabelFacts(record.rma, order.number, record.tracking_number or "", carrier or fallback_carrier,
                                order.ship_to, items, record.reason,
                                record.created_at.date() if record.created_at else None)


def renderer() -> Renderer:
    """The installed return-label renderer; ShippingError when none is (printing/ is missing)."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINTS), key=lambda e: e.name):
        try:
            return ep.load()  # type: ignore[no-any-return]
        except ImportError as exc:
            log.warning("return label renderer %s unavailable: %s", ep.name, exc)
    raise ShippingError(phrase("No return label renderer is installed (the printing part of Packdesk); reinstall "
                               "Packdesk with its documents."))


def print_return_label(new_uow: Callable[[], UnitOfWork], raw: dict[str, Any], facts: ReturnLabelFacts, fmt: str,
                       now: datetime, dpi: int = 203, draw: Renderer | None = None) -> tuple[str, bytes]:
    """The return label's file name and bytes, kept in the order's archive (kind return_label)."""
    if fmt not in FORMATS:
        raise ShippingError(phrase("A return label is printed as %(formats)s, not %(format)s.",
                                   formats=" or ".join(FORMATS), format=repr(fmt)))
    content = (draw or renderer())(facts, raw, fmt, dpi)
    name = f"return-label-{facts.rma}.{fmt}"
    keep(new_uow(), facts.order_number, "return_label", name, content, now)
    return name, content
