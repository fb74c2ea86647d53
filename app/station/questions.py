"""The questions the station asks: their words, and what a scan or a touch means while one is
open (a reason of that question, CANCEL, or nothing)."""
from __future__ import annotations

import logging

from app.commands import command_for
from app.packing.reasons import QUESTIONS, Reason, reason_for
from app.station.state import Question, QuestionKind
from app.translator import phrase

log = logging.getLogger(__name__)

KIOSK_EXIT, DEVICE_SETTINGS = "kiosk exit", "device settings"  # actions in the supervisor audit log
QUESTION_TEXT = {
    QuestionKind.BOX_REASON: phrase("Why this box and not the suggested one?"),
    QuestionKind.REPRINT: phrase("Why reprint the label?"),
    QuestionKind.PROBLEM: phrase("What is the problem?"),
    QuestionKind.PARTIAL: phrase("Ship part of this order now? A supervisor approves"),
    QuestionKind.EXIT: phrase("Close the station? A supervisor approves"),
    QuestionKind.LOGOUT: phrase("Log out with an order open?"),
    QuestionKind.OVERRIDE_REASON: phrase("Why ship part of this order now?"),
}


def override_reason_question(asked: Question, supervisor: str, order: str | None) -> Question:
    """The question after a supervisor's badge or PIN approved a partial shipment: its reason
    (touched or scanned from the command sheet), where CANCEL goes back as the approval did."""
    return Question(QuestionKind.OVERRIDE_REASON, phrase("Approved by %(supervisor)s for order %(order)s.", supervisor=supervisor, order=order or "-"),
                    back_to=asked.back_to)


def reasons_of(kind: QuestionKind) -> tuple[Reason, ...]:
    """The reasons that answer a question (none for the supervisor questions)."""
    return QUESTIONS.get(kind.reasons or "", ())


def reason_scanned(kind: QuestionKind, data: str) -> Reason | None:
    """The reason of this question a scan names, or None."""
    return reason_for(kind.reasons or "", data)


def refusal(data: str) -> str:
    """What the station says about a scan that did not answer the open question."""
    return phrase("%(code)s was not used: answer the question first. Touch a reason, press its number or scan it on "
                  "the command sheet - or CANCEL - then scan again.", code=data)


def answered(kind: QuestionKind, reason: Reason | None) -> str:
    """The record of a scan that answered (or cancelled) a question."""
    return f"Answered {QUESTION_TEXT[kind]!r}: {reason.text if reason is not None else 'cancelled'}."


def is_station_code(data: str) -> bool:
    """A command or a reason of the command sheet: never a supervisor's badge, so a supervisor
    question refuses it rather than count it as a badge attempt."""
    return command_for(data) is not None or any(reason_for(kind, data) is not None for kind in QUESTIONS)
