"""Global ``--demo`` and ``--url`` before the command; missing SQLite files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkop_desktop import settings
from inkop_desktop.cli import main


def test_demo_option_reaches_the_demo_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "demo"]) == 0
    assert settings.demo_sqlite_path().exists()
    capsys.readouterr()
    assert main(["--demo", "direktupphandling", "list"]) == 0
    assert capsys.readouterr().out.count("\n") > 5
    assert not settings.default_sqlite_path().exists()  # the real database was not created


def test_demo_option_without_a_demo_database_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--demo", "direktupphandling", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: Demodatabasen ") and "finns inte" in err
    assert err.endswith("Skapa den med ”inkop --demo demo”.\n")  # the command that makes it
    assert err.count("\n") == 1
    assert not settings.demo_sqlite_path().exists()


def test_url_before_or_after_the_command(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--url", db_url, "demo"]) == 0
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    assert main(["--url", db_url, "export", "leverantorer", str(before)]) == 0
    assert main(["export", "leverantorer", str(after), "--url", db_url]) == 0
    assert before.read_bytes() == after.read_bytes()
    assert len(before.read_bytes().splitlines()) > 10


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["export", "plan", "x.xlsx"],
        ["import", "plan", "x.xlsx"],
        ["direktupphandling", "list"],
    ],
)
def test_a_missing_sqlite_file_is_refused_and_not_created(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "saknas.sqlite"
    (tmp_path / "x.xlsx").write_bytes(b"")
    args = [a if a != "x.xlsx" else str(tmp_path / a) for a in command]
    assert main(["--url", f"sqlite:///{missing}", *args]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"Fel: Databasfilen {missing} finns inte. Skapa den med ”inkop db upgrade” "
        "(eller ”inkop demo” för demodata).\n"
    )
    assert not missing.exists()


def test_upgrade_creates_a_missing_sqlite_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "ny.sqlite"
    assert main(["db", "upgrade", "--url", str(new)]) == 0
    assert new.exists()
    assert main(["--url", str(new), "check"]) == 0


def test_demo_and_url_together_is_one_swedish_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--demo", "--url", "sqlite:///x.sqlite", "check"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Fel: ") and err.count("\n") == 1


def test_demo_option_with_a_command_url_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "check", "--url", "sqlite:///x.sqlite"]) == 2
    assert capsys.readouterr().err == "Fel: Ange antingen --demo eller --url, inte båda.\n"
