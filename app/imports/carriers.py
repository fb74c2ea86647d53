"""Carrier imports (issue 15): carriers with their services, their zones, and their rate tables.

    packdesk import carriers FILE   one row per service of a carrier
    packdesk import zones FILE      one row per destination (country + postcode prefix) of a zone
    packdesk import rates FILE      one row per weight bracket of a service to a zone
"""
from __future__ import annotations

import logging
import re
from typing import Any

from app.imports.common import ImportReport, Progress, Uniques
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row
from app.store.import_rows import KeyedRow
from app.store.imports import ImportWriter
from app.translator import phrase

log = logging.getLogger(__name__)

LEVELS = ("standard", "express", "same_day")
CUTOFF = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
COUNTRY = re.compile(r"[A-Z]{2}")

CARRIER_COLUMNS = {
    "carrier": "text, required: the carrier's code (up to 40), e.g. DHL",
    "carrier_name": "text: the name on labels and screens (default: the code)",
    "dim_divisor": "integer > 0: cm^3 per kg of dimensional weight (default 5000)",
    "adapter": "text: how parcels are booked (default table: built-in S10 numbers)",
    "s10_service_indicator": "two capital letters of its S10 numbers (default RA)",
    "s10_country": "two capital letters of its S10 numbers (default DE)",
    "service": "text, required: the service code, unique per carrier, e.g. express",
    "service_name": "text: as shown (default: the service code)",
    "level": "standard, express or same_day, required",
    "transit_days": "integer >= 0, required: business days from hand-over to delivery",
    "cutoff": "HH:MM, required: hand over by then (local time, [shipping] timezone) to leave the same day",
}
CARRIER_REQUIRED = {"carrier", "service", "level", "transit_days", "cutoff"}
ZONE_COLUMNS = {
    "carrier": "a carrier code, required",
    "zone": "text, required (up to 20): the zone the rates name",
    "country": "ISO 3166 two-letter code, required",
    "postcode_prefix": "the postcodes starting with this (empty: the whole country); the longest match wins",
}
ZONE_REQUIRED = {"carrier", "zone", "country"}
RATE_COLUMNS = {
    "carrier": "a carrier code, required", "service": "a service of that carrier, required",
    "zone": "a zone of that carrier, required",
    "max_weight_g": "integer grams > 0, required: the bracket holds parcels up to this chargeable weight",
    "price": "decimal >= 0, required", "currency": "ISO 4217 code, default EUR",
}
RATE_REQUIRED = {"carrier", "service", "zone", "max_weight_g", "price"}


