"""A signed follow-up, its results and evidence cannot be changed: not by the ORM, not by SQL.

The triggers of migration 0009 refuse UPDATE and DELETE (and new results or files) on both
engines; on PostgreSQL TRUNCATE is refused by statement-level triggers, also through CASCADE.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, Uuid, bindparam, text
from sqlalchemy.exc import DBAPIError

from inkop_desktop.db.followup_immutability import SignedFollowupError
from inkop_desktop.db.tables import Attachment, Followup, FollowupResult
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.followup.helpers import assess, planned


@dataclass(frozen=True)
class Signed:
    """A signed follow-up, one of its results, its evidence file; a draft of another plan."""

    followup: uuid.UUID
    result: uuid.UUID
    evidence: uuid.UUID
    draft_result: uuid.UUID


@pytest.fixture
def signed(services: Services, base_rows: BaseRows) -> Signed:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    file = services.followup.add_evidence(fu.results[0].id, "utdrag.pdf", b"%PDF-1.4 utdrag")
    fu = services.followup.get_followup(fu.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    fu = services.followup.complete_followup(fu.id, fu.version)
    other = planned(services, base_rows, contract_number="SRM-2026-0099")
    draft = services.followup.start_followup(other.plan.id)
    return Signed(fu.id, fu.results[0].id, file.id, draft.results[0].id)


def _engine(services: Services) -> Engine:
    return services.context.sessions.kw["bind"]  # type: ignore[no-any-return]


def _refused(engine: Engine, sql: str, **values: object) -> None:
    """*sql* fails in the database with the follow-up message (or TRUNCATE's)."""
    stmt = text(sql).bindparams(
        *(
            bindparam(k, v, type_=Uuid() if isinstance(v, uuid.UUID) else None)
            for k, v in values.items()
        )
    )
    with pytest.raises(DBAPIError, match=r"signerad|kan inte tömmas"), engine.begin() as conn:
        conn.execute(stmt)


def test_sql_cannot_change_or_remove_a_signed_follow_up(services: Services, signed: Signed) -> None:
    engine = _engine(services)
    _refused(engine, "UPDATE followup SET summary = 'ändrad' WHERE id = :i", i=signed.followup)
    _refused(engine, "UPDATE followup SET status = 'utkast' WHERE id = :i", i=signed.followup)
    _refused(engine, "DELETE FROM followup WHERE id = :i", i=signed.followup)
    _refused(
        engine, "UPDATE followup_result SET outcome = 'avvikelse' WHERE id = :i", i=signed.result
    )
    _refused(engine, "DELETE FROM followup_result WHERE id = :i", i=signed.result)
    _refused(
        engine, "UPDATE followup_result SET followup_id = :f WHERE id = :i",
        f=signed.followup, i=signed.draft_result,
    )  # fmt: skip
    _refused(engine, "UPDATE attachment SET content = :c WHERE id = :i", c=b"x", i=signed.evidence)
    _refused(engine, "DELETE FROM attachment WHERE id = :i", i=signed.evidence)
    _refused(engine, "DELETE FROM followup_plan")  # cascades into the signed follow-up


def test_sql_cannot_add_a_result_or_a_file_to_a_signed_follow_up(
    services: Services, signed: Signed
) -> None:
    engine = _engine(services)
    now = "CURRENT_TIMESTAMP"
    _refused(
        engine,
        "INSERT INTO followup_result (id, version, created_at, created_by, updated_at, updated_by,"
        " followup_id, category, item_text, outcome, comment, ordinal, evidence_expected,"
        f" serious) VALUES (:n, 1, {now}, 'x', {now}, 'x', :f, 'skatter', 'Ny', 'ok', '', 99, '',"
        " FALSE)",
        n=uuid.uuid4(), f=signed.followup,
    )  # fmt: skip
    _refused(
        engine,
        "INSERT INTO attachment (id, version, created_at, created_by, updated_at, updated_by,"
        " owner_table, owner_id, filename, media_type, size, sha256, content, description)"
        f" VALUES (:n, 1, {now}, 'x', {now}, 'x', 'followup_result', :r, 'a.pdf',"
        " 'application/pdf', 1, 'ab', :c, '')",
        n=uuid.uuid4(), r=signed.result, c=b"%PDF",
    )  # fmt: skip


def test_a_draft_stays_editable_in_sql(services: Services, signed: Signed) -> None:
    stmt = text("UPDATE followup_result SET comment = 'ok' WHERE id = :i").bindparams(
        bindparam("i", signed.draft_result, type_=Uuid())
    )
    with _engine(services).begin() as conn:
        assert conn.execute(stmt).rowcount == 1


def test_the_orm_refuses_before_the_database(services: Services, signed: Signed) -> None:
    sessions = services.context.sessions
    cases = [
        lambda s: setattr(s.get(Followup, signed.followup), "summary", "ändrad"),
        lambda s: setattr(s.get(FollowupResult, signed.result), "comment", "ändrad"),
        lambda s: s.delete(s.get(Attachment, signed.evidence)),
        lambda s: s.delete(s.get(Followup, signed.followup)),
    ]
    for change in cases:
        with (
            pytest.raises(SignedFollowupError, match="slutförd och signerad"),
            sessions.begin() as s,
        ):
            change(s)
            s.flush()


SQLITE = (
    "REPLACE INTO followup SELECT * FROM followup WHERE id = :f",
    "UPDATE OR REPLACE followup_result SET id = :r WHERE id = :d",
    "INSERT OR REPLACE INTO attachment SELECT * FROM attachment WHERE id = :e",
)
POSTGRES = (
    "TRUNCATE followup_result CASCADE",
    "TRUNCATE followup CASCADE",
    "TRUNCATE followup_plan CASCADE",
    "TRUNCATE contract CASCADE",
)


def test_replace_and_truncate_are_refused(services: Services, signed: Signed) -> None:
    """SQLite: REPLACE deletes the old row (recursive triggers); PostgreSQL: TRUNCATE."""
    engine = _engine(services)
    ids = {"f": signed.followup, "r": signed.result, "d": signed.draft_result, "e": signed.evidence}
    for statement in SQLITE if engine.dialect.name == "sqlite" else POSTGRES:
        used = {k: v for k, v in ids.items() if f":{k}" in statement}
        _refused(engine, statement, **used)
