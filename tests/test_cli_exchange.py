"""``inkop export`` and ``inkop import`` on both engines: files, reports and exit codes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.cli import main
from inkop_desktop.documents.exchange.spreadsheet import read
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.exchange.service import ExchangeKind
from inkop_desktop.services.registry import Services
from tests.identity import cli_url
from tests.services.conftest import TEST_ACTOR, ensure_person
from tests.services.exchange.test_exchange import ORDER, canonical, copy_reference_data, target

__all__ = ["target"]  # the second-database fixture, shared with the service tests


def _xlsx(path: Path, *rows: tuple[object, ...]) -> Path:
    """A workbook with *rows* (the first is the header) written to *path*."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def officer(sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> str:
    """The login the command line acts as: a person holding every role in every database."""
    ensure_person(sessions, TEST_ACTOR, "Karin Öberg", Role)
    engine = sessions.kw["bind"]
    return cli_url(engine.url.render_as_string(hide_password=False), TEST_ACTOR, monkeypatch)


def _url(services: Services) -> str:
    """The URL of the database behind *services*."""
    engine = services.context.sessions.kw["bind"]
    return str(engine.url.render_as_string(hide_password=False))


def test_export_then_import_into_an_empty_database(
    db_url: str,
    sessions: sessionmaker[Session],
    target: Services,
    officer: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["demo", "--url", db_url]) == 0
    copy_reference_data(sessions, target.context.sessions)
    into = cli_url(_url(target), TEST_ACTOR, monkeypatch)
    for kind in ORDER:
        file = tmp_path / f"{kind.value}.xlsx"
        assert main(["export", kind.value, str(file), "--url", db_url]) == 0
        assert "exporterades till" in capsys.readouterr().out
        code = main(["import", kind.value, str(file), "--url", into, "--allow-missing-roles"])
        assert code == 0, capsys.readouterr().err
        assert "poster importerades" in capsys.readouterr().out
        assert canonical(target.context.sessions, kind) == canonical(sessions, kind)


def test_export_as_csv(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--url", db_url]) == 0
    file = tmp_path / "avtal.csv"
    assert main(["export", "avtal", str(file), "--url", db_url]) == 0
    assert file.read_bytes().startswith("\ufeffAvtalsnummer;Benämning;".encode())
    assert len(read(file.read_bytes(), "csv").rows) == 320


def test_import_reports_rows_and_imports_nothing(
    db_url: str, officer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--url", officer]) == 0
    sheet = _xlsx(
        tmp_path / "leverantorer.xlsx",
        ("Namn", "Organisationsnummer", "Ort"),
        ("Mälardalens Tvätt AB", "556036-0793", "Eskilstuna"),
        ("Fel AB", "556016-0681", "Västerås"),
        ("Mälardalens Tvätt AB", "556036-0793", "Eskilstuna"),
    )
    capsys.readouterr()
    assert main(["import", "leverantorer", str(sheet), "--url", officer]) == 1
    err = capsys.readouterr().err
    assert (
        "Rad 3, Organisationsnummer: Organisationsnumret 556016-0681 har fel kontrollsiffra." in err
    )
    assert "Rad 4: Raden är en dubblett av rad 2." in err
    assert err.rstrip().endswith("Inget importerades: 2 fel i " + str(sheet) + ".")
    good = _xlsx(tmp_path / "ok.xlsx", ("Namn", "Organisationsnummer"), ("Tvätt AB", "5560360793"))
    assert main(["import", "leverantorer", str(good), "--url", officer]) == 0
    assert "1 poster importerades" in capsys.readouterr().out
    assert main(["import", "leverantorer", str(good), "--url", officer]) == 1
    assert "finns redan i registret" in capsys.readouterr().err


def test_hostile_and_unreadable_files_are_refused_with_exit_code_2(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--url", db_url]) == 0
    bomb = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 30_000_000)
    bomb.write_bytes(buffer.getvalue())
    capsys.readouterr()
    assert main(["import", "avtal", str(bomb), "--url", db_url]) == 2
    assert capsys.readouterr().err.startswith("Fel: Filen packas upp till orimligt mycket data")
    assert main(["import", "avtal", str(tmp_path / "saknas.xlsx"), "--url", db_url]) == 2
    assert "kunde inte läsas" in capsys.readouterr().err
    assert main(["import", "avtal", str(tmp_path / "avtal.xls"), "--url", db_url]) == 2
    assert "stöds inte" in capsys.readouterr().err
    assert main(["export", "plan", str(tmp_path / "plan.pdf"), "--url", db_url]) == 2
    (tmp_path / "text.xlsx").write_text("inte en zip")
    assert main(["import", "plan", str(tmp_path / "text.xlsx"), "--url", db_url]) == 2
    assert "inte en Excel-fil" in capsys.readouterr().err


def test_kinds_match_the_service() -> None:
    from inkop_desktop.cli import KINDS

    assert tuple(k.value for k in ExchangeKind) == KINDS
