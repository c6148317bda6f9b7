"""A real installation from the command line: registers first, then plan, avtal, leverantörer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from inkop_desktop.cli import main
from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.demo import DEMO_LOGIN
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.registry import Services
from tests.identity import cli_url
from tests.services.exchange.test_exchange import target
from tests.test_cli_exchange import _url

__all__ = ["target"]

REGISTERS = ("organisationer", "personer", "delegation")


def _administrator(services: Services) -> str:
    """The login of an administrator in the database behind *services*."""
    with services.context.sessions() as s:
        stmt = (
            select(Person.login)
            .join(PersonRole, PersonRole.person_id == Person.id)
            .where(PersonRole.role == Role.ADMINISTRATOR)
        )
        return str(s.scalars(stmt).first())


def test_an_empty_database_takes_the_demo_exports_from_the_command_line(
    db_url: str,
    target: Services,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["--url", db_url, "demo"]) == 0
    empty = _url(target)
    for kind in ("leverantorer", "avtal", "plan", *REGISTERS):
        file = tmp_path / f"{kind}.xlsx"
        assert main(["--url", db_url, "export", kind, str(file)]) == 0
    capsys.readouterr()
    empty = cli_url(empty, "it.admin", monkeypatch)  # not a person in the database
    assert main(["--url", empty, "import", "avtal", str(tmp_path / "avtal.xlsx")]) == 2
    assert "Du får inte lägga upp och ändra avtal" in capsys.readouterr().err
    for kind in ("organisationer", "personer"):  # no administrator yet: setting up is open
        file = str(tmp_path / f"{kind}.xlsx")
        assert main(["--url", empty, "import", kind, file]) == 0, capsys.readouterr().err
    delegation = str(tmp_path / "delegation.xlsx")
    assert main(["--url", empty, "import", "delegation", delegation]) == 2
    assert "Du får inte administrera" in capsys.readouterr().err  # an administrator exists now
    admin = _administrator(target)
    empty = cli_url(empty, admin, monkeypatch)
    assert main(["--url", empty, "import", "delegation", delegation]) == 0
    empty = cli_url(empty, DEMO_LOGIN, monkeypatch)  # Karin Öberg, upphandlare
    for kind in ("leverantorer", "avtal", "plan"):
        file = str(tmp_path / f"{kind}.xlsx")
        code = main(["--url", empty, "import", kind, file, "--allow-missing-roles"])
        assert code == 0, capsys.readouterr().err
        assert "poster importerades" in capsys.readouterr().out
    capsys.readouterr()
    empty = cli_url(empty, admin, monkeypatch)
    again = tmp_path / "personer.xlsx"
    assert main(["--url", empty, "import", "personer", str(again), "--update"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Rad 2: oförändrad"
    assert out.splitlines()[-1].endswith(": 0 skapade, 0 uppdaterade, 44 oförändrade.")
    assert main(["--url", empty, "import", "personer", str(again)]) == 1
    assert "Inget importerades: 44 fel" in capsys.readouterr().err
