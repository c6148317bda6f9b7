"""The replica's own tables (not on the server, not in the Alembic schema): outbox, conflicts."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Connection

LOCAL = MetaData()
OUTBOX = Table(
    "offline_outbox",
    LOCAL,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("op_id", Uuid, nullable=False, unique=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("base_version", Integer, nullable=True),
    Column("payload", Text, nullable=False),
    Column("schema_version", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("aside", Text, nullable=False, default=""),
)
"""One operation per aggregate and local transaction, in the order they were made.
``aside`` holds the reason when an operation cannot be sent as it is (kept, never dropped)."""
CONFLICT = Table(
    "offline_conflict",
    LOCAL,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("op_id", Uuid, nullable=False, unique=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("fields", Text, nullable=False, default="[]"),
    Column("mine", Text, nullable=False),
    Column("message", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
)
"""An operation the server did not apply as it was: the user's version (``mine``, the
operation's payload) is kept until the user chooses; the server's is the replica's row."""
RESULT = Table(
    "offline_result",
    LOCAL,
    Column("op_id", Uuid, primary_key=True),
    Column("outcome", String(20), nullable=False),
    Column("version", Integer, nullable=True),
    Column("at", DateTime(timezone=True), nullable=False),
)
"""What the server answered for every operation sent (the sync log the status bar counts)."""
CHOICE = Table(
    "offline_choice",
    LOCAL,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conflict_id", Integer, nullable=False),
    Column("choice", String(20), nullable=False),
    Column("detail", Text, nullable=False, default="{}"),
    Column("at", DateTime(timezone=True), nullable=False),
)
"""Every choice the user made on a conflict (what is then applied is audited on the server)."""
STATE = Table(
    "offline_state",
    LOCAL,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
"""``change_number`` (the last audit entry id pulled), ``last_sync``, ``login``."""


def create(engine: Engine) -> None:
    """Create the local tables (idempotent); the replica's schema itself comes from Alembic."""
    LOCAL.create_all(engine)


def get_state(conn: Connection, key: str, default: str = "") -> str:
    """A value of the replica's state."""
    found = conn.execute(select(STATE.c.value).where(STATE.c.key == key)).scalar_one_or_none()
    return default if found is None else str(found)


def set_state(conn: Connection, key: str, value: str) -> None:
    """Set a value of the replica's state."""
    conn.execute(delete(STATE).where(STATE.c.key == key))
    conn.execute(insert(STATE).values(key=key, value=value))
