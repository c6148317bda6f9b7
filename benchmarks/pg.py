"""PostgreSQL servers for benchmarks: a throw-away one, or a generated one kept under ``.data``."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import _Cluster, _free_port, _pg_bin

from benchmarks.data import DATA


class KeptCluster(_Cluster):
    """A cluster whose data folder stays under ``benchmarks/.data`` between runs."""

    def __init__(self, bindir: Path, root: Path) -> None:
        super().__init__(bindir)
        shutil.rmtree(self.root, ignore_errors=True)  # the temporary folder the parent made
        self.root, self.data, self.log = root, root / "data", root / "log"
        root.mkdir(parents=True, exist_ok=True)
        if self.prefix:
            shutil.chown(root, "postgres", "postgres")

    def start(self) -> None:
        """initdb on first use only, then start on a free port."""
        if not (self.data / "PG_VERSION").exists():
            super().start()
            return
        for _attempt in range(3):
            self.port = _free_port()
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            started = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w",
                                "-t", "60", "-o", options, "start")  # fmt: skip
            if started.returncode == 0:
                return
        raise RuntimeError(f"pg_ctl start misslyckades:\n{started.stderr}\n{self._log_tail()}")

    def stop(self) -> None:
        """Stop the server and keep its data."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@dataclass(frozen=True)
class Fresh:
    """A fresh, empty database on the run's shared cluster (what :func:`throwaway` yields then)."""

    port: int
    database: str


def url_of(cluster: _Cluster | Fresh, database: str | None = None) -> str:
    """The SQLAlchemy URL of *database* (default: the cluster's own, or "postgres") on *cluster*."""
    name = database or getattr(cluster, "database", "postgres")
    return f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/{name}"


def _bindir() -> Path:
    """The PostgreSQL binaries, or a clear error."""
    bindir = _pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL är inte installerat (initdb/pg_ctl saknas).")
    return bindir


_SHARED: list[_Cluster] = []
"""The cluster of a :func:`shared` run, started on first use (at most one)."""
_SHARING: list[bool] = []


@contextmanager
def shared() -> Iterator[None]:
    """Within: every :func:`throwaway` is a fresh database on one cluster, started once.

    The fresh databases are copies of one migrated at the start (the benchmarks migrate
    anyway; at head that is a check), so the migrations run once per run instead of each time.
    """
    _SHARING.append(True)
    try:
        yield
    finally:
        _SHARING.pop()
        while _SHARED:
            _SHARED.pop().stop()


def _admin(port: int, statement: str) -> None:
    """Run *statement* (CREATE/DROP DATABASE) on the cluster's postgres database."""
    import psycopg

    dsn = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as conn:
        conn.execute(statement)


TEMPLATE = "bench_migrated"
"""The shared cluster's database migrated once, that every fresh one is copied from."""


def _shared_port() -> int:
    """The shared cluster's port; started, with the migrated template, on first use."""
    if not _SHARED:
        from inkop_desktop.db import migrate
        from inkop_desktop.db.engine import make_engine

        cluster = _Cluster(_bindir())
        _SHARED.append(cluster)
        cluster.start()
        _admin(cluster.port, f'CREATE DATABASE "{TEMPLATE}"')
        engine = make_engine(url_of(cluster, TEMPLATE))
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()  # CREATE DATABASE … TEMPLATE refuses a template in use
    return _SHARED[0].port


@contextmanager
def _fresh_database() -> Iterator[Fresh]:
    """A new migrated database on the shared cluster, dropped afterwards."""
    port = _shared_port()
    fresh = Fresh(port, f"bench_{uuid.uuid4().hex[:12]}")
    _admin(port, f'CREATE DATABASE "{fresh.database}" TEMPLATE "{TEMPLATE}"')
    try:
        yield fresh
    finally:
        _admin(port, f'DROP DATABASE IF EXISTS "{fresh.database}" WITH (FORCE)')


@contextmanager
def throwaway() -> Iterator[_Cluster | Fresh]:
    """A fresh cluster, removed afterwards; inside :func:`shared` a fresh migrated database."""
    if _SHARING:
        with _fresh_database() as fresh:
            yield fresh
        return
    cluster = _Cluster(_bindir())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@contextmanager
def generated(contracts: int) -> Iterator[str]:
    """The URL of a kept PostgreSQL database with *contracts* generated contracts."""
    from benchmarks.data import generate_into, upgraded

    root = DATA / f"pg-contracts-{contracts}"
    ready = root / "generated"
    if root.exists() and not ready.exists():
        shutil.rmtree(root)  # a generation cut short: start over
    cluster = KeptCluster(_bindir(), root)
    try:
        cluster.start()
        if not ready.exists():
            started = time.perf_counter()
            generate_into(url_of(cluster), contracts)
            ready.write_text("ok\n")
            print(f"genererade {root.name} på {time.perf_counter() - started:.1f} s")
        upgraded(url_of(cluster))  # kept from an older revision: to the shipped schema
        yield url_of(cluster)
    finally:
        cluster.stop()