def parse_carriers(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """One row per service; the carrier's own columns must agree on every row of the carrier."""
    services = Uniques(phrase("service"))
    carriers: dict[str, tuple[int, dict[str, Any]]] = {}
    parsed = []
    for record in records:
        row = Row(record, problems)
        code = row.text("carrier", required=True, column="carriers.code")
        carrier = dict(code=code, name=row.text("carrier_name", column="carriers.name") or code,
                       dim_divisor=row.integer("dim_divisor", minimum=1, default=5000, column="carriers.dim_divisor"),
                       adapter=row.text("adapter", column="carriers.adapter") or "table",
                       s10_service_indicator=_letters(row, "s10_service_indicator", "RA"),
                       s10_country=_letters(row, "s10_country", "DE"))
        service = row.text("service", required=True, column="carrier_services.code")
        level = row.text("level", required=True)
        if level is not None and level not in LEVELS:
            row.problem(phrase("level %(level)s is not one of %(levels)s", level=repr(level), levels=", ".join(LEVELS)))
        cutoff = row.text("cutoff", required=True)
        if cutoff is not None and not CUTOFF.fullmatch(cutoff):
            row.problem(phrase("cutoff %(cutoff)s is not a time of day; write it as 17:30", cutoff=repr(cutoff)))
        values = dict(code=service, name=row.text("service_name", column="carrier_services.name") or service,
                      level=level, transit_days=row.integer("transit_days", required=True, minimum=0,
                                                            column="carrier_services.transit_days"),
                      cutoff=cutoff)
        services.check(row, (code, service), phrase("%(service)s of carrier %(carrier)s", service=service, carrier=code))
        if code is not None and row.ok:
            first = carriers.setdefault(code, (row.line, carrier))
            if first[1] != carrier:
                row.problem(phrase("carrier %(code)s is described differently on line %(line)s (name, "
                                   "dim_divisor, adapter and S10 parts must be the same on every row)",
                                   code=code, line=first[0]))
        parsed.append(KeyedRow(row.line, (code, service), {"carrier": carrier, "service": values}))
    return parsed


def _letters(row: Row, name: str, default: str) -> str:
    value = (row.text(name) or default).upper()
    if not COUNTRY.fullmatch(value):
        row.problem(phrase("%(column)s %(value)s must be two letters", column=name, value=repr(value)))
    return value


def parse_zones(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """One row per destination of a zone: key (carrier, country, postcode prefix)."""
    seen = Uniques(phrase("destination"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        carrier = row.text("carrier", required=True, column="carriers.code")
        zone = row.text("zone", required=True, column="carrier_zones.zone")
        country = (row.text("country", required=True) or "").upper()
        if country and not COUNTRY.fullmatch(country):
            row.problem(phrase("country %(country)s must be a two-letter ISO code such as DE", country=repr(country)))
        prefix = "".join(ch for ch in (row.text("postcode_prefix", column="carrier_zones.postcode_prefix") or "")
                         .upper() if ch.isalnum())
        seen.check(row, (carrier, country, prefix), phrase("%(country)s %(prefix)s of carrier %(carrier)s",
                                                            country=country, prefix=prefix or "(all)", carrier=carrier))
        parsed.append(KeyedRow(row.line, (carrier, country, prefix), {"zone": zone}))
    return parsed


def parse_rates(records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """One row per bracket: key (carrier, service, zone, max_weight_g)."""
    seen = Uniques(phrase("bracket"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        key = (row.text("carrier", required=True), row.text("service", required=True),
               row.text("zone", required=True),
               row.integer("max_weight_g", required=True, minimum=1, column="carrier_rates.max_weight_g"))
        values = dict(price=row.decimal("price", required=True, column="carrier_rates.price"),
                      currency=(row.text("currency", column="carrier_rates.currency") or "EUR").upper())
        seen.check(row, key, phrase("%(service)s of %(carrier)s to zone %(zone)s up to %(grams)s g", service=key[1],
                                     carrier=key[0], zone=key[2], grams=key[3]))
        parsed.append(KeyedRow(row.line, key, values))
    return parsed


def prepare_carriers(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Carrier rows refer to nothing else."""
    return parse_carriers(records, problems)


def prepare_zones(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Zone rows name carriers the database knows."""
    parsed = parse_zones(records, problems)
    known = {carrier for carrier, _ in writer.carrier_services()}
    for p in parsed:
        if p.key[0] and p.key[0] not in known:
            problems.append(RowProblem(p.line, phrase("unknown carrier %(carrier)s (import the carriers first)", carrier=p.key[0])))
    return parsed


def prepare_rates(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[KeyedRow]:
    """Rate rows name a service of a carrier, and a zone of that carrier, the database knows."""
    parsed = parse_rates(records, problems)
    services = writer.carrier_services()
    zones = writer.carrier_zones()
    for p in parsed:
        carrier, service, zone, _ = p.key
        if not (carrier and service and zone):
            continue
        if (carrier, service) not in services:
            problems.append(RowProblem(p.line, phrase("carrier %(carrier)s has no service %(service)s "
                                              "(import the carriers first)", carrier=carrier, service=service)))
        elif (carrier, zone) not in zones:
            problems.append(RowProblem(p.line, phrase("carrier %(carrier)s has no zone %(zone)s (import the zones first)",
                                                     carrier=carrier, zone=zone)))
    return parsed


def write_carriers(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                   progress: Progress | None = None) -> None:
    """Creates or updates carriers by code and their services by (carrier, service)."""
    writer.write_carriers(parsed, report.count)


def write_zones(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                progress: Progress | None = None) -> None:
    """Creates or updates zone destinations."""
    writer.write_zones(parsed, report.count)


def write_rates(writer: ImportWriter, parsed: list[KeyedRow], report: ImportReport,
                progress: Progress | None = None) -> None:
    """Creates or updates rate brackets."""
    writer.write_rates(parsed, report.count)
