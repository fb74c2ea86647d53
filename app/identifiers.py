"""Parcel identifiers: the GS1 SSCC-18 and the UPU S10 tracking number (pure functions)."""
from __future__ import annotations

import logging

from app.errors import PackdeskError
from app.translator import phrase

log = logging.getLogger(__name__)

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


class IdentifierError(PackdeskError):
    """A value cannot make a valid SSCC or S10 number; the message names the value."""


def gs1_check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit of a string of digits (weights 3, 1, 3, ... from the right)."""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise IdentifierError(phrase("GS1 check digit needs digits only, got %(value)s", value=repr(digits)))
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def sscc(extension: int, company_prefix: str, serial_reference: int) -> str:
    """The 18-digit SSCC: extension digit, company prefix, serial reference, check digit."""
    if not isinstance(extension, int) or not 0 <= extension <= 9:
        raise IdentifierError(phrase("SSCC extension digit must be 0-9, got %(value)s", value=repr(extension)))
    if not (company_prefix.isascii() and company_prefix.isdigit() and 6 <= len(company_prefix) <= 12):
        raise IdentifierError(phrase(
            "GS1 company prefix must be 6 to 12 digits, got %(value)s; "
            "set the one your GS1 member organisation issued in the configuration", value=repr(company_prefix)
        ))
    width = 16 - len(company_prefix)
    if not isinstance(serial_reference, int) or not 0 <= serial_reference < 10**width:
        raise IdentifierError(phrase(
            "SSCC serial reference %(serial)s does not fit in %(width)s digits "
            "after company prefix %(prefix)s; the serial range is used up",
            serial=repr(serial_reference), width=width, prefix=company_prefix
        ))
    body = f"{extension}{company_prefix}{serial_reference:0{width}d}"
    return body + str(gs1_check_digit(body))


def is_valid_sscc(value: str) -> bool:
    """True when value is 18 digits with a correct check digit."""
    return (
        len(value) == 18 and value.isascii() and value.isdigit()
        and gs1_check_digit(value[:17]) == int(value[17])
    )


def s10_check_digit(serial8: str) -> int:
    """The UPU S10 check digit of eight digits (weights 8 6 4 2 3 5 9 7; 10 -> 0, 11 -> 5)."""
    if len(serial8) != 8 or not serial8.isascii() or not serial8.isdigit():
        raise IdentifierError(phrase("S10 serial number must be 8 digits, got %(value)s", value=repr(serial8)))
    check = 11 - sum(int(d) * w for d, w in zip(serial8, S10_WEIGHTS)) % 11
    return {10: 0, 11: 5}.get(check, check)


def s10(prefix2: str, serial8: str | int, country2: str) -> str:
    """A UPU S10 tracking number such as RA123456785DE."""
    if isinstance(serial8, int):
        if not 0 <= serial8 < 10**8:
            raise IdentifierError(phrase("S10 serial number must be 0-99999999, got %(value)s", value=repr(serial8)))
        serial8 = f"{serial8:08d}"
    for what, value in ((phrase("service indicator"), prefix2), (phrase("country code"), country2)):
        if len(value) != 2 or not value.isascii() or not value.isalpha() or not value.isupper():
            raise IdentifierError(phrase("S10 %(what)s must be two capital letters A-Z, got %(value)s",
                                         what=what, value=repr(value)))
    return f"{prefix2}{serial8}{s10_check_digit(serial8)}{country2}"


def is_valid_s10(value: str) -> bool:
    """True when value is a well-formed S10 number with the right check digit."""
    if len(value) != 13:
        return False
    try:
        return s10(value[:2], value[2:10], value[11:]) == value
    except IdentifierError:
        return False
