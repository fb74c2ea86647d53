"""Who changed the station's configuration, and what: the keys a saved station file changed
(before and after, secrets masked) as one `ConfigurationChanged` record in the audit log of the
central database, in the station's chain. Blocks (it opens the database): run it off the GUI
thread. When the database cannot be reached the file is still written and nothing is recorded;
the caller is told so (docs/supervisors.md "Configuration changes")."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.messages import _
from app.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

ACTION = "ConfigurationChanged"
MASK = "***"
SECRET_WORDS = frozenset({"password", "passwd", "secret", "token", "pin", "apikey"})  # whole words of a key
SECRET_PAIRS = ("api_key", "private_key")
_URL_PASSWORD = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*:)([^@]*)(@)")


def _secret(key: str) -> bool:
    """Whether a key names a secret: one of its words (split at _ and -) is a secret's ("pin",
    not "shipping")."""
    last = key.rsplit(".", 1)[-1].lower()
    return bool(SECRET_WORDS & set(re.split(r"[_-]", last))) or any(pair in last for pair in SECRET_PAIRS)


def masked(key: str, value: Any) -> Any:
    """A value as the audit log may show it: a secret key's value as ***, a URL's password as ***."""
    if value is None:
        return None
    if _secret(key):
        return MASK
    if isinstance(value, str):
        return _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), value)
    if isinstance(value, (list, tuple)):
        return [masked(key, item) for item in value]
    return value


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}."))
        else:
            out[name] = value
    return out


def configuration_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The keys (as "table.key") whose value differs, each {"before": ..., "after": ...} (None:
    the key was not there), secrets masked. A changed secret shows as *** on both sides."""
    old, new = _flat(before or {}), _flat(after or {})
    changes: dict[str, dict[str, Any]] = {}
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key) or (key in old) != (key in new):
            changes[key] = {"before": masked(key, old.get(key)), "after": masked(key, new.get(key))}
    return changes


def record_configuration_change(uow: UnitOfWork, by: str, station: str, path: Path,
                                changes: dict[str, dict[str, Any]]) -> int | None:
    """One audit record of the changed keys in the station's chain; None (nothing written) when
    nothing changed."""
    if not changes:
        return None
    with uow:
        seq = uow.audit.append(by, ACTION, f"station {station} configuration",
                               {"file": str(path), "changes": changes}, chain=station)
        uow.commit()
    log.info("configuration of station %s changed by %s: %s", station, by, ", ".join(changes))
    return seq


@dataclass(frozen=True)
class ConfigurationAudit:
    """Where and as whom a saved station file is recorded: the central database's URL, the
    person (a supervisor's or admin's user name) and the station's code."""

    database_url: str
    by: str
    station: str

    def record(self, path: Path, before: dict[str, Any], after: dict[str, Any]) -> str:
        """Record the change; what happened in words (recorded, nothing changed, or why not).
        Blocks: call it on a worker thread."""
        from app.store.session import Database
        from app.store.uow import SqlUnitOfWork

        changes = configuration_changes(before, after)
        if not changes:
            return _("Nothing changed; nothing recorded in the audit log.")
        try:
            with Database(self.database_url) as db:
                seq = record_configuration_change(SqlUnitOfWork(db), self.by, self.station, path, changes)
        except Exception as exc:  # noqa: BLE001 - whatever the database says, the file stays written
            log.warning("configuration change of station %s not audited (database %s): %s",
                        self.station, _safe(self.database_url), exc)
            return _("The change was saved but not recorded in the audit log: the database %(database)s could "
                     "not be reached (%(error)s).") % {"database": _safe(self.database_url),
                                                      "error": type(exc).__name__}
        return _("Recorded as audit record %(seq)d of station %(station)s: %(keys)s.") % {
            "seq": seq, "station": self.station, "keys": ", ".join(changes)}


def _safe(url: str) -> str:
    return str(masked("url", url))
