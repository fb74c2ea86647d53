"""What every scale protocol provides, and unit conversion to integer grams."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure

log = logging.getLogger(__name__)

GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "mg": Decimal("0.001"),
    "t": Decimal(1_000_000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}


@dataclass(frozen=True)
class Reading:
    """One parsed weight reply."""

    grams: int
    stable: bool
    net: bool = False


def to_grams(value: str | Decimal, unit: str) -> int:
    """A weight in `unit` as integer grams, rounded half up: to_grams("1.234", "kg") == 1234."""
    key = unit.strip().lower()
    key = {"lbs": "lb", "gr": "g"}.get(key, key)
    if key not in GRAMS_PER_UNIT:
        raise ScaleError(ScaleFailure.ERROR, phrase("unknown weight unit %(unit)s", unit=repr(unit)))
    try:
        number = Decimal(str(value).replace(" ", ""))
    except InvalidOperation:
        raise ScaleError(ScaleFailure.ERROR, phrase("unreadable weight %(value)s", value=repr(value))) from None
    return int((number * GRAMS_PER_UNIT[key]).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class ScaleProtocol:
    """Base of the protocols; subclasses set the framing and implement the parsers."""

    name = "base"
    start: bytes = b""  # a frame begins with this byte (bytes before it are skipped)
    terminator: bytes = b"\r\n"
    streaming = False  # the scale sends frames by itself, no request needed

    def request_stable(self) -> bytes | None:
        """Bytes asking for a stable weight (None: poll request_now or read the stream)."""
        return None

    def request_now(self) -> bytes | None:
        """Bytes asking for the weight right now (None for a streaming protocol)."""
        return None

    def request_zero(self) -> bytes | None:
        """Bytes that zero the scale, or None when the protocol cannot."""
        return None

    def request_tare(self) -> bytes | None:
        """Bytes that tare the scale, or None when the protocol cannot."""
        return None

    def parse_weight(self, frame: bytes) -> Reading:
        """One weight frame (without start and terminator) as a Reading, or ScaleError."""
        raise NotImplementedError

    def parse_ack(self, command: str, frame: bytes) -> None:
        """Check the reply to zero or tare; raise ScaleError when it was refused."""
        raise NotImplementedError


def text(frame: bytes) -> str:
    """A frame as ASCII text with parity bits cleared."""
    return bytes(b & 0x7F for b in frame).decode("ascii", errors="replace")
