"""Kill the synchronisation at random points and check that nothing was lost or applied twice.

Used by ``test_kill_during_sync`` (CI-sized) and ``benchmarks/bench_offline.py`` (200 points).
The operations: ``roots`` suppliers created offline, then ``rounds`` offline saves of each
(one operation per supplier and save): ``roots * (1 + rounds)`` operations.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.offline.local import OUTBOX, RESULT
from inkop_desktop.db.tables import Supplier
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.offline import Synchroniser


@dataclass
class Figures:
    """What a kill run did and found."""

    operations: int = 0
    after_commit_kills: int = 0
    signal_kills: int = 0
    connection_cuts: int = 0
    applied_on_server: int = 0
    distinct_on_server: int = 0
    duplicated: int = 0
    lost: int = 0
    outbox_left: int = 0
    replica_agrees: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def kill_points(self) -> int:
        """Kills and cuts that hit a running synchronisation."""
        return self.after_commit_kills + self.signal_kills + self.connection_cuts


def queue(sessions: sessionmaker[Session], roots: int, rounds: int) -> set[uuid.UUID]:
    """Make the offline saves; the ids of the operations they queued."""
    ids: list[uuid.UUID] = []
    for start in range(0, roots, 10):
        with sessions.begin() as s:
            for i in range(start, min(start + 10, roots)):
                row = Supplier(
                    id=uuid.uuid4(), version=1, name=f"Leverantör {i}", name_key=f"LEV {i}",
                    orgnr=f"559{i:03d}-0000", vat_number=f"SE559{i:03d}000001",
                )  # fmt: skip
                s.add(row)
                ids.append(row.id)
    for round_ in range(1, rounds + 1):
        with sessions.begin() as s:  # one flush per save: loaded first, then changed
            for row in s.scalars(select(Supplier).where(Supplier.id.in_(ids))).all():
                row.city, row.phone = f"Ort {round_}", f"016-{round_:02d}"
    with sessions() as s:
        return set(s.execute(select(OUTBOX.c.op_id)).scalars())


@contextmanager
def fork_server() -> Iterator[subprocess.Popen[str]]:
    """The pre-loaded process of sync_child.py."""
    script = Path(__file__).with_name("sync_child.py")
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    process = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env=env,
    )  # fmt: skip
    assert process.stdout is not None and process.stdin is not None
    first = process.stdout.readline().strip()
    assert first == "klar", first
    try:
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def _waiting(replica: Engine) -> int:
    """Operations still in the outbox."""
    with replica.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(OUTBOX)).scalar_one())


def kill_children(
    url: str, replica: Engine, points: int, rng: random.Random, figures: Figures,
    most: int = 60, delays: tuple[float, float] = (0.05, 0.4),
) -> None:  # fmt: skip
    """Start a synchronisation child per point and end it: half after a server commit (after
    1 to *most* answers), half by SIGKILL after a random time within *delays* seconds."""
    path = replica.url.database or ""
    with fork_server() as server:
        assert server.stdin is not None and server.stdout is not None
        for point in range(points):
            if not _waiting(replica):
                figures.notes.append(f"outbox empty after {point} of {points} kill points")
                return
            by_commit = point % 2 == 0
            die_after = rng.randint(1, most) if by_commit else 0
            server.stdin.write(f"{url}\t{path}\t{die_after}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline().split()[1])
            if not by_commit:
                time.sleep(rng.uniform(*delays))  # bounded kill timing: the point is random
                with suppress(ProcessLookupError):  # it may have finished already
                    os.kill(pid, signal.SIGKILL)
            status = int(server.stdout.readline().split()[2])
            killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            died = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 9
            figures.after_commit_kills += died
            figures.signal_kills += killed
            if not (killed or died) and os.WEXITSTATUS(status) != 0:
                raise AssertionError(f"the synchronisation failed (status {status})")


def cut_connections(server: Engine, replica: Engine, login: str, cuts: int, rng: random.Random,
                    figures: Figures, most: int = 40) -> None:  # fmt: skip
    """Synchronise in this process; the server connection is cut mid-transaction *cuts* times
    (each after 1 to *most* sends)."""
    sends = {"n": 0, "at": rng.randint(1, most)}

    def cut(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "inkop_offline_apply" not in statement:
            return
        sends["n"] += 1
        if sends["n"] == sends["at"]:
            pid = conn.connection.dbapi_connection.info.backend_pid
            with psycopg.connect(_libpq(server), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    event.listen(server, "after_cursor_execute", cut)
    try:
        for _ in range(cuts):
            if not _waiting(replica):
                figures.notes.append("outbox empty before every connection cut was made")
                break
            sends["n"], sends["at"] = 0, rng.randint(1, most)
            try:
                Synchroniser(server, replica, login).run()
            except ConnectionFailedError:
                figures.connection_cuts += 1
    finally:
        event.remove(server, "after_cursor_execute", cut)


def _libpq(engine: Engine) -> str:
    """A libpq connection string for *engine*'s database."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def finish_and_count(server: Engine, replica: Engine, login: str, ids: set[uuid.UUID],
                     rounds: int, figures: Figures) -> None:  # fmt: skip
    """A last full synchronisation, then compare the server, the outbox and the replica."""
    Synchroniser(server, replica, login).run()
    with server.connect() as conn:
        rows = conn.execute(text("SELECT id, outcome FROM offline_operation")).all()
        versions = dict(conn.execute(select(Supplier.id, Supplier.version)).all())
        on_server = conn.execute(select(Supplier.id, Supplier.city, Supplier.version)).all()
    applied = [r.id for r in rows if r.outcome == "applied"]
    figures.applied_on_server, figures.distinct_on_server = len(applied), len(set(applied))
    figures.lost = len(ids - set(applied))
    # an operation applied twice would have moved its supplier's version past 1 + rounds
    figures.duplicated = sum(v - (1 + rounds) for v in versions.values() if v > 1 + rounds)
    figures.duplicated += len(applied) - len(set(applied))
    with replica.connect() as conn:
        figures.outbox_left = int(
            conn.execute(select(func.count()).select_from(OUTBOX)).scalar_one()
        )
        answered = int(conn.execute(select(func.count()).select_from(RESULT)).scalar_one())
        local = conn.execute(select(Supplier.id, Supplier.city, Supplier.version)).all()
    figures.replica_agrees = sorted(map(tuple, local)) == sorted(map(tuple, on_server))
    if answered != len(ids):
        figures.notes.append(f"{answered} answers recorded for {len(ids)} operations")
