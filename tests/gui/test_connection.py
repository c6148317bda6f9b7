"""Opening a database: on a shared server the person is the database login, never a setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.services.connection import connect
from tests.conftest import PgServer


@pytest.mark.postgres
def test_on_a_server_the_actor_is_the_database_login(pg_server: PgServer) -> None:
    url = pg_server.database_url("postgres").render_as_string(hide_password=False)
    connection = connect(url, actor="annika.oberg", upgrade=False)
    try:
        assert connection.actor == pg_server.url.username == "postgres"
        assert connection.services.context.actor == "postgres"
    finally:
        connection.services.context.sessions.kw["bind"].dispose()


def test_locally_the_actor_is_the_chosen_person(tmp_path: Path) -> None:
    connection = connect(f"sqlite:///{tmp_path}/lokal.sqlite", actor="karin.oberg")
    assert connection.actor == connection.services.context.actor == "karin.oberg"


def test_a_login_setting_does_not_override_the_server_login(qtbot: QtBot) -> None:
    from inkop_desktop.startup import Startup

    settings.save_settings(settings.Settings(user_login="annika.oberg"))
    server = Startup(
        demo=False, database="postgresql+psycopg://karin.oberg@db.example/inkop", view=None,
        screenshot=None,
    )  # fmt: skip
    qtbot.addWidget(server.window)
    assert server.login == "karin.oberg"
    local = Startup(demo=False, database=None, view=None, screenshot=None)
    qtbot.addWidget(local.window)
    assert local.login == "annika.oberg"
