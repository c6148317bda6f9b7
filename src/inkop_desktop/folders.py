"""The folders the program uses (settings, data, backups): no pydantic, no Qt, no database.

Cheap to import, so the log file can be opened before the first paint.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "inkop-desktop"
APP_AUTHOR = "Inkopsverksamheten"
HOME_ENV = "INKOP_DESKTOP_HOME"


def app_home() -> Path | None:
    """The folder from ``INKOP_DESKTOP_HOME`` (tests, CI, portable use), else None."""
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else None


def config_dir() -> Path:
    """Where settings.json lives."""
    home = app_home()
    if home is not None:
        return home / "config"
    return Path(user_config_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    """Where the embedded databases and their backups live."""
    home = app_home()
    if home is not None:
        return home / "data"
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_sqlite_path() -> Path:
    """The embedded SQLite database."""
    return data_dir() / "inkop.sqlite"


def demo_sqlite_path() -> Path:
    """The demo database, kept apart from the real one."""
    return data_dir() / "inkop-demo.sqlite"


def backup_dir() -> Path:
    """Rotating backups of the SQLite databases."""
    return data_dir() / "backups"


def settings_path() -> Path:
    """The settings file."""
    return config_dir() / "settings.json"
