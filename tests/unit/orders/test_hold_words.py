"""A held order's reasons are stored in English and read back in the reader's language
(app/orders/hold_words.py): every message a hold is made from reads back to itself with its
arguments, by the hold's kind; a supervisor's own words never do."""
from __future__ import annotations

import re

import pytest

from app.orders import hold_words as W
from app.translator import Phrase, Translator

GERMAN = Translator("de")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _filled(template: Phrase) -> Phrase:
    names = dict.fromkeys(PLACEHOLDER.findall(template.msgid))
    return W.reason(template, **{name: f"<{name}-{i}>" for i, name in enumerate(names)})


@pytest.mark.parametrize("kind,template", [(kind, t) for kind, ts in W.BY_KIND.items() for t in ts],
                         ids=lambda value: value if isinstance(value, str) and not isinstance(value, Phrase) else None)
def test_each_reason_reads_back_to_its_message_and_says_german(kind: str, template: Phrase) -> None:
    made = _filled(template)
    stored = str.__str__(made) + ""  # what the database gives back: plain English text
    read = W.said(stored, kind)
    assert isinstance(read, Phrase) and read.msgid == template.msgid
    assert read == stored  # English as it was stored
    assert GERMAN.say(read) == GERMAN.say(made) != stored  # German, with the same arguments


def test_a_refund_while_picking_reads_back_with_its_nested_reason() -> None:
    stored = str(W.reason(W.PAID_BACK_WHILE, why=W.reason(W.PAYMENT_GONE, payment="refunded"), status="picking"))
    assert stored == "payment refunded while picking: stop it or take it back"
    assert GERMAN.say(W.said(stored + "", "payment")) == "Zahlung refunded im Status picking: anhalten oder zurückholen"


def test_a_short_pick_is_read_by_its_fullest_message() -> None:
    stored = ("short pick at A-01: 1 of 3 x MUG found; the rest from B-1, B-2; 1 unit(s) nowhere in stock")
    read = W.said(stored, "short_pick")
    assert isinstance(read, Phrase) and read.msgid == W.SHORT_PICK_PARTLY.msgid
    assert read.args["locations"] == "B-1, B-2" and read.args["still"] == "1"


def test_a_supervisors_words_and_unknown_texts_stay_as_they_are() -> None:
    assert W.said("no city", "supervisor") == "no city"  # a supervisor's hold: their own words
    assert not isinstance(W.said("no city", "supervisor"), Phrase)
    assert W.said("something from an older version", "address") == "something from an older version"
    assert W.said("", "address") == "" and W.said(None, "address") == ""
