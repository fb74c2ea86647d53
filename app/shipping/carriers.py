"""The carrier port: what booking a parcel with a carrier means, and its adapters.

The built-in table carrier numbers parcels itself with UPU S10 tracking numbers from a counter
every station shares; its prices come from the imported rate tables. A real carrier's API is
another adapter: a class with `book(shipment) -> str` registered in `ADAPTERS` under the name a
carrier's `adapter` column gives (docs/shipping.md, "A carrier's API").
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.addresses import AddressData
from app.identifiers import s10
from app.shipping.errors import ShippingError
from app.translator import phrase
from app.unit_of_work import CarrierRecord, Counters, ServiceRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shipment:
    """What a carrier is told when a parcel is booked."""

    carrier: CarrierRecord
    service: ServiceRecord
    order_number: str
    parcel_seq: int
    sscc: str
    ship_to: AddressData | None
    weight_g: int
    dimensions_mm: tuple[int, int, int] | None


class CarrierAdapter(Protocol):
    """Books a parcel with a carrier; returns the carrier's tracking number for its label."""

    def book(self, shipment: Shipment) -> str: ...


class TableCarrier:
    """The built-in carrier: S10 tracking numbers (service indicator, 8-digit serial, check
    digit, country) from the shared counter `s10_serial`."""

    def __init__(self, carrier: CarrierRecord, counters: Counters) -> None:
        self.carrier, self.counters = carrier, counters

    def book(self, shipment: Shipment) -> str:
        return s10(self.carrier.s10_service_indicator, self.counters.next("s10_serial") % 10**8,
                   self.carrier.s10_country)


# adapter name -> factory(carrier, shared counters)
ADAPTERS: dict[str, Callable[[CarrierRecord, Counters], CarrierAdapter]] = {"table": TableCarrier}


def adapter_for(carrier: CarrierRecord, counters: Counters) -> CarrierAdapter:
    """The adapter a carrier's row names; ShippingError when no such adapter is installed."""
    factory = ADAPTERS.get(carrier.adapter)
    if factory is None:
        raise ShippingError(phrase("Carrier %(carrier)s uses the adapter %(adapter)s, which is not installed "
                                   "(installed: %(installed)s); import the carrier with adapter = table or install "
                                   "the adapter (docs/shipping.md).", carrier=carrier.code,
                                   adapter=repr(carrier.adapter), installed=", ".join(sorted(ADAPTERS))))
    return factory(carrier, counters)
