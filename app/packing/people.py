"""People at the station: badge login and logout, the home screen's figures, and who may
authorise what a packer cannot (closing the kiosk, a partial shipment).

A supervisor or admin authorises by badge scan or by PIN (checked against its argon2 hash).
Every authorisation, and every refused attempt, goes to the station's append-only audit log
(a kiosk exit has no order, so the order's own log cannot hold it). Neither the PIN nor a
refused badge's value is ever stored."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.packing.api import ERROR_OUTCOMES, HomeSummary, Packer, ScanOutcome
from app.packing.current import forget
from app.packing.desk import Desk
from app.packing.errors import BadgeNotRecognised, SupervisorRequired
from app.pins import pin_matches
from app.translator import phrase
from app.unit_of_work import ScanEntry, UnitOfWork, UserRecord

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


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)  # the audit logs keep wall-clock time


# --- login and home ----------------------------------------------------------------------------


def login(uow: UnitOfWork, desk: Desk, badge: str) -> Packer:
    """The active user with this badge, or BadgeNotRecognised (both recorded)."""
    code = badge.strip()
    with uow:
        user = uow.users.by_badge(code)
        # like a supervisor's refused badge, a refused badge's value is not kept (it may be somebody's)
        uow.station_log.add(desk.station, "BadgeRefused" if user is None else "LoggedIn", "login",
                            None if user is None else user.username, "badge", None, None, _utcnow())
        uow.commit()
    if user is None:
        raise BadgeNotRecognised(phrase("Badge %(badge)r belongs to no active user; scan your own badge or ask a "
                                        "supervisor to register it.", badge=code))
    log.info("%s logged in at %s", user.username, desk.station)
    return Packer(user.id, user.username, user.display_name, user.role, user.language)


def logout(uow: UnitOfWork, desk: Desk, user: Packer, reason: str = "logged out") -> None:
    """Records the logout (an open pack stays claimed by this station for resume)."""
    held = next(iter(desk.packs), None)
    forget(desk)
    detail = {"reason": reason, **({"order": held} if held else {})}
    with uow:
        uow.station_log.add(desk.station, "LoggedOut", "logout", user.username, None, None, detail, _utcnow())
        uow.commit()
    log.info("%s logged out at %s (%s)", user.username, desk.station, reason)


def home_summary(uow: UnitOfWork, desk: Desk, user: Packer) -> HomeSummary:
    """Queue size and the packer's figures today."""
    now = desk.clock.now()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with uow:
        queue = uow.orders.queue_size(now)
        tally = uow.scans.tally(user.username, start, ScanOutcome.ACCEPTED.value, ScanOutcome.UNDONE.value,
                                frozenset(o.value for o in ERROR_OUTCOMES))
        packed = uow.events.count(user.username, start, "StatusChanged", "packed")
        held = uow.orders.held_by(desk.station, desk.offline_buffer)
    total = tally.accepted + tally.mis_scans
    return HomeSummary(desk.station, queue, packed, tally.units, total, tally.mis_scans,
                       round(100.0 * tally.accepted / total, 1) if total else None, held)


def record_prompt_scan(uow: UnitOfWork, station: str, username: str | None, order_number: str | None,
                       data: str, symbology: str | None, outcome: str, message: str) -> int:
    """Commit a scan that arrived while a question was open (answered or refused); its id."""
    with uow:
        order = uow.orders.get(order_number) if order_number else None
        scan_id = uow.scans.add(ScanEntry(_utcnow(), station, username, order.id if order else None, data[:400],
                                          outcome, symbology, None, 0, message[:400]))
        uow.commit()
    log.info("scan %r during a question at %s: %s", data, station, outcome)
    return scan_id


# --- supervisors --------------------------------------------------------------------------------


def authorise_supervisor(uow: UnitOfWork, badge_or_pin: str, station: str, action: str = KIOSK_EXIT,
                         order: str | None = None) -> Supervisor:
    """The active supervisor with this badge or PIN, recorded in the station's audit log;
    SupervisorNotRecognised (also recorded) when there is none."""
    try:
        with uow:
            who = authorise_in(uow, badge_or_pin, station, action, order)
            uow.commit()
            return who
    except SupervisorNotRecognised as refused:
        record_refusal(uow, station, action, refused, order)
        raise


