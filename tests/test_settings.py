"""Settings file, folders and the choice of database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from inkop_desktop import settings
from inkop_desktop.settings import (
    PasswordInSettingsError,
    Settings,
    effective_database_url,
    load_settings,
    save_settings,
)


def test_folders_live_below_app_home(app_home: Path) -> None:
    assert settings.app_home() == app_home.resolve()
    assert settings.config_dir() == app_home.resolve() / "config"
    assert settings.data_dir() == app_home.resolve() / "data"
    assert settings.settings_path() == app_home.resolve() / "config" / "settings.json"
    assert settings.default_sqlite_path() == app_home.resolve() / "data" / "inkop.sqlite"
    assert settings.demo_sqlite_path() == app_home.resolve() / "data" / "inkop-demo.sqlite"
    assert settings.backup_dir() == app_home.resolve() / "data" / "backups"


def test_without_app_home_platformdirs_are_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INKOP_DESKTOP_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert settings.app_home() is None
    assert "inkop-desktop" in settings.config_dir().parts
    assert "inkop-desktop" in settings.data_dir().parts
    if sys.platform.startswith("linux"):
        assert settings.config_dir() == tmp_path / "xdg-config" / "inkop-desktop"
        assert settings.data_dir() == tmp_path / "xdg-data" / "inkop-desktop"


def test_missing_file_gives_defaults() -> None:
    assert not settings.settings_path().exists()
    assert load_settings() == Settings()
    assert load_settings().last_view == "plan"


def test_round_trip() -> None:
    s = Settings(
        database_url="postgresql+psycopg://inkop@db.regionen.se:5432/inkop",
        user_login="åsa.öberg",
        last_view="avtal",
    )
    save_settings(s)
    assert load_settings() == s
    stored = json.loads(settings.settings_path().read_text(encoding="utf-8"))
    assert stored == {
        "database_url": "postgresql+psycopg://inkop@db.regionen.se:5432/inkop",
        "user_login": "åsa.öberg",
        "last_view": "avtal",
        "ocds_prefix": "ocds-inkop",
    }
    # Saving again replaces the file and leaves no temporary files behind.
    save_settings(Settings())
    assert load_settings() == Settings()
    assert sorted(p.name for p in settings.config_dir().iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        b"{ this is not json",
        b'{"database_url": 42}',
        b'{"unknown_key": true}',
        b"[]",
        b"\xff\xfe\x00garbage",
    ],
    ids=["syntax", "wrong-type", "extra-key", "not-an-object", "binary"],
)
def test_corrupt_file_is_kept_as_broken(content: bytes) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    assert load_settings() == Settings()
    assert not path.exists()
    broken = path.with_name("settings.json.broken")
    assert broken.read_bytes() == content

    # A later corrupt file does not overwrite the first one.
    path.write_bytes(b"{")
    assert load_settings() == Settings()
    assert broken.read_bytes() == content
    assert path.with_name("settings.json.broken.2").read_bytes() == b"{"


def test_extra_fields_are_forbidden() -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({"password": "hemligt"})


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://inkop:hemligt@db.regionen.se:5432/inkop",
        "postgresql://inkop:p%40ss@db/inkop",
    ],
)
def test_password_in_url_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="lösenord"):
        save_settings(Settings(database_url=url))
    assert not settings.settings_path().exists()


def test_url_without_password_is_accepted() -> None:
    save_settings(Settings(database_url="postgresql://inkop@db/inkop"))
    assert load_settings().database_url == "postgresql://inkop@db/inkop"


def test_effective_database_url_precedence(app_home: Path) -> None:
    data = app_home.resolve() / "data"
    default = f"sqlite:///{data / 'inkop.sqlite'}"
    demo = f"sqlite:///{data / 'inkop-demo.sqlite'}"
    pg = "postgresql+psycopg://inkop@db:5432/inkop"
    other = "postgresql+psycopg://test@localhost:5432/test"

    assert effective_database_url(Settings()) == default
    assert effective_database_url(Settings(database_url=pg)) == pg
    assert effective_database_url(Settings(database_url=pg), demo=True) == demo
    assert effective_database_url(Settings(), demo=True) == demo
    assert effective_database_url(Settings(database_url=pg), demo=True, override=other) == other
    assert effective_database_url(Settings(), override=other) == other


def test_effective_database_url_makes_sqlite_paths_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    expected = f"sqlite:///{tmp_path.resolve() / 'rel.sqlite'}"
    assert effective_database_url(Settings(), override="rel.sqlite") == expected
    assert effective_database_url(Settings(), override="sqlite:///rel.sqlite") == expected
    assert effective_database_url(Settings(database_url="sqlite:///rel.sqlite")) == expected
    absolute = f"sqlite:///{tmp_path.resolve() / 'abs.sqlite'}"
    assert effective_database_url(Settings(), override=absolute) == absolute
    assert effective_database_url(Settings(), override="sqlite://") == "sqlite://"
    for url in (
        effective_database_url(Settings()),
        effective_database_url(Settings(), demo=True),
    ):
        assert url.startswith("sqlite:///")
        assert Path(url.removeprefix("sqlite:///")).is_absolute()


def test_a_hand_edited_password_is_refused_at_load() -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"database_url": "postgresql://karin:p%40ss@db.region.se:5433/inkop"}')
    with pytest.raises(PasswordInSettingsError, match="lösenord"):
        load_settings()
    assert load_settings().database_url == "postgresql://karin@db.region.se:5433/inkop"


def test_a_password_cannot_be_put_into_the_model() -> None:
    with pytest.raises(ValueError, match="lösenord"):
        Settings(database_url="postgresql://karin:hemligt@db/inkop")
