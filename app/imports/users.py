"""User import: badge codes, roles, and an optional PIN kept only as an argon2 hash."""
from __future__ import annotations

import logging

from app.imports.common import ImportReport, Progress, Uniques
from app.imports.errors import RowProblem
from app.imports.reading import Record, Row
from app.languages import language_problem
from app.store.import_rows import UserFacts, UserRow
from app.store.imports import ImportWriter
from app.translator import phrase

log = logging.getLogger(__name__)

ROLES = ("packer", "picker", "supervisor", "admin")
NEEDS_PIN = {"supervisor", "admin"}  # they approve overrides: a badge alone is not enough
COLUMNS = {
    "username": "text, required, unique (up to 64)", "display_name": "text, required",
    "role": "one of packer, picker, supervisor, admin; required",
    "badge_code": "text, required, unique: what the badge's barcode reads",
    "pin": "4 to 8 digits; required for supervisors and admins unless already set; stored hashed",
    "active": "true/false, default true",
    "language": "en or de: the language the station shows this user; empty: the station's",
}
REQUIRED = {"username", "display_name", "role", "badge_code"}


def parse(records: list[Record], problems: list[RowProblem]) -> list[UserRow]:
    """Parses and checks every user row on its own and against the other rows of the file."""
    names, badges = Uniques(phrase("username")), Uniques(phrase("badge"))
    parsed = []
    for record in records:
        row = Row(record, problems)
        v = dict(username=row.text("username", required=True, column="users.username"),
                 display_name=row.text("display_name", required=True, column="users.display_name"),
                 role=(row.text("role", required=True) or "").lower() or None,
                 badge_code=row.text("badge_code", required=True, column="users.badge_code"),
                 active=row.boolean("active", default=True))
        language = row.text("language")
        if language is not None:
            v["language"] = language.lower()
            if language_problem(v["language"]):
                row.problem(str(language_problem(v["language"])))
        if v["role"] and v["role"] not in ROLES:
            row.problem(phrase("role %(role)s is not one of %(roles)s", role=repr(v['role']), roles=", ".join(ROLES)))
        pin = row.text("pin")
        if pin is not None and not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
            row.problem(phrase("pin must be 4 to 8 digits"))
        names.check(row, v["username"])
        badges.check(row, v["badge_code"])
        parsed.append(UserRow(row.line, v, pin))
    return parsed


def check_known(parsed: list[UserRow], existing: dict[str, UserFacts], problems: list[RowProblem]) -> None:
    """Against the users already stored: a supervisor or admin needs a PIN (given now or set
    before), and a badge may not belong to another user."""
    badge_owner = {u.badge_code: u.username for u in existing.values()}
    for p in parsed:
        role, username, badge = p.values["role"], p.values["username"], p.values["badge_code"]
        known = existing.get(username or "")
        if role in NEEDS_PIN and p.pin is None and not (known and known.has_pin):
            problems.append(RowProblem(p.line, phrase("a %(role)s needs a pin (4 to 8 digits) to approve overrides", role=role)))
        owner = badge_owner.get(badge or "")
        if owner is not None and owner != username:
            problems.append(RowProblem(p.line, phrase("badge %(badge)s already belongs to user %(owner)s", badge=badge, owner=owner)))


def prepare(writer: ImportWriter, records: list[Record], problems: list[RowProblem]) -> list[UserRow]:
    """Parses the user rows and checks them against the users in the database."""
    parsed = parse(records, problems)
    check_known(parsed, writer.users(), problems)
    return parsed


def write(writer: ImportWriter, parsed: list[UserRow], report: ImportReport,
          progress: Progress | None = None) -> None:
    """Creates or updates users; a PIN is re-hashed only when it changed."""
    writer.write_users(parsed, report.count)
