"""``inkop check`` verifies the audit chain: exit 0 when whole, 3 naming the first broken entry."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.anchor import anchor_file
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


def test_check_anchors_the_head_and_prints_it_for_the_minutes(
    db_url: str, sessions: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    write_chain(sessions, 4)
    assert main(["check", "--url", db_url, "--anchor"]) == 0
    with sessions() as s:
        head = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert head is not None
    out = capsys.readouterr().out
    assert f"Loggkedjans huvud: post #{head.id}, kontrollsumma {head.hash}, 13 poster" in out
    assert anchor_file().is_file()
    write_chain(sessions, 1)  # the chain grows: the anchored entry is still there
    assert main(["check", "--url", db_url]) == 0
    assert "Loggkedjan är hel (16 poster)" in capsys.readouterr().out


def test_check_reports_entries_cut_off_the_end_since_the_last_check_and_exits_3(
    db_url: str,
    engine: Engine,
    sessions: sessionmaker[Session],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_chain(sessions, 4)
    assert main(["check", "--url", db_url]) == 0
    with attacker(engine, commit=True) as conn:  # the newest three entries go: still a chain
        rows = entries(conn)
        table = AuditEntry.__table__
        conn.execute(table.delete().where(table.c.id.in_([r.id for r in rows[-3:]])))
    capsys.readouterr()
    assert main(["check", "--url", db_url]) == 3
    out = capsys.readouterr().out
    assert f"Loggkedjan saknar post #{rows[-1].id}, som var kedjans sista post" in out
    assert "13 poster" in out and "poster i slutet av loggen har tagits bort" in out
    assert "Loggkedjan är hel" not in out
