"""A supervisor sends a parcel with another service than the one chosen, with a reason."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from app.orders import lifecycle
from app.shipping import rates
from app.shipping.carriers import Shipment, adapter_for
from app.shipping.errors import ShippingError
from app.translator import Lines, phrase
from app.unit_of_work import LabelRecord, UnitOfWork

log = logging.getLogger(__name__)

SUPERVISORS = ("supervisor", "admin")


@dataclass(frozen=True)
class Overridden:
    """The parcel's new service; `new_label` when the carrier changed (a new tracking number)."""

    order_number: str
    parcel_seq: int
    carrier: str
    service: str
    price: str | None
    tracking_number: str
    new_label: bool
    message: str


def override_service(uow: UnitOfWork, number: str, seq: int, carrier: str, service: str, reason: str,
                     supervisor: str, now: datetime) -> Overridden:
    """Changes a labelled parcel's service before it is handed over; another carrier books it again
    (a new tracking number and a new label version to print, the old label voided)."""
    why = (reason or "").strip()
    if not why:
        raise ShippingError(phrase("An override needs a reason (--reason): it goes into the order's log."))
    with uow:
        boss = next((u for u in uow.users.active() if u.username == supervisor), None)
        if boss is None or boss.role not in SUPERVISORS:
            raise ShippingError(phrase("%(who)s is no active supervisor; only a supervisor or an admin may change a "
                                       "parcel's service.", who=repr(supervisor)))
        order = uow.orders.get(number)
        if order is None:
            raise ShippingError(phrase("No order has the number %(number)s.", number=number))
        parcel = next((p for p in uow.parcels.of_order(order.id) if p.seq == seq), None)
        if parcel is None or parcel.status not in ("closed", "confirmed"):
            raise ShippingError(phrase("Order %(number)s has no labelled parcel %(parcel)s; close it first.",
                                       number=number, parcel=seq))
        if parcel.handed_over_at is not None:
            raise ShippingError(phrase("Parcel %(parcel)s of order %(number)s was handed to %(carrier)s at %(when)s; "
                                       "it can no longer change service.", parcel=seq, number=number,
                                       carrier=parcel.carrier or phrase("the carrier"),
                                       when=parcel.handed_over_at.strftime("%Y-%m-%d %H:%M")))
        table = uow.carriers.table()
        chosen_carrier = next((c for c in table.carriers if c.code == carrier), None)
        chosen = next((s for s in table.services if (s.carrier, s.code) == (carrier, service)), None)
        if chosen_carrier is None or chosen is None:
            offered = ", ".join(f"{s.carrier} {s.code}" for s in table.services) or \
                phrase("none (import carriers first)")
            raise ShippingError(phrase("There is no service %(service)s of carrier %(carrier)s; services: %(offered)s.",
                                       service=service, carrier=carrier, offered=offered))
        address = order.ship_to
        zone = rates.zone_for(table, carrier, address.country if address else "", address.postcode if address else "")
        weight = parcel.actual_weight_g or parcel.expected_weight_g or 0
        box = uow.boxes.get(parcel.box_id) if parcel.box_id else None
        outer = (box.outer_length_mm, box.outer_width_mm, box.outer_height_mm) if box else None
        chargeable = rates.chargeable_weight_g(weight, outer, chosen_carrier.dim_divisor)
        rate = rates.bracket(table, carrier, service, zone, chargeable) if zone else None
        tracking, new_label = parcel.tracking_number or "", carrier != parcel.carrier
        if new_label:
            tracking = adapter_for(chosen_carrier, uow.counters).book(Shipment(
                chosen_carrier, chosen, order.number, seq, parcel.sscc or "", address, weight, outer))
            old = uow.labels.newest(parcel.id)
            if old is not None:
                uow.labels.save(replace(old, status="voided", reason=f"carrier changed: {why}"))
            uow.labels.add(LabelRecord(0, parcel.id, (old.version if old else 0) + 1,
                                       old.format if old else "pdf", "pending", reason=f"carrier changed: {why}",
                                       created_at=now))
        uow.parcels.save(replace(parcel, carrier=carrier, service=service, tracking_number=tracking,
                                 shipping_cost=rate.price if rate else None, chargeable_weight_g=chargeable,
                                 service_reason=why))
        lifecycle.record_event(uow, order.id, "ServiceOverridden", user=supervisor, parcel=seq,
                               carrier=carrier, service=service, was_carrier=parcel.carrier,
                               was_service=parcel.service, tracking=tracking, reason=why,
                               price=str(rate.price) if rate else None)
        uow.commit()
    price = f"{rate.currency} {rate.price:.2f}" if rate else None
    said = [phrase("Parcel %(seq)s of order %(number)s now goes with %(carrier)s %(service)s (%(price)s).",
                   seq=seq, number=number, carrier=chosen_carrier.name, service=chosen.name, price=price) if price
            else phrase("Parcel %(seq)s of order %(number)s now goes with %(carrier)s %(service)s (no rate for this "
                        "destination and weight).", seq=seq, number=number, carrier=chosen_carrier.name,
                        service=chosen.name)]
    if new_label:
        said.append(phrase("New tracking number %(tracking)s: print the new label (label version pending) and "
                           "replace the old one.", tracking=tracking))
    text = Lines(said, " ")
    return Overridden(number, seq, carrier, service, str(rate.price) if rate else None, tracking, new_label, text)
