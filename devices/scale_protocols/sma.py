"""SMA (Scale Manufacturers Association) level 1: `<LF>W<CR>` weight, `<LF>Z<CR>` zero,
`<LF>T<CR>` tare. Reply `<LF> s r n m f xxxxxx.xxx uuu <CR>`: s status (Z centre of zero,
O over, U under, E zero error, I initial zero error, T tare error, space), r range,
n G/N/T/g/n, m `M` in motion, f reserved, ten weight characters, three unit characters."""
from __future__ import annotations

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols.base import Reading, ScaleProtocol, text, to_grams

STATUS_ERRORS = {
    "O": (ScaleFailure.OVERLOAD, "over capacity: remove weight from the scale"),
    "U": (ScaleFailure.UNDERLOAD, "under capacity: zero the empty scale"),
    "E": (ScaleFailure.ERROR, "zero error: the scale could not zero"),
    "I": (ScaleFailure.ERROR, "initial zero error: empty the pan and restart the scale"),
    "T": (ScaleFailure.ERROR, "tare error: the scale could not tare"),
}


class SmaLevel1(ScaleProtocol):
    """SMA level 1 requests and standard replies."""

    name = "sma"
    start = b"\n"
    terminator = b"\r"

    def request_now(self) -> bytes:
        return b"\nW\r"

    def request_zero(self) -> bytes:
        return b"\nZ\r"

    def request_tare(self) -> bytes:
        return b"\nT\r"

    def _fields(self, frame: bytes) -> tuple[str, str, bool, str, str]:
        body = text(frame[1:] if frame.startswith(self.start) else frame)
        if len(body) < 15:
            raise ScaleError(ScaleFailure.ERROR, phrase("malformed SMA reply %(reply)s", reply=repr(frame)))
        status, mode, motion = body[0], body[2], body[3] == "M"
        return status, mode, motion, body[5:15], body[15:].strip()

    def parse_weight(self, frame: bytes) -> Reading:
        status, mode, motion, weight, unit = self._fields(frame)
        if status in STATUS_ERRORS:
            reason, message = STATUS_ERRORS[status]
            raise ScaleError(reason, message)
        return Reading(grams=to_grams(weight, unit), stable=not motion, net=mode in "Nn")

    def parse_ack(self, command: str, frame: bytes) -> None:
        status, _mode, motion, _weight, _unit = self._fields(frame)
        if status in STATUS_ERRORS:
            reason, message = STATUS_ERRORS[status]
            raise ScaleError(reason, message)
        if command == "Z" and status != "Z":
            raise ScaleError(ScaleFailure.IN_MOTION if motion else ScaleFailure.ERROR,
                             phrase("the scale did not reach zero"))
