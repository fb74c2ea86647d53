"""The one postal address type: what an order ships to and a station ships from, as the store
reads it and labels, slips and invoices print it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AddressData:
    """A postal address as the station passes it to labels and slips."""

    name: str
    lines: tuple[str, ...]
    postcode: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    company: str = ""
    region: str = ""
    phone: str = ""
    email: str = ""
