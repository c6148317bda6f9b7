"""``inkop rapport internkontroll`` on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from inkop_desktop import cli
from inkop_desktop.cli import main
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.registry import Services
from tests.services.conftest import ensure_person, services
from tests.services.internal_control.world import build

__all__ = ["services"]


def test_report_for_a_namnd_and_period(
    db_url: str,
    services: Services,
    sessions,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build(services, sessions)
    # the CLI acts as the server login (PostgreSQL) or the settings' person (SQLite)
    ensure_person(sessions, "postgres", "Inga Inköpschef", [Role.INKOPSCHEF])
    monkeypatch.setattr(cli, "_actor", lambda args, url: "postgres")
    target = tmp_path / "ik.pdf"
    args = ["rapport", "internkontroll", "--namnd", "NHS", "--from", "2026-01-01",
            "--to", "2026-02-28", str(target), "--url", db_url]  # fmt: skip
    assert main(args) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Internkontrollrapport – Nämnden för hälsa och sjukvård" in text
    assert "Period 2026-01-01 – 2026-02-28" in text
    assert "DU-1" in text and "DU-2" not in text
    assert main([*args[:3], "XYZ", *args[4:]]) == 2
    assert "Nämnden ”XYZ” finns inte." in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad:
        main([*args[:5], "2026-13-01", *args[6:]])
    assert bad.value.code == 2
    assert "ogiltigt datum ”2026-13-01”" in capsys.readouterr().err
