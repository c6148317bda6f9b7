"""The anchor of the load benchmark: the same SQL statements replayed with plain psycopg.

One save through the services is recorded statement by statement (as the driver received them,
parameters included, split into transactions); raw clients then replay it for their own
contracts (the recorded contract's id swapped for theirs). The reading transactions commit;
the writing ones roll back, so each replay meets the row versions the recording saw and does
the same work (row locks, triggers, audit chain lock) without the service layer. Before the
rollback the deferred constraint triggers are fired (``SET CONSTRAINTS ALL IMMEDIATE``): a
rollback skips them, so the replays never chained their audit entries under the chain's lock,
which every service save takes at its commit. Rows a
statement returns are fetched as tuples (the services fetch and use them too).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

Statement = tuple[str, Any, bool]
Transaction = list[Statement]


@dataclass
class Recording:
    """The transactions of one open + save, and of one catalogue search."""

    contract_id: uuid.UUID
    reads: list[Transaction] = field(default_factory=list)
    writes: list[Transaction] = field(default_factory=list)
    search: list[Transaction] = field(default_factory=list)


def record(engine: Any, into: list[Transaction], action: Callable[[], object]) -> None:
    """Run *action*, appending each transaction's statements to *into*."""
    current: Transaction = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any,
                   many: bool) -> None:  # fmt: skip
        current.append((statement, params, many))

    def on_end(_conn: Any) -> None:
        if current:
            into.append(list(current))
            current.clear()

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_end)
    event.listen(engine, "rollback", on_end)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_end)
        event.remove(engine, "rollback", on_end)
    on_end(None)


def _swap(value: Any, old: uuid.UUID, new: uuid.UUID) -> Any:
    """*value* with the recorded contract id replaced (UUID, its text, or inside containers)."""
    if isinstance(value, uuid.UUID):
        return new if value == old else value
    if isinstance(value, str):
        return value.replace(str(old), str(new)).replace(old.hex, new.hex)
    if isinstance(value, dict):
        return {k: _swap(v, old, new) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_swap(v, old, new) for v in value)
    return value


def _replay(conn: Any, txs: list[Transaction], old: uuid.UUID, new: uuid.UUID, keep: bool) -> None:
    """Run the transactions for contract *new*; commit them if *keep*, else roll back."""
    for tx in txs:
        with conn.cursor() as cur:
            for statement, params, many in tx:
                swapped = _swap(params, old, new)
                if many:
                    cur.executemany(statement, swapped)
                else:
                    cur.execute(statement, swapped or None)
                if cur.description is not None:
                    cur.fetchall()  # a client reads what it asked for, as the services do
        if keep:
            conn.commit()
        else:
            # what COMMIT would run first: the deferred audit-chain trigger, under its lock
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
            conn.rollback()


def raw_client(
    dsn: str, rec: Recording, own: list[uuid.UUID], window: Any, seed: int, tally: Any,
    timed: Callable[..., None],
) -> None:  # fmt: skip
    """Replay open + save for one of *own*, then the search, as *timed* runs the steps."""
    import psycopg

    pick = random.Random(seed)
    with psycopg.connect(dsn) as conn:

        def save_and_search(_n: int, into: list[float]) -> None:
            contract_id = pick.choice(own)
            try:
                started = time.perf_counter()
                _replay(conn, rec.reads, rec.contract_id, contract_id, keep=True)
                _replay(conn, rec.writes, rec.contract_id, contract_id, keep=False)
                with tally.lock:
                    into.append(time.perf_counter() - started)
                _replay(conn, rec.search, rec.contract_id, contract_id, keep=True)
            except Exception:
                conn.rollback()
                raise

        timed(save_and_search, window, tally)
