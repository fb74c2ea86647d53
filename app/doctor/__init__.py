"""`packdesk doctor`: what stops this station from working, each problem with its fix.

A check is a function of the station's configuration returning Findings. app's own checks
(the database, disk space, the display, the clock) live in app/doctor/checks.py; the layers
above add theirs through the `packdesk.doctor` entry points (the configured devices and
printers from devices/, Qt's platform libraries from ui/), so app/ never imports them."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
from importlib.metadata import entry_points
from typing import Any, Callable, Iterable

from app.config import StationConfig
from app.messages import say
from app.translator import phrase

log = logging.getLogger(__name__)

ENTRY_POINTS = "packdesk.doctor"


@dataclass(frozen=True)
class Finding:
    """One thing the doctor looked at: what it found and, for a problem, what to do."""

    check: str  # what was checked, e.g. "database", "scale", "disk: documents"
    ok: bool
    found: str  # what the doctor saw, naming the address, file or device
    fix: str = ""  # for a problem: what the user can do

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


Check = Callable[[StationConfig], Iterable[Finding]]


def ok(check: str, found: str) -> Finding:
    """A check that passed."""
    return Finding(check, True, found)


def problem(check: str, found: str, fix: str) -> Finding:
    """A check that failed, with its fix."""
    return Finding(check, False, found, fix)


def registered_checks() -> list[Check]:
    """The checks of the layers above app/, from the `packdesk.doctor` entry points."""
    checks: list[Check] = []
    for ep in sorted(entry_points(group=ENTRY_POINTS), key=lambda e: e.name):
        try:
            checks.append(ep.load())
        except Exception as exc:  # noqa: BLE001 - a part that cannot load is itself a finding
            log.warning("doctor checks %s unavailable: %s", ep.name, exc)
            checks.append(_cannot_load(ep.name, ep.value, exc))
    return checks


def _cannot_load(name: str, target: str, exc: Exception) -> Check:
    def cannot_load(config: StationConfig) -> list[Finding]:
        return [problem(phrase("%(name)s checks", name=name),
                        phrase("%(target)s cannot be loaded: %(problem)s", target=target, problem=str(exc)),
                        phrase("Reinstall Packdesk (a part of it is missing or damaged)."))]
    return cannot_load


def examine(config: StationConfig, checks: Iterable[Check]) -> list[Finding]:
    """Run every check in turn; a check that fails unexpectedly is itself a problem."""
    findings: list[Finding] = []
    for check in checks:
        name = getattr(check, "__name__", str(check))
        try:
            findings.extend(check(config))
        except Exception as exc:  # noqa: BLE001 - the doctor reports, it never falls over
            log.exception("doctor check %s failed", name)
            findings.append(problem(name, phrase("the check itself failed: %(problem)s", problem=str(exc)),
                                    phrase("Run `packdesk -v doctor` and send its output and the log file "
                                           "(`packdesk logs --path`) to support.")))
    return [said(f) for f in findings]


def said(finding: Finding) -> Finding:
    """The finding's words in the language chosen (the CLI's, or the station's user's in the dialog)."""
    return replace(finding, found=say(finding.found), fix=say(finding.fix))


def all_well(findings: Iterable[Finding]) -> bool:
    """True when no finding is a problem."""
    return all(f.ok for f in findings)
