"""The ``inkop`` command line on both engines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy

from inkop_desktop import settings
from inkop_desktop.cli import main
from inkop_desktop.domain.reference import ReferenceTable, RefKey, load_reference_file
from inkop_desktop.paths import resource
from tests.conftest import PgServer


def test_upgrade_check_and_demo(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--url", db_url]) == 2  # empty database: behind the program
    assert main(["db", "upgrade", "--url", db_url]) == 0
    engine = sqlalchemy.create_engine(db_url)
    with engine.begin() as conn:  # a gap the check must name, whatever today's date is
        conn.execute(
            sqlalchemy.text("DELETE FROM reference_value WHERE key = 'ledtid.eu_forfarande'")
        )
    engine.dispose()
    capsys.readouterr()
    assert main(["check", "--url", db_url]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "Varning" in line]
    assert any(
        line.startswith("Varning: Ledtid för ny upphandling, EU-förfarande") for line in warnings
    )
    assert warnings == [
        f"Varning: {key.label} för {date.today().year} saknas — en administratör behöver "
        "lägga in det (Beloppsgränser och ledtider)."
        for key in ReferenceTable(
            v
            for v in load_reference_file(resource("data", "reference.json"))
            if v.key != RefKey.LEAD_EU
        ).missing(date.today(), ["SRM", "VMA"])
    ]
    assert main(["demo", "--url", db_url]) == 0
    assert "Demodata har lagts in" in capsys.readouterr().out
    assert main(["demo", "--url", db_url]) == 1
    assert "innehåller redan avtal" in capsys.readouterr().err


def test_unreachable_server_gives_a_swedish_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["db", "upgrade", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/inkop"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: Kunde inte ansluta till databasen")
    assert "Traceback" not in err


def test_check_on_a_refused_connection_is_one_swedish_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--url", "postgresql+psycopg://nobody@127.0.0.1:1/inkop"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: Kunde inte ansluta till databasen. Servern svarar inte")
    assert "Traceback" not in err and "psycopg" not in err


@pytest.mark.postgres
def test_check_on_an_unknown_database_says_so(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.database_url("finns_inte").render_as_string(hide_password=False)
    assert main(["check", "--url", url]) == 2
    err = capsys.readouterr().err
    assert "Databasen eller användaren finns inte på servern." in err
    assert "Traceback" not in err


def test_password_in_the_settings_file_is_refused_and_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"database_url": "postgresql+psycopg://karin:hemligt@127.0.0.1:1/inkop"})
    )
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: Inställningsfilen")
    assert "lösenord" in err and "hemligt" not in err
    stored = json.loads(path.read_text())
    assert stored["database_url"] == "postgresql+psycopg://karin@127.0.0.1:1/inkop"
    assert "hemligt" not in path.read_text()


def test_pdf_to_a_missing_folder_is_refused_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/demo.sqlite"
    assert main(["demo", "--url", url]) == 0
    capsys.readouterr()
    number = _first_diarienummer(url, capsys)
    code = main(["direktupphandling", "pdf", number, "-o", "/finns/inte/x.pdf", "--url", url])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: filen /finns/inte/x.pdf kunde inte skrivas")


def _first_diarienummer(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The registry number of the first direct award that `list` prints."""
    assert main(["direktupphandling", "list", "--url", url]) == 0
    return capsys.readouterr().out.splitlines()[0].split("\t")[0]
