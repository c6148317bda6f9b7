"""PostgreSQL servers for benchmarks: a throw-away one, or a generated one kept under ``.data``."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


def url_of(cluster: _Cluster, database: str = "postgres") -> str:
    """The SQLAlchemy URL of *database* on *cluster*."""
    return f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/{database}"


def _bindir() -> Path:
    """The PostgreSQL binaries, or a clear error."""
    bindir = _pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL är inte installerat (initdb/pg_ctl saknas).")
    return bindir


@contextmanager
def throwaway() -> Iterator[_Cluster]:
    """A fresh cluster, removed afterwards."""
    cluster = _Cluster(_bindir())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@contextmanager
def generated(contracts: int) -> Iterator[str]:
    """The URL of a kept PostgreSQL database with *contracts* generated contracts."""
    from benchmarks.data import generate_into

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
        yield url_of(cluster)
    finally:
        cluster.stop()
