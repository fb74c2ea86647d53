"""The exception queue's plain records: what an exception is, how the queue is filtered, and
which decisions fit which kind of exception."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Protocol
from datetime import datetime

from app.supervision.errors import SupervisionError
from app.translator import phrase

log = logging.getLogger(__name__)


class ExceptionKind(str, enum.Enum):
    """What a supervisor is asked to look at."""

    HOLD = "hold"  # an order on hold, with its typed reasons
    PROBLEM = "problem"  # PROBLEM at a station: missing, damaged, wrong item in tote, other
    MIS_SCAN = "mis_scan"  # wrong item, unknown, over-scan, bad GS1 check digit, serial used, wrong label
    WEIGHT = "weight"  # a parcel out of weight tolerance
    BOX_OVERRIDE = "box_override"  # a box other than the suggested one
    REPRINT = "reprint"  # a label reprinted
    SHORT_PICK = "short_pick"  # shipped short (a partial shipment) or picked short
    PRINT_FAILURE = "print_failure"  # a label the printer did not print
    REFUSED_BADGE = "refused_badge"  # an unknown badge, a refused supervisor badge or PIN
    STALE_LEASE = "stale_lease"  # an order held by a station that stopped renewing its lease
    SLA_BREACH = "sla_breach"  # not shipped by its SLA due time: at risk, still to ship (not held)

    @classmethod
    def parse(cls, text: str) -> ExceptionKind:
        """The kind named by `text`, or SupervisionError naming the kinds there are."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise SupervisionError(phrase("'%(text)s' is not a kind of exception; use one of: %(kinds)s",
                                          text=text, kinds=", ".join(k.value for k in cls))) from None


class Action(str, enum.Enum):
    """A supervisor's decision on an exception."""

    RELEASE = "release"  # release the hold: the order goes on where its work resumes
    REQUEUE = "requeue"  # back into the packing queue (a held order, or one a station holds)
    CANCEL = "cancel"  # cancel the order (not while it is being packed)
    RELEASE_LEASE = "release_lease"  # take the order away from the station that holds it
    ACCEPT_WEIGHT = "accept_weight"  # the weight is right after all
    VOID_LABEL = "void_label"  # void the parcel's label: a new SSCC, the old one recorded void
    RESOLVE = "resolve"  # looked at, nothing else to do


K, A = ExceptionKind, Action
# Which decisions fit which exception; RESOLVE fits them all.
ACTIONS: dict[ExceptionKind, tuple[Action, ...]] = {
    K.HOLD: (A.RELEASE, A.REQUEUE, A.CANCEL, A.RESOLVE),
    K.PROBLEM: (A.RELEASE, A.REQUEUE, A.CANCEL, A.RESOLVE),
    K.MIS_SCAN: (A.RESOLVE,),
    K.WEIGHT: (A.ACCEPT_WEIGHT, A.RELEASE_LEASE, A.RESOLVE),
    K.BOX_OVERRIDE: (A.RESOLVE,),
    K.REPRINT: (A.VOID_LABEL, A.RESOLVE),
    # a picker's short pick holds the order when no other bin has the units: released when stock
    # is found, re-queued, or cancelled (a partial shipment is decided at the station already)
    K.SHORT_PICK: (A.RELEASE, A.REQUEUE, A.CANCEL, A.RESOLVE),
    K.PRINT_FAILURE: (A.VOID_LABEL, A.RESOLVE),
    K.REFUSED_BADGE: (A.RESOLVE,),
    K.STALE_LEASE: (A.RELEASE_LEASE, A.RESOLVE),
    # late but still to ship: never held (holding it would make it later); a supervisor takes it
    # from a station that sits on it, or notes it is in hand
    K.SLA_BREACH: (A.RELEASE_LEASE, A.RESOLVE),
}


@dataclass(frozen=True)
class ExceptionItem:
    """One line of the queue; `key` names it for a decision (H-12 a hold, X-7 a station's
    exception, S-345 a scan, E-88 an order event, R-9 a refused badge, L-31-4 a lease, B-31 an
    order past its SLA due time)."""

    key: str
    kind: str
    at: datetime
    summary: str
    order_number: str | None = None
    station: str | None = None
    packer: str | None = None
    parcel_seq: int | None = None
    # a decided exception: what, why, by whom, when
    action: str | None = None
    reason: str | None = None
    note: str | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.resolved_at is None

    @property
    def actions(self) -> tuple[str, ...]:
        """The decisions that fit (none once decided)."""
        return tuple(a.value for a in ACTIONS[ExceptionKind(self.kind)]) if self.open else ()


@dataclass(frozen=True)
class ExceptionFilter:
    """Which exceptions to list: by kind, station, packer and age (newer than `since`,
    older than `before`); open ones only unless `open_only` is False."""

    kinds: frozenset[str] | None = None
    station: str | None = None
    packer: str | None = None
    since: datetime | None = None
    before: datetime | None = None
    open_only: bool = True
    limit: int = 500


class Reviews(Protocol):
    """The exception queue as a decision sees it (the unit of work's `reviews`)."""

    def find_open(self, key: str, now: datetime) -> ExceptionItem | None:
        """The open exception with this key, or None."""
    def decision_of(self, key: str) -> tuple[str, str] | None:
        """(action, by) of a decided exception, or None."""
    def add(self, item: ExceptionItem, order_id: int | None, action: str, reason: str, note: str | None,
            by: str, at: datetime) -> None:
        """Records the decision (an exception is decided once: the key is unique)."""
