"""Reason codes (the ones a supervisor's decision carries): the configuration's [supervision]
reason_codes are the defaults; an administrator adds codes and retires codes (defaults too).
Codes are never deleted (decisions refer to them); a retired code may be added again."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from app.admin.errors import AdminError, FieldProblem
from app.supervision.settings import CODE
from app.translator import phrase
from app.unit_of_work import ReasonRow, UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReasonCode:
    """A code as the admin page lists it."""

    code: str
    active: bool
    source: str  # "configuration" or "added"
    changed_by: str | None = None
    changed_at: datetime | None = None


def reason_list(defaults: tuple[str, ...], rows: list[ReasonRow]) -> list[ReasonCode]:
    """The configuration's codes, then the added ones; each with its latest state."""
    changed = {r.code: r for r in rows}
    out = [ReasonCode(c, changed[c].active if c in changed else True, "configuration",
                      changed[c].changed_by if c in changed else None,
                      changed[c].changed_at if c in changed else None) for c in defaults]
    out += [ReasonCode(r.code, r.active, "added", r.changed_by, r.changed_at)
            for r in sorted(rows, key=lambda r: r.code) if r.code not in defaults]
    return out


def active_codes(defaults: tuple[str, ...], rows: list[ReasonRow]) -> tuple[str, ...]:
    """The codes a decision may carry now."""
    return tuple(r.code for r in reason_list(defaults, rows) if r.active)


def list_reasons(uow: UnitOfWork, defaults: tuple[str, ...]) -> list[ReasonCode]:
    with uow:
        return reason_list(defaults, uow.admin.reasons())


def current_codes(uow: UnitOfWork, defaults: tuple[str, ...]) -> tuple[str, ...]:
    with uow:
        return active_codes(defaults, uow.admin.reasons())


def clean_code(text: str) -> str:
    code = (text or "").strip().lower().replace(" ", "_").replace("-", "_")
    if not CODE.match(code):
        raise FieldProblem(phrase("reason code"), phrase(
            "%(text)s: use lower-case letters, digits and '_' (at most 40), starting with a letter, e.g. "
            "'wrong_address'.", text=repr(text)))
    return code


def set_reason(uow: UnitOfWork, text: str, active: bool, defaults: tuple[str, ...], by: str,
               now: datetime | None = None) -> ReasonCode:
    """Adds (active) or retires a reason code; audited."""
    code = clean_code(text)
    now = now or datetime.now(timezone.utc)
    with uow:
        codes = {r.code: r for r in reason_list(defaults, uow.admin.reasons())}
        known = codes.get(code)
        if active and known is not None and known.active:
            raise AdminError(phrase("The reason code %(code)s is in the list already.", code=code))
        if not active and (known is None or not known.active):
            raise AdminError(phrase("There is no active reason code %(code)s to retire; the REASONS page (or "
                                    "`packdesk reasons list`) shows them.", code=repr(code)))
        if not active and sum(1 for r in codes.values() if r.active) == 1:
            raise AdminError(phrase("%(code)s is the last reason code: add another before retiring it (every decision "
                                    "needs one).", code=code))
        uow.admin.set_reason(ReasonRow(code, active, by, now))
        uow.audit.append(by, "ReasonAdded" if active else "ReasonRetired", f"reason {code}",
                         {"before": None if known is None else {"active": known.active},
                          "after": {"active": active}}, now)
        uow.commit()
    log.info("reason code %s %s by %s", code, "added" if active else "retired", by)
    return ReasonCode(code, active, "configuration" if code in defaults else "added", by, now)
