"""The set-up wizard's answers: read from an existing station file (a supervisor opening the
wizard again), checked, and written back as the station's TOML file - whole or not at all."""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.config import (
    KNOWN_TABLES, Settings, default_offline_buffer, default_sqlite_url, default_station_code, load_toml, station_config,
)
from app.config_tables import check_known
from app.errors import ConfigError
from app.messages import _
from app.setup.toml_file import dump_toml
from app.translator import phrase

log = logging.getLogger(__name__)

DATABASE_SCHEMES = ("sqlite", "postgresql")
HEADER = ("Packdesk station configuration, written by the set-up wizard on {when}.\n"
          "Every key is described in docs/configuration.md. Open the wizard again with `packdesk setup`.")


@dataclass(frozen=True)
class SetupAnswers:
    """What the installer chose; empty strings mean "not configured" (the built-in database,
    no scanner, no scale, no printer)."""

    database_url: str = ""  # empty: the built-in SQLite database in the user data directory
    station_code: str = ""
    station_name: str = ""
    scanner: str = ""
    scale: str = ""
    scale_protocol: str = "mt-sics"
    label_printer: str = ""
    document_printer: str = ""
    language: str = ""  # [station] language; empty: English (app/languages.py)


def answers_from_file(path: Path) -> tuple[SetupAnswers, dict[str, Any]]:
    """The answers an existing station file holds, and the whole file (its other tables are
    kept when the wizard writes it again). A missing file gives the defaults."""
    if not path.exists():
        return SetupAnswers(station_code=default_station_code()), {}
    raw = load_toml(path)
    database, station, devices = (_table(raw, name, path) for name in ("database", "station", "devices"))
    answers = SetupAnswers(
        database_url=str(database.get("url", "")),
        station_code=str(station.get("code", default_station_code())),
        station_name=str(station.get("name", "")),
        scanner=str(devices.get("scanner", "")),
        scale=str(devices.get("scale", "")),
        scale_protocol=str(devices.get("scale_protocol", "mt-sics")),
        label_printer=str(devices.get("label_printer", "")),
        document_printer=str(devices.get("document_printer", "")),
        language=str(station.get("language", "")),
    )
    return answers, raw


def database_problem(url: str) -> str | None:
    """Why a database URL cannot be right, or None (empty means the built-in database)."""
    url = url.strip()
    if not url:
        return None
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    if "://" not in url or scheme not in DATABASE_SCHEMES:
        return _("The database URL %(url)r is not a PostgreSQL URL; write it as "
                 "postgresql://USER@HOST/DATABASE, or choose the built-in database.") % {"url": url}
    if scheme == "postgresql" and not url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]:
        return _("The database URL %(url)r names no host; write it as postgresql://USER@HOST/DATABASE.") % {"url": url}
    return None


def station_code_problem(code: str) -> str | None:
    """Why a station code cannot be used, or None."""
    code = code.strip()
    if not code:
        return _("The station needs a code (e.g. BENCH-3): scans, labels and events name it.")
    if len(code) > 40:
        return _("The station code %(code)r is %(length)d characters long; use at most 40.") % {
            "code": code, "length": len(code)}
    return None


def station_file(answers: SetupAnswers, keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """The configuration as a dict: the answers in [database], [station] and [devices], every
    other table and key of `keep` (the existing file) as it was."""
    keep = keep or {}
    raw: dict[str, Any] = {}
    database = {k: v for k, v in dict(keep.get("database", {})).items() if k != "url"}
    if answers.database_url.strip():
        database["url"] = answers.database_url.strip()
    if database:
        raw["database"] = database
    station = dict(keep.get("station", {}))
    station["code"] = answers.station_code.strip()
    station.pop("name", None)
    if answers.station_name.strip():
        station["name"] = answers.station_name.strip()
    station.pop("language", None)
    if answers.language:
        station["language"] = answers.language
    buffer = default_offline_buffer(answers.database_url.strip())
    if buffer:  # on PostgreSQL the station packs on through an outage (docs/operations.md)
        station.setdefault("offline_buffer", buffer)
    else:  # the built-in database is the station's own: no outage, no journal
        station.pop("offline_buffer", None)
    raw["station"] = station
    devices = dict(keep.get("devices", {}))
    devices.pop("scale_protocol", None)  # written again right after the scale
    for key in ("scanner", "scale", "label_printer", "document_printer"):
        value = getattr(answers, key).strip()
        if value:
            devices[key] = value
        else:
            devices.pop(key, None)
        if key == "scale" and value:
            devices["scale_protocol"] = answers.scale_protocol
    raw["devices"] = devices
    for name, table in keep.items():
        if name not in ("database", "station", "devices"):
            raw[name] = table
    return raw


def check_answers(answers: SetupAnswers, path: Path, keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """The file's contents once the answers pass every check the station makes at start-up;
    else ConfigError saying what to change."""
    for found in (database_problem(answers.database_url), station_code_problem(answers.station_code)):
        if found:
            raise ConfigError(found)
    raw = station_file(answers, keep)
    check_known(raw, KNOWN_TABLES, path)  # a typo kept from the old file would stop the station
    station_config(Settings(database_url=answers.database_url.strip() or default_sqlite_url(),
                            config_path=path, raw=raw))
    return raw


def write_station_file(path: Path, answers: SetupAnswers, keep: dict[str, Any] | None = None,
                       now: datetime | None = None) -> Path:
    """Check the answers and write the station file atomically (a temporary file renamed over
    it), so a failure leaves the old file or none - never half of one."""
    raw = check_answers(answers, path, keep)
    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    text = dump_toml(raw, HEADER.format(when=when))
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False) as out:
            temporary = Path(out.name)
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(0o644)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise ConfigError(_("Cannot write the station configuration %(path)s: %(reason)s. Make its folder "
                            "writable by this user (e.g. `sudo chown %(user)s %(folder)s`), or start Packdesk "
                            "with PACKDESK_CONFIG naming a file this user may write.") % {
            "path": path, "reason": exc.strerror or exc, "user": _user(), "folder": path.parent}) from None
    log.info("station configuration written to %s (station %s)", path, answers.station_code)
    return path


def _table(raw: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table=name, path=str(path)))
    return value


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return "$USER"
