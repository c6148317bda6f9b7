"""Online SQLite backups (the backup API, never a file copy), one per schema revision."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

KEEP = 5
STALE_PARTIAL_S = 3600
_STAMP = r"\d{8}T\d{12}Z"


def backup_sqlite(
    db_path: Path, backup_dir: Path, *, revision: str | None = None, keep: int = KEEP
) -> Path:
    """Back up *db_path* as ``<stem>-rev<revision>-<stamp>.sqlite`` and rotate the set.

    If the newest backup of the same revision holds exactly the same bytes, no new copy is
    made and that backup is returned: repeated starts at one revision add no copies.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    tag = _tag(revision)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{db_path.stem}-rev{tag}-{stamp}.sqlite"
    _copy(db_path, target)
    same = [p for p in backups_of(backup_dir, db_path.stem, tag) if p != target]
    if same and _digest(same[-1]) == _digest(target):
        target.unlink()
        target = same[-1]
    _rotate(backup_dir, db_path.stem, keep)
    return target


def backups_of(backup_dir: Path, stem: str, revision: str | None = None) -> list[Path]:
    """The backups of *stem* (only those of *revision* if given), oldest first."""
    tag = rf"rev{re.escape(revision)}-" if revision is not None else r"(?:rev\w+-)?"
    pattern = re.compile(rf"^{re.escape(stem)}-{tag}({_STAMP})\.sqlite$")
    found = [(m.group(1), p) for p in backup_dir.iterdir() if (m := pattern.match(p.name))]
    return [p for _stamp, p in sorted(found)]


def revision_of(path: Path, stem: str) -> str | None:
    """The revision tag in a backup's name (None for the old, untagged names)."""
    match = re.match(rf"^{re.escape(stem)}-rev(\w+)-{_STAMP}\.sqlite$", path.name)
    return match.group(1) if match else None


def _tag(revision: str | None) -> str:
    """A file-name-safe revision tag; ``base`` for a database without a revision."""
    return re.sub(r"\W", "_", revision) if revision else "base"


def _copy(db_path: Path, target: Path) -> None:
    """Copy a live database with SQLite's backup API; the name appears only once complete."""
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    with partial.open("rb+") as written:
        os.fsync(written.fileno())
    os.replace(partial, target)


def _digest(path: Path) -> str:
    """SHA-256 of a backup file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rotate(backup_dir: Path, stem: str, keep: int) -> None:
    """Keep the newest *keep* backups of *stem*, and always the newest one of every revision."""
    copies = backups_of(backup_dir, stem)
    newest_per_revision = {revision_of(p, stem): p for p in copies}
    protected = set(newest_per_revision.values()) | set(copies[-keep:])
    for old in copies:
        if old not in protected:
            old.unlink()
    stale = time.time() - STALE_PARTIAL_S
    for partial in backup_dir.glob(f"{glob.escape(stem)}-*.sqlite.partial"):
        if partial.stat().st_mtime < stale:  # left by a process killed while copying
            partial.unlink(missing_ok=True)
