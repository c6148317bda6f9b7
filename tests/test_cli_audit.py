"""``inkop check`` verifies the audit chain: exit 0 when whole, 3 naming the first broken entry."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.cli import main
from inkop_desktop.db.tables import AuditEntry
from tests.db.audit_attack import attacker, entries, write_chain


def test_check_says_the_chain_is_whole_and_exits_0(
    db_url: str, sessions: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    write_chain(sessions, 4)
    assert main(["check", "--url", db_url]) == 0
    assert "Loggkedjan är hel (13 poster)" in capsys.readouterr().out


def test_check_names_the_entry_a_superuser_edited_and_exits_3(
    db_url: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_chain(sessions, 4)
    with attacker(engine, commit=True) as conn:
        target = entries(conn)[6]
        table = AuditEntry.__table__
        conn.execute(table.update().where(table.c.id == target.id).values(actor="någon.annan"))
    assert main(["check", "--url", db_url]) == 3
    out = capsys.readouterr().out
    at = target.at.strftime("%Y-%m-%d %H:%M:%S")
    where = f"({at} UTC, organisation, någon.annan)"
    assert f"Loggkedjan är bruten vid post #{target.id} {where}: " in out
    assert "stämmer inte med dess kontrollsumma" in out and "6 poster före den är hela" in out


def test_check_on_a_database_behind_the_program_keeps_exit_2(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--url", db_url]) == 2
    assert "Loggkedjan" not in capsys.readouterr().out
