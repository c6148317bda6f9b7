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

from sqlalchemy import Engine, Table, UniqueConstraint, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.base import Base
from inkop_desktop.db.offline.capture import encode
from inkop_desktop.db.offline.local import CHOICE, CONFLICT
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
WHOLE = "*"
"""The key of a choice for the whole record (``services.offline.choices``) instead of a field."""
RECREATE, DROP, USE_SERVER, NEW_KEY, DISCARD, ASIDE = (
    "recreate", "drop", "use_server", "new_key", "discard", "aside",
)  # fmt: skip
OFFERED: dict[str, tuple[str, ...]] = {
    "deleted_on_server": (RECREATE, DROP),
    "duplicate": (USE_SERVER, NEW_KEY, DROP),
    "refused": (DISCARD, ASIDE),
}
"""The choices for the whole record each reason offers (besides the per-field ones)."""
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
    key: tuple[tuple[str, Any], ...] = ()
    """For a duplicate: (field, my value) of the unique key a server row already has."""

    @property
    def offered(self) -> tuple[str, ...]:
        """The whole-record choices: a new key only where a single field clashes."""
        return tuple(c for c in OFFERED.get(self.reason, ()) if c != NEW_KEY or self.key)


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
            key = (
                clashing(conn, c["entity"], json.loads(c["mine"]))
                if c["reason"] == "duplicate"
                else ()
            )
            out.append(Conflict(
                c["id"], c["entity"], c["row_id"], c["reason"],
                REASONS.get(c["reason"], REASONS["refused"]), c["message"], tuple(versions), named,
                key,
            ))  # fmt: skip
    return out


def root_insert(entity: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The insert of the root row in a create's payload (None for an update)."""
    return next(
        (r for r in payload["rows"] if r["table"] == entity and r["action"] == "insert"), None
    )


def clashing(conn: Any, entity: str, payload: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """(field, value) of the single-field unique keys of the created root a replica row has."""
    table, row = Base.metadata.tables.get(entity), root_insert(entity, payload)
    if table is None or row is None:
        return ()
    out: list[tuple[str, Any]] = []
    for constraint in table.constraints:
        columns = [c.name for c in getattr(constraint, "columns", ())]
        if not isinstance(constraint, UniqueConstraint) or len(columns) != 1:
            continue
        value = row["new"].get(columns[0])
        found = conn.execute(select(table.c.id).where(table.c[columns[0]] == value)).first()
        if value is not None and found is not None:
            out.append((columns[0], value))
    return tuple(out)


def decode_value(table: Table, field: str, value: Any) -> Any:
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
    """Keep the server's version except where *choices* says ``mine`` (``table.field``).

    ``{WHOLE: choice, …}`` chooses for the whole record instead (``services.offline.choices``).
    """
    if WHOLE in choices:
        from inkop_desktop.services.offline.choices import choose

        choose(sessions, conflict, choices[WHOLE], {k: v for k, v in choices.items() if k != WHOLE})
        return
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
            setattr(obj, version.field, decode_value(table, version.field, version.mine))
        close(s, conflict, "fields", choices)


def close(s: Session, conflict: Conflict, choice: str, detail: dict[str, Any]) -> None:
    """Mark *conflict* resolved and record the user's choice (kept in the replica)."""
    now = datetime.now(UTC)
    done = s.execute(
        update(CONFLICT)
        .where(CONFLICT.c.id == conflict.id, CONFLICT.c.resolved_at.is_(None))
        .values(resolved_at=now)
    )
    if getattr(done, "rowcount", 0) != 1:
        raise NotFoundError("Konflikten är redan löst.")
    values = dict(conflict_id=conflict.id, choice=choice, detail=json.dumps(detail), at=now)
    s.execute(insert(CHOICE).values(**values))
