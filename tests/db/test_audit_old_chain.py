"""A chain an earlier revision's program wrote keeps verifying with today's entries after it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate
from inkop_desktop.db.audit import verify_chain
from inkop_desktop.db.tables import AuditEntry
from inkop_desktop.services.connection import connect
from tests.db.conftest import Filled
from tests.db.migration_data import earlier_revisions
from tests.services.exchange.test_exchange import PLAN_HEADERS, _sheet
from tests.services.exchange.test_plan_import_batch import REASON

PROCURER = (
    "SELECT p.login FROM person p JOIN person_role r ON r.person_id = p.id "
    "WHERE r.role = 'upphandlare' ORDER BY p.login LIMIT 1"
)


def test_a_plan_import_appends_to_the_chain_an_earlier_revision_wrote(
    filled: Filled, db_url: str, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's triggers chain the entries (test_audit_triggers)")
    engine = filled(earlier_revisions()[-1])  # the demo as the previous program wrote it
    migrate.upgrade(engine, backup_dir=tmp_path / "backups")
    with Session(engine) as s:
        login = s.execute(text(PROCURER)).scalar_one()
        before = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rows = [(f"Import {n}", 2026, "SRM", None, "98310000-9", 20_000_000, "Direktupphandling",
             REASON, None, date(2026, 9, 1)) for n in range(5)]  # fmt: skip
    connection = connect(db_url, actor=login, upgrade=False)
    try:
        report = connection.services.exchange.import_file(
            "plan", _sheet(PLAN_HEADERS, *rows), "p.xlsx"
        )
    finally:
        connection.close()
    assert report.ok and report.imported == 5, report.errors
    with Session(engine) as s:
        chain = verify_chain(s)
    assert chain.broken is None and chain.count >= before + 5 * 3  # items, CPV codes, avsteg
