"""The supervisor's words for what the database keeps as codes: the built-in reason codes
(app/supervision/settings.py DEFAULT_REASON_CODES), a mis-scan's outcome (scans.outcome) and the
kind of a station's exception (pack_exceptions.kind). Each is a Phrase, said in the reader's
language; a code an administrator added has no phrase and reads as typed ("wrong_address" ->
"wrong address")."""
from __future__ import annotations

from app.translator import phrase

REASONS = {  # the built-in reason codes a decision carries
    "customer_request": phrase("customer request"),
    "stock_found": phrase("stock found"),
    "address_fixed": phrase("address fixed"),
    "damaged": phrase("damaged"),
    "other": phrase("other"),
}
MIS_SCANS = {  # app/packing/api.py ScanOutcome's mis-scans, as stored in scans.outcome
    "wrong_item": phrase("wrong item"),
    "unknown": phrase("unknown barcode"),
    "over_scan": phrase("one too many"),
    "invalid_gs1": phrase("bad GS1 check digit"),
    "serial_used": phrase("serial already packed"),
    "wrong_label": phrase("wrong label"),
}
STATION_KINDS = {  # a station's exception (app/packing/api.py PROBLEM_KINDS, a weight, a short shipment)
    "missing": phrase("item missing"),
    "damaged": phrase("item damaged"),
    "wrong_item_in_tote": phrase("wrong item in tote"),
    "other": phrase("other problem"),
    "weight": phrase("weight out of tolerance"),
    "partial": phrase("shipped short"),
    "short_pick": phrase("short pick"),
}


def _plain(code: str | None) -> str:
    return (code or "").replace("_", " ")


def reason_words(code: str | None) -> str:
    """A reason code as a supervisor reads it: a Phrase for the built-in ones, else the code with spaces."""
    return REASONS.get(code or "", _plain(code))


def mis_scan_words(outcome: str | None) -> str:
    """A mis-scan's outcome in words: "wrong_item" -> "wrong item"."""
    return MIS_SCANS.get(outcome or "", _plain(outcome))


def station_kind_words(kind: str | None) -> str:
    """A station's exception kind in words: "wrong_item_in_tote" -> "wrong item in tote"."""
    return STATION_KINDS.get(kind or "", _plain(kind))
