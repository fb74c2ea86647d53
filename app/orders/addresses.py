"""Whether a shipping address is complete for its country: ISO 3166 codes from pycountry,
postcode patterns for the countries Packdesk's warehouses ship to most."""
from __future__ import annotations

import functools
import logging
import re

import pycountry

from app.addresses import AddressData
from app.orders import hold_words as W

log = logging.getLogger(__name__)

# Postcode patterns (upper case, as written on an envelope). A country listed here needs a
# postcode; a country not listed may leave it empty, and any postcode it has is accepted.
POSTCODES: dict[str, str] = {
    "DE": r"\d{5}", "AT": r"\d{4}", "CH": r"\d{4}", "LI": r"\d{4}", "BE": r"\d{4}", "LU": r"(L-?)?\d{4}",
    "NL": r"\d{4} ?[A-Z]{2}", "FR": r"\d{5}", "MC": r"980\d{2}", "IT": r"\d{5}", "ES": r"\d{5}",
    "PT": r"\d{4}-\d{3}", "DK": r"\d{4}", "SE": r"\d{3} ?\d{2}", "NO": r"\d{4}", "FI": r"\d{5}",
    "PL": r"\d{2}-\d{3}", "CZ": r"\d{3} ?\d{2}", "SK": r"\d{3} ?\d{2}", "HU": r"\d{4}", "SI": r"\d{4}",
    "HR": r"\d{5}", "RO": r"\d{6}", "BG": r"\d{4}", "GR": r"\d{3} ?\d{2}", "EE": r"\d{5}",
    "LV": r"(LV-)?\d{4}", "LT": r"(LT-)?\d{5}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", "US": r"\d{5}(-\d{4})?", "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "AU": r"\d{4}", "NZ": r"\d{4}", "JP": r"\d{3}-?\d{4}", "BR": r"\d{5}-?\d{3}", "IN": r"\d{6}",
}
_PATTERNS = {country: re.compile(pattern) for country, pattern in POSTCODES.items()}


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 country code."""
    return len(code) == 2 and _known_country(code.upper())


@functools.lru_cache(maxsize=512)  # a batch asks for the same few countries thousands of times
def _known_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def address_problems(address: AddressData | None) -> list[str]:
    """What is missing or wrong in a shipping address, in words a supervisor can act on."""
    if address is None:
        return [W.NO_ADDRESS]
    problems: list[str] = [missing for missing, value in ((W.NO_NAME, address.name), (W.NO_STREET,
                           "".join(address.lines)), (W.NO_CITY, address.city)) if not value.strip()]
    country = address.country.strip().upper()
    if not is_country(country):
        problems.append(W.reason(W.NOT_A_COUNTRY, country=repr(address.country)))
        return problems
    postcode = address.postcode.strip().upper()
    pattern = _PATTERNS.get(country)
    if pattern is not None:
        if not postcode:
            problems.append(W.reason(W.NO_POSTCODE, country=country))
        elif not pattern.fullmatch(postcode):
            problems.append(W.reason(W.NOT_A_POSTCODE, postcode=repr(address.postcode), country=country))
    return problems
