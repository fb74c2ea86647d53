"""AIM symbology identifiers (ISO/IEC 15424): `]` + code character + modifier before the data."""
from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# The identifiers a packing bench meets; the first element says whether the content is GS1.
KNOWN: dict[str, tuple[bool, str]] = {
    "]C0": (False, "Code 128"),
    "]C1": (True, "GS1-128"),
    "]C2": (False, "Code 128 (AIM)"),
    "]E0": (False, "EAN-13 / UPC-A"),
    "]E3": (False, "EAN-13 with add-on"),
    "]E4": (False, "EAN-8"),
    "]A0": (False, "Code 39"),
    "]I0": (False, "Interleaved 2 of 5"),
    "]I1": (False, "Interleaved 2 of 5 (check digit)"),
    "]d1": (False, "Data Matrix"),
    "]d2": (True, "GS1 DataMatrix"),
    "]Q1": (False, "QR Code"),
    "]Q3": (True, "GS1 QR Code"),
    "]e0": (True, "GS1 DataBar"),
    "]J1": (True, "GS1 DotCode"),
    "]z0": (False, "Aztec"),
    "]L2": (False, "PDF417"),
}


@dataclass(frozen=True)
class Symbology:
    """A parsed AIM identifier such as `]C1`."""

    identifier: str
    name: str
    gs1: bool


def split_identifier(raw: str) -> tuple[str | None, str]:
    """Split a leading AIM identifier off a scan: `]C1010...` -> (`]C1`, `010...`)."""
    if len(raw) >= 3 and raw[0] == "]" and raw[1].isalpha() and raw[2].isalnum():
        return raw[:3], raw[3:]
    return None, raw


def describe(identifier: str | None) -> Symbology | None:
    """What an AIM identifier means; unknown but well-formed identifiers are kept by name."""
    if identifier is None:
        return None
    gs1, name = KNOWN.get(identifier, (False, f"symbology {identifier[1:]}"))
    return Symbology(identifier=identifier, name=name, gs1=gs1)
