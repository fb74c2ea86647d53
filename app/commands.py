"""Command barcodes: what a packer scans instead of pressing a key.

The values are what the command sheet prints as Code 128; they cannot collide with a GTIN,
a SKU of the catalogue (SKUs may not start with "PD-"), a badge or an order number.
"""
from __future__ import annotations

import enum


class Command(enum.Enum):
    NEXT = "PD-CMD-NEXT"
    ACK = "PD-CMD-ACK"
    UNDO = "PD-CMD-UNDO"
    CLOSE_BOX = "PD-CMD-CLOSE-BOX"
    PROBLEM = "PD-CMD-PROBLEM"
    REPRINT = "PD-CMD-REPRINT"
    LOGOUT = "PD-CMD-LOGOUT"
    SHORT = "PD-CMD-SHORT"  # the picker: this bin has fewer units than the pick list wants

    @property
    def label(self) -> str:
        """The words printed under the barcode and on the station's buttons."""
        return self.name.replace("_", " ")


_BY_VALUE = {command.value: command for command in Command}


def command_for(data: str) -> Command | None:
    """The command a scan means, or None when it is not a command barcode."""
    return _BY_VALUE.get(data.strip().upper())
