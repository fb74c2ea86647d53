"""app's own doctor checks: the database, disk space, the display and the clock."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.config import StationConfig
from app.doctor import Finding, ok, problem
from app.logging_setup import log_dir
from app.messages import _
from app.paths import data_dir
from app.store.migrate import alembic_config
from app.store.session import Database

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5  # a firewall that drops packets must not hang the doctor
MIN_FREE_BYTES = 500 * 1024 * 1024  # a day of scans, labels and logs with room to spare
# A dead CMOS battery starts the clock in 1970 or 2000: labels, SLA figures and the log lie.
NOT_BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def app_checks(config: StationConfig) -> list[Finding]:
    """Every check of app/ (the layers above add theirs: app.doctor.registered_checks)."""
    return [*check_database(config), *check_disk_space(config), *check_display(), *check_clock()]


def _where(config: StationConfig) -> str:
    return f"[database] url in {config.config_path}" if config.config_path else "--database or $PACKDESK_DATABASE_URL"


def check_database(config: StationConfig) -> list[Finding]:
    """Reachable, migrated to this Packdesk's newest schema, and which server version."""
    url = config.database_url
    engine_options = {} if url.startswith("sqlite") else {"connect_args": {"connect_timeout": CONNECT_TIMEOUT_S}}
    with Database(url, **engine_options) as db:
        where = db.safe_url
        if db.is_sqlite:
            path = db.engine.url.database or ""
            if path not in ("", ":memory:") and not Path(path).exists():
                return [problem("database", f"there is no database file {path}",
                                f"Create it with `packdesk db upgrade` (as the station's user), or correct "
                                f"{_where(config)}.")]
        try:
            with db.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                server = f"{conn.dialect.name} {'.'.join(str(n) for n in conn.dialect.server_version_info or ())}"
        except Exception as exc:  # noqa: BLE001 - any failure to connect is the finding
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            host = f"{db.engine.url.host}:{db.engine.url.port or 5432}"
            fix = (f"Check that PostgreSQL is running and listening at {host} (`pg_isready -h "
                   f"{db.engine.url.host} -p {db.engine.url.port or 5432}`), that the network reaches it, "
                   f"and that {_where(config)} names it." if not db.is_sqlite
                   else f"Check that the file is readable and writable by the station's user, or correct {_where(config)}.")
            return [problem("database", f"cannot connect to {where}: {reason}", fix)]
    scripts = ScriptDirectory.from_config(alembic_config(url))
    head = scripts.get_current_head()
    if current is None:
        return [problem("database", f"{where} ({server}) was never upgraded: it has no Packdesk schema",
                        "Run `packdesk db upgrade` once (with the same --config or --database).")]
    if current == head:
        return [ok("database", f"{where} ({server}) is reachable, schema revision {current} (the newest)")]
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current in known:
        return [problem("database", f"{where} ({server}) is at schema revision {current}; this Packdesk needs {head}",
                        "Run `packdesk db upgrade` (every station sharing the database must run this version).")]
    return [problem("database", f"{where} ({server}) is at schema revision {current}, newer than this Packdesk "
                    f"knows (newest {head})",
                    "Install the Packdesk version the other stations run on this station.")]


def storage_places(config: StationConfig) -> list[tuple[str, Path]]:
    """The folders the station writes to: its data, the built-in database, documents, logs."""
    places = [("data directory", data_dir()), ("documents", config.output_dir), ("logs", log_dir())]
    if config.database_url.startswith("sqlite:///"):
        places.insert(1, ("database", Path(config.database_url.removeprefix("sqlite:///")).parent))
    return places


