"""Killing the upgrade at random points leaves a database at the old or the new revision."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url

import inkop_desktop
from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
from tests.conftest import PgServer, _admin
from tests.db.conftest import Filled
from tests.db.migration_data import counts, declared_between, kept

# (revision to start from, trials): a filled 0001 file goes through every table rebuild;
# an empty one is the first start of the program (all tables created).
STARTS = [("0001", 15), (None, 4)]


class UpgradeChild:
    """The fork server of upgrade_child.py, already past its imports."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(Path(inkop_desktop.__file__).parents[1])}
        script = Path(__file__).with_name("upgrade_child.py")
        self.proc = subprocess.Popen(
            [sys.executable, str(script)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert self._read() == "klar"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def run(self, url: str, backups: Path, kill_after: float | None) -> tuple[float, bool]:
        """Upgrade *url* in a fresh child; SIGKILL it after *kill_after* s. (seconds, killed)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{url}\t{backups}\n")
        self.proc.stdin.flush()
        word, pid = self._read().split()
        started = time.monotonic()
        assert word == "barn"
        if kill_after is not None:
            time.sleep(kill_after)  # bounded kill timing, the one place a test waits
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        word, _pid, status = self._read().split()
        elapsed = time.monotonic() - started
        assert word == "slut"
        code = int(status)
        if os.WIFEXITED(code):
            assert os.WEXITSTATUS(code) == 0, "uppgraderingen misslyckades i barnprocessen"
            return elapsed, False
        return elapsed, os.WTERMSIG(code) == signal.SIGKILL

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def child() -> Iterator[UpgradeChild]:
    server = UpgradeChild()
    try:
        yield server
    finally:
        server.close()


Copies = tuple[Callable[[int], str], Callable[[str], None]]


def _settled(server: PgServer, url: str) -> None:
    """Wait until no server process still works on *url*'s database (a killed client's commit)."""
    import psycopg

    name = make_url(url).database
    deadline = time.monotonic() + 60
    query = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
        " AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=10) as conn:
        while (row := conn.execute(query, (name,)).fetchone()) and row[0]:
            assert time.monotonic() < deadline, f"{name}: servern arbetar kvar efter 60 s"
            time.sleep(0.05)  # bounded poll of the server's own process list


def _copies(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Copies:
    """Make trial copy *n* of the filled test database (its URL); wait until a copy is at rest."""
    if db_url.startswith("sqlite"):
        original = Path(make_url(db_url).database or "")

        def sqlite_copy(n: int) -> str:
            copy = tmp_path / f"trial{n}.sqlite"
            shutil.copy(original, copy)
            return f"sqlite:///{copy}"

        return sqlite_copy, lambda _url: None  # a killed process leaves nothing running
    server: PgServer = request.getfixturevalue("pg_server")
    template = make_url(db_url).database or ""
    names: list[str] = []
    request.addfinalizer(
        lambda: [_admin(server, "DROP DATABASE {} WITH (FORCE)", n) for n in names]
    )

    def pg_copy(n: int) -> str:
        name = f"inkop_kill_{n}_{uuid.uuid4().hex[:8]}"
        _admin(server, f"CREATE DATABASE {{}} TEMPLATE {template}", name)
        names.append(name)
        return server.database_url(name).render_as_string(hide_password=False)

    # The server finishes (or rolls back) a commit whose client was killed on its own time.
    return pg_copy, lambda url: _settled(server, url)


def _assert_intact(engine: Engine, note: str) -> None:
    """SQLite: the file passes its own integrity check after the kill."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok", note


@pytest.mark.parametrize(("start", "trials"), STARTS, ids=["filled-0001", "first-start"])
def test_killed_upgrade_leaves_old_or_new_revision_with_all_rows(
    start: str | None,
    trials: int,
    filled: Filled,
    db_url: str,
    child: UpgradeChild,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """A file killed at the old revision is upgraded again (and maybe killed again) until done."""
    engine = filled(start) if start is not None else make_engine(db_url)
    with engine.connect():
        pass  # SQLite: the empty file exists, to be copied
    before = counts(engine)
    head = migrate.head_revision(engine)
    engine.dispose()
    copy, settle = _copies(db_url, request, tmp_path)
    allowed = declared_between(start) if start else set()

    def check(url: str, note: str) -> str | None:
        """The database opens at the old or the new revision with every row."""
        settle(url)
        trial = make_engine(url)
        try:
            revision = migrate.current_revision(trial)
            assert revision in {start, head}, note
            if revision == start:
                assert counts(trial) == before, note  # exactly as it was, no half-made tables
            else:
                assert kept(before, counts(trial), allowed) == {}, note
            _assert_intact(trial, note)
            return revision
        finally:
            trial.dispose()

    first = copy(0)
    duration, _ = child.run(first, tmp_path / "backups", kill_after=None)
    assert check(first, "utan avbrott") == head
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    seen: list[str | None] = []
    url = copy(1)
    for n in range(1, trials + 1):
        delay = duration * 1.1 * (n - 1 + rng.random()) / trials  # spread over the whole run
        _, killed = child.run(url, tmp_path / "backups", kill_after=delay)
        note = f"försök {n}, {delay:.3f} s av {duration:.3f} s, seed {seed}, dödad {killed}"
        seen.append(check(url, note))
        if seen[-1] == head:
            url = copy(n + 1)
    child.run(url, tmp_path / "backups", kill_after=None)  # the further upgrade succeeds
    assert check(url, "sista uppgraderingen") == head
    assert start in seen  # the early kills landed inside the migration
