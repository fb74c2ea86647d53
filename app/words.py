"""The words people read at the station: counts with the right plural, order statuses, carriers
and services, weights and the ship-by date - never a raw code ("on_hold", "ups", "(missing)").

Every count a person reads goes through `count`, so that translations (Qt's tr() with a count,
installed by ui/words.py) reach every one of them; docs/glossary.md lists the words. Each word
is a Phrase (app/translator.py): English as it stands, said again in the logged-in user's
language by the station core's Translator; weights and dates from Babel's locale data."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime, timezone

from app.translator import Grams, Lines, Phrase, Translator, noun, phrase

log = logging.getLogger(__name__)

# n, singular, plural -> "1 order" / "2 orders"; ui/words.py puts Qt's translate in front of it
Plural = Callable[[int, str, str], str]

IRREGULAR = {"box": "boxes", "parcel": "parcels", "unit": "units", "order": "orders", "scan": "scans",
             "mis-scan": "mis-scans", "label": "labels", "person": "people"}

STATUS_WORDS = {  # app/orders/status.py's codes as a packer or a supervisor says them
    "new": phrase("new"), "captured": phrase("captured"), "validated": phrase("validated"),
    "allocated": phrase("allocated"),
    "picking": phrase("being picked"), "picked": phrase("picked, ready to pack"),
    "packing": phrase("being packed"), "packed": phrase("packed"),
    "ready_for_shipment": phrase("ready for shipment"), "shipped": phrase("shipped"),
    "delivered": phrase("delivered"), "completed": phrase("completed"), "on_hold": phrase("on hold"),
    "cancelled": phrase("cancelled"), "backordered": phrase("backordered"), "returned": phrase("returned"),
}

EVENT_WORDS = {  # an order's events as its log reads to a person (`orders show`; --json keeps the codes)
    "OrderCaptured": phrase("order captured"),
    "OrderUpdated": phrase("changed by an import"),
    "StatusChanged": phrase("status changed"),
    "OrderHeld": phrase("held"),
    "OrderReleased": phrase("released"),
    "OrderCancelled": phrase("cancelled"),
    "StockAllocated": phrase("stock held"),
    "PartlyAllocated": phrase("stock held in part"),
    "StockReleased": phrase("stock released"),
    "StockShort": phrase("stock short"),
    "ShortPicked": phrase("picked short"),
    "OrderPicked": phrase("picked"),
    "BoxChosen": phrase("box chosen"),
    "WeightAccepted": phrase("weight accepted"),
    "WeightOutOfTolerance": phrase("weight out of tolerance"),
    "ParcelClosed": phrase("parcel closed"),
    "ServiceChosen": phrase("carrier service chosen"),
    "ServiceOverridden": phrase("carrier service changed by a supervisor"),
    "NoCarrierService": phrase("no carrier service fits"),
    "LabelPrinted": phrase("label printed"),
    "LabelReprinted": phrase("label printed again"),
    "LabelConfirmed": phrase("label scanned on the parcel"),
    "LabelVoided": phrase("label voided"),
    "ProblemReported": phrase("problem reported"),
    "ExceptionDecided": phrase("exception decided"),
    "PartialShipmentApproved": phrase("partial shipment approved"),
    "LeaseReleased": phrase("given back to the queue"),
    "LeaseTakenOver": phrase("taken over by another station"),
    "ParcelHandedOver": phrase("parcel handed to the carrier"),
    "InvoiceIssued": phrase("invoice issued"),
    "CaptureRequested": phrase("payment capture requested"),
    "PaymentAuthorised": phrase("payment authorised"),
    "PaymentCaptured": phrase("payment captured"),
    "PaymentCaptureFailed": phrase("payment capture failed"),
    "PaymentRefunded": phrase("payment refunded"),
    "StockShipped": phrase("stock shipped"),
    "TrackingReported": phrase("tracking update"),
    "SlaBreached": phrase("not shipped by its due time"),
    "ReturnCreated": phrase("return created"),
    "ReturnReceived": phrase("return received"),
    "ReturnItemReceived": phrase("returned item received"),
    "ReturnInspected": phrase("return inspected"),
    "ExchangeOrdered": phrase("exchange order created"),
    "ExchangeFor": phrase("exchange for a return"),
    "Waved": phrase("put on a pick list"),
    "ItemScanned": phrase("item scanned"),
    "ScanUndone": phrase("scan undone"),
    "WrongItemScanned": phrase("wrong item scanned"),
    "OverScanned": phrase("one too many scanned"),
    "UnknownBarcodeScanned": phrase("unknown barcode scanned"),
    "InvalidCheckDigitScanned": phrase("barcode with a wrong check digit"),
    "WrongLabelScanned": phrase("wrong label scanned"),
    "SerialAlreadyUsed": phrase("serial number used before"),
    "LabelPrintFailed": phrase("label not printed"),
    "SupervisorAuthorised": phrase("authorised by a supervisor"),
    "SupervisorRefused": phrase("refused by a supervisor"),
}

# The statuses' own names (a code with spaces: "on hold", "picked"), as the command line counts them.
STATUS_NAMES = {
    "new": phrase("new"), "captured": phrase("captured"), "validated": phrase("validated"),
    "allocated": phrase("allocated"),
    "picking": phrase("picking"), "picked": phrase("picked"), "packing": phrase("packing"), "packed": phrase("packed"),
    "ready_for_shipment": phrase("ready for shipment"), "shipped": phrase("shipped"), "delivered": phrase("delivered"),
    "completed": phrase("completed"), "on_hold": phrase("on hold"), "cancelled": phrase("cancelled"),
    "backordered": phrase("backordered"), "returned": phrase("returned"),
}

# The count forms of the nouns counted at the station, for the languages with their own plurals.
NOUNS = {
    "box": noun("%(n)s box", "%(n)s boxes"), "parcel": noun("%(n)s parcel", "%(n)s parcels"),
    "unit": noun("%(n)s unit", "%(n)s units"), "order": noun("%(n)s order", "%(n)s orders"),
    "scan": noun("%(n)s scan", "%(n)s scans"), "mis-scan": noun("%(n)s mis-scan", "%(n)s mis-scans"),
    "label": noun("%(n)s label", "%(n)s labels"), "person": noun("%(n)s person", "%(n)s people"),
    "line": noun("%(n)s line", "%(n)s lines"), "item": noun("%(n)s item", "%(n)s items"),
}
# A ship-by date's pattern (CLDR, filled with Babel's day and month names); a translation may reorder it.
SHIP_BY_PATTERN = phrase("EEE dd MMM y, HH:mm")

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


class Count(Phrase):
    """A count with its noun: English (or Qt's words) as it stands, any language's plural form on demand."""

    def __new__(cls, n: int, singular: str, plural: str) -> Count:
        self = str.__new__(cls, _plural(n, singular, plural))
        forms = NOUNS.get(singular)
        self.msgid, self.plural, self.n, self.args = (forms[0] if forms else ""), (forms[1] if forms else None), n, {}
        return self

    def said_by(self, translator: Translator) -> str:
        if not self.msgid or translator.language == "en":
            return str.__str__(self)
        return translator.ngettext(self.msgid, self.plural or self.msgid, self.n or 0) % {"n": self.n}

    def __reduce__(self) -> tuple[object, ...]:
        return (str, (str.__str__(self),))


def count(n: int, singular: str, plural: str | None = None) -> str:
    """A number with its noun in the right form: count(1, "order") -> "1 order"."""
    return Count(n, singular, plural or IRREGULAR.get(singular) or singular + "s")


def status(code: str | None) -> str:
    """An order status in words: "on_hold" -> "on hold"."""
    if not code:
        return phrase("unknown")
    return STATUS_WORDS.get(code, code.replace("_", " "))


def event(kind: str) -> str:
    """An order event in words: "StockAllocated" -> "stock held"; a kind without words of its own
    as its code's words ("ScanUndone" -> "scan undone")."""
    return EVENT_WORDS.get(kind) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower()


def status_name(code: str) -> str:
    """A status code with spaces, translatable: "on_hold" -> "on hold"."""
    return STATUS_NAMES.get(code, code.replace("_", " "))


def carrier(code: str | None) -> str:
    """A carrier as people write it: "ups" -> "UPS", "postnl" -> "PostNL"."""
    if not code:
        return phrase("no carrier chosen")
    return CARRIER_NAMES.get(code.strip().lower(), code.strip().replace("_", " ").title()
                             if code.islower() else code.strip())


def service(code: str | None) -> str:
    """A service level: "express" -> "Express", "next_day" -> "Next day"."""
    if not code:
        return ""
    text = code.strip().replace("_", " ")
    return text[:1].upper() + text[1:]


def shipping(carrier_code: str | None, service_code: str | None) -> str:
    """Carrier and service on one line: "UPS Express" (a phrase: "no carrier chosen" is said in
    the reader's language)."""
    return Lines([part for part in (carrier(carrier_code), service(service_code)) if part], " ")


def grams(g: int | None) -> str:
    """A weight that never breaks between number and unit: "1480 g" (in any language's digits)."""
    if g is None:
        return phrase("no weight")
    return Grams(g)


class ShipBy(Phrase):
    """A ship-by date: the day and month names of each language (Babel's), in the station's time zone."""

    def __new__(cls, local: datetime, overdue: bool) -> ShipBy:
        self = str.__new__(cls, _ship_by(Translator("en"), local, overdue))
        self.msgid, self.plural, self.n, self.args = "", None, None, {"local": local, "overdue": overdue}
        return self

    def said_by(self, translator: Translator) -> str:
        return _ship_by(translator, self.args["local"], self.args["overdue"])

    def __reduce__(self) -> tuple[object, ...]:
        return (ShipBy, (self.args["local"], self.args["overdue"]))


def _ship_by(translator: Translator, local: datetime, overdue: bool) -> str:
    when = translator.date_time(local, translator.say(SHIP_BY_PATTERN))
    return translator.say(phrase("Ship by %(when)s - OVERDUE", when=when) if overdue
                          else phrase("Ship by %(when)s", when=when))


def ship_by(due: datetime | None, now: datetime | None = None) -> tuple[str, bool]:
    """("Ship by Fri 20 Nov 2026, 17:46", overdue): the year always, and whether it is late."""
    if due is None:
        return phrase("No ship-by date"), False
    now = now or datetime.now(timezone.utc)
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    local = due.astimezone()
    overdue = due < now
    return ShipBy(local, overdue), overdue


def order_packed(pack: object | None) -> str:
    """What home says when an order's last label is scanned back: packed, and its backorder."""
    lines = getattr(pack, "lines", ()) or ()
    later = [line for line in lines if getattr(line, "backordered", 0)]
    if not later:
        return phrase("Order packed: ready for shipment.")
    units = sum(line.backordered for line in later)
    names = ", ".join(f"{line.backordered} x {line.name}" for line in later)
    return phrase("Order %(order)s packed: ready for shipment. %(units)s on backorder, to ship later: %(names)s.",
                  order=pack.order_number, units=count(units, "unit"), names=names)  # type: ignore[attr-defined]