def check_disk_space(config: StationConfig, min_free: int = MIN_FREE_BYTES) -> list[Finding]:
    """Each folder the station writes to: writable, with at least `min_free` bytes free."""
    findings = []
    for name, path in storage_places(config):
        existing = path
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent  # a folder made on first use: judge the disk it will be on
        check = f"disk: {name}"
        if not os.access(existing, os.W_OK):
            findings.append(problem(check, f"{existing} is not writable by this user",
                                    f"Give the station's user write access: chown -R USER {existing}"))
            continue
        free = shutil.disk_usage(existing).free
        text = f"{path}: {free / 1e9:.1f} GB free"
        if free < min_free:
            findings.append(problem(check, f"{text}, less than {min_free / 1e9:.1f} GB",
                                    f"Free space on the disk holding {existing}: delete old files under "
                                    f"{existing}, or give the station a bigger disk."))
        else:
            findings.append(ok(check, text))
    return findings


def check_display(env: dict[str, str] | None = None) -> list[Finding]:
    """A display Qt can open: offscreen, a Wayland socket (cage) or an X server."""
    env = dict(os.environ if env is None else env)
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return [ok("display", f"QT_QPA_PLATFORM={platform}: no display needed")]
    wayland = env.get("WAYLAND_DISPLAY", "")
    if wayland and not platform.startswith("xcb"):
        socket = Path(wayland if wayland.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent"), wayland))
        if socket.exists():
            return [ok("display", f"Wayland display {socket}")]
        return [problem("display", f"WAYLAND_DISPLAY={wayland} but there is no socket {socket}",
                        "Start the station through its kiosk unit (`systemctl start packdesk-kiosk`), which "
                        "starts cage and the station together.")]
    display = env.get("DISPLAY", "")
    if not display:
        return [problem("display", "no display: neither DISPLAY nor WAYLAND_DISPLAY is set",
                        "Run the station from its kiosk unit (`systemctl start packdesk-kiosk`) or from a desktop "
                        "session; over SSH, check the station with QT_QPA_PLATFORM=offscreen packdesk doctor.")]
    number = display.partition(":")[2].partition(".")[0]
    if display.startswith(":") and number.isdigit():
        socket = Path(f"/tmp/.X11-unix/X{number}")
        if not socket.exists():
            return [problem("display", f"DISPLAY={display} but no X server is listening ({socket} is missing)",
                            "Start the X server (or the kiosk unit), or set DISPLAY to the one that runs.")]
    return [ok("display", f"X display {display}")]


def ntp_synchronised() -> bool | None:
    """What timedatectl says about time synchronisation; None when it cannot tell (no systemd)."""
    try:
        answer = subprocess.run(["timedatectl", "show", "--property=NTPSynchronized", "--value"],
                                capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if answer.returncode != 0:
        return None
    return answer.stdout.strip() == "yes"


def check_clock(now: datetime | None = None, synchronised: bool | None | str = "ask") -> list[Finding]:
    """The clock is plausible (not reset to 1970 or 2000) and kept right by NTP."""
    now = now or datetime.now(timezone.utc)
    if synchronised == "ask":
        synchronised = ntp_synchronised()
    shown = now.strftime("%Y-%m-%d %H:%M %Z")
    if now < NOT_BEFORE:
        return [problem("clock", f"the clock says {shown}, before this Packdesk was made",
                        "Set the time (`timedatectl set-time` or `date -s`) and switch on time "
                        "synchronisation: `timedatectl set-ntp true`. Replace the CMOS battery if it recurs.")]
    if synchronised is False:
        return [problem("clock", f"the clock says {shown} but is not synchronised (NTP)",
                        "Switch on time synchronisation: `timedatectl set-ntp true` (systemd-timesyncd), "
                        "and let the station reach the warehouse's time server.")]
    how = "synchronised (NTP)" if synchronised else "synchronisation unknown (timedatectl cannot tell here)"
    return [ok("clock", f"{shown}, {how}")]


def summary_lines(findings: Iterable[Finding]) -> list[str]:
    """The findings as text lines for a terminal: ok/PROBLEM, what was found, the fix."""
    lines = []
    well, wrong, fix = _("ok"), _("PROBLEM"), _("fix:")
    for f in findings:
        lines.append(f"{well if f.ok else wrong:7} {f.check}: {f.found}")
        if f.fix:
            lines.append(f"        {fix} {f.fix}")
    return lines
