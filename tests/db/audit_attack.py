"""Audit-chain test helpers: a chain written through the hook, a superuser's tampering."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.audit_hash import hash_v2
from inkop_desktop.db.tables import AuditEntry, Organisation

COLUMNS = ("at", "actor", "action", "table_name", "row_id", "summary", "prev_hash", "hash",
           "hash_version", "txid", "old_row", "new_row")  # fmt: skip


def write_chain(sessions: sessionmaker[Session], saves: int) -> None:
    """*saves* transactions through the audit hook: inserts, updates and deletes."""
    audit.install(sessions)
    for n in range(saves):
        with sessions.begin() as s:
            s.info["actor"] = f"person{n % 3}"
            org = Organisation(version=1, name=f"Nämnd {n}", kind="namnd", region="SRM")
            s.add(org)
            s.add(Organisation(version=1, name=f"Förvaltning {n}", kind="forvaltning",
                               region="VMA"))  # fmt: skip
            s.flush()
            org.name = f"Nämnd {n} (ny)"
            if n % 4 == 3:
                s.flush()
                s.delete(org)


@contextmanager
def attacker(engine: Engine, *, commit: bool = False) -> Iterator[Connection]:
    """A superuser's transaction with the audit table's triggers off, rolled back afterwards.

    *commit*: the tampering stays (on SQLite the dropped triggers stay dropped too).
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            raw = conn.execution_options(isolation_level="AUTOCOMMIT")
            triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"
            names = raw.execute(text(triggers), {"t": "audit_entry"}).scalars().all()
            raw.exec_driver_sql("BEGIN")
            for name in names:
                raw.exec_driver_sql(f"DROP TRIGGER {name}")
            try:
                yield raw
            finally:
                raw.exec_driver_sql("COMMIT" if commit else "ROLLBACK")
            return
        trans = conn.begin()
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        try:
            yield conn
        finally:
            if commit:
                trans.commit()
            else:
                trans.rollback()


def entries(conn: Connection) -> list[Any]:
    """Every audit entry in id order."""
    table = AuditEntry.__table__
    return list(conn.execute(select(table).order_by(table.c.id)))


@dataclass(frozen=True)
class Tampering:
    """What was done, and the id of the entry the check must name."""

    what: str
    expected: int


def _update(conn: Connection, entry_id: int, values: dict[str, Any]) -> None:
    table = AuditEntry.__table__
    conn.execute(table.update().where(table.c.id == entry_id).values(**values))


def _edit(conn: Connection, rows: list[Any], rng: random.Random) -> Tampering:
    row = rng.choice(rows)
    column = rng.choice(COLUMNS)
    new: Any = f"{rng.getrandbits(256):064x}"
    if column == "at":
        new = row.at + timedelta(seconds=rng.randint(1, 3600))
    elif column in ("actor", "action", "table_name", "summary"):
        new = getattr(row, column) + rng.choice(("x", " ", "2"))
    elif column == "row_id":
        new = str(rng.getrandbits(64))
    elif column == "hash_version":
        new = 3 - row.hash_version  # the other rule
    elif column == "txid":
        new = (row.txid or 0) + rng.randint(1, 9)
    elif column in ("old_row", "new_row"):
        value = getattr(row, column)
        new = '{"title": "Förfalskad"}' if value is None else value.replace('"', "'", 1)
    _update(conn, row.id, {column: new})
    return Tampering(f"ändrade {column} i #{row.id}", row.id)


def _delete(conn: Connection, rows: list[Any], rng: random.Random) -> Tampering:
    index = rng.randrange(len(rows) - 1)  # the newest entry has no successor to betray it
    table = AuditEntry.__table__
    conn.execute(table.delete().where(table.c.id == rows[index].id))
    return Tampering(f"tog bort #{rows[index].id}", rows[index + 1].id)


def _swap(conn: Connection, rows: list[Any], rng: random.Random) -> Tampering:
    first, second = sorted(rng.sample(rows, 2), key=lambda r: r.id)
    _update(conn, first.id, {c: getattr(second, c) for c in COLUMNS})
    _update(conn, second.id, {c: getattr(first, c) for c in COLUMNS})
    return Tampering(f"bytte #{first.id} och #{second.id}", first.id)


def _forge(conn: Connection, rows: list[Any], rng: random.Random) -> Tampering:
    """A new entry hashed correctly onto an older entry, or onto the head with a made-up hash."""
    onto = rng.choice(rows[:-1]) if rng.random() < 0.5 else rows[-1]
    at, txid = rows[-1].at, (rows[-1].txid or 0) + 1
    fields = ("angripare", "update", "direct_award", "1", "status", txid, None,
              '{"status": "signerad"}')  # fmt: skip
    digest = hash_v2(onto.hash, at, fields)
    if onto is rows[-1]:
        digest = hash_v2(onto.hash, at, (*fields[:-1], "fel"))
    values = dict(zip(COLUMNS, (at, *fields[:5], onto.hash, digest, 2, *fields[5:]), strict=True))
    table = AuditEntry.__table__
    new_id = int(conn.execute(table.insert().values(**values)).inserted_primary_key[0])
    return Tampering(f"lade till #{new_id} efter #{onto.id}", new_id)


ATTACKS = (_edit, _delete, _swap, _forge)


def tamper(conn: Connection, rng: random.Random) -> Tampering:
    """One random tampering of the chain on *conn*."""
    return rng.choice(ATTACKS)(conn, entries(conn), rng)


def audit_actors(sessions: sessionmaker[Session], *app_logins: str) -> set[str]:
    """Who the trail names for saves by *app_logins*: themselves on SQLite (the app writes
    the entries); on PostgreSQL the database login (``session_user``, the tests' superuser)."""
    engine = sessions.kw["bind"]
    if engine.dialect.name == "sqlite":
        return set(app_logins)
    return {str(engine.url.username)}
