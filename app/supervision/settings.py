"""What supervision reads from the configuration: the [supervision] table.

    [supervision]
    reason_codes = ["customer_request", "stock_found", "address_fixed", "damaged", "other"]

CONFIG_KEYS lists the table's keys for the configuration's check of unknown keys."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from app.config_tables import ConfigTable, config_table
from app.errors import ConfigError
from app.translator import phrase

log = logging.getLogger(__name__)

TABLE = "supervision"
CONFIG_KEYS = ("reason_codes",)
SUPERVISION_CONFIG_TABLES: tuple[ConfigTable, ...] = (config_table(TABLE, *CONFIG_KEYS),)  # app/config.py
DEFAULT_REASON_CODES = ("customer_request", "stock_found", "address_fixed", "damaged", "other")
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class SupervisionSettings:
    """The reason codes a supervisor's decision must carry."""

    reason_codes: tuple[str, ...] = DEFAULT_REASON_CODES

    @classmethod
    def from_raw(cls, raw: dict[str, Any], where: str = "the configuration") -> SupervisionSettings:
        """[supervision] of a parsed configuration file; ConfigError naming the key when it is wrong."""
        table = raw.get(TABLE, {})
        if not isinstance(table, dict):
            raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table=TABLE, path=str(where)))
        codes = table.get("reason_codes", list(DEFAULT_REASON_CODES))
        if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and CODE.match(c) for c in codes):
            raise ConfigError(phrase("[%(table)s] reason_codes in %(where)s must be a non-empty list of codes in lower "
                                     "case (letters, digits, _; at most 40), such as %(example)s.", table=TABLE,
                                     where=str(where), example=str(list(DEFAULT_REASON_CODES))))
        return cls(tuple(dict.fromkeys(codes)))
