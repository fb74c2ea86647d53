"""The exception family of devices/: each message names the device address and what to do."""
from __future__ import annotations

import enum

from app.errors import PackdeskError
from app.translator import phrase


class DeviceError(PackdeskError):
    """A scanner, scale or printer could not be opened, configured or used."""


class DeviceConfigError(DeviceError):
    """A device URL or option is malformed or names something unsupported."""


class ScaleFailure(enum.Enum):
    """Why a scale gave no usable weight."""

    IN_MOTION = "in motion"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    NO_ANSWER = "no answer"
    DISCONNECTED = "disconnected"
    NOT_SUPPORTED = "not supported"
    ERROR = "error"


class ScaleError(DeviceError):
    """A scale could not give a (stable) weight; `reason` says why."""

    def __init__(self, reason: ScaleFailure, message: str, address: str = "") -> None:
        self.reason = reason
        self.address = address
        self.message = message
        super().__init__(phrase("scale %(address)s: %(problem)s", address=address, problem=message)
                         if address else message)


class PrinterError(DeviceError):
    """A printer transport could not take a job or report its status."""
