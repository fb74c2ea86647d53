"""The supervisor's words for what the database keeps as codes: the built-in reason codes
(app/supervision/settings.py DEFAULT_REASON_CODES), a mis-scan's outcome (scans.outcome), the
kind of a station's exception (pack_exceptions.kind) and of a hold (order_holds.kind). Each is a
Phrase, said in the reader's language; a code with no phrase (one an administrator added) reads as
typed ("wrong_address" -> "wrong address")."""
from __future__ import annotations

from app.orders.hold_words import BY_KIND, NESTED, Nested, read_back, read_lines, said
from app.translator import Phrase, phrase

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
# An exception's kind (app/supervision/model.py ExceptionKind) and a decision (Action, as done) on
# the command line, as the review screen says them (ui/floor_words.py)
EXCEPTION_KIND_WORDS = {
    "hold": phrase("on hold"),
    "problem": phrase("problem"),
    "mis_scan": phrase("mis-scan"),
    "weight": phrase("weight"),
    "box_override": phrase("box override"),
    "reprint": phrase("reprint"),
    "short_pick": phrase("short pick"),
    "print_failure": phrase("print failure"),
    "refused_badge": phrase("refused badge"),
    "stale_lease": phrase("stale lease"),
    "sla_breach": phrase("late"),
}
DECISION_WORDS = {
    "release": phrase("released"),
    "requeue": phrase("re-queued"),
    "cancel": phrase("cancelled"),
    "release_lease": phrase("lease released"),
    "accept_weight": phrase("weight accepted"),
    "void_label": phrase("label voided"),
    "resolve": phrase("resolved"),
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

HOLD_KINDS = {  # app/orders/validation.py HoldKind, as order_holds.kind stores it
    "address": phrase("address"),
    "unknown_sku": phrase("unknown SKU"),
    "price": phrase("price"),
    "total": phrase("order total"),
    "payment": phrase("payment"),
    "high_value": phrase("high value"),
    "international": phrase("international"),
    "address_mismatch": phrase("billing address"),
    "first_order": phrase("first order"),
    "supervisor": phrase("supervisor"),
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


# What a station said to its packer about a mis-scan (app/packing/scan_rules.py), stored in
# scans.message as English text: each message once here, so that the review reads it back and says
# it in the supervisor's language (app/orders/hold_words.py does the same for a hold's reasons).
# A message not listed (a newer one, a station's other words) stays as it was stored.
STATION_SAID = (
    phrase("Scanned %(code)s, which is not in order %(order)s. Put it aside and scan ACK."),
    phrase("Scanned %(code)s: order %(order)s needs %(needs)s and all are scanned (this case holds %(case)s). "
           "Take it out of the box and scan ACK."),
    phrase("Scanned %(code)s: order %(order)s needs %(needs)s and all are scanned. Take it out of the box and "
           "scan ACK."),
    phrase("Scanned %(code)s: its GS1 check digit is wrong (%(problem)s). Put the item aside for a supervisor and "
           "scan ACK."),
    phrase("Scanned SSCC %(sscc)s, which is no parcel of this station. Scan the label on the parcel you closed, "
           "then ACK."),
    phrase("Scanned label %(label)s, which belongs to no parcel of order %(order)s. Find the right parcel and scan "
           "ACK."),
    phrase("Scanned %(code)s: not a product, box or label of this warehouse. Put it aside and scan ACK."),
    phrase("Scanned %(code)s: that is another order's sheet, and this station is packing %(order)s. Put that sheet "
           "aside with its order and scan ACK."),
    phrase("Serial %(serial)s of %(sku)s - %(name)s was already packed. Put this unit aside for a supervisor and "
           "scan ACK."),
)


def station_said(text: str | None) -> str:
    """A mis-scan's stored station message as a Phrase when it was made from one of STATION_SAID
    (its arguments read back from the text), else the text as it is."""
    return read_back(text, STATION_SAID, {})


# A decided exception's summary (exception_reviews.summary) is kept as the English the queue showed
# (app/store/exception_queries.py made it from these messages); the queue reads it back by the
# exception's kind and says it in the reader's language, its parts (a kind, a reason, what the
# station said) read back as well.
HELD = phrase("Order %(number)s on hold - %(reasons)s")
HELD_FOR = phrase("%(kind)s: %(reason)s")
AT_STATION = phrase("Order %(number)s: %(kind)s - %(reason)s")
RESOLVED_THERE = phrase("Order %(number)s: %(reason)s")
MIS_SCANNED_SAID = phrase("%(outcome)s: %(data)s - %(said)s")
MIS_SCANNED = phrase("%(outcome)s: %(data)s")
SUMMARIES: dict[str, tuple[Phrase, ...]] = {
    "hold": (HELD,),
    "problem": (AT_STATION, RESOLVED_THERE), "weight": (AT_STATION, RESOLVED_THERE),
    "short_pick": (AT_STATION, RESOLVED_THERE),
    "mis_scan": (MIS_SCANNED_SAID, MIS_SCANNED),
}
_SUMMARY_PARTS: Nested = {
    **NESTED,
    (HELD.msgid, "reasons"): lambda reasons: read_lines(reasons, _held_for),
    (AT_STATION.msgid, "kind"): tuple(STATION_KINDS.values()), (AT_STATION.msgid, "reason"): lambda text: text,
    (RESOLVED_THERE.msgid, "reason"): BY_KIND["short_pick"] + BY_KIND["other"],  # the system's, not a packer's
    (MIS_SCANNED_SAID.msgid, "outcome"): tuple(MIS_SCANS.values()), (MIS_SCANNED_SAID.msgid, "said"): STATION_SAID,
    (MIS_SCANNED.msgid, "outcome"): tuple(MIS_SCANS.values()),
}
_HOLD_CODES = {str.__str__(words): code for code, words in HOLD_KINDS.items()}  # "unknown SKU" -> "unknown_sku"
_STATION_CODES = {str.__str__(words): code for code, words in STATION_KINDS.items()}


def summary_said(text: str | None, kind: str | None) -> str:
    """A decided exception's stored summary as a Phrase when it was made from one of its kind's
    messages, else the text as it is (a newer message, a kind with no words here). A reason is
    read by the kind of hold or station exception named before it: a person's words stay theirs."""
    read = read_back(text, SUMMARIES.get(kind or "", ()), _SUMMARY_PARTS)
    if isinstance(read, Phrase) and read.msgid == AT_STATION.msgid:
        code = _STATION_CODES.get(str.__str__(read.args["kind"]), "")
        return Phrase(read.msgid, {**read.args, "reason": said(str.__str__(read.args["reason"]), code)})
    return read


def _held_for(text: str) -> str:
    """One of a hold's reasons in a summary ("address: no city"), its reason read by its kind; a
    Phrase only when the kind is a hold's and the reason is one whole (no "; " in it, or in an argument)."""
    read = read_back(text, (HELD_FOR,), {(HELD_FOR.msgid, "kind"): tuple(HOLD_KINDS.values())})
    if not isinstance(read, Phrase) or str.__str__(read.args["kind"]) not in _HOLD_CODES:
        return text
    reason = said(str.__str__(read.args["reason"]), _HOLD_CODES[str.__str__(read.args["kind"])])
    if "; " in reason if not isinstance(reason, Phrase) else any("; " in str(v) for v in reason.args.values()):
        return text  # two reasons read as one: no argument of a reason holds "; " (bins are joined by ", ")
    return Phrase(HELD_FOR.msgid, {"kind": read.args["kind"], "reason": reason})


def hold_kind_words(kind: str | None) -> str:
    """A hold's kind in words: "unknown_sku" -> "unknown SKU"."""
    return HOLD_KINDS.get(kind or "", _plain(kind))


def exception_kind(code: str) -> str:
    """An exception's kind in words: "mis_scan" -> "mis-scan"."""
    return EXCEPTION_KIND_WORDS.get(code) or code.replace("_", " ")


def decision(code: str) -> str:
    """A supervisor's decision in words, as done: "requeue" -> "re-queued"."""
    return DECISION_WORDS.get(code) or code.replace("_", " ")
