"""Choices for a whole record in conflict: recreate, drop, use the server's, a new key, aside.

Each choice is one replica transaction that closes the conflict and records the choice
(``offline_choice``); what it changes is written by the outbox hook as a new operation, so
it reaches the server through ``inkop_offline_apply`` (and its audit trail) with the next
synchronisation. Nothing is dropped without the user's choice; the conflict row itself, with
the user's version, is kept.

- ``recreate`` (deleted on the server): the record is created again from the user's version
  (the snapshot taken when the server answered), as version 1.
- ``drop`` / ``discard``: the user's version is not sent (the GUI asks first).
- ``use_server`` (duplicate): the rows the user added under their own record are added under
  the server's record with the same key instead; their own record is not sent.
- ``new_key`` (duplicate): the user's record is created again under the key values given.
- ``aside`` (refused): kept aside, not sent; counted as kept aside in the status bar.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.base import Base
from inkop_desktop.db.offline.local import CONFLICT
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.services.offline.conflicts import (
    ASIDE,
    DISCARD,
    DROP,
    HIDDEN,
    NEW_KEY,
    RECREATE,
    USE_SERVER,
    Conflict,
    close,
    decode_value,
    root_insert,
)

Rows = list[dict[str, Any]]


def _mine(s: Session, conflict: Conflict) -> dict[str, Any]:
    """The user's version as stored with the conflict."""
    stored = s.execute(select(CONFLICT.c.mine).where(CONFLICT.c.id == conflict.id)).scalar_one()
    return dict(json.loads(stored))


def _mapped() -> dict[str, type]:
    """Table name → mapped class."""
    return {str(m.class_.__tablename__): m.class_ for m in Base.registry.mappers}


def _add(s: Session, rows: Rows) -> None:
    """Insert *rows* ({"table", "id", "values"}) as new version-1 rows, parents first."""
    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    mapped = _mapped()
    for row in sorted(rows, key=lambda r: order.get(r["table"], 0)):
        table: Table = Base.metadata.tables[row["table"]]
        cls, row_id = mapped[row["table"]], uuid.UUID(str(row["id"]))
        if s.get(cls, row_id) is not None:
            continue
        values = {
            k: decode_value(table, k, v) for k, v in row["values"].items()
            if k in table.c and k not in HIDDEN
        }  # fmt: skip
        s.add(cls(id=row_id, version=1, **values))
        s.flush()


def _created(payload: dict[str, Any]) -> Rows:
    """The inserted rows of a create's payload, as rows to add."""
    return [
        {"table": r["table"], "id": r["id"], "values": r["new"]}
        for r in payload["rows"] if r["action"] == "insert"
    ]  # fmt: skip


def _recreate(s: Session, conflict: Conflict, _given: dict[str, str]) -> None:
    """The user's record again, from the snapshot (or the create's own rows)."""
    payload = _mine(s, conflict)
    rows = payload.get("snapshot") or _created(payload)
    if not any(r["table"] == conflict.entity for r in rows):
        raise NotFoundError("Ditt utkast kan inte återskapas: det finns ingen kopia av posten.")
    _add(s, rows)


def _use_server(s: Session, conflict: Conflict, _given: dict[str, str]) -> None:
    """The user's added rows go under the server's record that has the same key."""
    field, value = conflict.key[0] if conflict.key else ("", None)
    table = Base.metadata.tables[conflict.entity]
    server_id = s.execute(select(table.c.id).where(table.c[field] == value)).scalar_one_or_none()
    if not field or server_id is None:
        raise NotFoundError("Serverns post finns inte i den lokala kopian; synkronisera först.")
    mine = str(conflict.row_id)
    children = [r for r in _created(_mine(s, conflict)) if r["table"] != conflict.entity]
    for row in children:  # their ids never reached the server: kept
        row["values"] = {k: str(server_id) if v == mine else v for k, v in row["values"].items()}
    _add(s, children)


def _new_key(s: Session, conflict: Conflict, given: dict[str, str]) -> None:
    """The user's record again, under the key values *given*."""
    wanted = {field for field, _value in conflict.key}
    if not given or set(given) - wanted or not all(v.strip() for v in given.values()):
        raise ValidationError(f"Ange ett nytt värde för {', '.join(sorted(wanted))}.")
    table = Base.metadata.tables[conflict.entity]
    for field, value in given.items():
        if s.execute(select(table.c.id).where(table.c[field] == value.strip())).first():
            raise ValidationError(f"Det finns redan en post med {field} {value.strip()}.")
    payload = _mine(s, conflict)
    root = root_insert(conflict.entity, payload)
    if root is None:
        raise ValidationError("Bara en ny post kan sparas under en ändrad nyckel.")
    root["new"].update({k: v.strip() for k, v in given.items()})
    _add(s, _created(payload))


def _nothing(_s: Session, _conflict: Conflict, _given: dict[str, str]) -> None:
    """Drop, discard or keep aside: nothing is sent; the choice is recorded."""


ACTIONS = {
    RECREATE: _recreate, DROP: _nothing, USE_SERVER: _use_server, NEW_KEY: _new_key,
    DISCARD: _nothing, ASIDE: _nothing,
}  # fmt: skip


def choose(
    sessions: sessionmaker[Session], conflict: Conflict, choice: str, given: dict[str, str]
) -> None:
    """Resolve *conflict* by *choice* (one of ``conflict.offered``), recorded, in one commit."""
    if choice not in conflict.offered:
        raise ValidationError(f"Valet {choice!r} finns inte för den här konflikten.")
    with sessions.begin() as s:
        close(s, conflict, choice, given)
        ACTIONS[choice](s, conflict, given)
