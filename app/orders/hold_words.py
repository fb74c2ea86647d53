"""A held order's reasons in the reader's language. The database keeps each reason as English
text (never German: a supervisor in another language reads the same row); `said` finds the
message a stored text was made from and returns it as a Phrase, which a Translator says in
German. A supervisor's own words (a hold by hand) match no message and stay as they were typed.

The reasons are made here, from these messages only (validation, the address check, a short
pick, an import's late refund), so that every one can be read back."""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable
from typing import Any

from app import words
from app.translator import Lines, Phrase, phrase

# Each message once, as Babel extracts it (`make translations`); `reason` fills one in.
NO_ADDRESS = phrase("no shipping address")
NO_NAME = phrase("no recipient name")
NO_STREET = phrase("no street address")
NO_CITY = phrase("no city")
NOT_A_COUNTRY = phrase("country %(country)s is not an ISO 3166 country code")
NO_POSTCODE = phrase("no postcode (addresses in %(country)s need one)")
NOT_A_POSTCODE = phrase("postcode %(postcode)s is not a postcode of %(country)s")
NOT_PAID = phrase("payment is %(payment)s, not paid or authorized")
UNKNOWN_SKU = phrase("line %(line)s: SKU %(sku)s is not in the catalogue")
PRICE = phrase("line %(line)s: %(sku)s at %(price)s %(currency)s, the catalogue says %(catalogue_price)s "
               "(tolerance %(tolerance)s%%)")
TOTAL = phrase("total %(total)s %(currency)s but lines, shipping, tax and discount add up to %(expected)s")
HIGH_VALUE = phrase("total %(total)s %(currency)s is above %(limit)s: check the payment")
INTERNATIONAL = phrase("ships to %(country)s, outside %(home)s")
BILLING_COUNTRY = phrase("billing country differs from the shipping address")
BILLING_POSTCODE = phrase("billing postcode differs from the shipping address")
BILLING_BOTH = phrase("billing country and postcode differ from the shipping address")
FIRST_ORDER = phrase("first order of %(email)s")
PAYMENT_GONE = phrase("payment %(payment)s")
CANCELLED_BY_CHANNEL = phrase("cancelled by its channel")
PAID_BACK_WHILE = phrase("%(why)s while %(status)s: stop it or take it back")
SHORT_PICK = phrase("short pick at %(location)s: %(found)s of %(quantity)s x %(sku)s found")
SHORT_PICK_ELSEWHERE = phrase("short pick at %(location)s: %(found)s of %(quantity)s x %(sku)s found; "
                              "the rest from %(locations)s")
SHORT_PICK_NOWHERE = phrase("short pick at %(location)s: %(found)s of %(quantity)s x %(sku)s found; "
                            "%(still)s unit(s) nowhere in stock")
SHORT_PICK_PARTLY = phrase("short pick at %(location)s: %(found)s of %(quantity)s x %(sku)s found; "
                           "the rest from %(locations)s; %(still)s unit(s) nowhere in stock")
# The system's other texts kept in English and said in the reader's language when read (issue 19):
# a status change's reason (a wave), an exchange order's notes, an offline event the central order
# did not take (a station's exception of kind "other", app/store/journal.py)
ON_PICK_LIST = phrase("on pick list %(pick_list)s")
EXCHANGE_FOR = phrase("exchange for order %(order)s")
OFFLINE_NOT_APPLIED = phrase("offline %(event)s at %(station)s not applied: %(why)s; check the parcel against the order")
ORDER_IS_CENTRALLY = phrase("the order is %(status)s centrally")
ORDER_IS_AT_CENTRALLY = phrase("the order is %(status)s at %(station)s centrally")
NOT_TAKEN = phrase("the order did not take it (%(problem)s)")
NOTES = (EXCHANGE_FOR,)  # what an order's notes may have been made from

