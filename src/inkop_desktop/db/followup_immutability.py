"""A signed (``slutford``) follow-up, its results and evidence never change: an ORM guard.

The database refuses it too (triggers of migration 0009, TRUNCATE refused on PostgreSQL);
this guard gives the Swedish message earlier, and the services refuse first of all.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Column, MetaData, String, Table, Uuid, event, inspect, select
from sqlalchemy.orm import Session

from inkop_desktop.domain.errors import DomainError

SIGNED = "slutford"
MESSAGE = (
    "Uppföljningen är slutförd och signerad och kan inte ändras, inte heller dess "
    "bedömningar eller underlag. Gör en ny uppföljning om något behöver rättas."
)
_META = MetaData()
_FOLLOWUPS = Table(
    "followup", _META, Column("id", Uuid, primary_key=True), Column("status", String(20))
)
_RESULTS = Table(
    "followup_result", _META, Column("id", Uuid, primary_key=True), Column("followup_id", Uuid)
)


class SignedFollowupError(DomainError):
    """A change to a signed follow-up, one of its results or evidence files."""

    message_id = "followup.signed"


def _loaded(obj: Any, key: str) -> list[Any]:
    """The attribute's current value and, for loaded rows, the value it was loaded with."""
    state = inspect(obj)
    values = [getattr(obj, key)]
    if state.persistent or state.deleted:
        values += list(state.attrs[key].history.deleted or ())
    return values


def _stored_status(obj: Any) -> Any:
    """The status the follow-up had when it was loaded (before this change)."""
    history = inspect(obj).attrs.status.history
    return history.deleted[0] if history.deleted else obj.status


def _signed(session: Session, followup_id: uuid.UUID | None) -> bool:
    """True when the follow-up is signed in the database."""
    if followup_id is None:
        return False
    with session.no_autoflush:
        status = session.execute(
            select(_FOLLOWUPS.c.status).where(_FOLLOWUPS.c.id == followup_id)
        ).scalar()
    return status == SIGNED


def _followup_of_result(session: Session, result_id: uuid.UUID | None) -> uuid.UUID | None:
    """The follow-up a result belongs to (as stored)."""
    if result_id is None:
        return None
    with session.no_autoflush:
        found = session.execute(
            select(_RESULTS.c.followup_id).where(_RESULTS.c.id == result_id)
        ).scalar()
    return found if isinstance(found, uuid.UUID) or found is None else uuid.UUID(str(found))


def _parents(session: Session, obj: Any, table: str) -> list[uuid.UUID | None]:
    """The follow-up(s) a result or an evidence file belongs to, before and after the change."""
    if table == "followup_result":
        return _loaded(obj, "followup_id")
    kinds = set(_loaded(obj, "owner_table"))
    owners = _loaded(obj, "owner_id")
    found: list[uuid.UUID | None] = []
    if "followup" in kinds:
        found += owners
    if "followup_result" in kinds:
        found += [_followup_of_result(session, o) for o in owners]
    return found


def guard(session: Session, _ctx: Any, _instances: Any) -> None:
    """Refuse any flush that would change a signed follow-up, its results or its evidence."""
    for obj in [*session.dirty, *session.deleted, *session.new]:
        table = getattr(obj, "__tablename__", None)
        if table not in ("followup", "followup_result", "attachment"):
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        if table == "followup":
            if obj not in session.new and _stored_status(obj) == SIGNED:
                raise SignedFollowupError(MESSAGE)
            continue
        if any(_signed(session, f) for f in set(_parents(session, obj, table))):
            raise SignedFollowupError(MESSAGE)


event.listen(Session, "before_flush", guard)
