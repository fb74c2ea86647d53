"""One line for the packer: which box, and why not the next cheaper one."""
from __future__ import annotations

import logging
from typing import NamedTuple, Sequence

from app.boxing.model import BoxType
from app.translator import Lines, phrase

log = logging.getLogger(__name__)


class Refusal(NamedTuple):
    """A box that was considered before the chosen one and why it was not taken."""

    box: BoxType
    reason: str
    proved: bool  # True: the box surely cannot hold the units; False: only no arrangement found


def explain_choice(box: BoxType, refused: Sequence[Refusal], billable: int | None) -> str:
    """E.g. "M: smallest that fits; S fails: WIDGET-XL is 320 mm long, S is 300 mm"."""
    if billable is not None:  # the carrier-cost objective's billable grams
        head = phrase("%(box)s: lowest carrier cost (billable %(kg)s kg)", box=box.id, kg=round(billable / 1000, 1))
    elif any(r.box.volume > box.volume for r in refused):
        head = phrase("%(box)s: cheapest that fits", box=box.id)
    else:
        head = phrase("%(box)s: smallest that fits", box=box.id)
    if not refused:
        return head
    last = refused[-1]
    tail = last.reason if last.proved else phrase("%(reason)s (not proven impossible)", reason=last.reason)
    return phrase("%(head)s; %(box)s fails: %(reason)s", head=head, box=last.box.id, reason=tail)


def explain_split(parts: Sequence[str], whole_reason: str | None) -> str:
    """E.g. "2 parcels: L + M; no single box holds all 14 units (XL: ...)"."""
    text = phrase("%(n)s parcels: %(boxes)s", n=len(parts), boxes=" + ".join(parts))
    if whole_reason:
        return Lines((text, whole_reason), "; ")
    return text
