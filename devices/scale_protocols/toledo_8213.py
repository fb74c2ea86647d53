"""Toledo 8213 request/response: `W` asks for the weight; a stable weight comes back as
STX + digits with decimal point + CR; otherwise STX `?` + a status byte + CR
(bit 0 motion, 1 over capacity, 2 under zero, 3 outside zero capture, 4 centre of zero,
5 net). `Z` zeroes and answers with the status. The weight's unit is a scale setting,
so it is configured (`unit=lb` by default, as the 8213 protocol is a pound protocol)."""
from __future__ import annotations

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols.base import GRAMS_PER_UNIT, Reading, ScaleProtocol, text, to_grams


def status_error(status: int) -> ScaleError | None:
    """The failure a status byte reports, or None when it reports none."""
    if status & 0x02:
        return ScaleError(ScaleFailure.OVERLOAD, phrase("over capacity: remove weight from the scale"))
    if status & 0x04:
        return ScaleError(ScaleFailure.UNDERLOAD, phrase("under zero: zero the empty scale"))
    if status & 0x01:
        return ScaleError(ScaleFailure.IN_MOTION, phrase("in motion"))
    if status & 0x08:
        return ScaleError(ScaleFailure.ERROR, phrase("outside the zero capture range"))
    return None


class Toledo8213(ScaleProtocol):
    """The 8213 protocol of retail scales and scanner-scales."""

    name = "toledo-8213"
    start = b"\x02"
    terminator = b"\r"

    def __init__(self, unit: str = "lb") -> None:
        if unit.lower() not in GRAMS_PER_UNIT:
            raise ValueError(phrase("toledo-8213 unit must be one of %(allowed)s", allowed=", ".join(GRAMS_PER_UNIT)))
        self.unit = unit.lower()

    def request_stable(self) -> bytes:
        return b"W"

    def request_now(self) -> bytes:
        return b"W"

    def request_zero(self) -> bytes:
        return b"Z"

    def parse_weight(self, frame: bytes) -> Reading:
        body = frame[1:] if frame.startswith(self.start) else frame
        if body.startswith(b"?"):
            if len(body) < 2:
                raise ScaleError(ScaleFailure.ERROR, phrase("8213 status reply without a status byte"))
            error = status_error(body[1])
            raise error or ScaleError(ScaleFailure.ERROR, phrase("8213 scale sent a status, not a weight"))
        digits = text(body).strip()
        if not digits or not all(c.isdigit() or c == "." for c in digits):
            raise ScaleError(ScaleFailure.ERROR, phrase("malformed 8213 weight %(frame)s", frame=repr(frame)))
        return Reading(grams=to_grams(digits, self.unit), stable=True)

    def parse_ack(self, command: str, frame: bytes) -> None:
        body = frame[1:] if frame.startswith(self.start) else frame
        if body.startswith(b"?") and len(body) >= 2:
            error = status_error(body[1] & ~0x10)
            if error:
                raise error
            return
        raise ScaleError(ScaleFailure.ERROR, phrase("unexpected 8213 reply to %(command)s: %(frame)s",
                                                command=command, frame=repr(frame)))
