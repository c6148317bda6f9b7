"""User settings in a JSON file and the folders the program uses (no Qt, no database)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.folders import (
    APP_AUTHOR,
    APP_NAME,
    HOME_ENV,
    app_home,
    backup_dir,
    config_dir,
    data_dir,
    default_sqlite_path,
    demo_sqlite_path,
    settings_path,
)

__all__ = [
    "APP_AUTHOR",
    "APP_NAME",
    "HOME_ENV",
    "PasswordInSettingsError",
    "Settings",
    "app_home",
    "backup_dir",
    "config_dir",
    "data_dir",
    "default_sqlite_path",
    "demo_sqlite_path",
    "effective_database_url",
    "load_settings",
    "save_settings",
    "settings_exist",
    "settings_path",
]
_log = logging.getLogger(__name__)


class Settings(BaseModel):
    """What the user chose: the database, who is logged in and the last view."""

    model_config = ConfigDict(extra="forbid")

    database_url: str | None = None
    user_login: str | None = None
    last_view: str = "plan"
    ocds_prefix: str = "ocds-inkop"
    """The ocid prefix of the OCDS export: the one Open Contracting assigns the publisher."""

    @field_validator("database_url")
    @classmethod
    def _no_password(cls, url: str | None) -> str | None:
        """A database URL never carries a password (it belongs in the keyring)."""
        if url:
            _check_url(url)
        return url


class PasswordInSettingsError(DomainError):
    """The settings file held a password in the database URL; it was refused and removed."""

    message_id = "settings.password"


def _set_aside(path: Path) -> Path:
    """Rename a broken settings file to ``*.broken`` (``*.broken.2`` … if taken)."""
    target = path.with_name(path.name + ".broken")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.broken.{n}")
        n += 1
    os.replace(path, target)
    return target


def settings_exist() -> bool:
    """True once settings were saved (after the first run, or by Inställningar)."""
    return settings_path().exists()


def load_settings() -> Settings:
    """Read the settings; a missing file gives defaults, a corrupt one is set aside."""
    path = settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        _log.warning("Inställningarna kunde inte läsas (%s); standardvärden används", exc)
        return Settings()
    _refuse_password(path, raw)
    try:
        return Settings.model_validate_json(raw)
    except ValidationError as exc:
        try:
            kept = _set_aside(path)
        except OSError as move_exc:
            _log.warning("Trasig inställningsfil %s kunde inte flyttas: %s", path, move_exc)
        else:
            _log.warning(
                "Trasig inställningsfil sparad som %s (%d fel); standardvärden används",
                kept,
                exc.error_count(),
            )
        return Settings()


def _stored_password_url(raw: bytes) -> str | None:
    """The database URL of a settings file if it carries a password, else None."""
    try:
        data = json.loads(raw)
        url = data.get("database_url") if isinstance(data, dict) else None
        return url if isinstance(url, str) and urlsplit(url).password else None
    except ValueError:
        return None


def _without_password(url: str) -> str:
    """*url* with the password (and only the password) taken out."""
    parts = urlsplit(url)
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (f"{user}@" if user else "") + host + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def _refuse_password(path: Path, raw: bytes) -> None:
    """Refuse a settings file with a password in its URL; take the password out of the file."""
    url = _stored_password_url(raw)
    if url is None:
        return
    data = json.loads(raw)
    data["database_url"] = _without_password(url)
    try:
        _write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        cleaned = "Lösenordet har tagits bort ur filen."
    except OSError:
        cleaned = "Filen kunde inte ändras; ta bort lösenordet ur den för hand."
    _log.warning("Inställningsfilen innehöll ett lösenord i databasadressen; det används inte")
    raise PasswordInSettingsError(
        f"Inställningsfilen {path} innehåller ett lösenord i databasadressen och det används "
        f"inte. {cleaned} Ange lösenordet när programmet frågar efter det, så sparas det i "
        "operativsystemets nyckelring."
    )


def _check_url(url: str) -> None:
    """Refuse a database URL that carries a password or cannot be parsed."""
    try:
        password = urlsplit(url).password
    except ValueError as exc:
        raise ValueError(f"Databasadressen kan inte tolkas: {exc}") from None
    if password:
        raise ValueError(
            "Databasadressen får inte innehålla ett lösenord. "
            "Lösenordet sparas i operativsystemets nyckelring."
        )


def save_settings(s: Settings) -> None:
    """Write the settings atomically; a database URL must not contain a password."""
    if s.database_url:
        _check_url(s.database_url)
    data = json.dumps(s.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    _write_atomically(settings_path(), data)


def _write_atomically(path: Path, data: str) -> None:
    """Write *data* to *path* through a synced temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _sqlite_file_url(path: Path) -> str:
    """``sqlite:///`` plus the absolute path."""
    return "sqlite:///" + str(path.expanduser().resolve())


def _normalise(url: str) -> str:
    """Make a relative SQLite path absolute; a bare file path becomes a SQLite URL."""
    if "://" not in url:
        return _sqlite_file_url(Path(url))
    prefix = "sqlite:///"
    if url.startswith(prefix):
        rest = url[len(prefix) :]
        file_part, sep, query = rest.partition("?")
        if file_part and file_part != ":memory:" and not Path(file_part).is_absolute():
            return _sqlite_file_url(Path(file_part)) + sep + query
    return url


def effective_database_url(s: Settings, *, demo: bool = False, override: str | None = None) -> str:
    """The database to open: override, then the demo file, then the settings, then the default."""
    if override:
        return _normalise(override)
    if demo:
        return _sqlite_file_url(demo_sqlite_path())
    if s.database_url:
        return _normalise(s.database_url)
    return _sqlite_file_url(default_sqlite_path())