# The messages each kind of hold is made from (app.orders.validation.HoldKind's values); a kind
# not listed (a supervisor's hold: their own words) is never read as one of them.
BY_KIND: dict[str, tuple[Phrase, ...]] = {
    "address": (NO_ADDRESS, NO_NAME, NO_STREET, NO_CITY, NOT_A_COUNTRY, NO_POSTCODE, NOT_A_POSTCODE),
    "payment": (NOT_PAID, PAID_BACK_WHILE),
    "unknown_sku": (UNKNOWN_SKU,), "price": (PRICE,), "total": (TOTAL,), "high_value": (HIGH_VALUE,),
    "international": (INTERNATIONAL,), "address_mismatch": (BILLING_COUNTRY, BILLING_POSTCODE, BILLING_BOTH),
    "first_order": (FIRST_ORDER,),
    "short_pick": (SHORT_PICK, SHORT_PICK_ELSEWHERE, SHORT_PICK_NOWHERE, SHORT_PICK_PARTLY),
    "other": (OFFLINE_NOT_APPLIED,),  # a station's exception the journal recorded
}
# The reasons the system gives its own status changes: written as their English (a Phrase is its
# English text), said in the reader's language when read back
PASSED_VALIDATION = phrase("passed validation")
STOCK_HELD = phrase("stock held")
STOCK_SHORT = phrase("stock short")
EVERY_LINE_PICKED = phrase("every line picked")
CLAIMED = phrase("claimed")
RELEASED_BY_STATION = phrase("released by the station")
ALL_LABELS_CONFIRMED = phrase("all labels confirmed")
EVERY_PARCEL_HANDED_OVER = phrase("every parcel handed over")
CHANGED_BY_IMPORT = phrase("changed by import")
OFFLINE_LEASE_RELEASED = phrase("offline lease released")
SYSTEM_REASONS = (PASSED_VALIDATION, STOCK_HELD, STOCK_SHORT, EVERY_LINE_PICKED, CLAIMED, RELEASED_BY_STATION,
                  ALL_LABELS_CONFIRMED, EVERY_PARCEL_HANDED_OVER, CHANGED_BY_IMPORT, OFFLINE_LEASE_RELEASED)
# what a status change's reason (an event's detail) may be made from
STATUS_REASONS = (ON_PICK_LIST, *SYSTEM_REASONS)
# An argument that is itself one of the messages: (message, argument) -> what it may be
# (or a function that says a code stored there: a status)
Nested = dict[tuple[str, str], "tuple[Phrase, ...] | Callable[[str], str]"]
NESTED: Nested = {
    (PAID_BACK_WHILE.msgid, "why"): (PAYMENT_GONE, CANCELLED_BY_CHANNEL),
    (OFFLINE_NOT_APPLIED.msgid, "why"): (ORDER_IS_CENTRALLY, ORDER_IS_AT_CENTRALLY, NOT_TAKEN),
    (ORDER_IS_CENTRALLY.msgid, "status"): words.status_name, (ORDER_IS_AT_CENTRALLY.msgid, "status"): words.status_name}

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def reason(template: Phrase, **args: Any) -> Phrase:
    """One of the messages above with its arguments: English now, any language when said."""
    return Phrase(template.msgid, args)


def said(text: str | None, kind: str) -> str:
    """A stored reason of a hold of `kind` as a Phrase when it was made from one of that kind's
    messages (its arguments read back from the text), else the text as it is (a supervisor's
    own words, a reason stored before its message existed)."""
    if not text or isinstance(text, Phrase):
        return text or ""
    return read_back(text, BY_KIND.get(kind, ()))


def read_back(text: str | None, templates: tuple[Phrase, ...],
              nested: Nested | None = None) -> str:
    """A stored English text as a Phrase when it was made from one of `templates` (its arguments
    read back from the text, an argument itself by `nested`: (message, argument) -> the messages
    it may be; NESTED when not given), else the text as it is. The one matcher of stored texts."""
    if not text or isinstance(text, Phrase):
        return text or ""
    nested = NESTED if nested is None else nested
    for template, pattern in _patterns(templates):
        found = pattern.fullmatch(text)
        if found is not None:
            return Phrase(template.msgid, {key: _part(value, nested.get((template.msgid, key), ()), nested)
                                           for key, value in found.groupdict().items()})
    return text


def read_lines(text: str | None, read: Callable[[str], str], separator: str = "; ") -> str:
    """Stored texts joined by `separator` (a hold's reasons), each read by `read` (a Phrase when
    understood); a text that holds the separator itself (a short pick's) is read whole, by its
    longest understood head."""
    if not text or isinstance(text, Phrase):
        return text or ""
    whole = read(text)
    if isinstance(whole, Phrase) or separator not in text:
        return whole
    parts = text.split(separator)
    for cut in range(len(parts) - 1, 0, -1):
        head = read(separator.join(parts[:cut]))
        if isinstance(head, Phrase):
            return Lines([head, read_lines(separator.join(parts[cut:]), read, separator)], separator)
    return Lines([parts[0], read_lines(separator.join(parts[1:]), read, separator)], separator)


def _part(value: str, reader: tuple[Phrase, ...] | Callable[[str], str], nested: Nested) -> str:
    return reader(value) if callable(reader) else read_back(value, reader, nested)


@lru_cache(maxsize=None)
def _patterns(templates: tuple[Phrase, ...]) -> list[tuple[Phrase, re.Pattern[str]]]:
    """Each message as a pattern; the longest first, so a reason is read by its fullest message."""
    made = []
    for template in templates:
        parts = _PLACEHOLDER.split(template.msgid.replace("%%", "%"))
        pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        made.append((template, re.compile(pattern, re.DOTALL)))
    return sorted(made, key=lambda pair: -len(_PLACEHOLDER.sub("", pair[0].msgid)))
