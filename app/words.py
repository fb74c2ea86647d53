"""The words people read at the station: counts with the right plural, order statuses, carriers
and services, weights and the ship-by date - never a raw code ("on_hold", "ups", "(missing)").

Every count a person reads goes through `count`, so that translations (Qt's tr() with a count,
installed by ui/words.py) reach every one of them; docs/glossary.md lists the words."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone

log = logging.getLogger(__name__)

# n, singular, plural -> "1 order" / "2 orders"; ui/words.py puts Qt's translate in front of it
Plural = Callable[[int, str, str], str]

IRREGULAR = {"box": "boxes", "parcel": "parcels", "unit": "units", "order": "orders", "scan": "scans",
             "mis-scan": "mis-scans", "label": "labels", "person": "people"}

STATUS_WORDS = {  # app/orders/status.py's codes as a packer or a supervisor says them
    "new": "new", "validated": "validated", "allocated": "allocated", "picking": "being picked",
    "picked": "picked, ready to pack", "packing": "being packed", "packed": "packed",
    "ready_for_shipment": "ready for shipment", "shipped": "shipped", "delivered": "delivered",
    "completed": "completed", "on_hold": "on hold", "cancelled": "cancelled", "backordered": "backordered",
    "returned": "returned",
}

CARRIER_NAMES = {"ups": "UPS", "dhl": "DHL", "dpd": "DPD", "gls": "GLS", "postnl": "PostNL", "fedex": "FedEx",
                 "tnt": "TNT", "usps": "USPS", "hermes": "Hermes", "royal_mail": "Royal Mail"}


def english_plural(n: int, singular: str, plural: str) -> str:
    """"1 order", "2 orders", "0 orders"."""
    return f"{n} {singular if n == 1 else plural}"


_plural: Plural = english_plural


def use_plural(plural: Plural) -> None:
    """Install the function every count goes through (ui/words.py: Qt's tr() with a count)."""
    global _plural
    _plural = plural


def count(n: int, singular: str, plural: str | None = None) -> str:
    """A number with its noun in the right form: count(1, "order") -> "1 order"."""
    return _plural(n, singular, plural or IRREGULAR.get(singular) or singular + "s")


def status(code: str | None) -> str:
    """An order status in words: "on_hold" -> "on hold"."""
    if not code:
        return "unknown"
    return STATUS_WORDS.get(code, code.replace("_", " "))


def carrier(code: str | None) -> str:
    """A carrier as people write it: "ups" -> "UPS", "postnl" -> "PostNL"."""
    if not code:
        return "no carrier chosen"
    return CARRIER_NAMES.get(code.strip().lower(), code.strip().replace("_", " ").title()
                             if code.islower() else code.strip())


def service(code: str | None) -> str:
    """A service level: "express" -> "Express", "next_day" -> "Next day"."""
    if not code:
        return ""
    text = code.strip().replace("_", " ")
    return text[:1].upper() + text[1:]


def shipping(carrier_code: str | None, service_code: str | None) -> str:
    """Carrier and service on one line: "UPS Express"."""
    return " ".join(part for part in (carrier(carrier_code), service(service_code)) if part)


def grams(g: int | None) -> str:
    """A weight that never breaks between number and unit: "1480 g"."""
    if g is None:
        return "no weight"
    return f"{g}\u00a0g"


def ship_by(due: datetime | None, now: datetime | None = None) -> tuple[str, bool]:
    """("Ship by Fri 20 Nov 2026, 17:46", overdue): the year always, and whether it is late."""
    if due is None:
        return "No ship-by date", False
    now = now or datetime.now(timezone.utc)
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    local = due.astimezone()
    overdue = due < now
    text = f"Ship by {local.strftime('%a %d %b %Y, %H:%M')}"
    return (f"{text} - OVERDUE" if overdue else text), overdue


def order_packed(pack: object | None) -> str:
    """What home says when an order's last label is scanned back: packed, and its backorder."""
    lines = getattr(pack, "lines", ()) or ()
    later = [line for line in lines if getattr(line, "backordered", 0)]
    if not later:
        return "Order packed: ready for shipment."
    units = sum(line.backordered for line in later)
    names = ", ".join(f"{line.backordered} x {line.name}" for line in later)
    return (f"Order {pack.order_number} packed: ready for shipment. {count(units, 'unit')} on backorder, "  # type: ignore[attr-defined]
            f"to ship later: {names}.")
