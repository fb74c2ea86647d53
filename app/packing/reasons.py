"""Reason codes a packer gives when the station asks why (a box other than the suggestion, a
label reprint, a PROBLEM), each with a scannable value for the command sheet, and the record
of a scan that arrived while such a question was open.

A scan during a question either answers it (a reason barcode of that question, or CANCEL) or
is refused with a message telling the packer to answer first; both are written to the scans
table, so no scan is ever lost. Reason values start with "PD-" like the command barcodes, so
they cannot collide with a SKU, GTIN, badge or order number (app/commands.py)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

PREFIX = "PD-RSN-"
CANCEL = "PD-RSN-CANCEL"
ANSWERED, REFUSED = "reason", "refused"  # scans.outcome of a scan during a question


@dataclass(frozen=True)
class Reason:
    """One answer to a question: its code, the words shown and stored, its barcode value."""

    question: str  # box, reprint, problem, logout, override
    code: str
    text: str

    @property
    def barcode(self) -> str:
        """What the command sheet prints as Code 128 for this reason."""
        return f"{PREFIX}{self.question.upper()}-{self.code.upper().replace('_', '-')}"


def _reasons(question: str, *pairs: tuple[str, str]) -> tuple[Reason, ...]:
    return tuple(Reason(question, code, text) for code, text in pairs)


BOX_REASONS = _reasons("box", ("out_of_stock", "Suggested box out of stock"), ("fits_better", "Items fit better"),
                       ("fragile", "Fragile: more padding"), ("customer", "Customer request"), ("other", "Other"))
REPRINT_REASONS = _reasons("reprint", ("damaged", "Label damaged"), ("jam", "Printer jam"),
                           ("smudged", "Label smudged"), ("wrong_stock", "Wrong label stock"), ("other", "Other"))
PROBLEM_REASONS = _reasons("problem", ("missing", "Item missing"), ("damaged", "Item damaged"),
                           ("wrong_item_in_tote", "Wrong item in tote"), ("other", "Other problem"))
LOGOUT_REASONS = _reasons("logout", ("confirm", "Log out: the order stays here for the next packer"))
# why a supervisor overrode the rules at a station (asked after their badge or PIN approved it)
OVERRIDE_REASONS = _reasons("override", ("out_of_stock", "Out of stock: ship the rest"),
                            ("damaged", "Item damaged: ship the rest"), ("customer_request", "Customer request"),
                            ("carrier_cutoff", "Carrier cut-off: ship what is here"), ("other", "Other"))
QUESTIONS: dict[str, tuple[Reason, ...]] = {"box": BOX_REASONS, "reprint": REPRINT_REASONS,
                                            "problem": PROBLEM_REASONS, "logout": LOGOUT_REASONS,
                                            "override": OVERRIDE_REASONS}


def reason_for(question: str, data: str) -> Reason | None:
    """The reason of `question` this scan names, or None."""
    value = data.strip().upper()
    return next((r for r in QUESTIONS.get(question, ()) if r.barcode == value), None)

