"""User import: badge codes, roles, and an optional PIN kept only as an argon2 hash."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import User
from app.imports.common import ImportReport, Uniques, assign
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row
from app.pins import hash_pin, pin_matches

log = logging.getLogger(__name__)

ROLES = ("packer", "picker", "supervisor", "admin")
NEEDS_PIN = {"supervisor", "admin"}  # they approve overrides: a badge alone is not enough
COLUMNS = {
    "username": "text, required, unique (up to 64)", "display_name": "text, required",
    "role": "one of packer, picker, supervisor, admin; required",
    "badge_code": "text, required, unique: what the badge's barcode reads",
    "pin": "4 to 8 digits; required for supervisors and admins unless already set; stored hashed",
    "active": "true/false, default true",
}
REQUIRED = {"username", "display_name", "role", "badge_code"}

@dataclass
class UserRow:
    line: int
    values: dict[str, Any]
    pin: str | None


def prepare(session: Session, records: list[Record], problems: list[RowProblem]) -> list[UserRow]:
    """Parses and checks every user row."""
    existing = {u.username: u for u in session.scalars(select(User))}
    badge_owner = {u.badge_code: u.username for u in existing.values()}
    names, badges = Uniques("username"), Uniques("badge")
    parsed = []
    for record in records:
        row = Row(record, problems)
        v = dict(username=row.text("username", required=True, max_len=64),
                 display_name=row.text("display_name", required=True, max_len=100),
                 role=(row.text("role", required=True) or "").lower() or None,
                 badge_code=row.text("badge_code", required=True, max_len=64),
                 active=row.boolean("active", default=True))
        if v["role"] and v["role"] not in ROLES:
            row.problem(f"role {v['role']!r} is not one of {', '.join(ROLES)}")
        pin = row.text("pin")
        if pin is not None and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
            row.problem("pin must be 4 to 8 digits")
        known = existing.get(v["username"] or "")
        if v["role"] in NEEDS_PIN and pin is None and not (known and known.pin_hash):
            row.problem(f"a {v['role']} needs a pin (4 to 8 digits) to approve overrides")
        owner = badge_owner.get(v["badge_code"] or "")
        if owner is not None and owner != v["username"]:
            row.problem(f"badge {v['badge_code']} already belongs to user {owner}")
        names.check(row, v["username"])
        badges.check(row, v["badge_code"])
        parsed.append(UserRow(row.line, v, pin))
    return parsed


def apply(session: Session, parsed: list[UserRow], report: ImportReport) -> None:
    """Creates or updates users; a PIN is re-hashed only when it changed."""
    existing = {u.username: u for u in session.scalars(select(User))}
    for p in parsed:
        user = existing.get(p.values["username"])
        if user is None:
            session.add(User(**p.values, pin_hash=hash_pin(p.pin) if p.pin else None))
            report.count(True, True)
            continue
        changed = assign(user, p.values)
        if p.pin is not None and not pin_matches(user.pin_hash, p.pin):
            user.pin_hash = hash_pin(p.pin)
            changed = True
        report.count(False, changed)
