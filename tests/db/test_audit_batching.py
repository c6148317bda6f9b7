"""The SQLite audit reads the rows of a flush per table, not per row, and still logs every row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.offline.capture import REPLICA
from inkop_desktop.db.tables import AuditEntry, Organisation


@contextmanager
def _reads_of(engine: Engine, table: str) -> Iterator[list[str]]:
    """The SELECT statements on *table* issued inside the block."""
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _save(sessions: sessionmaker[Session], count: int, tag: str) -> tuple[int, int]:
    """Insert *count* organisations, then rename them all: SELECTs on the table per save."""
    engine = sessions.kw["bind"]
    with _reads_of(engine, "organisation") as inserted, sessions.begin() as s:
        orgs = [
            Organisation(version=1, name=f"{tag} {n}", kind="namnd", region="SRM")
            for n in range(count)
        ]
        s.add_all(orgs)
    with _reads_of(engine, "organisation") as updated, sessions.begin() as s:
        for org in s.scalars(select(Organisation).where(Organisation.name.like(f"{tag} %"))):
            org.name = f"{org.name} ny"
    reads_of_update = len(updated) - 1  # the block's own SELECT of the rows to rename
    return len(inserted), reads_of_update


def _logged(sessions: sessionmaker[Session], tag: str) -> list[AuditEntry]:
    with sessions() as s:
        stmt = select(AuditEntry).where(AuditEntry.summary.like(f"{tag}%"))
        inserts = list(s.scalars(stmt.order_by(AuditEntry.id)))
        ids = [e.row_id for e in inserts]
        updates = select(AuditEntry).where(
            AuditEntry.action == "update", AuditEntry.row_id.in_(ids)
        )
        return inserts + list(s.scalars(updates.order_by(AuditEntry.id)))


def test_a_flush_of_many_rows_reads_them_in_as_few_statements_as_a_flush_of_few(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    # an insert reads the new rows, an update the old and the new (PostgreSQL: its triggers)
    reads = (1, 2) if sessions.kw["bind"].dialect.name == "sqlite" else (0, 0)
    assert _save(sessions, 3, "Få") == _save(sessions, 40, "Många") == reads
    assert len(_logged(sessions, "Många")) == 80


def test_rows_read_in_several_in_lists_each_get_their_own_old_and_new_row(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    audit.install(sessions)
    monkeypatch.setattr(audit, "CHUNK", 4)
    reads = _save(sessions, 30, "Delad")
    assert reads == ((8, 16) if sessions.kw["bind"].dialect.name == "sqlite" else (0, 0))
    entries = _logged(sessions, "Delad")
    inserts = [e for e in entries if e.action == "insert"]
    updates = [e for e in entries if e.action == "update"]
    assert len(inserts) == len(updates) == 30
    names = {e.row_id: json.loads(e.new_row or "")["name"] for e in inserts}
    assert sorted(names.values()) == sorted(f"Delad {n}" for n in range(30))
    for e in updates:
        before, after = json.loads(e.old_row or ""), json.loads(e.new_row or "")
        assert (before["name"], after["name"]) == (names[e.row_id], f"{names[e.row_id]} ny")
        assert (e.summary, after["version"]) == ("name", before["version"] + 1)
    with sessions() as s:
        assert audit.verify_chain(s).broken is None


def test_rows_inserted_in_one_statement_are_stamped_and_logged_one_entry_each(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    rows = [{"name": f"Direkt {n}", "kind": "namnd", "region": "VMA"} for n in range(3)]
    with sessions.begin() as s:
        s.info["actor"] = "anna.berg"
        audit.insert_rows(s, Organisation, rows)
        assert not s.new  # no ORM objects: one executemany
    with sessions.begin() as s:
        s.info[REPLICA] = True  # a replica's outbox is written from flushes: ORM rows
        audit.insert_rows(s, Organisation, [{"name": "Direkt 3", "kind": "namnd", "region": "VMA"}])
        assert len(s.new) == 1
    with sessions() as s:
        stored = list(s.scalars(select(Organisation).where(Organisation.name.like("Direkt %"))))
        logged = {e.row_id: e for e in _logged(sessions, "Direkt")}
        assert audit.verify_chain(s).broken is None
    assert sorted(o.name for o in stored) == [f"Direkt {n}" for n in range(4)]
    first = [o for o in stored if o.name != "Direkt 3"]
    assert {(o.version, o.created_by, o.updated_by) for o in first} == {
        (1, "anna.berg", "anna.berg")
    }
    for org in stored:
        entry = logged[str(org.id)]
        assert (entry.action, entry.summary) == ("insert", org.name)
        assert json.loads(entry.new_row or "")["name"] == org.name
