"""The connection test: the server version, or a Swedish reason (also for the SSL mode)."""

from __future__ import annotations

import pytest

from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.system import test_connection as try_connection
from tests.conftest import PgServer


def _url(server: PgServer, ssl_mode: str) -> str:
    url = server.database_url("postgres").update_query_dict({"sslmode": ssl_mode})
    return url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_the_ssl_mode_of_the_url_reaches_the_server(pg_server: PgServer) -> None:
    assert try_connection(_url(pg_server, "disable")).startswith("PostgreSQL ")
    with pytest.raises(ConnectionFailedError) as refused:
        try_connection(_url(pg_server, "require"))  # the test server offers no SSL
    assert refused.value.text == (
        "Kunde inte ansluta till databasen. "
        "Servern erbjuder ingen krypterad anslutning (SSL), men den krävs."
    )


def test_a_refused_port_is_explained_in_swedish() -> None:
    with pytest.raises(ConnectionFailedError) as refused:
        try_connection("postgresql+psycopg://karin@127.0.0.1:1/inkop?sslmode=verify-full", "x")
    assert "Servern svarar inte. Kontrollera värd och port." in refused.value.text
