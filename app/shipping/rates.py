"""The carrier choice, pure: zones by country and postcode prefix, dimensional weight, weight
brackets, cut-off times and business days, and the cheapest service that meets the SLA."""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.unit_of_work import CarrierRecord, RateRecord, RateTable, ServiceRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Parcel:
    """What the choice needs to know of a parcel."""

    country: str
    postcode: str
    weight_g: int
    dimensions_mm: tuple[int, int, int] | None  # the outer box


@dataclass(frozen=True)
class Option:
    """One service that can carry the parcel: its price, when it leaves and arrives."""

    carrier: CarrierRecord
    service: ServiceRecord
    zone: str
    chargeable_weight_g: int
    price: Decimal
    currency: str
    ships_on: date
    arrives_on: date

    @property
    def label(self) -> str:
        """'Packdesk Post express' for a person."""
        return f"{self.carrier.name} {self.service.name}"


@dataclass(frozen=True)
class Choice:
    """The chosen option; `meets_sla` False when no service arrives by `deliver_by` (then the
    fastest is chosen, the cheapest of the fastest)."""

    option: Option
    deliver_by: date | None
    meets_sla: bool
    considered: int


def zone_for(table: RateTable, carrier: str, country: str, postcode: str) -> str | None:
    """The carrier's zone for a destination: the longest postcode prefix of the country that the
    postcode starts with ('' matches the whole country); None when the carrier does not go there."""
    wanted = normalise_postcode(postcode)
    best: tuple[int, str] | None = None
    for z in table.zones:
        if z.carrier != carrier or z.country.upper() != country.upper():
            continue
        prefix = normalise_postcode(z.postcode_prefix)
        if wanted.startswith(prefix) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), z.zone)
    return best[1] if best else None


def normalise_postcode(postcode: str) -> str:
    """Upper case without spaces or dashes ('sw1y 4jh' -> 'SW1Y4JH')."""
    return "".join(ch for ch in postcode.upper() if ch.isalnum())


def chargeable_weight_g(weight_g: int, dimensions_mm: tuple[int, int, int] | None, divisor: int) -> int:
    """The larger of the real weight and the dimensional weight (volume / divisor, where the divisor
    is in cm^3 per kg, which is mm^3 per g), rounded up to the gram."""
    if not dimensions_mm:
        return weight_g
    length, width, height = dimensions_mm
    return max(weight_g, math.ceil(length * width * height / divisor))


def bracket(table: RateTable, carrier: str, service: str, zone: str, weight_g: int) -> RateRecord | None:
    """The smallest weight bracket of the service and zone that holds the weight."""
    fitting = [r for r in table.rates if (r.carrier, r.service, r.zone) == (carrier, service, zone)
               and r.max_weight_g >= weight_g]
    return min(fitting, key=lambda r: r.max_weight_g, default=None)


def add_business_days(day: date, days: int) -> date:
    """The day `days` business days (Monday to Friday) after `day`; 0 keeps a business day."""
    day = next_business_day(day)
    for _ in range(days):
        day = next_business_day(day + timedelta(days=1))
    return day


def next_business_day(day: date) -> date:
    """The day itself when it is Monday to Friday, else the Monday after."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def parse_cutoff(text: str) -> time:
    """'17:30' -> 17:30; ValueError on anything else."""
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def ships_on(now: datetime, cutoff: str, zone: ZoneInfo) -> date:
    """The day a parcel ready at `now` leaves: today (local) up to the cut-off, else the next
    business day; a weekend rolls to Monday."""
    local = now.astimezone(zone)
    day = local.date()
    if local.weekday() >= 5 or local.time() > parse_cutoff(cutoff):
        day = next_business_day(day + timedelta(days=1))
    return day


def options(table: RateTable, parcel: Parcel, now: datetime, zone: ZoneInfo) -> list[Option]:
    """Every service that goes to the destination and has a bracket for the chargeable weight."""
    found = []
    for carrier in table.carriers:
        area = zone_for(table, carrier.code, parcel.country, parcel.postcode)
        if area is None:
            continue
        weight = chargeable_weight_g(parcel.weight_g, parcel.dimensions_mm, carrier.dim_divisor)
        for service in (s for s in table.services if s.carrier == carrier.code):
            rate = bracket(table, carrier.code, service.code, area, weight)
            if rate is None:
                continue
            leaves = ships_on(now, service.cutoff, zone)
            found.append(Option(carrier, service, area, weight, rate.price, rate.currency, leaves,
                                add_business_days(leaves, service.transit_days)))
    return found


def deliver_by(level_days: int, sla_due: datetime | None, now: datetime, zone: ZoneInfo) -> date:
    """The last day an order may arrive: its promise in business days from its SLA date (the
    day it is due to ship), or from today when it has no SLA time."""
    start = (sla_due or now).astimezone(zone).date()
    return add_business_days(start, level_days)


def choose(table: RateTable, parcel: Parcel, now: datetime, zone: ZoneInfo,
           latest: date | None) -> Choice | None:
    """The cheapest option arriving by `latest` (ties: the earlier arrival, then by name); when none
    does, the earliest arrival at the lowest price. None when no carrier takes the parcel."""
    found = options(table, parcel, now, zone)
    if not found:
        return None
    meeting = [o for o in found if latest is None or o.arrives_on <= latest]
    if meeting:
        best = min(meeting, key=lambda o: (o.price, o.arrives_on, o.carrier.code, o.service.code))
        return Choice(best, latest, True, len(found))
    best = min(found, key=lambda o: (o.arrives_on, o.price, o.carrier.code, o.service.code))
    return Choice(best, latest, False, len(found))
