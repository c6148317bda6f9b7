"""PostgreSQL: the database audits every table itself, notifies listeners, and never forks.

PostgreSQL only (SQLite has no server-side audit; the app chains there). The writes here are
plain SQL on raw connections, as psql would send them: no app hook is involved.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from inkop_desktop.db import audit, audit_triggers, migrate
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.tables import Base
from tests.conftest import PgServer, _admin

pytestmark = pytest.mark.postgres
ORG = (
    "INSERT INTO organisation (id, version, created_at, created_by, updated_at, updated_by, "
    "name, short_name, kind, region) VALUES (%s, 1, now(), '', now(), '', %s, '', 'namnd', 'SRM')"
)


@pytest.fixture(scope="module")
def database(pg_server: PgServer) -> Iterator[tuple[Engine, str]]:
    """A migrated database (module-wide) and its libpq URL for raw connections."""
    name = f"inkop_trg_{uuid.uuid4().hex[:12]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    try:
        migrate.upgrade(engine)
        url = pg_server.database_url(name).set(drivername="postgresql")
        yield engine, url.render_as_string(hide_password=False)
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _last(engine: Engine, n: int) -> list[dict[str, object]]:
    """The newest *n* audit entries, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_entry ORDER BY id DESC LIMIT :n"), {"n": n})
        return [dict(r._mapping) for r in reversed(rows.all())]


def _newest_id(engine: Engine) -> int:
    """The newest audit entry's id, 0 when there is none (tests of a module run in any order)."""
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_entry")).scalar_one())


def _verifies(engine: Engine) -> bool:
    with Session(engine) as s:
        return audit.verify_chain(s).broken is None


def test_every_table_but_the_trail_itself_carries_the_audit_trigger(
    database: tuple[Engine, str],
) -> None:
    engine, _url = database
    with engine.connect() as conn:
        assert audit_triggers.unaudited_tables(conn) == []
        triggered = conn.execute(
            text("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                 "WHERE t.tgname = 'trg_audit_row'")
        ).scalars()  # fmt: skip
        expected = set(Base.metadata.tables) - audit_triggers.NOT_AUDITED
        assert set(triggered) == expected and len(expected) >= 30


def test_a_psql_transaction_is_audited_row_by_row_with_its_login_and_one_txid(
    database: tuple[Engine, str],
) -> None:
    engine, url = database
    org = uuid.uuid4()
    with psycopg.connect(url) as conn:  # one transaction, committed on leaving the block
        conn.execute(ORG, (org, "Psql-nämnden"))
        conn.execute("UPDATE organisation SET name = 'Psql-nämnden 2', version = 2 WHERE id = %s",
                     (org,))  # fmt: skip
        login = conn.execute("SELECT session_user").fetchone()
    created, renamed = _last(engine, 2)
    assert login is not None and created["actor"] == renamed["actor"] == login[0]
    assert (created["action"], created["row_id"], created["summary"]) == (
        "insert", str(org), "Psql-nämnden",
    )  # fmt: skip
    assert (renamed["action"], renamed["summary"]) == ("update", "name")
    assert created["txid"] == renamed["txid"] and created["old_row"] is None
    assert json.loads(str(renamed["old_row"]))["name"] == "Psql-nämnden"
    assert json.loads(str(renamed["new_row"]))["name"] == "Psql-nämnden 2"
    assert renamed["prev_hash"] == created["hash"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_staging")).scalar_one() == 0
    assert _verifies(engine)


def test_a_rolled_back_transaction_leaves_no_entry_and_truncate_is_audited(
    database: tuple[Engine, str],
) -> None:
    engine, url = database
    before = _newest_id(engine)
    with psycopg.connect(url) as conn:
        conn.execute(ORG, (uuid.uuid4(), "Ångrad"))
        conn.rollback()
        conn.execute("TRUNCATE plan_item_cpv")
    (entry,) = [e for e in _last(engine, 5) if int(str(e["id"])) > before]
    assert (entry["action"], entry["table_name"]) == ("truncate", "plan_item_cpv")
    assert _verifies(engine)


def test_a_listening_connection_is_told_the_changed_table_after_the_commit(
    database: tuple[Engine, str],
) -> None:
    _engine, url = database
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {audit_triggers.CHANNEL}")
        with psycopg.connect(url) as writer:
            writer.execute(ORG, (uuid.uuid4(), "Meddelad 1"))
            writer.execute(ORG, (uuid.uuid4(), "Meddelad 2"))
            assert list(listener.notifies(timeout=0.2)) == []  # nothing before the commit
        got = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
        got += [n.payload for n in listener.notifies(timeout=0.2)]
    assert got == ["organisation"]  # once per table and transaction


def test_a_writer_with_a_stale_snapshot_is_refused_instead_of_forking_the_chain(
    database: tuple[Engine, str],
) -> None:
    engine, url = database
    with psycopg.connect(url) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        conn.execute(ORG, (uuid.uuid4(), "Gammal ögonblicksbild"))
        with pytest.raises(psycopg.errors.SerializationFailure, match="READ COMMITTED"):
            conn.commit()
    assert _verifies(engine)


def test_downgrading_below_0009_removes_the_triggers_and_upgrading_brings_them_back(
    pg_server: PgServer,
) -> None:
    name = f"inkop_down_{uuid.uuid4().hex[:12]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "0008")
        with engine.connect() as conn:
            assert not audit_triggers.installed(conn)
            left = conn.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname IN "
                     "('trg_audit_row', 'trg_audit_truncate', 'trg_audit_staging_chain')")
            )  # fmt: skip
            assert left.scalar_one() == 0
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert audit_triggers.unaudited_tables(conn) == []
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
