"""Configuration: where the database is, and the station's settings from its TOML file."""
from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import ConfigError
from app.paths import config_dir, data_dir

log = logging.getLogger(__name__)

ENV_DATABASE_URL = "PACKDESK_DATABASE_URL"
ENV_CONFIG = "PACKDESK_CONFIG"


def default_config_path() -> Path:
    """$PACKDESK_CONFIG, else station.toml in the user config directory."""
    return Path(os.environ.get(ENV_CONFIG) or config_dir() / "station.toml")


def default_sqlite_url() -> str:
    return f"sqlite:///{data_dir() / 'packdesk.sqlite3'}"


def load_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or ConfigError naming the file and the problem."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"Configuration file {path} does not exist; create it (see docs/configuration.md).") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Configuration file {path} is not valid TOML: {exc}. Fix the line it names.") from None


@dataclass
class Settings:
    """What every command needs: the database URL and the raw station configuration."""

    database_url: str
    config_path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"[{name}] in {self.config_path} must be a table.")
        return value


def load_settings(config_path: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Database URL: the argument, else $PACKDESK_DATABASE_URL, else [database] url in the
    configuration file, else the built-in SQLite database in the user data directory."""
    path = Path(config_path) if config_path else default_config_path()
    raw: dict[str, Any] = {}
    if config_path or path.exists():
        raw = load_toml(path)
    url = (
        database_url
        or os.environ.get(ENV_DATABASE_URL)
        or raw.get("database", {}).get("url")
        or default_sqlite_url()
    )
    return Settings(database_url=url, config_path=path if raw else None, raw=raw)
