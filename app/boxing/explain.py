"""One line for the packer: which box, and why not the next cheaper one."""
from __future__ import annotations

import logging
from typing import NamedTuple, Sequence

from app.boxing.model import BoxType

log = logging.getLogger(__name__)


class Refusal(NamedTuple):
    """A box that was considered before the chosen one and why it was not taken."""

    box: BoxType
    reason: str
    proved: bool  # True: the box surely cannot hold the units; False: only no arrangement found


def explain_choice(box: BoxType, refused: Sequence[Refusal], billable: int | None) -> str:
    """E.g. "M: smallest that fits; S fails: WIDGET-XL is 320 mm long, S is 300 mm"."""
    if billable is not None:  # the carrier-cost objective's billable grams
        head = f"{box.id}: lowest carrier cost (billable {billable / 1000:.1f} kg)"
    elif any(r.box.volume > box.volume for r in refused):
        head = f"{box.id}: cheapest that fits"
    else:
        head = f"{box.id}: smallest that fits"
    if not refused:
        return head
    last = refused[-1]
    tail = last.reason if last.proved else f"{last.reason} (not proven impossible)"
    return f"{head}; {last.box.id} fails: {tail}"


def explain_split(parts: Sequence[str], whole_reason: str | None) -> str:
    """E.g. "2 parcels: L + M; no single box holds all 14 units (XL: ...)"."""
    text = f"{len(parts)} parcels: " + " + ".join(parts)
    if whole_reason:
        text += f"; {whole_reason}"
    return text
