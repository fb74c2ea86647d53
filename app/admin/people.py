"""Users and their badges: add, change (name, role, language, PIN, badge), deactivate. A user
is never deleted (orders, scans and the audit log name them); a deactivated user cannot log
in and keeps their badge code, so the code is not handed to someone else by mistake.
Supervisors and admins need a PIN (they approve overrides). PINs are kept only as argon2
hashes (app.pins) and never written to the audit log."""
from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from app.admin.errors import AdminError, FieldProblem, NotFound
from app.languages import LANGUAGES, language_problem
from app.pins import hash_pin
from app.station.roles import ROLES
from app.translator import phrase
from app.unit_of_work import UnitOfWork, UserRecord

log = logging.getLogger(__name__)

NEEDS_PIN = frozenset({"supervisor", "admin"})
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
BADGE = re.compile(r"^[\x21-\x7e]{3,64}$")  # printable ASCII without spaces: Code 128 prints it
PIN = re.compile(r"^[0-9]{4,8}$")
UNSET = object()  # "leave as it is" for change_user
BADGE_FIELD, PIN_FIELD = phrase("badge code"), phrase("PIN")
ROLE_WORDS = {"supervisor": phrase("supervisor"), "admin": phrase("admin")}  # the roles that need a PIN
USERS_LISTED = phrase("`packdesk users list` shows them.")


@dataclass(frozen=True)
class UserForm:
    """What an administrator types to add a user."""

    username: str
    display_name: str
    role: str
    badge_code: str
    pin: str | None = None
    language: str | None = None


def clean_username(text: str) -> str:
    name = (text or "").strip().lower()
    if not USERNAME.match(name):
        raise FieldProblem(phrase("username"), phrase(
            "%(text)s is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with "
            "a letter or digit (e.g. 'ana' or 'ben.m').", text=repr(text)))
    return name


def clean_display_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name or len(name) > 100:
        raise FieldProblem(phrase("display name"), phrase(
            "type the name printed on the badge and shown at the station (1 to 100 characters)."))
    return name


def clean_role(text: str) -> str:
    role = (text or "").strip().lower()
    if role not in ROLES:
        raise FieldProblem(phrase("role"), phrase("%(text)s is not a role; use one of: %(roles)s.",
                                                  text=repr(text), roles=", ".join(ROLES)))
    return role


def clean_badge(text: str) -> str:
    badge = (text or "").strip()
    if not BADGE.match(badge):
        raise FieldProblem(BADGE_FIELD, phrase(
            "%(text)s cannot be a badge: use 3 to 64 printable characters without spaces (what the badge's "
            "barcode reads, e.g. 'PDU-1007').", text=repr(text)))
    return badge


def clean_pin(text: str | None) -> str | None:
    pin = (text or "").strip()
    if not pin:
        return None
    if not PIN.match(pin):
        raise FieldProblem(PIN_FIELD, phrase("a PIN is 4 to 8 digits."))
    return pin


def clean_language(text: str | None) -> str | None:
    code = (text or "").strip().lower() or None
    if language_problem(code):
        raise FieldProblem(phrase("language"), phrase(
            "the language %(code)s is not one Packdesk speaks; use one of: %(languages)s (or leave it empty for "
            "the station's language).", code=repr(code), languages=", ".join(LANGUAGES)))
    return code


def shown(user: UserRecord) -> dict[str, Any]:
    """A user as the audit log records it (whether a PIN is set, never the PIN or its hash)."""
    out = asdict(user)
    out.pop("id", None)
    out["has_pin"] = bool(out.pop("pin_hash"))
    return out


def _badge_is_free(uow: UnitOfWork, badge: str, username: str) -> None:
    owner = uow.admin.user_of_badge(badge)
    if owner is not None and owner.username != username:
        taken = phrase("%(badge)s already belongs to %(owner)s; choose another code.",
                       badge=badge, owner=owner.username) if owner.active else \
            phrase("%(badge)s already belongs to %(owner)s (deactivated: badge codes are never reused); choose "
                   "another code.", badge=badge, owner=owner.username)
        raise FieldProblem(BADGE_FIELD, taken)


