"""Scale protocols: pure parsers and the request bytes for each command.

Every protocol says how its replies are framed (`start`, `terminator`), which bytes ask for
a stable weight, an immediate weight, zero and tare (None: the protocol cannot), whether the
scale streams by itself, and parses one frame into a `Reading` or raises `ScaleError`.
"""
from __future__ import annotations

from app.translator import phrase
from devices.errors import DeviceConfigError
from devices.scale_protocols.base import Reading, ScaleProtocol
from devices.scale_protocols.generic_stream import GenericStream
from devices.scale_protocols.mt_sics import MtSics
from devices.scale_protocols.sma import SmaLevel1
from devices.scale_protocols.toledo_8213 import Toledo8213
from devices.scale_protocols.toledo_continuous import ToledoContinuous

PROTOCOLS: dict[str, type[ScaleProtocol]] = {
    "mt-sics": MtSics,
    "toledo-continuous": ToledoContinuous,
    "toledo-8213": Toledo8213,
    "sma": SmaLevel1,
    "generic-stream": GenericStream,
}


def protocol_named(name: str, **options: str) -> ScaleProtocol:
    """The protocol for a configuration name such as `mt-sics` (options e.g. unit=lb)."""
    try:
        cls = PROTOCOLS[name.strip().lower()]
    except KeyError:
        raise DeviceConfigError(phrase(
            "unknown scale protocol %(name)s; use one of: %(allowed)s", name=repr(name), allowed=", ".join(PROTOCOLS)
        )) from None
    return cls(**options)


__all__ = ["PROTOCOLS", "Reading", "ScaleProtocol", "protocol_named"]
