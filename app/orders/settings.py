"""What the stages before packing read from the configuration: [orders] and [validation].

Defaults are chosen so that an ordinary paid domestic order is never held: only the high-value
and billing-address rules are on, the international and first-order rules are off until
configured (docs/configuration.md)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from app.config_tables import ConfigTable, config_table
from app.errors import ConfigError
from app.translator import phrase

log = logging.getLogger(__name__)

PACK_FROM = ("picked", "allocated")
SHORT_STOCK = ("backorder", "partial")


@dataclass(frozen=True)
class ValidationRules:
    """The checks an order passes before allocation, and the review rules that hold it."""

    price_tolerance_percent: Decimal = Decimal("1")  # a line's price against the catalogue's
    total_tolerance: Decimal = Decimal("0.05")  # the total against lines + shipping + tax - discount
    prices_include_tax: bool = False  # then tax_total is inside the line prices, not added
    high_value: Decimal | None = Decimal("1000")  # in the order's currency; None: rule off
    home_country: str = "DE"  # [ship_from] country unless given
    review_international: bool = False
    review_address_mismatch: bool = True  # only when the file carries a billing address
    review_first_order: bool = False


@dataclass(frozen=True)
class OrderSettings:
    """[orders] and [validation] of the configuration."""

    pack_from: str = "picked"  # picked: after picking; allocated: the station picks and packs
    short_stock: str = "backorder"  # backorder: wait for all of it; partial: send what there is
    short_stock_by_channel: dict[str, str] = field(default_factory=dict)
    rules: ValidationRules = field(default_factory=ValidationRules)

    def short_stock_policy(self, channel: str) -> str:
        """backorder or partial for an order of this channel."""
        return self.short_stock_by_channel.get(channel, self.short_stock)

    @classmethod
    def from_raw(cls, raw: dict[str, Any], where: object = "the configuration") -> OrderSettings:
        """Settings from a parsed configuration; ConfigError names the bad key and file."""
        orders = _table(raw, "orders", where)
        checks = _table(raw, "validation", where)
        ship_from = _table(raw, "ship_from", where)
        unknown = set(orders) - ORDERS_TABLE.keys - {"short_stock_by_channel"}
        unknown |= {f"validation.{k}" for k in set(checks) - set(ValidationRules.__dataclass_fields__)}
        if unknown:
            raise ConfigError(phrase("[orders]/[validation] in %(where)s have unknown key(s) %(unknown)s (see "
                                     "docs/configuration.md).", where=str(where), unknown=", ".join(sorted(unknown))))
        pack_from = _choice(orders, "pack_from", PACK_FROM, "picked", where)
        short = _choice(orders, "short_stock", SHORT_STOCK, "backorder", where)
        by_channel = orders.get("short_stock_by_channel", {})
        if not isinstance(by_channel, dict):
            raise ConfigError(phrase("[orders] short_stock_by_channel in %(where)s must be a table of channel = policy.",
                                     where=str(where)))
        for channel in by_channel:
            _choice(by_channel, channel, SHORT_STOCK, "backorder", where, "[orders.short_stock_by_channel]")
        base = ValidationRules()
        high = checks.get("high_value", base.high_value)
        rules = ValidationRules(
            price_tolerance_percent=_money(checks, "price_tolerance_percent", base.price_tolerance_percent, where),
            total_tolerance=_money(checks, "total_tolerance", base.total_tolerance, where),
            prices_include_tax=_flag(checks, "prices_include_tax", base.prices_include_tax, where),
            high_value=None if high in (False, 0, "", None) else _money(checks, "high_value", base.high_value, where),
            home_country=str(checks.get("home_country", ship_from.get("country", base.home_country))).upper(),
            review_international=_flag(checks, "review_international", base.review_international, where),
            review_address_mismatch=_flag(checks, "review_address_mismatch", base.review_address_mismatch, where),
            review_first_order=_flag(checks, "review_first_order", base.review_first_order, where),
        )
        return cls(pack_from, short, dict(by_channel), rules)


# The tables and keys read here (app/config.py collects them into the registry of known names).
ORDERS_TABLE = config_table("orders", "pack_from", "short_stock",
                            "complete_after_days", "archive_after_days")  # the last two: app/shipping/settings.py
ORDER_CONFIG_TABLES: tuple[ConfigTable, ...] = (
    ORDERS_TABLE,
    config_table("orders.short_stock_by_channel", any_keys=True),  # channel = policy, checked above
    config_table("validation", *ValidationRules.__dataclass_fields__),
)


def _table(raw: dict[str, Any], name: str, where: object) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table=name, path=str(where)))
    return value


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: object,
            section: str = "[orders]") -> str:
    value = table.get(key, default)
    if value not in allowed:
        raise ConfigError(phrase("%(section)s %(key)s in %(where)s is %(value)s; use one of: %(allowed)s.",
                                 section=section, key=key, where=str(where), value=repr(value),
                                 allowed=", ".join(allowed)))
    return str(value)


def _flag(table: dict[str, Any], key: str, default: bool, where: object) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(phrase("[validation] %(key)s in %(where)s must be true or false, not %(value)s.",
                                 key=key, where=str(where), value=repr(value)))
    return value


def _money(table: dict[str, Any], key: str, default: Decimal | None, where: object) -> Decimal:
    value = table.get(key, default)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal(-1)
    if isinstance(value, bool) or not amount.is_finite() or amount < 0:
        raise ConfigError(phrase("[validation] %(key)s in %(where)s must be a number >= 0 (e.g. \"1000\"), not "
                                 "%(value)s.", key=key, where=str(where), value=repr(value)))
    return amount
