"""Shared fixtures: offscreen Qt, an in-memory keyring, a private home, SQLite and PostgreSQL."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from sqlalchemy import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.demo.seed import DemoSummary
from tests.demo_copy import DemoTemplate, counts, seed


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict (tests only)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError("Password not found") from None


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring; the previous backend is restored after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point INKOP_DESKTOP_HOME at a temporary folder so no test touches real user dirs."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("INKOP_DESKTOP_HOME", str(home))
    return home


# --- PostgreSQL -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PgServer:
    """A PostgreSQL server the tests may create databases on (as a superuser)."""

    url: URL  # SQLAlchemy URL to the ``postgres`` maintenance database

    def database_url(self, name: str) -> URL:
        """The SQLAlchemy (psycopg 3) URL of database *name* on this server."""
        return self.url.set(drivername="postgresql+psycopg", database=name)

    def libpq_url(self) -> str:
        """A libpq connection string for the maintenance database."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort /usr/lib/postgresql/<version>/bin like ``sort -V``."""
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name))


def _pg_bin() -> Path | None:
    """The newest installed PostgreSQL bin directory that has initdb and pg_ctl."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key)
    for bindir in reversed(candidates):
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _no_postgres(reason: str) -> None:
    """Skip PostgreSQL tests, or fail them when CI demands PostgreSQL."""
    if os.environ.get("INKOP_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL krävs (INKOP_REQUIRE_POSTGRES=1) men saknas: {reason}")
    pytest.skip(f"PostgreSQL är inte installerat: {reason}")


class _Cluster:
    """A throw-away PostgreSQL cluster in a temporary folder on a loopback port."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="inkop-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "log"
        self.port = 0
        self.prefix: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # initdb refuses to run as root
            import pwd

            try:
                pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                _no_postgres("körs som root men användaren 'postgres' finns inte")
            shutil.chown(self.root, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program (as postgres when we are root)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        return subprocess.run(
            [*self.prefix, str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=self.root,
            check=False,
        )

    def _log_tail(self) -> str:
        """The end of the server log, for error messages."""
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def start(self) -> None:
        """initdb and start; retry on another port if the chosen one was taken meanwhile."""
        init = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        if init.returncode != 0:
            raise RuntimeError(f"initdb misslyckades:\n{init.stdout}\n{init.stderr}")
        for _attempt in range(3):
            self.port = _free_port()
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            started = self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                "-o", options, "start",
            )  # fmt: skip
            if started.returncode == 0:
                return
        raise RuntimeError(
            f"pg_ctl start misslyckades:\n{started.stdout}\n{started.stderr}\n{self._log_tail()}"
        )

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """TEST_PG_URL if set, else a throw-away cluster from the installed binaries."""
    given = os.environ.get("TEST_PG_URL")
    if given:
        yield PgServer(make_url(given))
        return
    bindir = _pg_bin()
    if bindir is None:
        _no_postgres("inga initdb/pg_ctl under /usr/lib/postgresql/*/bin eller i PATH")
        return  # unreachable; keeps type checkers happy
    cluster = _Cluster(bindir)
    try:
        cluster.start()
        yield PgServer(
            URL.create(
                "postgresql+psycopg",
                username="postgres",
                host="127.0.0.1",
                port=cluster.port,
                database="postgres",
            )
        )
    finally:
        cluster.stop()


def _admin(server: PgServer, template: str, name: str) -> None:
    """Run one statement about database *name* on the maintenance database (autocommit)."""
    import psycopg
    from psycopg import sql

    query = sql.SQL(template).format(sql.Identifier(name))
    with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(query)


# --- databases --------------------------------------------------------------------------------


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/test.sqlite"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = f"inkop_test_{uuid.uuid4().hex[:16]}"
    _admin(server, "CREATE DATABASE {}", name)
    try:
        yield server.database_url(name).render_as_string(hide_password=False)
    finally:
        with contextlib.suppress(Exception):
            _admin(server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy the SQLite database *source* into the new file *target* (backup API, WAL-safe)."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


@dataclass
class Templates:
    """Per engine, a database migrated to head once per pytest worker (made on first use).

    ``engine`` copies it for every test instead of running all migrations again; the template
    is made by the same ``migrate.upgrade`` (audit triggers, grants) the test would run.
    """

    folder: Path
    sqlite: Path | None = None
    postgresql: tuple[PgServer, str] | None = None
    demos: dict[tuple[str, date, bool], DemoTemplate] = field(default_factory=dict)

    def sqlite_file(self) -> Path:
        """The migrated SQLite template file."""
        if self.sqlite is None:
            path = self.folder / "migrated.sqlite"
            eng = make_engine(f"sqlite:///{path}")
            try:
                migrate.upgrade(eng)
            finally:
                eng.dispose()
            self.sqlite = path
        return self.sqlite

    def postgresql_name(self, server: PgServer) -> str:
        """The migrated PostgreSQL template database (nobody connected to it)."""
        if self.postgresql is None:
            name = f"inkop_tmpl_{uuid.uuid4().hex[:12]}"
            _admin(server, "CREATE DATABASE {}", name)
            eng = make_engine(server.database_url(name))
            try:
                migrate.upgrade(eng)
            finally:
                eng.dispose()  # CREATE DATABASE … TEMPLATE refuses a template in use
            self.postgresql = (server, name)
        return self.postgresql[1]

    def demo(self, server: PgServer | None, today: date, *, services: bool) -> DemoTemplate:
        """The demo seeded on the migrated template of SQLite (*server* None) or PostgreSQL."""
        key = ("sqlite" if server is None else "postgresql", today, services)
        if key not in self.demos:
            if server is None:
                path = self.folder / f"demo-{today.isoformat()}-{int(services)}.sqlite"
                _sqlite_copy(self.sqlite_file(), path)
                url, where = f"sqlite:///{path}", str(path)
            else:
                where = f"inkop_demo_{uuid.uuid4().hex[:12]}"
                copy_database(server, self.postgresql_name(server), where)
                url = server.database_url(where).render_as_string(hide_password=False)
            eng = make_engine(url)
            try:
                self.demos[key] = seed(eng, where, today, services=services)
            finally:
                eng.dispose()
        return self.demos[key]


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    """The worker's migrated templates; a PostgreSQL one is dropped at the end."""
    templates = Templates(tmp_path_factory.mktemp("templates"))
    yield templates
    if templates.postgresql is not None:
        server, name = templates.postgresql
        names = [name] + [t.where for (kind, *_), t in templates.demos.items() if kind != "sqlite"]
        with contextlib.suppress(Exception):  # a throw-away cluster may be gone already
            for name in names:
                _admin(server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def copy_database(server: PgServer, template: str, name: str) -> None:
    """Replace the (empty) database *name* with a copy of *template*."""
    import psycopg
    from psycopg import sql

    create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
        sql.Identifier(name), sql.Identifier(template)
    )
    with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(create)


def migrated_copy(request: pytest.FixtureRequest, db_url: str) -> None:
    """Turn the empty test database at *db_url* into a copy of the migrated template."""
    templates: Templates = request.getfixturevalue("migrated_templates")
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(templates.sqlite_file(), Path(str(url.database)))
        return
    server: PgServer = request.getfixturevalue("pg_server")
    copy_database(server, templates.postgresql_name(server), str(url.database))


@pytest.fixture
def engine(request: pytest.FixtureRequest, db_url: str) -> Iterator[Engine]:
    """An engine on *db_url*, migrated to head (a copy of the worker's migrated template)."""
    migrated_copy(request, db_url)
    eng = make_engine(db_url)
    try:
        yield eng
    finally:
        eng.dispose()


DemoDb = Callable[..., DemoSummary]


@pytest.fixture
def demo_db(request: pytest.FixtureRequest, db_url: str, engine: Engine) -> DemoDb:
    """``demo_db(today, services=...)``: the test database becomes the seeded demo's copy.

    Instead of ``seed_demo(sessions, today=today)`` on a database holding nothing but what the
    ``services`` fixture adds (*services* True) or nothing at all: the rows are checked to be
    exactly those the template had before seeding, then the database is replaced by the copy.
    """
    templates: Templates = request.getfixturevalue("migrated_templates")

    def load(today: date, *, services: bool = False) -> DemoSummary:
        server = None if db_url.startswith("sqlite") else request.getfixturevalue("pg_server")
        template = templates.demo(server, today, services=services)
        assert counts(engine) == template.before, "databasen är inte som före seed_demo"
        engine.dispose()
        if server is None:
            _sqlite_copy(Path(template.where), Path(str(make_url(db_url).database)))
        else:
            copy_database(server, template.where, str(make_url(db_url).database))
        return template.summary

    return load


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    """The application's session factory on the migrated test database."""
    factory: sessionmaker[Session] = make_sessionmaker(engine)
    return factory
