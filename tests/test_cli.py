"""The ``inkop`` command line on both engines."""

from __future__ import annotations

import pytest

from inkop_desktop.cli import main


def test_upgrade_check_and_demo(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--url", db_url]) == 2  # empty database: behind the program
    assert main(["db", "upgrade", "--url", db_url]) == 0
    assert main(["check", "--url", db_url]) == 0
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
