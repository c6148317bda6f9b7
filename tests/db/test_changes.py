"""Other connections' commits are reported; this program's own are not; a dropped link heals."""

from __future__ import annotations

import logging
import queue
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, text

from inkop_desktop.db import migrate
from inkop_desktop.db.changes import (
    CHANNEL,
    EVERYTHING,
    PostgresListener,
    SqliteWatcher,
    listener,
)
from inkop_desktop.db.engine import is_sqlite, make_engine
from tests.conftest import PgServer, _admin

WAIT = 10.0
Batches = queue.Queue[frozenset[str]]


def _libpq(engine: Engine) -> str:
    """A libpq URL for another connection to the engine's database."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _notify_from_elsewhere(engine: Engine, table: str) -> None:
    """Another connection commits a change to *table* (what the audit trigger sends)."""
    with psycopg.connect(_libpq(engine), autocommit=True) as conn:
        conn.execute(f"NOTIFY {CHANNEL}, '{table}'")


def _touch(engine: Engine) -> None:
    """Commit a small change through *engine* (a NOTIFY on PostgreSQL)."""
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS touched (x INTEGER)"))
        conn.execute(text("INSERT INTO touched VALUES (1)"))
        if not is_sqlite(engine.url):
            conn.execute(text(f"NOTIFY {CHANNEL}, 'own'"))


def _next(batches: Batches) -> frozenset[str]:
    """The next batch, failing after WAIT seconds."""
    try:
        return batches.get(timeout=WAIT)
    except queue.Empty:
        pytest.fail(f"ingen ändring rapporterades inom {WAIT} s")


@pytest.fixture
def watched(engine: Engine) -> Iterator[tuple[Batches, PostgresListener | SqliteWatcher]]:
    """A started watcher of the test database (SQLite polled every 50 ms) and its batches."""
    batches: Batches = queue.Queue()
    if is_sqlite(engine.url):
        watcher: PostgresListener | SqliteWatcher = SqliteWatcher(engine, batches.put, 0.05)
    else:
        watcher = PostgresListener(engine, batches.put)
    watcher.start()
    yield batches, watcher
    watcher.stop()
    assert not watcher.running  # no thread left behind


def _wait_ready(watcher: PostgresListener | SqliteWatcher) -> None:
    """Until the watcher has its connection (a NOTIFY before LISTEN would be lost)."""
    assert watcher.wait_rounds(1, WAIT), "bevakningen kom aldrig igång"


def test_another_connections_commit_is_reported_but_not_our_own(
    engine: Engine, watched: tuple[Batches, PostgresListener | SqliteWatcher]
) -> None:
    batches, watcher = watched
    _wait_ready(watcher)
    _touch(engine)  # this program's own save: it re-reads what it saved itself
    if isinstance(watcher, SqliteWatcher):
        assert watcher.wait_rounds(2, WAIT)  # the own commit's interval is over
        other = make_engine(engine.url)
        try:
            _touch(other)
        finally:
            other.dispose()
        assert _next(batches) == EVERYTHING
    else:
        _notify_from_elsewhere(engine, "contract")
        _notify_from_elsewhere(engine, "supplier")
        received = _next(batches)
        while "supplier" not in received:
            received |= _next(batches)
        assert received == {"contract", "supplier"}  # "own" was left out
    assert batches.empty()


@pytest.mark.postgres
def test_listener_reconnects_after_its_backend_is_terminated(
    pg_server: PgServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="inkop_desktop.db.changes")
    name = f"inkop_test_{uuid.uuid4().hex[:16]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    batches: Batches = queue.Queue()
    watcher = listener(engine, batches.put)
    assert isinstance(watcher, PostgresListener)
    try:
        watcher.start()
        _wait_ready(watcher)
        _notify_from_elsewhere(engine, "plan_item")
        assert _next(batches) == {"plan_item"}
        with psycopg.connect(_libpq(engine), autocommit=True) as admin:
            killed = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            ).fetchall()
        assert killed == [(True,)]
        assert _next(batches) == EVERYTHING  # back again: anything may have been missed
        assert watcher.connections == 2
        said = [r.getMessage() for r in caplog.records if r.name == "inkop_desktop.db.changes"]
        assert any("har ingen anslutning till 127.0.0.1" in m for m in said), said
        assert any("ansluten igen" in m for m in said), said
        _notify_from_elsewhere(engine, "contract")
        assert _next(batches) == {"contract"}
    finally:
        watcher.stop()
        engine.dispose()
        _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
    assert not watcher.running


def test_sqlite_data_version_sees_a_second_engines_commit(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/inkop.sqlite"
    mine, other = make_engine(url), make_engine(url)
    migrate.upgrade(mine)
    seen: list[frozenset[str]] = []
    watcher = SqliteWatcher(mine, seen.append)
    try:
        watcher.check()  # the first look only notes the version
        watcher.check()
        assert seen == []
        _touch(other)
        watcher.check()
        assert seen == [EVERYTHING]
        watcher.check()
        _touch(mine)  # our own save is not reported
        watcher.check()
        assert seen == [EVERYTHING]
        with mine.begin() as conn:  # our own read (a commit without changes) …
            conn.execute(text("SELECT count(*) FROM touched"))
        _touch(other)  # … does not hide another program's save
        watcher.check()
        assert seen == [EVERYTHING, EVERYTHING]
    finally:
        watcher.stop()
        mine.dispose()
        other.dispose()
