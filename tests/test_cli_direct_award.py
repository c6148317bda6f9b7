"""``inkop direktupphandling list|pdf`` on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from inkop_desktop.cli import main
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, ready_record, world
from tests.services.conftest import services

__all__ = ["services", "world"]


def test_list_and_pdf(
    db_url: str,
    services: Services,
    world: AwardWorld,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ready = ready_record(services, world)
    assert main(["direktupphandling", "list", "--url", db_url]) == 0
    line = capsys.readouterr().out.splitlines()[0].split("\t")
    assert line[:4] == [ready.diarienummer, "2025-05-12", "SRM", "384"]
    assert line[5:] == ["Klar för beslut", "Centrifug till laboratoriet"]
    target = tmp_path / "beslut.pdf"
    args = ["direktupphandling", "pdf", ready.diarienummer, "-o", str(target), "--kind", "beslut"]
    assert main([*args, "--url", db_url]) == 0
    assert "Beslut om direktupphandling" in PdfReader(target).pages[0].extract_text()
    paper = [*args[:-1], "underskrift", "--url", db_url]
    assert main(paper) == 2  # the copy to sign by hand is for the named decision maker only
    assert capsys.readouterr().err.startswith("Fel: ")
    assert main(["direktupphandling", "pdf", "RS 1999-1", "-o", str(target), "--url", db_url]) == 2
    assert "ingen direktupphandling med diarienummer RS 1999-1" in capsys.readouterr().err
