"""Acting as a given person from the command line: the OS account (SQLite) or the login (server)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, make_url, text


def cli_url(url: str, login: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The URL with which ``inkop`` acts as *login*.

    On SQLite the person is the OS account (``getpass.getuser``, patched here); on PostgreSQL it
    is the database login (``current_user``), so a login role of that name is made (superuser
    until the server set-up grants per role) and the URL connects with it.
    """
    monkeypatch.setattr("getpass.getuser", lambda: login)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return url
    engine = create_engine(parsed)
    try:
        with engine.begin() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
            if not exists:
                name = login.replace('"', '""')
                conn.execute(text(f'CREATE ROLE "{name}" LOGIN SUPERUSER'))
    finally:
        engine.dispose()
    return parsed.set(username=login).render_as_string(hide_password=False)
