"""Working offline: where the person's replica file is."""

from __future__ import annotations

import hashlib
from pathlib import Path

from inkop_desktop.db.offline.replica import open_replica


def replica_path(folder: Path, url: str, login: str) -> Path:
    """The replica of *login* for the server at *url* (never the password) in *folder*."""
    from sqlalchemy import make_url

    parsed = make_url(url)
    where = f"{parsed.host}:{parsed.port}/{parsed.database}"
    tag = hashlib.sha256(where.encode()).hexdigest()[:12]
    return folder / "offline" / f"{login}-{tag}.sqlite"


__all__ = ["open_replica", "replica_path"]
