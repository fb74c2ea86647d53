"""The common indicator stream `ST,GS,+0001.234kg`: ST stable, US unstable, OL overload;
GS gross, NT net, TR tare. The scale streams CR LF terminated lines by itself."""
from __future__ import annotations

import re

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols.base import Reading, ScaleProtocol, text, to_grams

LINE = re.compile(
    r"^\s*(?P<status>ST|US|OL)\s*,\s*(?P<kind>GS|NT|TR|GW|NW)\s*,"
    r"\s*(?P<sign>[+-]?)\s*(?P<value>[0-9.]+)\s*(?P<unit>[a-zA-Z]*)\s*$"
)


class GenericStream(ScaleProtocol):
    """Weighing indicators' continuous `ST,GS,...` stream."""

    name = "generic-stream"
    terminator = b"\r\n"
    streaming = True

    def __init__(self, unit: str = "kg") -> None:
        self.default_unit = unit  # for indicators that leave the unit out

    def parse_weight(self, frame: bytes) -> Reading:
        line = text(frame)
        if line.strip().startswith("OL"):
            raise ScaleError(ScaleFailure.OVERLOAD, phrase("overload (OL): remove weight from the scale"))
        match = LINE.match(line)
        if not match:
            raise ScaleError(ScaleFailure.ERROR, phrase("unreadable scale line %(line)s", line=repr(line)))
        grams = to_grams(match["value"], match["unit"] or self.default_unit)
        if match["sign"] == "-":
            grams = -grams
        return Reading(grams=grams, stable=match["status"] == "ST", net=match["kind"] in ("NT", "NW"))
