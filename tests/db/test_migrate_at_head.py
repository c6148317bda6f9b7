"""A database at the shipped head opens without Alembic; an older one is still upgraded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from inkop_desktop.db import migrate

CHILD = """
import sys
from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
engine = make_engine(sys.argv[1])
result = migrate.upgrade(engine)
print(result, "alembic" in sys.modules, migrate.at_shipped_head(engine))
"""


def test_the_head_read_from_the_files_is_alembics_head(engine: Engine) -> None:
    assert migrate.shipped_head() == migrate.head_revision(engine)
    assert migrate.shipped_head() == migrate.current_revision(engine)


def test_a_database_at_head_opens_without_importing_alembic(engine: Engine, db_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, db_url], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["None", "False", "True"]


def test_an_older_database_is_still_upgraded_after_a_backup(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    migrate.downgrade(engine, "0015")
    assert not migrate.at_shipped_head(engine)
    backups = tmp_path / "backups"
    backup = migrate.upgrade(engine, backup_dir=backups)
    assert migrate.at_shipped_head(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    if db_url.startswith("sqlite"):
        assert backup is not None and backup.parent == backups and backup.exists()
        assert "0015" in backup.name


def test_files_that_do_not_form_one_line_leave_the_decision_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text('revision = "a"\ndown_revision = None\n', encoding="utf-8")
    (versions / "b.py").write_text('revision = "b"\ndown_revision = "a"\n', encoding="utf-8")
    (versions / "c.py").write_text('revision = "c"\ndown_revision = "a"\n', encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path)
    assert migrate.shipped_head() is None
    (versions / "c.py").write_text('revision = "c"\ndown_revision = "b"\n', encoding="utf-8")
    assert migrate.shipped_head() == "c"
