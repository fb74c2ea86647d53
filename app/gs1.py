"""GS1 interpretation of a scan (GTIN, lot, expiry, serial, SSCC), shared by the station's scan
logic and the device tools. Pure: biip does the parsing; bad check digits become `errors`."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import biip

log = logging.getLogger(__name__)

GS = "\x1d"
# AIM identifiers whose content is GS1 element strings.
GS1_SYMBOLOGIES = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})


@dataclass(frozen=True)
class Gs1Reading:
    """What a scan says in GS1 terms; `elements` maps each AI to its raw value."""

    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    sscc: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    elements: dict[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    @property
    def is_gs1(self) -> bool:
        """True when the scan carried GS1 data (an item, a lot, a parcel...)."""
        return bool(self.elements or self.gtin or self.sscc)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (dates as ISO strings, empty fields left out)."""
        out: dict[str, object] = {}
        for key in ("gtin", "lot", "serial", "sscc"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("expiry", "best_before"):
            value = getattr(self, key)
            if value:
                out[key] = value.isoformat()
        if self.elements:
            out["elements"] = dict(self.elements)
        if self.errors:
            out["errors"] = list(self.errors)
        return out


def interpret_gs1(
    data: str, symbology: str | None = None, separators: tuple[str, ...] = (GS,)
) -> Gs1Reading:
    """Read GS1 fields out of a scan's data; a plain barcode gives an empty reading.

    `separators` lists the characters standing for FNC1/GS (a keyboard wedge replaces GS).
    """
    value = (symbology or "") + data
    config = biip.ParseConfig(separator_chars=list(separators))
    try:
        result = biip.parse(value, config=config)
    except (biip.ParseError, IndexError) as exc:  # IndexError: biip reads a lone "]" as a cut-off symbology id
        log.debug("not GS1: %r (%s)", data, exc)
        return Gs1Reading(errors=(str(exc),) if symbology in GS1_SYMBOLOGIES else ())
    errors: list[str] = []
    elements: dict[str, str] = {}
    gtin = lot = serial = sscc = None
    expiry = best_before = None
    plain_gtin = data.isdigit() and len(data) in (8, 12, 13, 14)
    if symbology in ("]E0", "]E3", "]E4") or (symbology is None and plain_gtin):
        # A retail barcode: the digits are a GTIN, never AI strings ("400..." is not AI 400).
        if result.gtin is not None:
            gtin = result.gtin.value
        elif result.gtin_error:
            gtin = data
            errors.append(result.gtin_error)
    elif symbology is None or symbology in GS1_SYMBOLOGIES:
        message = result.gs1_message
        if message is None:
            if symbology in GS1_SYMBOLOGIES and result.gs1_message_error:
                errors.append(result.gs1_message_error)
        else:
            for element in message.element_strings:
                ai = element.ai.ai
                elements[ai] = element.value
                errors.extend(e for e in (element.gtin_error, element.sscc_error, element.gln_error) if e)
                if ai in ("01", "02"):
                    gtin = element.value
                elif ai == "10":
                    lot = element.value
                elif ai == "21":
                    serial = element.value
                elif ai == "00":
                    sscc = element.value
                elif ai == "17":
                    expiry = element.date
                elif ai == "15":
                    best_before = element.date
    return Gs1Reading(
        gtin=gtin, lot=lot, serial=serial, sscc=sscc, expiry=expiry,
        best_before=best_before, elements=elements, errors=tuple(errors),
    )
