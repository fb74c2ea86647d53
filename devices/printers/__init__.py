"""Printer transports: each moves finished bytes (ZPL or PDF) to a printer and says whether
the printer took them without error. The label language is built elsewhere."""
from __future__ import annotations

from devices.printers.cups import CupsPrinter
from devices.printers.folder import FolderPrinter
from devices.printers.memory import MemoryPrinter
from devices.printers.queue import PrintQueue, Ticket
from devices.printers.tcp import RawTcpPrinter

__all__ = ["CupsPrinter", "FolderPrinter", "MemoryPrinter", "PrintQueue", "RawTcpPrinter", "Ticket"]
