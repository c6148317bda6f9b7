"""A real installation from the command line: registers first, then plan, avtal, leverantörer."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkop_desktop.cli import main
from inkop_desktop.services.registry import Services
from tests.services.exchange.test_exchange import target
from tests.test_cli_exchange import _url

__all__ = ["target"]

REGISTERS = ("organisationer", "personer", "delegation")


def test_an_empty_database_takes_the_demo_exports_from_the_command_line(
    db_url: str, target: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--url", db_url, "demo"]) == 0
    empty = _url(target)
    for kind in ("leverantorer", "avtal", "plan"):
        file = tmp_path / f"{kind}.xlsx"
        assert main(["--url", db_url, "export", kind, str(file)]) == 0
    capsys.readouterr()
    assert main(["--url", empty, "import", "avtal", str(tmp_path / "avtal.xlsx")]) == 1
    assert "Det finns ingen person" in capsys.readouterr().err  # why a bare database fails
    for kind in REGISTERS:
        file = tmp_path / f"{kind}.xlsx"
        assert main(["--url", db_url, "export", kind, str(file)]) == 0
        assert main(["--url", empty, "import", kind, str(file)]) == 0, capsys.readouterr().err
    for kind in ("leverantorer", "avtal", "plan"):
        file = str(tmp_path / f"{kind}.xlsx")
        code = main(["--url", empty, "import", kind, file, "--allow-missing-roles"])
        assert code == 0, capsys.readouterr().err
        assert "poster importerades" in capsys.readouterr().out
    capsys.readouterr()
    again = tmp_path / "personer.xlsx"
    assert main(["--url", empty, "import", "personer", str(again), "--update"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Rad 2: oförändrad"
    assert out.splitlines()[-1].endswith(": 0 skapade, 0 uppdaterade, 44 oförändrade.")
    assert main(["--url", empty, "import", "personer", str(again)]) == 1
    assert "Inget importerades: 44 fel" in capsys.readouterr().err
