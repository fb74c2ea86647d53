"""Mettler Toledo MT-SICS level 0/1: `S` stable weight, `SI` immediate, `Z` zero, `T` tare.

Replies: `S S     100.00 g` (stable), `S D ...` (dynamic), `S I` (busy / not stable in
time), `S +` / `S -` (over / under range), and `ES`, `ET`, `EL` (syntax, transmission,
logical error)."""
from __future__ import annotations

from app.translator import phrase
from devices.errors import ScaleError, ScaleFailure
from devices.scale_protocols.base import Reading, ScaleProtocol, text, to_grams

ERRORS = {
    "ES": phrase("syntax error (ES): the scale did not understand the command"),
    "ET": phrase("transmission error (ET): check baud rate and parity"),
    "EL": phrase("logical error (EL): the scale cannot do that now"),
}


def _split(frame: bytes) -> list[str]:
    parts = text(frame).split()
    if not parts:
        raise ScaleError(ScaleFailure.NO_ANSWER, phrase("empty MT-SICS reply"))
    if parts[0] in ERRORS:
        raise ScaleError(ScaleFailure.ERROR, ERRORS[parts[0]])
    if len(parts) < 2:
        raise ScaleError(ScaleFailure.ERROR, phrase("unexpected MT-SICS reply %(reply)s", reply=repr(text(frame))))
    return parts


def _refusal(status: str, frame: bytes) -> ScaleError:
    if status == "I":
        return ScaleError(ScaleFailure.IN_MOTION, phrase("busy or not stable in time (I)"))
    if status == "+":
        return ScaleError(ScaleFailure.OVERLOAD, phrase("overload (+): remove weight from the scale"))
    if status == "-":
        return ScaleError(ScaleFailure.UNDERLOAD, phrase("underload (-): is the pan in place?"))
    return ScaleError(ScaleFailure.ERROR, phrase("unexpected MT-SICS status in %(reply)s", reply=repr(text(frame))))


class MtSics(ScaleProtocol):
    """Mettler Toledo Standard Interface Command Set."""

    name = "mt-sics"
    terminator = b"\r\n"

    def request_stable(self) -> bytes:
        return b"S\r\n"

    def request_now(self) -> bytes:
        return b"SI\r\n"

    def request_zero(self) -> bytes:
        return b"Z\r\n"

    def request_tare(self) -> bytes:
        return b"T\r\n"

    def parse_weight(self, frame: bytes) -> Reading:
        parts = _split(frame)
        if parts[0] not in ("S", "SI"):
            raise ScaleError(ScaleFailure.ERROR, phrase("expected a weight reply, got %(reply)s",
                                                        reply=repr(text(frame))))
        status = parts[1]
        if status in ("S", "D") and len(parts) >= 4:
            return Reading(grams=to_grams(parts[2], parts[3]), stable=status == "S")
        raise _refusal(status, frame)

    def parse_ack(self, command: str, frame: bytes) -> None:
        parts = _split(frame)
        if parts[0] != command:
            raise ScaleError(ScaleFailure.ERROR, phrase("expected a reply to %(command)s, got %(reply)s",
                                                        command=command, reply=repr(text(frame))))
        if (command == "Z" and parts[1] == "A") or (command == "T" and parts[1] == "S"):
            return
        raise _refusal(parts[1], frame)
