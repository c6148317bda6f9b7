"""Online SQLite backups (the backup API, never a file copy) in a rotating set."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP = 5


def backup_sqlite(db_path: Path, backup_dir: Path, *, keep: int = KEEP) -> Path:
    """Copy a live SQLite database with the backup API and keep the newest *keep* copies."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-{stamp}.sqlite"
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    _rotate(backup_dir, db_path.stem, keep)
    return target


def _rotate(backup_dir: Path, stem: str, keep: int) -> None:
    """Delete all but the newest *keep* backups of *stem*."""
    pattern = re.compile(rf"^{re.escape(stem)}-\d{{8}}T\d{{12}}Z\.sqlite$")
    copies = sorted(p for p in backup_dir.iterdir() if pattern.match(p.name))
    for old in copies[:-keep]:
        old.unlink()
