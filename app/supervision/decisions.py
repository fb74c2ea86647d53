"""A supervisor's decision on an exception of the queue: release a hold, re-queue, cancel,
take an order away from a station, accept a weight, void a label, or mark it resolved. Each
carries a reason code (SupervisionSettings.reason_codes) and an optional note, is written
once per exception (exception_reviews) and goes into the audit log with the order's event,
all in one unit of work."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from app.identifiers import sscc
from app.orders import claims, holds, lifecycle
from app.orders.errors import OrderNotFound
from app.orders.settings import OrderSettings
from app.supervision.errors import ActionNotAllowed, AlreadyDecided, ExceptionNotFound, SupervisionError, UnknownReason
from app.supervision.model import Action, ExceptionItem
from app.supervision.settings import SupervisionSettings
from app.translator import phrase
from app.unit_of_work import LabelRecord, OrderRecord, UnitOfWork

log = logging.getLogger(__name__)
SSCC_COUNTER = "sscc_serial"  # the counter app.packing.labels numbers parcels from


@dataclass(frozen=True)
class Policies:
    """What a decision reads from the configuration."""

    supervision: SupervisionSettings = SupervisionSettings()
    orders: OrderSettings = OrderSettings()
    gs1_company_prefix: str = "4012345"  # [packing], for a voided label's new SSCC
    sscc_extension_digit: int = 0


@dataclass(frozen=True)
class Decided:
    """What a decision did."""

    key: str
    action: str
    reason: str
    by: str
    message: str
    audit_seq: int


def parse_action(text: str) -> Action:
    """The action named by `text` (release-lease and release_lease alike)."""
    try:
        return Action(text.strip().lower().replace("-", "_"))
    except ValueError:
        raise SupervisionError(phrase("'%(text)s' is not an action; use one of: %(actions)s",
                                      text=text, actions=", ".join(a.value for a in Action))) from None


def decide(uow: UnitOfWork, key: str, action: str, reason: str, by: str, policies: Policies,
           note: str | None = None, now: datetime | None = None) -> Decided:
    """Carries out `action` on the open exception `key` and records it; SupervisionError
    (nothing written) when the exception, the action or the reason does not fit."""
    chosen = parse_action(action)
    code = (reason or "").strip().lower()
    if not code:
        raise SupervisionError(phrase("A decision needs a reason code: choose one of %(codes)s.",
                                      codes=", ".join(policies.supervision.reason_codes)))
    if code not in policies.supervision.reason_codes:
        raise UnknownReason(reason, policies.supervision.reason_codes)
    if not by.strip():
        raise SupervisionError(phrase("A decision needs the supervisor's name."))
    note = (note or "").strip() or None
    now = now or datetime.now(timezone.utc)
    wanted = key.strip().upper()
    with uow:
        item = uow.reviews.find_open(wanted, now)
        if item is None:
            done = uow.reviews.decision_of(wanted)
            if done is not None:
                raise AlreadyDecided(wanted, *done)
            raise ExceptionNotFound(key)
        if chosen.value not in item.actions:
            raise ActionNotAllowed(item.key, item.kind, chosen.value, item.actions)
        order = _order(uow, item)
        why = code + (f": {note}" if note else "")
        message = _carry_out(uow, item, order, chosen, why, by, policies, now)
        if item.key.startswith("X-"):
            uow.exceptions.resolve(int(item.key[2:]), by, f"{chosen.value} ({why})", now)
        uow.reviews.add(item, order.id if order else None, chosen.value, code, note, by, now)
        if order is not None:
            lifecycle.record_event(uow, order.id, "ExceptionDecided", user=by, exception=item.key,
                                   exception_kind=item.kind, action=chosen.value, reason=code, note=note)
        seq = uow.audit.append(by, "ExceptionDecided", f"exception {item.key}", {
            "kind": item.kind, "order": item.order_number, "station": item.station, "action": chosen.value,
            "reason": code, "note": note, "summary": item.summary}, now)
        uow.commit()
    log.warning("exception %s: %s by %s (%s)", item.key, chosen.value, by, why)
    return Decided(item.key, chosen.value, code, by, message, seq)


def _order(uow: UnitOfWork, item: ExceptionItem) -> OrderRecord | None:
    if item.order_number is None:
        return None
    order = uow.orders.get(item.order_number)
    if order is None:
        raise OrderNotFound(item.order_number)
    return order


def _needs(order: OrderRecord | None, item: ExceptionItem, action: Action) -> OrderRecord:
    if order is None:
        raise SupervisionError(phrase("Exception %(key)s names no order: '%(action)s' needs one.",
                                      key=item.key, action=action.value))
    return order


def _carry_out(uow: UnitOfWork, item: ExceptionItem, order: OrderRecord | None, action: Action, why: str,
               by: str, policies: Policies, now: datetime) -> str:
    if action is Action.RESOLVE:
        return phrase("Exception %(key)s marked resolved.", key=item.key)
    o = _needs(order, item, action)
    if action is Action.RELEASE:
        status = holds.release_in(uow, o, why, policies.orders, user=by)
        return phrase("Order %(number)s released; it is %(status)s now.", number=o.number, status=status)
    if action is Action.CANCEL:
        holds.cancel_in(uow, o, why, user=by)
        return phrase("Order %(number)s is cancelled.", number=o.number)
    if action in (Action.REQUEUE, Action.RELEASE_LEASE):
        if o.status == "on_hold" and action is Action.REQUEUE:
            status = holds.release_in(uow, o, why, policies.orders, user=by)
            return phrase("Order %(number)s is back in the queue (%(status)s).", number=o.number, status=status)
        if o.status != "packing" or not o.claimed_by_station:
            raise SupervisionError(phrase("Order %(number)s is %(status)s, held by no station: nothing to release.",
                                          number=o.number, status=o.status))
        claims.release_in(uow, o.number, o.claimed_by_station, user=by, reason=f"released by supervisor: {why}")
        lifecycle.record_event(uow, o.id, "LeaseReleased", user=by, station=o.claimed_by_station, reason=why)
        return phrase("Order %(number)s taken from station %(station)s: it is back in the queue with everything "
                      "packed so far.", number=o.number, station=o.claimed_by_station)
    if action is Action.ACCEPT_WEIGHT:
        weighed = uow.events.last_detail(o.id, "WeightOutOfTolerance") or {}
        lifecycle.record_event(uow, o.id, "WeightAccepted", user=by, station=item.station, exception=item.key,
                               reason=why, parcel=weighed.get("parcel"), actual_g=weighed.get("actual_g"),
                               expected_g=weighed.get("expected_g"), supervisor=by)
        return phrase("The weight of order %(number)s is accepted: weighed again at the station, parcel %(parcel)s "
                      "closes at %(grams)s g.", number=o.number, parcel=weighed.get("parcel"),
                      grams=weighed.get("actual_g"))
    if action is Action.VOID_LABEL:
        return _void_label(uow, item, o, why, by, policies, now)
    raise SupervisionError(phrase("'%(action)s' is not carried out here.", action=action.value))


def _void_label(uow: UnitOfWork, item: ExceptionItem, order: OrderRecord, why: str, by: str,
                policies: Policies, now: datetime) -> str:
    """The parcel's newest label is voided and the parcel numbered again: a new SSCC from the
    shared counter (so the old one is never issued again) and a new label version to print."""
    if order.status in ("shipped", "delivered", "cancelled"):
        raise SupervisionError(phrase("Order %(number)s is %(status)s: its labels can no longer be voided.",
                                      number=order.number, status=order.status))
    parcel = next((p for p in uow.parcels.of_order(order.id) if p.seq == item.parcel_seq), None)
    if parcel is None or parcel.sscc is None:
        raise SupervisionError(phrase("Order %(number)s has no labelled parcel %(parcel)s: nothing to void.",
                                      number=order.number, parcel=item.parcel_seq))
    old = uow.labels.newest(parcel.id)
    if old is None:
        raise SupervisionError(phrase("Parcel %(parcel)s of order %(number)s has no label to void.",
                                      parcel=parcel.seq, number=order.number))
    uow.labels.save(replace(old, status="voided", reason=f"voided by {by}: {why}"))
    new_sscc = sscc(policies.sscc_extension_digit, policies.gs1_company_prefix, uow.counters.next(SSCC_COUNTER))
    uow.parcels.save(replace(parcel, sscc=new_sscc))
    label = LabelRecord(0, parcel.id, old.version + 1, old.format, "pending", reason=f"after void: {why}",
                        created_at=now)
    label_id = uow.labels.add(label)
    lifecycle.record_event(uow, order.id, "LabelVoided", user=by, parcel=parcel.seq, label=old.id,
                           version=old.version, old_sscc=parcel.sscc, new_sscc=new_sscc, new_label=label_id,
                           reason=why)
    return phrase("Label %(old)s of parcel %(parcel)s (%(sscc)s) is void; the parcel's new SSCC is %(new_sscc)s: "
                  "print label version %(version)s (REPRINT at the station).", old=old.version, parcel=parcel.seq,
                  sscc=parcel.sscc, new_sscc=new_sscc, version=label.version)
