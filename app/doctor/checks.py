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
from app.messages import _, say
from app.translator import phrase
from app.paths import data_dir
from app.store.migrate import alembic_config
from app.store.session import Database

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5  # a firewall that drops packets must not hang the doctor
MIN_FREE_BYTES = 500 * 1024 * 1024  # a day of scans, labels and logs with room to spare
# A dead CMOS battery starts the clock in 1970 or 2000: labels, SLA figures and the log lie.
NOT_BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)
# The checks' names as the terminal says them (JSON and the dialog's matching keep the English names).
CHECK_NAMES = {
    "database": phrase("database"), "display": phrase("display"), "clock": phrase("clock"),
    "configuration": phrase("configuration"), "disk: data directory": phrase("disk: data directory"),
    "disk: database": phrase("disk: database"), "disk: documents": phrase("disk: documents"),
    "disk: logs": phrase("disk: logs"), "scanner": phrase("scanner"), "scale": phrase("scale"),
    "label printer": phrase("label printer"), "document printer": phrase("document printer"),
}


def app_checks(config: StationConfig) -> list[Finding]:
    """Every check of app/ (the layers above add theirs: app.doctor.registered_checks)."""
    return [*check_database(config), *check_disk_space(config), *check_display(), *check_clock()]


def _where(config: StationConfig) -> str:
    return (phrase("[database] url in %(file)s", file=str(config.config_path)) if config.config_path
            else "--database or $PACKDESK_DATABASE_URL")


def check_database(config: StationConfig) -> list[Finding]:
    """Reachable, migrated to this Packdesk's newest schema, and which server version."""
    url = config.database_url
    engine_options = {} if url.startswith("sqlite") else {"connect_args": {"connect_timeout": CONNECT_TIMEOUT_S}}
    with Database(url, **engine_options) as db:
        where = db.safe_url
        if db.is_sqlite:
            path = db.engine.url.database or ""
            if path not in ("", ":memory:") and not Path(path).exists():
                return [problem("database", phrase("there is no database file %(path)s", path=path),
                                phrase("Create it with `packdesk db upgrade` (as the station's user), or correct "
                                       "%(where)s.", where=_where(config)))]
        try:
            with db.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                server = f"{conn.dialect.name} {'.'.join(str(n) for n in conn.dialect.server_version_info or ())}"
        except Exception as exc:  # noqa: BLE001 - any failure to connect is the finding
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            host = f"{db.engine.url.host}:{db.engine.url.port or 5432}"
            fix = (phrase("Check that PostgreSQL is running and listening at %(host)s (`pg_isready -h %(name)s -p "
                          "%(port)s`), that the network reaches it, and that %(where)s names it.", host=host,
                          name=db.engine.url.host, port=db.engine.url.port or 5432, where=_where(config))
                   if not db.is_sqlite
                   else phrase("Check that the file is readable and writable by the station's user, or correct "
                               "%(where)s.", where=_where(config)))
            return [problem("database", phrase("cannot connect to %(where)s: %(reason)s", where=where, reason=reason),
                            fix)]
    scripts = ScriptDirectory.from_config(alembic_config(url))
    head = scripts.get_current_head()
    if current is None:
        return [problem("database", phrase("%(where)s (%(server)s) was never upgraded: it has no Packdesk schema",
                                           where=where, server=server),
                        phrase("Run `packdesk db upgrade` once (with the same --config or --database)."))]
    if current == head:
        return [ok("database", phrase("%(where)s (%(server)s) is reachable, schema revision %(revision)s (the newest)",
                                      where=where, server=server, revision=current))]
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current in known:
        return [problem("database", phrase("%(where)s (%(server)s) is at schema revision %(revision)s; this Packdesk "
                                           "needs %(head)s", where=where, server=server, revision=current, head=head),
                        phrase("Run `packdesk db upgrade` (every station sharing the database must run this "
                               "version)."))]
    return [problem("database", phrase("%(where)s (%(server)s) is at schema revision %(revision)s, newer than this "
                                       "Packdesk knows (newest %(head)s)", where=where, server=server,
                                       revision=current, head=head),
                    phrase("Install the Packdesk version the other stations run on this station."))]


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
            findings.append(problem(check, phrase("%(path)s is not writable by this user", path=str(existing)),
                                    phrase("Give the station's user write access: chown -R USER %(path)s",
                                           path=str(existing))))
            continue
        free = shutil.disk_usage(existing).free
        text = phrase("%(path)s: %(free)s GB free", path=str(path), free=round(free / 1e9, 1))
        if free < min_free:
            findings.append(problem(check, phrase("%(found)s, less than %(least)s GB", found=text,
                                                  least=round(min_free / 1e9, 1)),
                                    phrase("Free space on the disk holding %(path)s: delete old files under %(path)s, "
                                           "or give the station a bigger disk.", path=str(existing))))
        else:
            findings.append(ok(check, text))
    return findings


