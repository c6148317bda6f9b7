"""The newest migration shipped with this version, read from the files (no SQLAlchemy)."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r'^(down_)?revision\b[^=]*=\s*(?:"([^"]+)"|None)', re.MULTILINE)


def head_in(folder: Path = MIGRATIONS) -> str | None:
    """The revision no file in *folder*/versions names as its ``down_revision``.

    None when the files do not form one line (Alembic then decides); a test holds it equal
    to Alembic's head.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (folder / "versions").glob("*.py"):
        for down, name in _REVISION.findall(path.read_text(encoding="utf-8")):
            if name:
                (parents if down else revisions).add(name)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
