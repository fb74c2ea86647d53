"""`packdesk doctor [--json]`: check everything this station needs; exit 0 only when all is well."""
from __future__ import annotations

import argparse
import json
import logging

from app.cli.db import add_database_options
from app.config import load_settings, station_config
from app.doctor import Finding, all_well, examine, problem, registered_checks
from app.doctor.checks import app_checks, check_clock, check_display, summary_lines
from app.errors import ConfigError
from app.messages import _, ngettext
from app.translator import phrase

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `doctor` command."""
    parser = subparsers.add_parser(
        "doctor", help=_("check the display, Qt, the database, devices, printers, disk and clock"),
        description=_("Check what this station needs: Qt's platform libraries, the display, the database "
        "(reachable, migrated, version), each configured device and printer, disk space and the clock. "
        "Each problem comes with its fix; the exit status is 0 only when all is well."))
    parser.add_argument("--json", action="store_true", help=_("one JSON object instead of text"))
    add_database_options(parser)
    parser.set_defaults(func=run_doctor)


def diagnose(config_path: str | None, database_url: str | None) -> list[Finding]:
    """Every finding for the station the configuration file and/or database URL describe."""
    try:
        config = station_config(load_settings(config_path, database_url))
    except ConfigError as exc:
        # Without a configuration only the machine itself can be examined.
        return [problem("configuration", str(exc), phrase("Correct the station configuration (docs/configuration.md).")),
                *check_display(), *check_clock()]
    return examine(config, [app_checks, *registered_checks()])


def run_doctor(args: argparse.Namespace) -> int:
    """packdesk doctor"""
    findings = diagnose(getattr(args, "config", None), getattr(args, "database", None))
    healthy = all_well(findings)
    if args.json:
        print(json.dumps({"ok": healthy, "findings": [f.as_dict() for f in findings]}, ensure_ascii=False, indent=1))
    else:
        print("\n".join(summary_lines(findings)))
        problems = sum(not f.ok for f in findings)
        print(_("All is well.") if healthy
              else ngettext("%(count)d problem found.", "%(count)d problems found.", problems) % {"count": problems})
    return 0 if healthy else 1
