"""The service of a parcel, chosen when it closes: the cheapest that meets the order's SLA,
booked through its carrier's adapter for the tracking number."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from app.orders import lifecycle
from app.shipping import rates
from app.shipping.carriers import Shipment, adapter_for
from app.shipping.settings import ShippingSettings
from app.translator import phrase
from app.unit_of_work import OrderRecord, UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Assigned:
    """A parcel's service and the tracking number its carrier gave."""

    choice: rates.Choice
    tracking_number: str

    @property
    def summary(self) -> str:
        """'Packdesk Post express, EUR 7.90, arrives 2025-03-17' for the packer."""
        o = self.choice.option
        price = f"{o.currency} {o.price:.2f}"
        if not self.choice.meets_sla:
            return phrase("%(service)s, %(price)s, arrives %(day)s (after the promised %(promised)s: no service "
                          "arrives in time)", service=o.label, price=price, day=o.arrives_on.isoformat(),
                          promised=self.choice.deliver_by)
        return phrase("%(service)s, %(price)s, arrives %(day)s", service=o.label, price=price,
                      day=o.arrives_on.isoformat())


def assign_in(uow: UnitOfWork, order: OrderRecord, seq: int, sscc: str, weight_g: int,
              dimensions_mm: tuple[int, int, int] | None, now: datetime, settings: ShippingSettings,
              station: str | None = None, user: str | None = None) -> Assigned | None:
    """Chooses and books the parcel's service; None when there are no rate tables, or no carrier
    takes the parcel (then the built-in carrier numbers it, and the event says why)."""
    table = uow.carriers.table()
    if not table.carriers:
        return None
    address = order.ship_to
    parcel = rates.Parcel(address.country if address else "", address.postcode if address else "", weight_g,
                          dimensions_mm)
    zone = settings.zone
    latest = rates.deliver_by(settings.promise(order.service_level), order.sla_due_at, now, zone)
    choice = rates.choose(table, parcel, now, zone, latest)
    if choice is None:
        lifecycle.record_event(uow, order.id, "NoCarrierService", station=station, user=user, parcel=seq,
                               country=parcel.country, postcode=parcel.postcode, weight_g=weight_g)
        log.warning("order %s parcel %s: no carrier service goes to %s %s at %s g", order.number, seq,
                    parcel.country, parcel.postcode, weight_g)
        return None
    o = choice.option
    tracking = adapter_for(o.carrier, uow.counters).book(Shipment(
        o.carrier, o.service, order.number, seq, sscc, address, weight_g, dimensions_mm))
    lifecycle.record_event(uow, order.id, "ServiceChosen", station=station, user=user, parcel=seq,
                           carrier=o.carrier.code, service=o.service.code, zone=o.zone,
                           chargeable_g=o.chargeable_weight_g, price=str(o.price), currency=o.currency,
                           ships_on=o.ships_on.isoformat(), arrives_on=o.arrives_on.isoformat(),
                           deliver_by=latest.isoformat(), meets_sla=choice.meets_sla, options=choice.considered)
    return Assigned(choice, tracking)
