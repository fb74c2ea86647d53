"""SSCC and tracking numbers for a label pre-printed before its parcel exists.

TEMPORARY (issue 12): the station numbers a parcel in app/packing/parcels.py; the "store"
part of issue 12 makes that ONE function, `app.packing.labels.allocate_parcel_numbers(uow,
settings)`. When it is merged, the lead deletes this module and calls that function from
app.documents.use_cases.labels instead. Until then this does exactly what the station does:
the shared counters `sscc_serial` and `s10_serial`, and app.identifiers.sscc / s10.
"""
from __future__ import annotations

import logging
from typing import Protocol

from app.identifiers import s10, sscc
from app.packing.settings import PackingSettings

log = logging.getLogger(__name__)


class Counters(Protocol):
    """The counters every station shares, in the caller's transaction."""

    def next_value(self, name: str) -> int:
        """The counter's next value."""
        ...


def allocate_parcel_numbers(counters: Counters, settings: PackingSettings) -> tuple[str, str]:
    """A new SSCC and S10 tracking number, as the station allocates them when it closes a parcel."""
    serial = sscc(settings.sscc_extension_digit, settings.gs1_company_prefix, counters.next_value("sscc_serial"))
    tracking = s10(settings.carrier.s10_service_indicator, counters.next_value("s10_serial") % 10**8,
                   settings.carrier.s10_country)
    return serial, tracking
