"""A failing or row-losing migration rolls the whole upgrade back, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text

from inkop_desktop.cli import main
from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.migration_guard import MigrationFailedError
from tests.db.conftest import Filled
from tests.db.migration_data import counts

SCRIPT = '''"""injected by the test"""
import sqlalchemy as sa
from alembic import op

revision = "9901"
down_revision = "{head}"
branch_labels = None
depends_on = None
{declared}

def upgrade():
    op.create_table("injected_note", sa.Column("id", sa.Integer, primary_key=True))
    rebuild = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("participant", recreate=rebuild) as batch:
        batch.alter_column("role", existing_type=sa.String(100), nullable=False)
    {body}


def downgrade():
    op.drop_table("injected_note")
'''


def _inject(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str, declared: str = "") -> None:
    """Ship one extra migration after the head (a copy of the migrations folder)."""
    head = migrate.head_revision(make_engine("sqlite://"))
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    script = SCRIPT.format(head=head, declared=declared, body=body)
    (folder / "versions" / "9901_injected.py").write_text(script, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('raise RuntimeError("simulerat fel i migreringen")', "simulerat fel"),
        ('op.execute("DELETE FROM jav_assessment")', "tabellen jav_assessment hade 13 rader"),
        (
            'op.execute("UPDATE jav_assessment SET assessor_id = '
            "'00000000-0000-0000-0000-000000000000'\")",
            "",
        ),
    ],
    ids=["error", "lost-rows", "broken-foreign-key"],
)
def test_a_bad_migration_rolls_back_the_whole_upgrade(
    filled: Filled, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str, reason: str
) -> None:
    engine = filled("0001")
    before, tables = counts(engine), _tables(engine)
    _inject(monkeypatch, tmp_path, body)

    with pytest.raises(MigrationFailedError, match="avbröts och ingenting ändrades") as failed:
        migrate.upgrade(engine, backup_dir=tmp_path / "backups")

    assert reason in failed.value.text
    assert migrate.current_revision(engine) == "0001"  # 0002..head rolled back too
    assert counts(engine) == before
    assert _tables(engine) == tables  # neither plan_item_bidder (0002) nor injected_note
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:  # the app's connections still enforce foreign keys
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_a_declared_row_count_change_is_allowed(
    filled: Filled, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    engine = filled("0004")
    migrate.upgrade(engine)
    _inject(
        monkeypatch,
        tmp_path,
        'op.execute("DELETE FROM jav_assessment")',
        declared='ROW_COUNT_CHANGES = {"jav_assessment": "bedömningarna görs om"}',
    )
    before = counts(engine)

    migrate.upgrade(engine)

    assert migrate.current_revision(engine) == "9901"
    after = counts(engine)
    assert after.pop("jav_assessment") == 0 and after.pop("injected_note") == 0
    audited = after.pop("audit_entry") - before.pop("audit_entry")
    assert audited == (before["jav_assessment"] if engine.dialect.name == "postgresql" else 0)
    assert after == {t: n for t, n in before.items() if t != "jav_assessment"}


def test_inkop_db_upgrade_reports_a_failed_migration_in_swedish(
    filled: Filled,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = filled("0002")
    _inject(monkeypatch, tmp_path, 'raise RuntimeError("simulerat fel i migreringen")')

    assert main(["db", "upgrade", "--url", db_url]) == 2

    captured = capsys.readouterr()
    assert captured.err.startswith(
        "Fel: Uppgraderingen av databasen avbröts och ingenting ändrades"
    )
    assert "Traceback" not in captured.err and "uppgraderad" not in captured.out
    assert migrate.current_revision(engine) == "0002"


def test_two_programs_starting_together_both_get_a_current_database(db_url: str) -> None:
    engines = [make_engine(db_url) for _ in range(2)]
    failures: list[BaseException] = []

    def start(engine: Engine) -> None:
        try:
            migrate.upgrade(engine)
        except BaseException as exc:  # collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert failures == []
        assert all(migrate.current_revision(e) == migrate.head_revision(e) for e in engines)
    finally:
        for engine in engines:
            engine.dispose()


REBUILD_AWARDS = """rebuild = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    own = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'direct_award'"
    saved = op.get_bind().exec_driver_sql(own).fetchall() if rebuild == "always" else []
    with op.batch_alter_table("direct_award", recreate=rebuild) as batch:
        batch.alter_column("title", existing_type=sa.String(300), nullable=False)
    for (sql,) in saved if {recreate} else []:
        op.execute(sql)"""


@pytest.mark.parametrize("recreate", [True, False], ids=["triggers-recreated", "triggers-lost"])
def test_rebuilding_a_table_that_triggers_name_keeps_the_triggers(
    filled: Filled, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, recreate: bool
) -> None:
    """SQLite rebuilds drop a table's own triggers; the other tables' triggers still name it."""
    engine = filled("0004")
    migrate.upgrade(engine)
    start = migrate.current_revision(engine)
    _inject(monkeypatch, tmp_path, REBUILD_AWARDS.replace("{recreate}", str(recreate)))
    before = counts(engine)
    lost = engine.dialect.name == "sqlite" and not recreate

    if lost:
        with pytest.raises(MigrationFailedError, match="trg_direct_award_signed_update"):
            migrate.upgrade(engine)
    else:
        migrate.upgrade(engine)

    assert migrate.current_revision(engine) == (start if lost else "9901")
    assert {t: n for t, n in counts(engine).items() if t != "injected_note"} == before
    with engine.connect() as conn, pytest.raises(Exception, match="Signerad direktupphandling"):
        conn.execute(text("UPDATE direct_award SET title = 'ändrad' WHERE status = 'signerad'"))
