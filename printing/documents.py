"""A LabelRequest from the packing use cases turned into print jobs: the shipping label (ZPL
or PDF) and the packing slip (PDF). The station core calls `label_and_slip_jobs` through its
DocumentRenderer port, off its own thread."""
from __future__ import annotations

import logging
from decimal import Decimal

from app.packing.api import LabelRequest
from app.ports import PrintJob
from app.translator import phrase
from printing.label_pdf import label_pdf
from printing.errors import DocumentError
from printing.label_zpl import label_zpl
from printing.model import Address, Company, LabelData, SlipData, SlipLine
from printing.slip import slip_pdf

log = logging.getLogger(__name__)


def label_data(r: LabelRequest) -> LabelData:
    """The printing model of a label request."""
    return LabelData(
        ship_from=Address.of(r.ship_from), ship_to=Address.of(r.ship_to), carrier=r.carrier,
        service=r.service, weight_g=r.weight_g, tracking_number=r.tracking_number, sscc=r.sscc,
        order_number=r.order_number, parcel_index=r.parcel_seq,
        parcel_count=_known_count(r), dimensions_mm=r.dimensions_mm,
        reference=r.order_number, ship_date=r.ship_date,
    )


def slip_data(r: LabelRequest) -> SlipData:
    """The printing model of the packing slip for this parcel."""
    return SlipData(
        company=Company(name=r.company_name, address=Address.of(r.ship_from)),
        order_number=r.order_number, order_date=r.order_date, ship_to=Address.of(r.ship_to),
        lines=tuple(SlipLine(sku=line.sku, name=line.name, ordered=line.ordered, in_parcel=line.in_parcel,
                             backordered=line.backordered, unit_price=Decimal(line.unit_price))
                    for line in r.lines),
        currency=r.currency, gift_message=r.gift_message, is_gift=r.is_gift,
        parcel_index=r.parcel_seq, parcel_count=_known_count(r),
    )


def _known_count(r: LabelRequest) -> int:
    """The order's parcel count; a label or slip is never printed with a guessed one ("1 of 1"
    on the first of two parcels)."""
    if r.parcel_count is None:
        raise DocumentError(phrase("label of parcel %(seq)s of order %(number)s", seq=r.parcel_seq,
                                   number=r.order_number), "parcel_count", None,
                            phrase("it cannot say how many parcels the order has yet; it prints when the order's "
                                   "last parcel is closed"))
    return r.parcel_count


def label_and_slip_jobs(r: LabelRequest) -> tuple[PrintJob, PrintJob | None]:
    """(the label job, the packing slip job) of one parcel's label version."""
    base = f"{r.order_number}-parcel{r.parcel_seq}"
    if r.label_format == "zpl":
        label = PrintJob(f"{base}-label-v{r.version}", label_zpl(label_data(r)), "application/zpl")
    else:
        label = PrintJob(f"{base}-label-v{r.version}", label_pdf(label_data(r)), "application/pdf")
    return label, PrintJob(f"{base}-slip", slip_pdf(slip_data(r)), "application/pdf")
