"""A migrated PostgreSQL server database and a person's replica of it (offline tests)."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.offline.replica import open_replica, replica_sessions
from inkop_desktop.db.tables import DirectAward, Person, PersonRole, Quote, Supplier
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.offline import Synchroniser
from tests.conftest import PgServer, _admin

LOGIN = "karin.oberg"


@dataclass
class World:
    """The server, the replica, its sessions and the synchroniser, and the seeded ids."""

    server: Engine
    replica: Engine
    sessions: sessionmaker[Session]
    sync: Synchroniser
    me: uuid.UUID
    other: uuid.UUID


@pytest.fixture(scope="session")
def migrated_template(pg_server: PgServer) -> str:
    """A database migrated to head once per test session, copied for every test."""
    return make_template(pg_server)


def make_template(pg_server: PgServer) -> str:
    """A new database migrated to head, to copy (its name)."""
    name = f"inkop_off_tmpl_{uuid.uuid4().hex[:8]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    migrate.upgrade(engine)
    engine.dispose()
    return name


def make_server(pg_server: PgServer, template: str) -> tuple[Engine, str]:
    """A fresh database on the test server at head (a copy of the migrated template)."""
    import psycopg
    from psycopg import sql

    name = f"inkop_off_{uuid.uuid4().hex[:12]}"
    query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
        sql.Identifier(name), sql.Identifier(template)
    )
    with psycopg.connect(pg_server.libpq_url(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(query)
    return make_engine(pg_server.database_url(name)), name


def supplier(name: str, orgnr: str) -> Supplier:
    """A supplier row."""
    return Supplier(version=1, name=name, name_key=name.upper(), orgnr=orgnr,
                    vat_number=f"SE{orgnr.replace('-', '')}01")  # fmt: skip


def award(number: str, status: str, author: str, **people: object) -> DirectAward:
    """A direct award of 100 000 kr."""
    return DirectAward(
        version=1, diarienummer=number, region="SRM", title=f"Inköp {number}", cpv="30192000",
        same_kind_key="301", value_ore=10_000_000, legal_ground="under_grans",
        award_date=date(2026, 3, 1), status=status, created_by=author, **people,
    )  # fmt: skip


def seed(server: Engine) -> tuple[uuid.UUID, uuid.UUID]:
    """Karin (every role) and Olle, each with a person row; returns their ids."""
    with Session(server) as s, s.begin():
        me = Person(version=1, name="Karin Öberg", login=LOGIN)
        other = Person(version=1, name="Olle Ek", login="olle.ek")
        s.add_all([me, other, supplier("Kontorsvaror AB", "556036-0793")])
        s.flush()
        s.add_all(PersonRole(version=1, person_id=me.id, role=r.value) for r in Role)
        return me.id, other.id


@pytest.fixture(scope="session")
def replica_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty replica at head, made once and copied for every test."""
    path = tmp_path_factory.mktemp("replica") / "replica.sqlite"
    open_replica(path).dispose()
    return path


def fresh_replica(template: Path, folder: Path) -> Path:
    """A copy of the empty replica in *folder*."""
    target = folder / "replica.sqlite"
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def world(
    pg_server: PgServer, migrated_template: str, replica_template: Path, tmp_path: Path
) -> Iterator[World]:
    """A seeded server and Karin's replica after its first pull."""
    server, name = make_server(pg_server, migrated_template)
    try:
        me, other = seed(server)
        replica = open_replica(fresh_replica(replica_template, tmp_path))
        sync = Synchroniser(server, replica, LOGIN)
        sync.run()
        yield World(server, replica, replica_sessions(replica), sync, me, other)
        replica.dispose()
    finally:
        server.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


__all__ = ["Quote", "World", "award", "supplier"]
