"""Configuration: where the database is, and the station's settings from its TOML file (the
one station configuration model: StationConfig, with app.packing's PackingSettings inside).
The keyboard-wedge options are checked by the composition root, which knows the devices."""
from __future__ import annotations

import logging
import os
import socket
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.config_tables import ConfigTable, check_known, collect_tables, config_table
from app.errors import ConfigError
from app.languages import DEFAULT_LANGUAGE, LANGUAGES, STATION_LANGUAGE_KEY, language_problem
from app.orders.settings import ORDER_CONFIG_TABLES, OrderSettings
from app.packing.settings import PACKING_CONFIG_TABLES, PackingSettings
from app.paths import config_dir, data_dir
from app.shipping.settings import SHIPPING_CONFIG_TABLES
from app.supervision.settings import SUPERVISION_CONFIG_TABLES
from app.translator import phrase

log = logging.getLogger(__name__)

ENV_DATABASE_URL = "PACKDESK_DATABASE_URL"
ENV_CONFIG = "PACKDESK_CONFIG"


# The tables read in this module. [imports] is read by app/cli/imports.py; it is declared here
# because app.imports (where its default lives) loads the store, which no configuration needs.
CONFIG_TABLES: tuple[ConfigTable, ...] = (
    config_table("database", "url"),
    config_table("station", "code", "name", "fullscreen", "sounds", STATION_LANGUAGE_KEY, "offline_buffer"),
    config_table("devices", "scanner", "scale", "scale_protocol", "label_printer", "document_printer",
                 "label_format", "keyboard_wedge"),
    config_table("demo", "output_dir"),
    config_table("imports", "max_line_quantity"),
)

# Every table and key the configuration file may hold: a new area declares its tables next to
# its settings (a tuple of config_table(...)) and adds that tuple here.
KNOWN_TABLES: dict[str, ConfigTable] = collect_tables(CONFIG_TABLES, PACKING_CONFIG_TABLES, ORDER_CONFIG_TABLES,
                                                      SHIPPING_CONFIG_TABLES, SUPERVISION_CONFIG_TABLES)


def default_config_path() -> Path:
    """$PACKDESK_CONFIG, else station.toml in the user config directory."""
    return Path(os.environ.get(ENV_CONFIG) or config_dir() / "station.toml")


DEFAULT_OFFLINE_BUFFER = 3  # orders leased in advance by a station on PostgreSQL (issue 17)


def default_offline_buffer(database_url: str) -> int:
    """[station] offline_buffer when the file does not set it: a station on the central
    PostgreSQL keeps a journal (3 leased orders); the built-in SQLite database is on the
    station itself, so there is no outage to pack through and no journal."""
    scheme = database_url.split(":", 1)[0].split("+", 1)[0].lower()
    return DEFAULT_OFFLINE_BUFFER if scheme == "postgresql" else 0


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'packdesk.sqlite3'}"


