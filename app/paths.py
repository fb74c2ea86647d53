"""Where Packdesk finds its resources and keeps its data."""
from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "packdesk"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user data directory (the built-in SQLite database lives here)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The user config directory (the default station.toml lives here)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resource(*parts: str) -> Path:
    """A file under resources/."""
    return RESOURCES.joinpath(*parts)
