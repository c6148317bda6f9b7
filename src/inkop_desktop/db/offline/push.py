"""Sending one outbox operation to the server's apply function, and recording its answer locally.

Sending and recording are two transactions on two databases; the server's operation id makes
the gap harmless: an operation sent again after a kill (the server committed, the client did
not record) returns the stored outcome and changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, update

from inkop_desktop.db.base import Base
from inkop_desktop.db.offline import schema
from inkop_desktop.db.offline.local import CONFLICT, OUTBOX, RESULT

APPLY = text(
    "SELECT inkop_offline_apply(:op, :entity, :root, :base, :schema, CAST(:changes AS jsonb))"
)
FINAL = frozenset({"applied", "merged", "already_deleted"})
"""Outcomes after which the server has the change (or nothing was left to change)."""


@dataclass(frozen=True)
class Operation:
    """One outbox row."""

    seq: int
    op_id: Any
    entity: str
    row_id: Any
    base_version: int | None
    payload: str
    schema_version: str

    def changes(self) -> dict[str, Any]:
        """The payload, brought to the current schema (raises UnknownSchemaError)."""
        return schema.migrate(json.loads(self.payload), self.schema_version)


def waiting(replica: Connection, limit: int | None = None) -> list[Operation]:
    """The operations still to send, oldest first (not those kept aside)."""
    cols = [OUTBOX.c[n] for n in Operation.__dataclass_fields__]
    query = select(*cols).where(OUTBOX.c.aside == "").order_by(OUTBOX.c.seq).limit(limit)
    return [Operation(*row) for row in replica.execute(query)]


def send(server: Connection, op: Operation, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply *op* on the server (in *server*'s transaction); the server's answer.

    An update that changes no column (the root of a row added under it) is left out: the
    server bumps the root's version itself, and 0014's row function fails on an empty update.
    """
    rows = [r for r in changes["rows"] if r["action"] != "update" or r.get("new")]
    changes = {**changes, "rows": rows}
    params = {
        "op": op.op_id, "entity": op.entity, "root": op.row_id, "base": op.base_version,
        "schema": schema.CURRENT, "changes": json.dumps(changes),
    }  # fmt: skip
    answer = server.execute(APPLY, params).scalar_one()
    return dict(answer if isinstance(answer, dict) else json.loads(answer))


def set_aside(replica: Connection, op: Operation, reason: str) -> None:
    """Keep *op* in the outbox, not sent, with the reason the user is shown."""
    replica.execute(update(OUTBOX).where(OUTBOX.c.seq == op.seq).values(aside=reason))


def record(replica: Connection, op: Operation, answer: dict[str, Any]) -> None:
    """The server answered: the operation leaves the outbox; a conflict is kept for the user."""
    now = datetime.now(UTC)
    outcome = str(answer.get("outcome", "refused"))
    replica.execute(delete(OUTBOX).where(OUTBOX.c.seq == op.seq))
    replica.execute(delete(RESULT).where(RESULT.c.op_id == op.op_id))
    replica.execute(
        insert(RESULT).values(
            op_id=op.op_id, outcome=outcome, version=answer.get("version"), at=now
        )
    )
    if outcome in FINAL:
        return
    replica.execute(delete(CONFLICT).where(CONFLICT.c.op_id == op.op_id))
    replica.execute(
        insert(CONFLICT).values(
            op_id=op.op_id, entity=op.entity, row_id=op.row_id,
            reason=str(answer.get("reason", outcome)), fields=json.dumps(answer.get("fields", [])),
            mine=_with_snapshot(replica, op), message=str(answer.get("message", "")),
            created_at=now,
        )
    )  # fmt: skip
    if op.base_version is None:
        _forget_created(replica, json.loads(op.payload))


def _with_snapshot(replica: Connection, op: Operation) -> str:
    """The payload plus the full local rows of the root and every row it changes.

    A pull may remove them next (deleted on the server, no longer readable); the snapshot is
    what "Återskapa mitt utkast" recreates from.
    """
    from inkop_desktop.db.offline.capture import encode

    payload = json.loads(op.payload)
    wanted = [(op.entity, str(op.row_id))]
    wanted += [(r["table"], r["id"]) for r in payload["rows"] if r["action"] != "delete"]
    tables, snapshot = Base.metadata.tables, []
    for name, row_id in dict.fromkeys(wanted):
        if name not in tables:
            continue
        table = tables[name]
        found = replica.execute(select(table).where(table.c.id == _uuid(row_id))).mappings()
        for row in found:
            values = {k: encode(v) for k, v in row.items()}
            snapshot.append({"table": name, "id": row_id, "values": values})
    return json.dumps({**payload, "snapshot": snapshot})


def _forget_created(replica: Connection, payload: dict[str, Any]) -> None:
    """A create the server did not take: its local rows go (kept in the conflict's ``mine``)."""
    tables = Base.metadata.tables
    for row in reversed(payload["rows"]):
        if row["action"] == "insert" and row["table"] in tables:
            table = tables[row["table"]]
            replica.execute(delete(table).where(table.c.id == _uuid(row["id"])))


def _uuid(value: str) -> Any:
    """A UUID from its text."""
    import uuid

    return uuid.UUID(value)