def load_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or ConfigError naming the file and the problem."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(phrase("Configuration file %(path)s does not exist; create it (see docs/configuration.md).",
                                 path=str(path))) from None
    except IsADirectoryError:
        raise ConfigError(phrase("Configuration file %(path)s is a directory; name the TOML file itself "
                                 "(e.g. %(path)s/station.toml).", path=str(path))) from None
    except PermissionError:
        raise ConfigError(phrase("Configuration file %(path)s cannot be read by this user; check its permissions.",
                                 path=str(path))) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(phrase("Configuration file %(path)s is not UTF-8 text (%(why)s at byte %(byte)s); "
                                 "save it as UTF-8.", path=str(path), why=exc.reason, byte=exc.start)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(phrase("Configuration file %(path)s is not valid TOML: %(error)s. Fix the line it names.",
                                 path=str(path), error=str(exc))) from None


@dataclass
class Settings:
    """What every command needs: the database URL and the raw station configuration."""

    database_url: str
    config_path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(phrase("[%(table)s] in %(path)s must be a table.", table=name, path=str(self.config_path)))
        return value


def load_settings(config_path: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Database URL: the argument, else $PACKDESK_DATABASE_URL, else [database] url in the
    configuration file, else the built-in SQLite database in the user data directory."""
    path = Path(config_path) if config_path else default_config_path()
    raw: dict[str, Any] = {}
    if config_path or path.exists():
        raw = load_toml(path)
        check_known(raw, KNOWN_TABLES, path)
    configured = raw.get("database", {}).get("url")
    if configured is not None and not (isinstance(configured, str) and configured.strip()):
        raise ConfigError(phrase("[database] url in %(path)s must be a database URL in quotes "
                                 "(docs/configuration.md), not %(value)s.", path=str(path), value=repr(configured)))
    url = (
        database_url
        or os.environ.get(ENV_DATABASE_URL)
        or configured
        or default_sqlite_url()
    )
    return Settings(database_url=url, config_path=path if raw else None, raw=raw)


def order_settings(settings: Settings) -> OrderSettings:
    """[orders] and [validation] of the configuration (docs/configuration.md)."""
    return OrderSettings.from_raw(settings.raw, settings.config_path or "the built-in defaults")


def default_station_code() -> str:
    """The host name, when the configuration names no station."""
    return socket.gethostname()[:40] or "station"


@dataclass(frozen=True)
class DeviceUrls:
    """Every device by URL (docs/devices.md); empty means not configured."""

    scanner: str = ""
    scale: str = ""
    scale_protocol: str = "mt-sics"
    label_printer: str = ""
    document_printer: str = ""
    label_format: str = ""  # zpl or pdf; empty: [packing] label_format
    # The keyboard-wedge detector (ui/wedge.py) with its options (docs/devices.md); empty: off.
    # A `scanner = "keyboard:?..."` configures the wedge instead of this key.
    keyboard_wedge: str = "keyboard:"

    @property
    def wedge(self) -> str:
        """The keyboard: URL the wedge is built from ("" when the wedge is off)."""
        return self.scanner if is_keyboard_url(self.scanner) else self.keyboard_wedge


def is_keyboard_url(url: str) -> bool:
    """True for the keyboard-wedge scanner URLs (`keyboard:`, `keyboard://`, `wedge:`, with options)."""
    return url.strip().split("?", 1)[0] in ("keyboard:", "keyboard://", "wedge:")


@dataclass(frozen=True)
class StationConfig:
    """What the composition root needs to build one station."""

    database_url: str
    code: str = field(default_factory=lambda: default_station_code())
    name: str = ""
    fullscreen: bool = True
    sounds: bool = True
    devices: DeviceUrls = DeviceUrls()
    packing: PackingSettings = PackingSettings()
    demo: bool = False
    output_dir: Path = field(default_factory=lambda: data_dir() / "printed")
    config_path: Path | None = None
    language: str = DEFAULT_LANGUAGE  # [station] language: the station's default (app/languages.py)
    offline_buffer: int = 0  # [station] offline_buffer: orders leased for an outage; 0: no offline journal
    # (station_config defaults it by the database: default_offline_buffer)
    data_dir: Path = field(default_factory=lambda: data_dir())  # the offline journal's folder


_STATION_KEYS = set(KNOWN_TABLES["station"].keys)
_DEVICE_KEYS = set(DeviceUrls.__dataclass_fields__)
_DEMO_KEYS = set(KNOWN_TABLES["demo"].keys)


def station_config(settings: Settings, demo: bool = False, windowed: bool = False) -> StationConfig:
    """The StationConfig from loaded Settings, or ConfigError naming the bad key and file."""
    where = settings.config_path or phrase("the built-in defaults")
    station = _station_table(settings, "station", _STATION_KEYS)
    devices = _station_table(settings, "devices", _DEVICE_KEYS)
    demo_table = _station_table(settings, "demo", _DEMO_KEYS)
    for key, value in devices.items():
        if not isinstance(value, str):
            raise ConfigError(phrase("[devices] %(key)s in %(where)s must be a string (a device URL), not %(value)s.",
                                     key=key, where=str(where), value=repr(value)))
    wedge = devices.get("keyboard_wedge", "keyboard:")
    if wedge and not is_keyboard_url(wedge):
        raise ConfigError(phrase("[devices] keyboard_wedge in %(where)s is %(value)s; write "
                                 "\"keyboard:?OPTION=VALUE&...\" (docs/devices.md) or \"\" to switch the keyboard "
                                 "wedge off.", where=str(where), value=repr(wedge)))
    fmt = devices.get("label_format", "")
    if fmt not in ("", "zpl", "pdf"):
        raise ConfigError(phrase("[devices] label_format in %(where)s is %(value)s; use \"zpl\" or \"pdf\".",
                                 where=str(where), value=repr(fmt)))
    kwargs: dict[str, Any] = {}
    for key in ("code", "name"):
        if key in station:
            kwargs[key] = str(station[key])
    for key in ("fullscreen", "sounds"):
        if key in station:
            if not isinstance(station[key], bool):
                raise ConfigError(phrase("[station] %(key)s in %(where)s must be true or false.", key=key, where=str(where)))
            kwargs[key] = station[key]
    if STATION_LANGUAGE_KEY in station:
        code = str(station[STATION_LANGUAGE_KEY])
        if language_problem(code):
            raise ConfigError(phrase("[station] language in %(where)s: the language %(code)s is not one Packdesk "
                                     "speaks; use one of: %(languages)s.", where=str(where), code=repr(code),
                                     languages=", ".join(LANGUAGES)))
        kwargs["language"] = str(station[STATION_LANGUAGE_KEY])
    if "offline_buffer" in station:
        buffer = station["offline_buffer"]
        if isinstance(buffer, bool) or not isinstance(buffer, int) or not 0 <= buffer <= 50:
            raise ConfigError(phrase("[station] offline_buffer in %(where)s is %(value)s; write a whole number of "
                                     "orders from 0 (no offline packing) to 50, e.g. offline_buffer = 3.",
                                     where=str(where), value=repr(buffer)))
        kwargs["offline_buffer"] = buffer
    else:
        kwargs["offline_buffer"] = default_offline_buffer(settings.database_url)
    if windowed:
        kwargs["fullscreen"] = False
    if "output_dir" in demo_table:
        kwargs["output_dir"] = Path(str(demo_table["output_dir"])).expanduser()
    code = kwargs.get("code", "")
    if "code" in kwargs and not (0 < len(code) <= 40):
        raise ConfigError(phrase("[station] code in %(where)s must be 1 to 40 characters.", where=str(where)))
    raw = dict(settings.raw)
    if "code" not in station:  # the packing settings name the same station as the screens
        raw["station"] = {**station, "code": default_station_code()}
    packing = PackingSettings.from_raw(raw)
    if fmt:
        packing = replace(packing, label_format=fmt)
    kwargs["code"] = packing.station_code
    return StationConfig(
        database_url=settings.database_url,
        packing=packing,
        devices=DeviceUrls(**devices),
        demo=demo,
        config_path=settings.config_path,
        **kwargs,
    )


def _station_table(settings: Settings, name: str, allowed: set[str]) -> dict[str, Any]:
    table = settings.section(name)
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(phrase(
            "[%(table)s] in %(path)s has unknown key(s) %(unknown)s; allowed: %(allowed)s (see docs/configuration.md).",
            table=name, path=str(settings.config_path), unknown=", ".join(sorted(unknown)),
            allowed=", ".join(sorted(allowed))))
    return table


