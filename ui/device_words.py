"""A device's name and state in the language shown, as the packer reads them (the home tiles,
the status-bar strip, the device settings screen)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ports import DeviceState, DeviceStatus

CONTEXT = "DeviceWords"


def device_name(device: str) -> str:
    """"label printer" -> "Etikettendrucker" in German; an unknown name as it is."""
    names = {"scanner": QCoreApplication.translate("DeviceWords", "scanner"),
             "scale": QCoreApplication.translate("DeviceWords", "scale"),
             "label printer": QCoreApplication.translate("DeviceWords", "label printer"),
             "document printer": QCoreApplication.translate("DeviceWords", "document printer"),
             "database": QCoreApplication.translate("DeviceWords", "database")}
    return names.get(device, device)


def state_name(state: DeviceState) -> str:
    """A state as the tiles show it: connected, disconnected, error, not configured."""
    return {DeviceState.CONNECTED: QCoreApplication.translate("DeviceWords", "connected"),
            DeviceState.DISCONNECTED: QCoreApplication.translate("DeviceWords", "disconnected"),
            DeviceState.ERROR: QCoreApplication.translate("DeviceWords", "error"),
            DeviceState.NOT_CONFIGURED: QCoreApplication.translate("DeviceWords", "not configured")}[state]


def reported_state(value: str) -> str:
    """A state as a station reported it to the board ("connected"), in the language shown."""
    try:
        return state_name(DeviceState(value))
    except ValueError:
        return value


def state_words(status: DeviceStatus) -> str:
    """A device's state as the packer reads it: ok, MISSING, ERROR, checking, not configured."""
    if status.state is DeviceState.DISCONNECTED:
        return (QCoreApplication.translate("DeviceWords", "checking") if status.message == "checking..."
                else QCoreApplication.translate("DeviceWords", "MISSING"))
    return {DeviceState.CONNECTED: QCoreApplication.translate("DeviceWords", "ok"),
            DeviceState.ERROR: QCoreApplication.translate("DeviceWords", "ERROR"),
            DeviceState.NOT_CONFIGURED: QCoreApplication.translate("DeviceWords", "not configured")}[status.state]
