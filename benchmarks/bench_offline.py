"""Offline synchronisation under kills: 1 000 queued operations, 200 random kill points.

160 synchronisation processes are ended (half right after the server committed an operation
and before the client recorded it, half by SIGKILL at a random moment) and the connection is
cut mid-transaction 40 times; then one clean synchronisation. Printed: operations applied on
the server, duplicated, lost, left in the outbox, whether server and replica agree, and the
time. Run: ``python -m benchmarks.bench_offline [--points N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Start a throw-away PostgreSQL and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    from sqlalchemy import URL
    from tests.conftest import PgServer, _Cluster, _pg_bin
    from tests.services.offline import kill_harness
    from tests.services.offline.conftest import LOGIN, make_server, make_template, seed

    from inkop_desktop.db.offline.replica import open_replica, replica_sessions
    from inkop_desktop.services.offline import Synchroniser

    bindir = _pg_bin()
    if bindir is None:
        print("PostgreSQL är inte installerat: mätningen hoppas över.")
        return
    cluster = _Cluster(bindir)
    try:
        cluster.start()
        pg = PgServer(URL.create("postgresql+psycopg", username="postgres", host="127.0.0.1",
                                 port=cluster.port, database="postgres"))  # fmt: skip
        template = make_template(pg)
        server, _name = make_server(pg, template)
        seed(server)
        folder = Path(tempfile.mkdtemp(prefix="inkop-bench-offline-"))
        replica = open_replica(folder / "replica.sqlite")
        Synchroniser(server, replica, LOGIN).run()
        rng = random.Random(args.seed)
        ids = kill_harness.queue(replica_sessions(replica), 100, 9)
        figures = kill_harness.Figures(operations=len(ids))
        started = time.perf_counter()
        url = server.url.render_as_string(hide_password=False)
        kills, cuts = args.points * 4 // 5, args.points // 5
        kill_harness.kill_children(url, replica, kills, rng, figures, most=8, delays=(0.02, 0.2))
        kill_harness.cut_connections(server, replica, LOGIN, cuts, rng, figures, most=6)
        kill_harness.finish_and_count(server, replica, LOGIN, ids, 9, figures)
        figures.seconds = time.perf_counter() - started
        print(f"Operationer: {figures.operations}; avbrott: {figures.kill_points} "
              f"({figures.after_commit_kills} efter serverns commit, {figures.signal_kills} "
              f"SIGKILL, {figures.connection_cuts} avklippta anslutningar)")  # fmt: skip
        print(f"Tillämpade på servern: {figures.applied_on_server} (olika: "
              f"{figures.distinct_on_server}); dubbla: {figures.duplicated}; förlorade: "
              f"{figures.lost}; kvar i utkorgen: {figures.outbox_left}; servern och repliken "
              f"överens: {'ja' if figures.replica_agrees else 'NEJ'}; "
              f"tid {figures.seconds:.1f} s")  # fmt: skip
        for note in figures.notes:
            print(f"Obs: {note}")
        server.dispose()
        replica.dispose()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
