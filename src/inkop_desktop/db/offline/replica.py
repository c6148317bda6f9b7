"""The local replica: a SQLite file at the Alembic head plus the outbox tables, and its pull."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine, make_sessionmaker, sqlite_url
from inkop_desktop.db.offline import capture, local, pull
from inkop_desktop.db.offline.local import OUTBOX


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    """Removed rows are overwritten with zeros (a quote no longer readable leaves no bytes)."""
    dbapi_connection.execute("PRAGMA secure_delete=ON")


def open_replica(path: Path) -> Engine:
    """The replica at *path*, created or upgraded to the head, with its local tables."""
    engine = make_engine(sqlite_url(path))
    event.listen(engine, "connect", _secure_delete)
    migrate.upgrade(engine, backup_dir=path.parent / "replica-backups")
    local.create(engine)
    return engine


def replica_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions on the replica whose every change is written to the outbox."""
    factory = make_sessionmaker(engine)
    factory.configure(info={capture.REPLICA: True})
    capture.install(factory)
    return factory


def unsent_rows(conn: Connection) -> set[uuid.UUID]:
    """Ids of every row an operation still in the outbox changes (a pull leaves them alone)."""
    ids: set[uuid.UUID] = set()
    for payload in conn.execute(select(OUTBOX.c.payload)).scalars():
        ids.update(uuid.UUID(row["id"]) for row in json.loads(payload)["rows"])
    return ids


@contextmanager
def _without_foreign_keys(engine: Engine) -> Iterator[Connection]:
    """A replica transaction with foreign keys off (rows arrive table by table)."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                yield conn
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def refresh(server: Engine, replica: Engine, who: pull.Reader) -> int:
    """Pull the server's changes since the replica's change number; returns the new number.

    The server is read in one REPEATABLE READ, read-only transaction (one consistent state).
    """
    with (
        server.connect().execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        ) as source,
        source.begin(),
        _without_foreign_keys(replica) as target,
    ):
        number = int(local.get_state(target, "change_number", "0"))
        keep = unsent_rows(target)
        stale = local.get_state(target, "reach") != who.reach
        if number == 0 or local.get_state(target, "login") != who.login or stale:
            high = pull.full(source, target, who, keep)
        else:
            high = pull.since(source, target, who, number, keep)
        local.set_state(target, "change_number", str(high))
        local.set_state(target, "login", who.login)
        local.set_state(target, "reach", who.reach)
        local.set_state(target, "last_sync", datetime.now(UTC).isoformat())
        return high