def add_user(uow: UnitOfWork, form: UserForm, by: str) -> UserRecord:
    """Adds an active user; AdminError (nothing written) when a field is wrong or taken."""
    username, name = clean_username(form.username), clean_display_name(form.display_name)
    role, badge = clean_role(form.role), clean_badge(form.badge_code)
    pin, language = clean_pin(form.pin), clean_language(form.language)
    if role in NEEDS_PIN and pin is None:
        raise FieldProblem(PIN_FIELD, phrase("a %(role)s approves overrides and needs a PIN of 4 to 8 digits.",
                                             role=ROLE_WORDS.get(role, role)))
    with uow:
        if uow.admin.user(username) is not None:
            raise FieldProblem(phrase("username"), phrase(
                "%(username)s exists already; change that user instead (user names are never reused).",
                username=username))
        _badge_is_free(uow, badge, username)
        user = UserRecord(0, username, name, role, badge, hash_pin(pin) if pin else None, True, language)
        user = replace(user, id=uow.admin.add_user(user))
        uow.audit.append(by, "UserAdded", f"user {username}", {"before": None, "after": shown(user)})
        uow.commit()
    log.info("user %s added by %s (%s)", username, by, role)
    return user


def change_user(uow: UnitOfWork, username: str, by: str, *, display_name: Any = UNSET, role: Any = UNSET,
                badge_code: Any = UNSET, pin: Any = UNSET, language: Any = UNSET) -> UserRecord:
    """Changes what is given of a user (language None: the station's); audited with the values
    before and after. A changed PIN is recorded as changed, never as a value."""
    changes: dict[str, Any] = {}
    if display_name is not UNSET:
        changes["display_name"] = clean_display_name(display_name)
    if role is not UNSET:
        changes["role"] = clean_role(role)
    if badge_code is not UNSET:
        changes["badge_code"] = clean_badge(badge_code)
    if language is not UNSET:
        changes["language"] = clean_language(language)
    new_pin = clean_pin(pin) if pin is not UNSET else None
    if pin is not UNSET and new_pin is None:
        raise FieldProblem(PIN_FIELD, phrase("type a new PIN of 4 to 8 digits."))
    with uow:
        before = _user(uow, username)
        if "badge_code" in changes:
            _badge_is_free(uow, changes["badge_code"], before.username)
        after = replace(before, **changes)
        if new_pin is not None:
            after = replace(after, pin_hash=hash_pin(new_pin))
        if after.role in NEEDS_PIN and not after.pin_hash:
            raise FieldProblem(PIN_FIELD, phrase("a %(role)s approves overrides: set a PIN of 4 to 8 digits as well.",
                                                 role=ROLE_WORDS.get(after.role, after.role)))
        if after == before:
            raise AdminError(phrase("Nothing to change for %(username)s: the values are the ones it has.",
                                    username=before.username))
        uow.admin.save_user(after)
        old, new = shown(before), shown(after)
        changed = {k for k in new if new[k] != old[k]} | ({"pin"} if new_pin is not None else set())
        uow.audit.append(by, "UserChanged", f"user {before.username}", {
            "changed": sorted(changed), "before": {k: old[k] for k in changed if k in old},
            "after": {k: new[k] for k in changed if k in new}})
        uow.commit()
    log.info("user %s changed by %s: %s", username, by, sorted(changed))
    return after


def set_active(uow: UnitOfWork, username: str, active: bool, by: str) -> UserRecord:
    """Deactivates (or activates again) a user; never deletes. An admin cannot deactivate
    themselves (someone must be left to undo it)."""
    with uow:
        before = _user(uow, username)
        if before.active == active:
            raise AdminError(phrase("%(username)s is active already.", username=before.username) if active else
                             phrase("%(username)s is deactivated already.", username=before.username))
        if not active and before.username == by:
            raise AdminError(phrase("You cannot deactivate yourself; ask another admin."))
        after = replace(before, active=active)
        uow.admin.save_user(after)
        uow.audit.append(by, "UserActivated" if active else "UserDeactivated", f"user {before.username}",
                         {"before": {"active": before.active}, "after": {"active": active}})
        uow.commit()
    log.info("user %s %s by %s", username, "activated" if active else "deactivated", by)
    return after


def find_user(uow: UnitOfWork, text: str) -> UserRecord:
    """The user of a user name or a scanned badge code (active or not)."""
    with uow:
        found = uow.admin.user(text.strip().lower()) or uow.admin.user_of_badge(text.strip())
    if found is None:
        raise NotFound(phrase("user or badge"), text.strip(), USERS_LISTED)
    return found


def list_users(uow: UnitOfWork, include_inactive: bool = True) -> list[UserRecord]:
    """Every user by user name."""
    with uow:
        return uow.admin.users(include_inactive)


def _user(uow: UnitOfWork, username: str) -> UserRecord:
    user = uow.admin.user((username or "").strip().lower())
    if user is None:
        raise NotFound(phrase("user"), username, USERS_LISTED)
    return user
