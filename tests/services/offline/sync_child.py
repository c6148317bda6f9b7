"""A pre-loaded process that forks one synchronisation per request, so a test can kill it.

Protocol on stdin/stdout: prints ``klar`` once imported; for every line
``SERVER_URL<TAB>REPLICA_PATH<TAB>DIE_AFTER`` it forks a child that synchronises the replica
(``DIE_AFTER`` > 0: the child exits at once after that many server answers, i.e. after the
server committed and before the client recorded it), prints ``barn PID``, and when the child
has ended (finished, died or killed) ``slut PID STATUS`` (the raw wait status).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import psycopg  # noqa: F401  imported before the fork, not while a child is timed

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.offline import push as _push  # noqa: F401
from inkop_desktop.db.offline.replica import open_replica
from inkop_desktop.services.offline import Synchroniser

LOGIN = "karin.oberg"


def _sync(url: str, replica_path: str, die_after: int) -> None:
    """The child: synchronise, then leave at once (``os._exit``: no clean-up runs)."""
    answers = 0

    def answered(_op: Any, _answer: Any) -> None:
        nonlocal answers
        answers += 1
        if die_after and answers >= die_after:
            os._exit(9)

    try:
        server, replica = make_engine(url), open_replica(Path(replica_path))
        Synchroniser(server, replica, LOGIN).run(answered)
    except BaseException as exc:  # reported to the test through the exit status
        print(f"fel: {exc!r}", file=sys.stderr, flush=True)
        os._exit(1)
    os._exit(0)


def main() -> None:
    """Serve fork requests until stdin closes."""
    print("klar", flush=True)
    for line in sys.stdin:
        url, replica_path, die_after = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            _sync(url, replica_path, int(die_after))
        print(f"barn {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"slut {pid} {status}", flush=True)


if __name__ == "__main__":
    main()
