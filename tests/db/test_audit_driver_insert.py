"""Rows inserted through the SQLite driver path are stored as SQLAlchemy's insert stores them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.audit_rows import defaults, driver_insert, written
from inkop_desktop.db.tables import AuditEntry, Avsteg


def _row(reason: str) -> dict[str, Any]:
    """An avsteg row with every column given (UUIDs, a date, times, text and None)."""
    return {**defaults(_TABLE, "tester"), "id": uuid.uuid4(), "kind": "procedure",
           "reason": reason, "reported_on": date(2026, 3, 2), "reported_by_id": None,
           "organisation_id": None,
           "created_at": datetime(2026, 3, 1, 8, tzinfo=UTC),
           "updated_at": datetime(2026, 3, 2, 9, 30, 1, 5, UTC)}  # fmt: skip


_TABLE: Table = Avsteg.__table__  # type: ignore[assignment]


def _stored(s: Session, row_id: uuid.UUID) -> dict[str, Any]:
    """The row as read back."""
    return dict(s.execute(select(_TABLE).where(_TABLE.c.id == row_id)).mappings().one())


def test_the_driver_insert_stores_what_sqlalchemy_stores_and_logs_it_as_stored(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        dialect = s.get_bind().dialect
        if dialect.name != "sqlite":
            pytest.skip("PostgreSQL keeps SQLAlchemy's insert (its triggers log the rows)")
        ours, theirs = _row("drivern"), _row("sqlalchemy")
        statement = driver_insert(_TABLE, dialect)
        s.connection().exec_driver_sql(statement.sql, statement.values([ours]))
        s.execute(insert(_TABLE), [theirs])
    with sessions() as s:
        mine, reference = _stored(s, ours["id"]), _stored(s, theirs["id"])
    differ = {k for k in mine if k not in ("id", "reason") and mine[k] != reference[k]}
    assert differ == set() and mine["reason"] == "drivern"
    assert audit.row_json("avsteg", mine) == written(_TABLE, dialect, ours)
    batch = statement.written([ours])
    assert batch.params == statement.values([ours]) and batch.ids == [str(ours["id"])]
    assert batch.texts == [audit.row_json("avsteg", mine)]


def test_an_audited_batch_insert_logs_every_row_as_the_database_holds_it(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    with sessions() as s:
        if s.get_bind().dialect.name != "sqlite":
            pytest.skip("PostgreSQL's triggers write the entries (test_audit_triggers)")
    rows = [_row(f"skäl {n}") for n in range(3)]
    with sessions.begin() as s:
        audit.insert_rows(s, Avsteg, [dict(r) for r in rows])
    with sessions() as s:
        stored = {str(r["id"]): audit.row_json("avsteg", _stored(s, r["id"])) for r in rows}
        entries = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "avsteg"))
        logged = {e.row_id: e.new_row for e in entries}
        assert audit.verify_chain(s).broken is None
    assert logged == stored
