"""Plain SQL cannot change or remove a signed direct award, its quotes, files or the audit trail.

Covers REPLACE (SQLite, where only ``recursive_triggers`` makes the rows it deletes fire the
DELETE triggers), TRUNCATE (PostgreSQL, also through CASCADE from a referencing table) and the
move signerad → ersatt, which only a signed correction may make.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, Table, TextClause, Uuid, bindparam, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.immutability import AuditTrailError, SignedRecordError
from inkop_desktop.db.tables import Attachment, AuditEntry, DirectAward, Quote, Supplier


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Rows:
    """A signed award ``a`` and a draft ``d``, a quote and a file of each, two audit entries."""

    a: uuid.UUID
    d: uuid.UUID
    qa: uuid.UUID
    qd: uuid.UUID
    fa: uuid.UUID
    fd: uuid.UUID
    e1: int
    e2: int


def _sql(statement: str, values: dict[str, Any]) -> TextClause:
    """*statement* with its named values bound (UUIDs as the Uuid type stores them)."""
    names = set(re.findall(r":(\w+)", statement))
    return text(statement).bindparams(
        *(
            bindparam(k, v, type_=Uuid() if isinstance(v, uuid.UUID) else None)
            for k, v in values.items()
            if k in names
        )
    )


def _award(conn: Any, number: str) -> uuid.UUID:
    award_id = uuid.uuid4()
    conn.execute(
        _table(DirectAward).insert().values(
            id=award_id, version=1, diarienummer=number, region="SRM", title="Centrifug",
            cpv="38432000-2", same_kind_key="38", value_ore=25_000_000,
            legal_ground="under_grans", award_date=date(2025, 5, 12), status="utkast",
        )
    )  # fmt: skip
    return award_id


def _children(conn: Any, award_id: uuid.UUID, supplier: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    quote, file = uuid.uuid4(), uuid.uuid4()
    conn.execute(
        _table(Quote).insert().values(
            id=quote, version=1, direct_award_id=award_id, supplier_id=supplier,
            amount_ore=25_000_000, received_on=date(2025, 5, 2),
        )
    )  # fmt: skip
    conn.execute(
        _table(Attachment).insert().values(
            id=file, version=1, owner_table="direct_award", owner_id=award_id,
            filename="beslut.pdf", media_type="application/pdf", size=3, sha256="0" * 64,
            content=b"pdf",
        )
    )  # fmt: skip
    return quote, file


def _audit(conn: Any, n: int) -> int:
    stmt = _table(AuditEntry).insert().values(
        actor="karin.oberg", action="insert", table_name="direct_award", row_id=str(n),
        summary="Centrifug", prev_hash="0" * 64, hash=f"{n:064d}",
    )  # fmt: skip
    return int(conn.execute(stmt).inserted_primary_key[0])


@pytest.fixture
def rows(engine: Engine) -> Rows:
    with engine.begin() as conn:
        supplier = uuid.uuid4()
        conn.execute(
            _table(Supplier).insert().values(
                id=supplier, version=1, name="Labb AB", name_key="LABB AB",
                orgnr="556677-8899", vat_number="SE556677889901",
            )
        )  # fmt: skip
        a, d = _award(conn, "RS 2025-00001"), _award(conn, "RS 2025-00002")
        qa, fa = _children(conn, a, supplier)
        qd, fd = _children(conn, d, supplier)
        conn.execute(_sql("UPDATE direct_award SET status = 'signerad' WHERE id = :a", {"a": a}))
        return Rows(a, d, qa, qd, fa, fd, _audit(conn, 1), _audit(conn, 2))


def _snapshot(engine: Engine) -> dict[str, list[Any]]:
    with engine.connect() as conn:
        return {
            name: [tuple(r) for r in conn.execute(select(t).order_by(t.c.id))]
            for name, t in (
                ("direct_award", _table(DirectAward)),
                ("quote", _table(Quote)),
                ("attachment", _table(Attachment)),
                ("audit_entry", _table(AuditEntry)),
            )
        }


def _refused(engine: Engine, rows: Rows, statement: str) -> None:
    before = _snapshot(engine)
    refusal = r"kan inte ändras|kan bara fyllas på|kan inte tömmas"
    with pytest.raises(DBAPIError, match=refusal), engine.begin() as conn:
        conn.execute(_sql(statement, vars(rows)))
    assert _snapshot(engine) == before, statement


EVERY_ENGINE = [
    "UPDATE direct_award SET title = 'Ändrad' WHERE id = :a",
    "UPDATE direct_award SET status = 'ersatt' WHERE id = :a",
    "DELETE FROM direct_award WHERE id = :a",
    "UPDATE quote SET amount_ore = 1 WHERE id = :qa",
    "DELETE FROM quote WHERE id = :qa",
    "UPDATE attachment SET content = NULL WHERE id = :fa",
    "DELETE FROM attachment WHERE id = :fa",
    "UPDATE audit_entry SET actor = 'någon annan' WHERE id = :e1",
    "DELETE FROM audit_entry WHERE id = :e1",
    "DELETE FROM audit_entry",
]

QUOTE_COLUMNS = (
    "version, supplier_id, amount_ore, received_on, received_how, notes, "
    "created_at, created_by, updated_at, updated_by"
)
FILE_COLUMNS = (
    "version, filename, media_type, size, sha256, content, description, "
    "created_at, created_by, updated_at, updated_by"
)
SQLITE = [
    "INSERT OR REPLACE INTO direct_award SELECT * FROM direct_award WHERE id = :a",
    "REPLACE INTO direct_award SELECT * FROM direct_award WHERE id = :a",
    "UPDATE OR REPLACE direct_award SET diarienummer = 'RS 2025-00001' WHERE id = :d",
    # The new rows belong to the draft, so only the DELETE of the signed one can refuse them.
    f"INSERT OR REPLACE INTO quote (id, direct_award_id, {QUOTE_COLUMNS}) "
    f"SELECT id, :d, {QUOTE_COLUMNS} FROM quote WHERE id = :qa",
    f"REPLACE INTO quote (id, direct_award_id, {QUOTE_COLUMNS}) "
    f"SELECT id, :d, {QUOTE_COLUMNS} FROM quote WHERE id = :qa",
    "UPDATE OR REPLACE quote SET id = :qa WHERE id = :qd",
    f"INSERT OR REPLACE INTO attachment (id, owner_table, owner_id, {FILE_COLUMNS}) "
    f"SELECT id, 'direct_award', :d, {FILE_COLUMNS} FROM attachment WHERE id = :fa",
    f"REPLACE INTO attachment (id, owner_table, owner_id, {FILE_COLUMNS}) "
    f"SELECT id, 'direct_award', :d, {FILE_COLUMNS} FROM attachment WHERE id = :fa",
    "UPDATE OR REPLACE attachment SET id = :fa WHERE id = :fd",
    "INSERT OR REPLACE INTO audit_entry SELECT * FROM audit_entry WHERE id = :e1",
    "REPLACE INTO audit_entry SELECT * FROM audit_entry WHERE id = :e1",
    "UPDATE OR REPLACE audit_entry SET id = :e1 WHERE id = :e2",
]
POSTGRES = [
    "INSERT INTO direct_award SELECT * FROM direct_award WHERE id = :a "
    "ON CONFLICT (id) DO UPDATE SET title = 'Ändrad'",
    "TRUNCATE direct_award CASCADE",
    "TRUNCATE quote",
    "TRUNCATE attachment",
    "TRUNCATE audit_entry",
    "TRUNCATE supplier CASCADE",  # quote and direct_award refer to supplier
    "TRUNCATE person CASCADE",  # direct_award refers to person
]


@pytest.mark.parametrize("statement", EVERY_ENGINE)
def test_plain_sql_on_a_signed_record_or_the_audit_trail_is_refused(
    engine: Engine, rows: Rows, statement: str
) -> None:
    _refused(engine, rows, statement)


def test_replace_and_truncate_are_refused(engine: Engine, rows: Rows) -> None:
    for statement in SQLITE if engine.dialect.name == "sqlite" else POSTGRES:
        _refused(engine, rows, statement)


def test_the_draft_stays_free_to_change(engine: Engine, rows: Rows) -> None:
    with engine.begin() as conn:
        for statement in (
            "UPDATE quote SET amount_ore = 1 WHERE id = :qd",
            "DELETE FROM attachment WHERE id = :fd",
            "UPDATE direct_award SET title = 'Ny' WHERE id = :d",
        ):
            conn.execute(_sql(statement, vars(rows)))


def _correction(engine: Engine, rows: Rows, status: str) -> None:
    with engine.begin() as conn:
        correction = _award(conn, "RS 2025-00001/2")
        conn.execute(
            _sql(
                "UPDATE direct_award SET supersedes_id = :a, status = :s WHERE id = :c",
                {"a": rows.a, "s": status, "c": correction},
            )
        )


def test_only_a_signed_correction_lets_the_old_record_become_ersatt(
    engine: Engine, rows: Rows
) -> None:
    _correction(engine, rows, "utkast")
    _refused(engine, rows, "UPDATE direct_award SET status = 'ersatt' WHERE id = :a")
    with engine.begin() as conn:
        for statement in (
            "UPDATE direct_award SET status = 'signerad' WHERE supersedes_id = :a",
            "UPDATE direct_award SET status = 'ersatt' WHERE id = :a",
        ):
            conn.execute(_sql(statement, vars(rows)))
    _refused(engine, rows, "UPDATE direct_award SET status = 'signerad' WHERE id = :a")


def test_becoming_ersatt_keeps_the_reason_for_the_signing_day(engine: Engine, rows: Rows) -> None:
    _correction(engine, rows, "signerad")
    _refused(
        engine,
        rows,
        "UPDATE direct_award SET status = 'ersatt', decision_date_reason = 'annat' WHERE id = :a",
    )


def test_the_orm_guard_refuses_ersatt_without_a_correction_and_audit_changes(
    engine: Engine, sessions: sessionmaker[Session], rows: Rows
) -> None:
    with sessions() as s:
        award = s.get(DirectAward, rows.a)
        assert award is not None
        award.status = "ersatt"
        with pytest.raises(SignedRecordError, match="signerad rättelse"):
            s.flush()
        s.rollback()
        entry = s.get(AuditEntry, rows.e1)
        assert entry is not None
        entry.summary = "ändrad"
        with pytest.raises(AuditTrailError):
            s.flush()
        s.rollback()
        s.delete(s.get(AuditEntry, rows.e2))
        with pytest.raises(AuditTrailError):
            s.flush()
