"""The packing station's settings, read from the station's TOML configuration."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from app.addresses import AddressData
from app.config_tables import config_table
from app.errors import ConfigError
from app.shipping.settings import ShippingSettings
from app.translator import phrase

log = logging.getLogger(__name__)

# The tables and keys read here (app/config.py collects them into the registry of known names).
PACKING_CONFIG_TABLES = (
    config_table("packing", "company_name", "weight_tolerance_percent", "weight_tolerance_g", "lease_seconds",
                 "idle_timeout_seconds", "gs1_company_prefix", "sscc_extension_digit", "label_format"),
    config_table("ship_from", "name", "lines", "line1", "line2", "postcode", "city", "country", "company",
                 "region", "phone", "email"),
    config_table("carrier", "name", "service", "s10_service_indicator", "s10_country"),
)


@dataclass(frozen=True)
class CarrierDefaults:
    """The built-in carrier: name, service, and its UPU S10 tracking number parts."""

    name: str = "Packdesk Post"
    service: str = "standard"
    s10_service_indicator: str = "RA"  # two capital letters
    s10_country: str = "DE"  # the carrier's country, two capital letters


@dataclass(frozen=True)
class PackingSettings:
    """What the packing use cases need from the station's configuration."""

    station_code: str = "STATION-1"
    company_name: str = "Packdesk Demo Warehouse"
    ship_from: AddressData = field(default_factory=lambda: AddressData(
        name="Packdesk Demo Warehouse", lines=("Lagerstrasse 1",), postcode="20095",
        city="Hamburg", country="DE"))
    weight_tolerance_percent: float = 5.0
    weight_tolerance_g: int = 50  # the allowed deviation is the larger of the two
    lease_seconds: int = 900
    idle_timeout_seconds: int = 600
    gs1_company_prefix: str = "4012345"
    sscc_extension_digit: int = 0
    label_format: str = "pdf"  # zpl or pdf
    carrier: CarrierDefaults = field(default_factory=CarrierDefaults)
    shipping: ShippingSettings = field(default_factory=ShippingSettings)  # [shipping] (issue 15)

    def tolerance_g(self, expected_g: int) -> int:
        """Allowed deviation in grams for an expected weight: max(percent of it, grams)."""
        return max(self.weight_tolerance_g, round(expected_g * self.weight_tolerance_percent / 100))

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> PackingSettings:
        """Settings from a parsed station TOML ([station], [packing], [ship_from], [carrier])."""
        station = _table(raw, "station")
        packing = _table(raw, "packing")
        ship = _table(raw, "ship_from")
        carrier = _table(raw, "carrier")
        base = cls()
        try:
            ship_from = base.ship_from
            if ship:
                lines = ship.get("lines") or [ship.get("line1", "")] + ([ship["line2"]] if ship.get("line2") else [])
                ship_from = AddressData(
                    name=str(ship.get("name", base.company_name)), lines=tuple(str(x) for x in lines if x),
                    postcode=str(ship.get("postcode", "")), city=str(ship["city"]),
                    country=str(ship["country"]), company=str(ship.get("company", "")),
                    region=str(ship.get("region", "")), phone=str(ship.get("phone", "")),
                    email=str(ship.get("email", "")))
            defaults = CarrierDefaults()
            settings = cls(
                station_code=str(station.get("code", base.station_code)),
                company_name=str(packing.get("company_name", ship.get("name", base.company_name))),
                ship_from=ship_from,
                weight_tolerance_percent=float(packing.get("weight_tolerance_percent", base.weight_tolerance_percent)),
                weight_tolerance_g=int(packing.get("weight_tolerance_g", base.weight_tolerance_g)),
                lease_seconds=int(packing.get("lease_seconds", base.lease_seconds)),
                idle_timeout_seconds=int(packing.get("idle_timeout_seconds", base.idle_timeout_seconds)),
                gs1_company_prefix=str(packing.get("gs1_company_prefix", base.gs1_company_prefix)),
                sscc_extension_digit=int(packing.get("sscc_extension_digit", base.sscc_extension_digit)),
                label_format=str(packing.get("label_format", base.label_format)),
                carrier=CarrierDefaults(
                    name=str(carrier.get("name", defaults.name)),
                    service=str(carrier.get("service", defaults.service)),
                    s10_service_indicator=str(carrier.get("s10_service_indicator", defaults.s10_service_indicator)),
                    s10_country=str(carrier.get("s10_country", defaults.s10_country))),
                shipping=ShippingSettings.from_raw(raw),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(phrase(
                "The packing settings in the station configuration are incomplete or wrong (%(problem)s); "
                "see docs/configuration.md for [station], [packing], [ship_from] and [carrier].", problem=repr(exc)
            )) from None
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raises ConfigError naming the first setting that cannot work."""
        if self.weight_tolerance_percent < 0 or self.weight_tolerance_g < 0:
            raise ConfigError(phrase("[packing] weight tolerances must not be negative."))
        if self.lease_seconds < 10:
            raise ConfigError(phrase("[packing] lease_seconds = %(seconds)s is too short; use 60 or more.",
                                     seconds=self.lease_seconds))
        if not (self.gs1_company_prefix.isdigit() and 6 <= len(self.gs1_company_prefix) <= 12):
            raise ConfigError(phrase("[packing] gs1_company_prefix %(prefix)s must be 6 to 12 digits.",
                                     prefix=repr(self.gs1_company_prefix)))
        if not 0 <= self.sscc_extension_digit <= 9:
            raise ConfigError(phrase("[packing] sscc_extension_digit must be 0-9."))
        if self.label_format not in ("zpl", "pdf"):
            raise ConfigError(phrase("[packing] label_format %(format)s must be zpl or pdf.", format=repr(self.label_format)))


def _table(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(phrase("[%(table)s] in the station configuration must be a table.", table=name))
    return value
