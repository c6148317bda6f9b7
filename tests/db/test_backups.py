"""SQLite backups before an upgrade: one per schema revision, and rotation keeps the last one."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from inkop_desktop.db import migrate
from inkop_desktop.db.backup import KEEP, backup_sqlite, backups_of
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.migration_guard import MigrationFailedError
from tests.db.migration_data import unpack
from tests.db.test_migration_atomic import _inject


def _revision_in(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _rename_a_supplier(path: Path, name: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE supplier SET name = ? WHERE id = (SELECT min(id) FROM supplier)", (name,)
        )
        conn.commit()
    finally:
        conn.close()


def test_the_backup_is_named_by_its_revision_and_not_taken_at_head(tmp_path: Path) -> None:
    db, backups = unpack("0002", tmp_path / "inkop.sqlite"), tmp_path / "backups"
    engine = make_engine(f"sqlite:///{db}")
    try:
        backup = migrate.upgrade(engine, backup_dir=backups)
        assert backup is not None and backup.name.startswith("inkop-rev0002-")
        assert _revision_in(backup) == "0002"
        assert migrate.upgrade(engine, backup_dir=backups) is None  # at head: no new copy
    finally:
        engine.dispose()
    assert list(backups.iterdir()) == [backup]


def test_failed_starts_add_no_copies_but_changed_data_gets_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, backups = unpack("0002", tmp_path / "inkop.sqlite"), tmp_path / "backups"
    _inject(monkeypatch, tmp_path, 'raise RuntimeError("simulerat fel")')
    engine = make_engine(f"sqlite:///{db}")
    try:
        for _start in range(3):
            with pytest.raises(MigrationFailedError):
                migrate.upgrade(engine, backup_dir=backups)
        assert len(backups_of(backups, "inkop", "0002")) == 1

        engine.dispose()
        _rename_a_supplier(db, "Ändrat efter första försöket AB")  # the old program kept working
        with pytest.raises(MigrationFailedError):
            migrate.upgrade(engine, backup_dir=backups)
    finally:
        engine.dispose()
    copies = backups_of(backups, "inkop", "0002")
    assert len(copies) == 2
    assert all(_revision_in(c) == "0002" for c in copies)


def test_rotation_never_deletes_the_newest_backup_before_an_upgrade(tmp_path: Path) -> None:
    db, backups = unpack("0003", tmp_path / "inkop.sqlite"), tmp_path / "backups"
    engine = make_engine(f"sqlite:///{db}")
    try:
        before_upgrade = migrate.upgrade(engine, backup_dir=backups)
    finally:
        engine.dispose()
    assert before_upgrade is not None
    head = migrate.head_revision(engine)
    (backups / f"inkop-rev{head}-20990101T000000000000Z.sqlite.partial").write_bytes(b"avbruten")
    later = []
    for n in range(2 * KEEP):
        _rename_a_supplier(db, f"Leverantör {n}")
        later.append(backup_sqlite(db, backups, revision=head))

    assert before_upgrade.exists() and _revision_in(before_upgrade) == "0003"
    assert backups_of(backups, "inkop", head) == later[-KEEP:]
    assert backups_of(backups, "inkop") == [before_upgrade, *later[-KEEP:]]


def test_no_backup_no_upgrade(tmp_path: Path) -> None:
    db = unpack("0002", tmp_path / "inkop.sqlite")
    blocked = tmp_path / "backups"
    blocked.write_text("en fil där mappen skulle ligga", encoding="utf-8")
    engine = make_engine(f"sqlite:///{db}")
    try:
        with pytest.raises(MigrationFailedError, match="säkerhetskopian före uppgraderingen"):
            migrate.upgrade(engine, backup_dir=blocked)
        assert migrate.current_revision(engine) == "0002"
    finally:
        engine.dispose()


def test_a_copy_left_half_written_by_a_kill_is_cleared_later(tmp_path: Path) -> None:
    db, backups = unpack("0003", tmp_path / "inkop.sqlite"), tmp_path / "backups"
    backups.mkdir()
    partial = backups / "inkop-rev0003-20200101T000000000000Z.sqlite.partial"
    partial.write_bytes(b"avbruten")
    os.utime(partial, (0, 0))
    made = backup_sqlite(db, backups, revision="0003")
    assert not partial.exists()
    assert list(backups.iterdir()) == [made]
