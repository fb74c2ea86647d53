"""Who may authorise what a packer cannot (closing the kiosk, a partial shipment): an active
supervisor or admin, by badge scan or by PIN (checked against its argon2 hash).

Every authorisation, and every refused attempt, is written to `station_events`: the
append-only audit log of a station (a kiosk exit has no order, so the order's own log cannot
hold it). Neither the PIN nor a refused badge's value is ever stored."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import Order, StationEvent, User, utcnow
from app.store.session import Database
from app.packing.errors import SupervisorRequired
from app.pins import pin_matches

log = logging.getLogger(__name__)

SUPERVISOR_ROLES = ("supervisor", "admin")
KIOSK_EXIT = "kiosk exit"
PARTIAL_SHIPMENT = "partial shipment"
UNKNOWN = "unknown badge or PIN"
# A PIN has few digits: after this many wrong guesses at a station within the window, PINs
# are refused there until the window has passed (badges still work).
MAX_WRONG_PINS = 5
WRONG_PIN_WINDOW = timedelta(minutes=5)


class SupervisorNotRecognised(SupervisorRequired):
    """The badge or PIN given for an approval is not an active supervisor's."""

    def __init__(self, message: str, presented: str = "") -> None:
        super().__init__(message)
        self.presented = presented  # what was shown, for the audit log (never a PIN)


@dataclass(frozen=True)
class Supervisor:
    """Who authorised, and how."""

    user_id: int
    username: str
    display_name: str
    role: str
    method: str  # badge or pin


def authorise_supervisor(db: Database, badge_or_pin: str, station: str, action: str = KIOSK_EXIT,
                         order: str | None = None) -> Supervisor:
    """The active supervisor with this badge or PIN, recorded in the station's audit log;
    SupervisorNotRecognised (also recorded) when there is none."""
    try:
        with db.write() as session:
            return authorise_in(session, badge_or_pin, station, action, order)
    except SupervisorNotRecognised as refused:
        record_refusal(db, station, action, refused, order)
        raise


def record_refusal(db: Database, station: str, action: str, refused: SupervisorNotRecognised,
                   order: str | None = None) -> None:
    """Write a refused authorisation in its own transaction (the caller's was rolled back)."""
    with db.write() as session:
        _record(session, station, "SupervisorRefused", action, None, None, _order_id(session, order),
                presented=refused.presented)


def authorise_in(session: Session, badge_or_pin: str, station: str, action: str,
                 order: str | None = None) -> Supervisor:
    """authorise_supervisor inside the caller's transaction (the override and its audit row
    commit together); a refusal raises without recording."""
    value = badge_or_pin.strip()
    users = session.scalars(select(User).where(User.active.is_(True))).all()
    owner = next((u for u in users if u.badge_code == value), None) if value else None
    if owner is not None and owner.role in SUPERVISOR_ROLES:
        who = _supervisor(owner, "badge")
    elif owner is not None:
        raise _refused(f"{owner.display_name} ({owner.role}) cannot authorise a {action}: "
                       "a supervisor must scan their own badge or type their PIN.",
                       f"badge of {owner.username} ({owner.role})", action)
    else:
        _refuse_pins_after_too_many_guesses(session, station, action)
        match = next((u for u in users if u.role in SUPERVISOR_ROLES and value and pin_matches(u.pin_hash, value)),
                     None)
        if match is None:
            raise _refused(f"That is not a supervisor's badge or PIN: no {action}. A supervisor scans "
                           "their badge or types their PIN.", UNKNOWN, action)
        who = _supervisor(match, "pin")
    _record(session, station, "SupervisorAuthorised", action, who.username, who.method, _order_id(session, order))
    log.warning("%s at station %s authorised by %s (%s)", action, station, who.username, who.method)
    return who


def _refuse_pins_after_too_many_guesses(session: Session, station: str, action: str) -> None:
    since = utcnow() - WRONG_PIN_WINDOW
    wrong, last = session.execute(
        select(func.count(StationEvent.id), func.max(StationEvent.at)).where(
            StationEvent.station == station, StationEvent.kind == "SupervisorRefused",
            StationEvent.at >= since, StationEvent.detail.contains(UNKNOWN))
    ).one()
    if wrong >= MAX_WRONG_PINS:
        until = (last + WRONG_PIN_WINDOW).astimezone().strftime("%H:%M")
        raise _refused(f"{wrong} wrong PINs at station {station}: PINs are locked here until {until}. "
                       "A supervisor can still scan their badge.", UNKNOWN, action)


def _refused(message: str, presented: str, action: str) -> SupervisorNotRecognised:
    log.info("%s refused: %s", action, presented)
    return SupervisorNotRecognised(message, presented)


def _supervisor(user: User, method: str) -> Supervisor:
    return Supervisor(user.id, user.username, user.display_name, user.role, method)


def _order_id(session: Session, number: str | None) -> int | None:
    if not number:
        return None
    return session.scalar(select(Order.id).where(Order.number == number))


def _record(session: Session, station: str, kind: str, action: str, username: str | None,
            method: str | None, order_id: int | None, **detail: Any) -> None:
    session.add(StationEvent(at=utcnow(), station=station, kind=kind, action=action, username=username,
                             method=method, order_id=order_id,
                             detail=json.dumps(detail, sort_keys=True) if detail else None))
