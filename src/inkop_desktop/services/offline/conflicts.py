"""Conflicts kept for the user: both versions field by field, and the user's choice.

The server's version is the replica's row (the pull after the push brought it); the user's is
the operation's payload. Choosing per field writes the chosen own values onto the server's
version in a replica session, so the hook makes a new operation whose base is the server's
version: nothing is overwritten that the user has not seen.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, Table, select, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.base import Base
from inkop_desktop.db.offline.capture import encode
from inkop_desktop.db.offline.local import CONFLICT
from inkop_desktop.domain.errors import NotFoundError, ValidationError

REASONS = {
    "both_changed": "Både du och någon annan ändrade samma uppgift.",
    "deleted_on_server": "Posten har tagits bort på servern medan du arbetade offline.",
    "changed_on_server": "Du tog bort posten, men någon annan ändrade den under tiden.",
    "duplicate": "Posten finns redan på servern (samma identifierande uppgift).",
    "exists": "Posten finns redan på servern.",
    "refused": "Servern godtog inte ändringen.",
}
"""The Swedish sentence the conflicts view shows per reason."""
MINE, THEIRS = "mine", "theirs"
HIDDEN = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by"})
"""Bookkeeping the server sets itself: never a choice."""


@dataclass(frozen=True)
class FieldVersions:
    """One field: what it was, the user's value and the server's value."""

    table: str
    row_id: str
    field: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def key(self) -> str:
        """``table.field``, the name a choice is given by."""
        return f"{self.table}.{self.field}"


@dataclass(frozen=True)
class Conflict:
    """An operation the server did not apply as it was."""

    id: int
    entity: str
    row_id: uuid.UUID
    reason: str
    text: str
    message: str
    fields: tuple[FieldVersions, ...]
    conflicting: tuple[str, ...]


def _theirs(conn: Any, table: Table, row_id: str) -> dict[str, Any]:
    """The replica's (the server's) row as JSON values, {} when it is not there."""
    row = conn.execute(select(table).where(table.c.id == uuid.UUID(row_id))).mappings().first()
    return {k: encode(v) for k, v in row.items()} if row else {}


def open_conflicts(replica: Engine) -> list[Conflict]:
    """The conflicts not yet resolved, oldest first, with both versions field by field."""
    out: list[Conflict] = []
    with replica.connect() as conn:
        rows = conn.execute(
            select(CONFLICT).where(CONFLICT.c.resolved_at.is_(None)).order_by(CONFLICT.c.id)
        ).mappings()
        for c in rows.all():
            named = tuple(json.loads(c["fields"]))
            versions: list[FieldVersions] = []
            for row in json.loads(c["mine"])["rows"]:
                table = Base.metadata.tables.get(row["table"])
                if table is None or row["action"] == "delete":
                    continue
                theirs = _theirs(conn, table, row["id"])
                old = row.get("old", {})
                for field, mine in row.get("new", {}).items():
                    if field in HIDDEN or (theirs.get(field) == mine and not named):
                        continue
                    versions.append(FieldVersions(
                        row["table"], row["id"], field, old.get(field), mine, theirs.get(field)
                    ))  # fmt: skip
            out.append(Conflict(
                c["id"], c["entity"], c["row_id"], c["reason"],
                REASONS.get(c["reason"], REASONS["refused"]), c["message"], tuple(versions), named,
            ))  # fmt: skip
    return out


def _decode(table: Table, field: str, value: Any) -> Any:
    """A JSON value back to the column's Python type."""
    if value is None:
        return None
    kind = table.c[field].type.python_type
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind is date:
        return date.fromisoformat(value)
    return value


def resolve(sessions: sessionmaker[Session], conflict: Conflict, choices: dict[str, str]) -> None:
    """Keep the server's version except where *choices* says ``mine`` (``table.field``)."""
    unknown = set(choices) - {f.key for f in conflict.fields}
    if unknown or set(choices.values()) - {MINE, THEIRS}:
        raise ValidationError(f"Okänt val i konflikten: {', '.join(sorted(unknown)) or choices}")
    mapped = {str(m.class_.__tablename__): m.class_ for m in Base.registry.mappers}
    with sessions.begin() as s:
        for version in conflict.fields:
            if choices.get(version.key) != MINE:
                continue
            obj = s.get(mapped[version.table], uuid.UUID(version.row_id))
            if obj is None:
                raise NotFoundError(
                    "Posten finns inte längre; ditt värde finns kvar i konflikten men kan inte "
                    "sparas på den."
                )
            table = Base.metadata.tables[version.table]
            setattr(obj, version.field, _decode(table, version.field, version.mine))
        done = s.execute(
            update(CONFLICT)
            .where(CONFLICT.c.id == conflict.id, CONFLICT.c.resolved_at.is_(None))
            .values(resolved_at=datetime.now(UTC))
        )
        if getattr(done, "rowcount", 0) != 1:
            raise NotFoundError("Konflikten är redan löst.")
