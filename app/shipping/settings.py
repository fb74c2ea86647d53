"""Every configuration key of the shipping stages, in one place (docs/shipping.md):

    [shipping]
    timezone = "Europe/Berlin"   # the zone the carriers' cut-off times are in (default UTC)
    promise_days = { standard = 3, express = 1, same_day = 0 }
                                 # business days from the SLA date an order of each level
                                 # must be delivered in (an unknown level counts as standard)

    [orders]
    complete_after_days = 0      # a delivered order is completed this many days after delivery
                                 # (0: at once, when the delivery is imported)
    archive_after_days = 365     # `packdesk orders archive` archives orders completed longer ago

    [returns]
    window_days = 30             # returns are accepted this many days after delivery

    [mail]                       # the SMTP server customer messages leave through
    host = "smtp.example.org"
    port = 587
    sender = "Packdesk Shop <orders@example.org>"
    tls = "starttls"             # none, starttls or tls
    user = "orders@example.org"  # empty: no login
    password_env = "PACKDESK_MAIL_PASSWORD"  # the environment variable holding the password
    max_attempts = 5             # a refused message is tried this often, then failed
    retry_seconds = 60           # the first retry after this; each next waits twice as long
    timeout_seconds = 30
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.config_tables import ConfigTable, config_table
from app.errors import ConfigError
from app.translator import phrase

log = logging.getLogger(__name__)

LEVELS = ("standard", "express", "same_day")
SHIPPING_KEYS = ("timezone", "promise_days")  # the keys of [shipping], for the configuration check
ORDERS_KEYS = ("complete_after_days", "archive_after_days")  # this module's keys of [orders] (app/orders/settings.py has the rest)
RETURNS_KEYS = ("window_days",)  # the keys of [returns]
MAIL_KEYS = ("host", "port", "sender", "tls", "user", "password_env", "max_attempts", "retry_seconds",
             "timeout_seconds")
TLS_MODES = ("none", "starttls", "tls")
# the tables above, for the configuration's one registry of known names (app/config.py)
SHIPPING_CONFIG_TABLES: tuple[ConfigTable, ...] = (
    config_table("shipping", *SHIPPING_KEYS),
    config_table("shipping.promise_days", any_keys=True),  # level = days, checked where it is read
    config_table("returns", *RETURNS_KEYS),
    config_table("mail", *MAIL_KEYS),
)


def _default_promises() -> dict[str, int]:
    return {"standard": 3, "express": 1, "same_day": 0}


@dataclass(frozen=True)
class ShippingSettings:
    """[shipping] of the configuration."""

    timezone: str = "UTC"
    promise_days: dict[str, int] = field(default_factory=_default_promises)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def promise(self, level: str) -> int:
        """Business days an order of this service level may take to arrive."""
        return self.promise_days.get(level, self.promise_days["standard"])

    @classmethod
    def from_raw(cls, raw: dict[str, Any], where: object = "the configuration") -> ShippingSettings:
        """[shipping] of a parsed configuration; ConfigError names the bad key and what to write."""
        table = raw.get("shipping", {})
        if not isinstance(table, dict):
            raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table="shipping", path=str(where)))
        unknown = set(table) - set(SHIPPING_KEYS)
        if unknown:
            raise ConfigError(phrase("[shipping] in %(where)s has unknown key(s) %(unknown)s; allowed: %(allowed)s "
                                     "(see docs/shipping.md).", where=str(where), unknown=", ".join(sorted(unknown)),
                                     allowed=", ".join(SHIPPING_KEYS)))
        timezone = table.get("timezone", "UTC")
        try:
            ZoneInfo(str(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(phrase("[shipping] timezone in %(where)s is %(value)s, which is no time zone; write an "
                                     "IANA name such as \"Europe/Berlin\".", where=str(where),
                                     value=repr(timezone))) from None
        promises = _default_promises()
        given = table.get("promise_days", {})
        if not isinstance(given, dict):
            raise ConfigError(phrase("[shipping] promise_days in %(where)s must be a table such as "
                                     "{ standard = 3, express = 1, same_day = 0 }.", where=str(where)))
        for level, days in given.items():
            if isinstance(days, bool) or not isinstance(days, int) or days < 0:
                raise ConfigError(phrase("[shipping] promise_days.%(level)s in %(where)s must be a whole number of "
                                         "business days >= 0, not %(value)s.", level=level, where=str(where),
                                         value=repr(days)))
            promises[str(level)] = days
        return cls(str(timezone), promises)


@dataclass(frozen=True)
class AfterDelivery:
    """[orders] complete_after_days and archive_after_days, [returns] window_days."""

    complete_after_days: int = 0
    return_window_days: int = 30
    archive_after_days: int = 365

    @classmethod
    def from_raw(cls, raw: dict[str, Any], where: object = "the configuration") -> AfterDelivery:
        orders, returns = raw.get("orders", {}), raw.get("returns", {})
        if not isinstance(orders, dict) or not isinstance(returns, dict):
            raise ConfigError(phrase("[orders] and [returns] in %(where)s must be tables.", where=str(where)))
        unknown = set(returns) - set(RETURNS_KEYS)
        if unknown:
            raise ConfigError(phrase("[returns] in %(where)s has unknown key(s) %(unknown)s; allowed: %(allowed)s "
                                     "(see docs/shipping.md).", where=str(where), unknown=", ".join(sorted(unknown)),
                                     allowed=", ".join(RETURNS_KEYS)))
        return cls(_days(orders, "orders", "complete_after_days", 0, where),
                   _days(returns, "returns", "window_days", 30, where),
                   _days(orders, "orders", "archive_after_days", 365, where))


def _days(table: dict[str, Any], section: str, key: str, default: int, where: object) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(phrase("[%(section)s] %(key)s in %(where)s must be a whole number of days >= 0, not "
                                 "%(value)s.", section=section, key=key, where=str(where), value=repr(value)))
    return value


@dataclass(frozen=True)
class MailSettings:
    """[mail]: where customer messages are sent. The password is never in the file: it is read
    from the environment variable `password_env` names."""

    host: str = ""
    port: int = 25
    sender: str = ""
    tls: str = "none"
    user: str = ""
    password_env: str = "PACKDESK_MAIL_PASSWORD"
    max_attempts: int = 5
    retry_seconds: int = 60
    timeout_seconds: int = 30

    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None

    @classmethod
    def from_raw(cls, raw: dict[str, Any], where: object = "the configuration") -> MailSettings:
        table = raw.get("mail", {})
        if not isinstance(table, dict):
            raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table="mail", path=str(where)))
        unknown = set(table) - set(MAIL_KEYS)
        if unknown:
            hint = phrase(" (the password comes from the environment variable password_env names)") \
                if "password" in unknown else ""
            raise ConfigError(phrase("[mail] in %(where)s has unknown key(s) %(keys)s%(hint)s; "
                                     "allowed: %(allowed)s (see docs/shipping.md).", where=str(where),
                                     keys=", ".join(sorted(unknown)), hint=hint, allowed=", ".join(MAIL_KEYS)))
        base = cls()
        values: dict[str, Any] = {}
        for key in ("host", "sender", "user", "password_env", "tls"):
            value = table.get(key, getattr(base, key))
            if not isinstance(value, str):
                raise ConfigError(phrase("[mail] %(key)s in %(where)s must be text, not %(value)s.", key=key,
                                         where=str(where), value=repr(value)))
            values[key] = value.strip()
        if values["tls"] not in TLS_MODES:
            raise ConfigError(phrase("[mail] tls in %(where)s is %(value)s; use one of: %(allowed)s.", where=str(where),
                                     value=repr(values["tls"]), allowed=", ".join(TLS_MODES)))
        for key, low in (("port", 1), ("max_attempts", 1), ("retry_seconds", 0), ("timeout_seconds", 1)):
            value = table.get(key, getattr(base, key))
            if isinstance(value, bool) or not isinstance(value, int) or value < low or (key == "port" and value > 65535):
                raise ConfigError(phrase("[mail] %(key)s in %(where)s must be a whole number >= %(low)s, not %(value)s.",
                                         key=key, where=str(where), low=low, value=repr(value)))
            values[key] = value
        return cls(**values)

    def check(self, where: object = "the configuration") -> None:
        """ConfigError when messages cannot be sent with these settings."""
        if not self.host or not self.sender:
            raise ConfigError(phrase("[mail] in %(where)s needs host and sender to send customer messages, e.g. "
                                     'host = "smtp.example.org" and sender = "Shop <orders@example.org>" '
                                     "(docs/shipping.md).", where=str(where)))
        if self.user and self.password() is None:
            raise ConfigError(phrase("[mail] user is %(user)s but the environment variable %(variable)s "
                                     "holding its password is not set; set it before sending.",
                                     user=repr(self.user), variable=self.password_env))