def check_supervisor(uow: UnitOfWork, badge_or_pin: str, station: str, action: str,
                     order: str | None = None) -> Supervisor:
    """Whether this badge or PIN is an active supervisor's, before the station asks why: a
    refusal is recorded (it counts against the PIN guesses) and raises; an approval is not
    recorded here but with the override it approves (authorise_in, in the override's unit of work)."""
    try:
        with uow:  # never committed: authorise_in's records are rolled back
            return authorise_in(uow, badge_or_pin, station, action, order)
    except SupervisorNotRecognised as refused:
        record_refusal(uow, station, action, refused, order)
        raise


def record_refusal(uow: UnitOfWork, station: str, action: str, refused: SupervisorNotRecognised,
                   order: str | None = None) -> None:
    """Write a refused authorisation in its own unit of work (the caller's was rolled back)."""
    with uow:
        uow.station_log.add(station, "SupervisorRefused", action, None, None, _order_id(uow, order),
                            {"presented": refused.presented}, _utcnow())
        uow.commit()


def authorise_in(uow: UnitOfWork, badge_or_pin: str, station: str, action: str,
                 order: str | None = None, reason: str | None = None) -> Supervisor:
    """authorise_supervisor inside the caller's unit of work (the override and its audit row
    commit together); a refusal raises without recording."""
    value = badge_or_pin.strip()
    users = uow.users.active()
    owner = next((u for u in users if u.badge_code == value), None) if value else None
    if owner is not None and owner.role in SUPERVISOR_ROLES:
        who = _supervisor(owner, "badge")
    elif owner is not None:
        raise _refused(phrase("%(name)s (%(role)s) cannot authorise a %(action)s: a supervisor must scan their own "
                              "badge or type their PIN.", name=owner.display_name, role=owner.role, action=action),
                       f"badge of {owner.username} ({owner.role})", action)
    else:
        _refuse_pins_after_too_many_guesses(uow, station, action)
        match = next((u for u in users if u.role in SUPERVISOR_ROLES and value and pin_matches(u.pin_hash, value)),
                     None)
        if match is None:
            raise _refused(phrase("That is not a supervisor's badge or PIN: no %(action)s. A supervisor scans their "
                                  "badge or types their PIN.", action=action), UNKNOWN, action)
        who = _supervisor(match, "pin")
    uow.station_log.add(station, "SupervisorAuthorised", action, who.username, who.method, _order_id(uow, order),
                        {"reason": reason} if reason else None, _utcnow())
    # an override is a person's decision: into the chained audit log with the station's record
    audited = {"action": action, "method": who.method, "order": order}
    if reason:
        audited["reason"] = reason
    uow.audit.append(who.username, "SupervisorAuthorised", f"station {station}", audited, chain=station)
    log.warning("%s at station %s authorised by %s (%s)", action, station, who.username, who.method)
    return who


def _refuse_pins_after_too_many_guesses(uow: UnitOfWork, station: str, action: str) -> None:
    wrong, last = uow.station_log.refusals(station, _utcnow() - WRONG_PIN_WINDOW, UNKNOWN)
    if wrong >= MAX_WRONG_PINS and last is not None:
        until = (last + WRONG_PIN_WINDOW).astimezone().strftime("%H:%M")
        raise _refused(phrase("%(wrong)s wrong PINs at station %(station)s: PINs are locked here until %(until)s. A "
                              "supervisor can still scan their badge.", wrong=wrong, station=station, until=until),
                       UNKNOWN, action)


def _refused(message: str, presented: str, action: str) -> SupervisorNotRecognised:
    log.info("%s refused: %s", action, presented)
    return SupervisorNotRecognised(message, presented)


def _supervisor(user: UserRecord, method: str) -> Supervisor:
    return Supervisor(user.id, user.username, user.display_name, user.role, method)


def _order_id(uow: UnitOfWork, number: str | None) -> int | None:
    order = uow.orders.get(number) if number else None
    return order.id if order else None
