"""A pre-loaded process that forks one child per upgrade, so a test can kill it mid-way.

Protocol on stdin/stdout: the server prints ``klar`` once imported; for every line
``URL<TAB>BACKUP_DIR`` it forks, prints ``barn PID``, and when that child has ended
(finished or killed) prints ``slut PID STATUS`` (the raw wait status).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import alembic.command  # imported before the fork, not while a child is timed
import alembic.runtime.migration
import alembic.script  # noqa: F401

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine


def _upgrade(url: str, backups: str) -> None:
    """The child: upgrade the database to head, then leave at once."""
    try:
        engine = make_engine(url)
        migrate.upgrade(engine, backup_dir=Path(backups))
        engine.dispose()
    except BaseException as exc:  # reported to the test through the exit status
        print(f"fel: {exc!r}", file=sys.stderr, flush=True)
        os._exit(1)
    os._exit(0)


def main() -> None:
    """Serve upgrade requests until stdin closes."""
    print("klar", flush=True)
    for line in sys.stdin:
        url, backups = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            _upgrade(url, backups)
        print(f"barn {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"slut {pid} {status}", flush=True)


if __name__ == "__main__":
    main()
