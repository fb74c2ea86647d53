"""Scanners, scales and printer transports (no Qt, no database).

Build them from configuration URLs with `open_scanner`, `open_scale`, `open_printer`;
wrap a printer in a `PrintQueue` for one job thread per printer. See docs/devices.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["PrintQueue", "Ticket", "open_printer", "open_scale", "open_scanner"]

if TYPE_CHECKING:
    from devices.factory import open_printer, open_scale, open_scanner
    from devices.printers.queue import PrintQueue, Ticket


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one device module does not import them all.
    if name in ("open_printer", "open_scale", "open_scanner"):
        from devices import factory

        return getattr(factory, name)
    if name in ("PrintQueue", "Ticket"):
        from devices.printers import queue

        return getattr(queue, name)
    raise AttributeError(f"module 'devices' has no attribute {name!r}")
