"""Toledo continuous output: STX, status words A B C, six weight digits, six tare digits, CR
(and an optional checksum byte). The scale streams; there are no requests."""
from __future__ import annotations

from decimal import Decimal

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols.base import Reading, ScaleProtocol, to_grams


def _unit(swb: int, swc: int) -> str:
    code = swc & 0b111
    if code == 0:
        return "kg" if swb & 0x10 else "lb"
    units = {1: "g", 2: "t", 3: "oz"}
    if code not in units:
        raise ScaleError(ScaleFailure.ERROR, phrase("unsupported continuous-output unit code %(code)s", code=code))
    return units[code]


class ToledoContinuous(ScaleProtocol):
    """Mettler Toledo standard continuous output."""

    name = "toledo-continuous"
    start = b"\x02"
    terminator = b"\r"
    streaming = True

    def parse_weight(self, frame: bytes) -> Reading:
        body = frame[1:] if frame.startswith(self.start) else frame
        if len(body) < 15 or not body[3:15].isdigit():
            raise ScaleError(ScaleFailure.ERROR, phrase("malformed continuous-output frame %(frame)s", frame=repr(frame)))
        swa, swb, swc = (b & 0x7F for b in body[:3])
        exponent = 2 - (swa & 0b111)  # 0: XXXX00 ... 2: XXXXXX ... 7: X.XXXXX
        value = Decimal(int(body[3:9])).scaleb(exponent)
        if swb & 0x02:
            value = -value
        if swb & 0x04:
            if swb & 0x02:
                raise ScaleError(ScaleFailure.UNDERLOAD, phrase("under range: is the pan in place?"))
            raise ScaleError(ScaleFailure.OVERLOAD, phrase("over range: remove weight from the scale"))
        return Reading(grams=to_grams(value, _unit(swb, swc)), stable=not swb & 0x08,
                       net=bool(swb & 0x01))
