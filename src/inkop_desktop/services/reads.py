"""Plain column reads on a session's connection, without the ORM's per-statement work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.orm import Session


def plain_read(
    session: Session, statement: Executable, params: dict[str, Any]
) -> CursorResult[Any]:
    """Run a column-only SELECT on the session's connection, pending changes flushed first.

    For the hot open and save paths: no ORM compile state, loader options or row
    processing. Only for tables that are not direct awards (the ORM's draft filter of
    ``services.visibility`` is not applied here).
    """
    if session.new or session.deleted or session.dirty:
        session.flush()
    return session.connection().execute(statement, params)
