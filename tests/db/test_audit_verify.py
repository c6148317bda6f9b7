"""Verifying the chain in keyset batches: each kind of tampering is named, across batch edges."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit, audit_verify
from inkop_desktop.db.audit_hash import hash_v2
from inkop_desktop.db.tables import AuditEntry
from tests.db.audit_attack import attacker, entries, write_chain


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    """Four entries per query, so that a chain of twenty spans five batches."""
    monkeypatch.setattr(audit_verify, "BATCH", 4)
    return 4


TABLE = AuditEntry.__table__
Change = Callable[[Connection, list[Any]], None]


def _tampered(engine: Engine, sessions: sessionmaker[Session], change: Change) -> tuple[Any, Any]:
    """(the entries before, the report) after *change* to a chain of six saves."""
    write_chain(sessions, 6)
    with attacker(engine) as conn:
        rows = entries(conn)
        change(conn, rows)
        return rows, audit.verify_chain(Session(bind=conn))


def test_a_changed_field_is_named_at_its_entry_in_a_later_batch(
    engine: Engine, sessions: sessionmaker[Session], small_batches: int
) -> None:
    def change(conn: Connection, rows: list[Any]) -> None:
        victim = rows[9]  # the third batch
        conn.execute(TABLE.update().where(TABLE.c.id == victim.id)
                     .values(summary=victim.summary + "x"))  # fmt: skip

    rows, report = _tampered(engine, sessions, change)
    assert report.broken is not None and report.broken.id == rows[9].id
    assert report.count == 9 and report.head_id == rows[8].id
    assert "posten har ändrats" in report.broken.reason


def test_a_removed_entry_at_a_batch_edge_is_found_at_its_successor(
    engine: Engine, sessions: sessionmaker[Session], small_batches: int
) -> None:
    def change(conn: Connection, rows: list[Any]) -> None:
        conn.execute(TABLE.delete().where(TABLE.c.id == rows[small_batches].id))

    rows, report = _tampered(engine, sessions, change)
    assert report.broken is not None and report.broken.id == rows[small_batches + 1].id
    assert report.count == small_batches
    assert f"föregående post #{rows[small_batches - 1].id}" in report.broken.reason
    assert "tagits bort" in report.broken.reason


def test_an_entry_built_on_an_older_entry_is_reported_as_a_fork_naming_it(
    engine: Engine, sessions: sessionmaker[Session], small_batches: int
) -> None:
    def change(conn: Connection, rows: list[Any]) -> None:
        onto, last = rows[2], rows[-1]
        fields = ("angripare", "update", "direct_award", "1", "status", 1, None, "{}")
        names = ("actor", "action", "table_name", "row_id", "summary", "txid", "old_row",
                 "new_row")  # fmt: skip
        conn.execute(TABLE.insert().values(at=last.at, prev_hash=onto.hash,
                                           hash=hash_v2(onto.hash, last.at, fields),
                                           hash_version=2,
                                           **dict(zip(names, fields, strict=True))))  # fmt: skip

    rows, report = _tampered(engine, sessions, change)
    assert report.broken is not None and report.count == len(rows)
    assert report.broken.actor == "angripare" and report.broken.table_name == "direct_award"
    expected = f"bygger på post #{rows[2].id} i stället för på post #{rows[-1].id}"
    assert expected in report.broken.reason


def test_the_chain_is_read_one_query_per_batch_however_long_it_is(
    engine: Engine, sessions: sessionmaker[Session], small_batches: int
) -> None:
    write_chain(sessions, 6)
    with sessions() as s:
        total = s.query(AuditEntry).count()
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        with sessions() as s:
            report = audit.verify_chain(s)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert report.broken is None and report.count == total
    reads = [q for q in statements if "audit_entry" in q]
    assert len(reads) == total // small_batches + 1
