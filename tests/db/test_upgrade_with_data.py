"""Every earlier revision, filled with its own demo data, upgrades to head keeping every row."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate
from inkop_desktop.db.audit import verify_chain
from inkop_desktop.services.connection import connect
from inkop_desktop.services.dto import ListQuery
from tests.db.conftest import Filled
from tests.db.migration_data import counts, declared_between, earlier_revisions, kept


def _ids(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {str(uuid.UUID(str(r[0]))) for r in conn.execute(text(f"SELECT id FROM {table}"))}


def _ids_where(engine: Engine, table: str, condition: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id FROM {table} WHERE {condition}"))
        return {str(uuid.UUID(str(r[0]))) for r in rows}


def _broken_foreign_keys(engine: Engine) -> list[object]:
    if engine.dialect.name != "sqlite":
        return []  # PostgreSQL checks every foreign key itself
    with engine.connect() as conn:
        return list(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


@pytest.mark.parametrize("revision", earlier_revisions())
def test_upgrade_keeps_every_row(
    filled: Filled, db_url: str, revision: str, tmp_path: Path
) -> None:
    """Also the reported bug: rebuilds with foreign keys on deleted every quote and declaration."""
    engine = filled(revision)
    before = counts(engine)
    quotes, declarations = _ids(engine, "quote"), _ids(engine, "jav_declaration")
    assert quotes and declarations and before["contract"] > 0

    migrate.upgrade(engine, backup_dir=tmp_path / "backups")

    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    assert kept(before, counts(engine), declared_between(revision)) == {}
    assert _ids(engine, "quote") == quotes
    assert _ids(engine, "jav_declaration") == declarations
    assert _broken_foreign_keys(engine) == []
    migrate.check(engine)
    with Session(engine) as s:  # the entries of the older hash rule keep verifying
        chain = verify_chain(s)
    now = counts(engine)["audit_entry"]  # PostgreSQL audits what a migration changes (0013)
    assert chain.broken is None and chain.count == now >= before["audit_entry"] > 0
    drafts = _ids_where(engine, "direct_award", "status = 'utkast'")  # hidden from a non-person
    shown = _ids_where(engine, "quote", "direct_award_id NOT IN (SELECT id FROM direct_award "
                       "WHERE status = 'utkast')")  # fmt: skip
    _the_app_reads(db_url, _ids(engine, "direct_award") - drafts, shown)


def _the_app_reads(db_url: str, awards: set[str], quotes: set[str]) -> None:
    """The services list every direct award with its quotes (others' drafts are hidden from the
    test's login, which is no person), the contracts and the jäv roster."""
    services = connect(db_url, actor="test", upgrade=False).services
    try:
        listed = services.direct_awards.list(ListQuery(limit=5000))
        assert {str(r.id) for r in listed.rows} == awards
        shown = {str(q.id) for a in listed.rows for q in services.direct_awards.get(a.id).quotes}
        assert shown == quotes
        assert services.contracts.list(ListQuery()).total > 0
        assert services.jav.roster(ListQuery()).total > 0
    finally:
        services.context.sessions.kw["bind"].dispose()


def test_downgrade_to_the_first_revision_keeps_the_rows_it_has_room_for(filled: Filled) -> None:
    """Downgrades rebuild tables too (0004 rebuilds contract): no cascade into its children."""
    engine = filled(earlier_revisions()[-1])
    migrate.upgrade(engine)
    before = counts(engine)

    migrate.downgrade(engine, "0001")

    after = counts(engine)
    assert migrate.current_revision(engine) == "0001"
    assert {t: n for t, n in before.items() if t in after} == after
    assert _broken_foreign_keys(engine) == []


def test_0008_signs_the_performed_follow_ups_and_freezes_them(filled: Filled) -> None:
    """Performed follow-ups become signed by their performer; then SQL cannot change them."""
    engine = filled("0007")
    with engine.connect() as conn:
        performed = conn.execute(
            text("SELECT count(*) FROM followup WHERE status = 'genomford'")
        ).scalar_one()
        plans = conn.execute(
            text("SELECT count(*) FROM followup_plan WHERE template_id IS NOT NULL")
        ).scalar_one()
    assert performed > 0

    migrate.upgrade(engine)

    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT status, signed_by_id, performed_by_id, signed_at, templates FROM followup")
        ).all()
        signed = [r for r in rows if r.status == "slutford"]
        assert len(signed) == performed and not any(r.status == "genomford" for r in rows)
        assert all(r.signed_by_id == r.performed_by_id and r.signed_at for r in signed)
        assert all("(version 1)" in r.templates for r in signed)
        linked = conn.execute(text("SELECT count(*) FROM followup_plan_template")).scalar_one()
        assert linked == plans
        kinds = set(conn.execute(text("SELECT DISTINCT sanction FROM followup_action")).scalars())
        assert kinds <= {"ingen", "reklamation", "vite", "havning"}
        keys = set(conn.execute(text("SELECT key FROM followup_template")).scalars())
        assert {"grundkontroll", "fullstandig"} <= keys
    with pytest.raises(DBAPIError, match="signerad"), engine.begin() as conn:
        conn.execute(text("UPDATE followup SET summary = 'ändrad' WHERE status = 'slutford'"))