def check_display(env: dict[str, str] | None = None) -> list[Finding]:
    """A display Qt can open: offscreen, a Wayland socket (cage) or an X server."""
    env = dict(os.environ if env is None else env)
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return [ok("display", phrase("QT_QPA_PLATFORM=%(platform)s: no display needed", platform=platform))]
    wayland = env.get("WAYLAND_DISPLAY", "")
    if wayland and not platform.startswith("xcb"):
        socket = Path(wayland if wayland.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent"), wayland))
        if socket.exists():
            return [ok("display", phrase("Wayland display %(socket)s", socket=str(socket)))]
        return [problem("display", phrase("WAYLAND_DISPLAY=%(wayland)s but there is no socket %(socket)s",
                                          wayland=wayland, socket=str(socket)),
                        phrase("Start the station through its kiosk unit (`systemctl start packdesk-kiosk`), which "
                               "starts cage and the station together."))]
    display = env.get("DISPLAY", "")
    if not display:
        return [problem("display", phrase("no display: neither DISPLAY nor WAYLAND_DISPLAY is set"),
                        phrase("Run the station from its kiosk unit (`systemctl start packdesk-kiosk`) or from a "
                               "desktop session; over SSH, check the station with QT_QPA_PLATFORM=offscreen packdesk "
                               "doctor."))]
    number = display.partition(":")[2].partition(".")[0]
    if display.startswith(":") and number.isdigit():
        socket = Path(f"/tmp/.X11-unix/X{number}")
        if not socket.exists():
            return [problem("display", phrase("DISPLAY=%(display)s but no X server is listening (%(socket)s is "
                                              "missing)", display=display, socket=str(socket)),
                            phrase("Start the X server (or the kiosk unit), or set DISPLAY to the one that runs."))]
    return [ok("display", phrase("X display %(display)s", display=display))]


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
        return [problem("clock", phrase("the clock says %(time)s, before this Packdesk was made", time=shown),
                        phrase("Set the time (`timedatectl set-time` or `date -s`) and switch on time "
                               "synchronisation: `timedatectl set-ntp true`. Replace the CMOS battery if it recurs."))]
    if synchronised is False:
        return [problem("clock", phrase("the clock says %(time)s but is not synchronised (NTP)", time=shown),
                        phrase("Switch on time synchronisation: `timedatectl set-ntp true` (systemd-timesyncd), "
                               "and let the station reach the warehouse's time server."))]
    how = (phrase("synchronised (NTP)") if synchronised
           else phrase("synchronisation unknown (timedatectl cannot tell here)"))
    return [ok("clock", phrase("%(time)s, %(how)s", time=shown, how=how))]


def summary_lines(findings: Iterable[Finding]) -> list[str]:
    """The findings as text lines for a terminal: ok/PROBLEM, what was found, the fix."""
    lines = []
    well, wrong, fix = _("ok"), _("PROBLEM"), _("fix:")
    for f in findings:
        lines.append(f"{well if f.ok else wrong:7} {say(CHECK_NAMES.get(f.check, f.check))}: {say(f.found)}")
        if f.fix:
            lines.append(f"        {fix} {say(f.fix)}")
    return lines
