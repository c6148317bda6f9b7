"""Other users' changes: LISTEN/NOTIFY on PostgreSQL, ``PRAGMA data_version`` on SQLite.

After every committed transaction the PostgreSQL audit triggers send ``NOTIFY inkop_changes,
'<table>'`` once per changed table. A :class:`PostgresListener` listens on a connection of its
own in a background thread and hands each batch of table names to a callback; notifications
sent by this program's own pooled connections are left out (their backend pids are known), as
the program re-reads what it saved itself. A :class:`SqliteWatcher` polls ``PRAGMA
data_version`` on its own connection, which changes when any other connection commits; it
reports :data:`EVERYTHING` ("everything may have changed") unless this program committed in
the same interval. Callbacks run on the background thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, Protocol

import psycopg
from sqlalchemy import Engine, event

from inkop_desktop.db.engine import is_sqlite

log = logging.getLogger(__name__)

CHANNEL = "inkop_changes"
"""The NOTIFY channel of the audit triggers (payload: the changed table's name)."""
EVERYTHING = frozenset({"*"})
"""A batch meaning "anything may have changed" (SQLite, or after a lost connection)."""
WAIT_S = 0.5
"""How long one wait for notifications lasts (also how soon stop() is noticed)."""
BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
"""Waits before reconnecting after a dropped connection, the last one repeated."""
POLL_S = 2.0
"""How often SQLite's data_version is read."""

Batch = frozenset[str]
Callback = Callable[[Batch], None]


class ChangeListener(Protocol):
    """A background watcher of other connections' commits."""

    def start(self) -> None:
        """Start watching in a background thread."""

    def stop(self) -> None:
        """Stop and close the watcher's connection; returns when the thread has ended."""

    @property
    def running(self) -> bool:
        """True while the background thread is alive."""


class _Worker(ABC):
    """A daemon thread with a stop event; subclasses implement ``_run``."""

    name = "inkop-changes"

    def __init__(self, callback: Callback) -> None:
        self._callback = callback
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._rounds = 0
        self._round = threading.Condition()

    def start(self) -> None:
        """Start the background thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._guarded, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (at most *timeout* seconds)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """True while the background thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def wait_rounds(self, count: int, timeout: float = 10.0) -> bool:
        """Wait until *count* more rounds (a poll, a wait for notifications) have been done."""
        with self._round:
            goal = self._rounds + count
            return self._round.wait_for(lambda: self._rounds >= goal, timeout)

    def _ticked(self) -> None:
        """One round is done (after the connection is ready, and after every wait)."""
        with self._round:
            self._rounds += 1
            self._round.notify_all()

    def _guarded(self) -> None:
        """Run; an unexpected error is logged, never raised out of the thread."""
        try:
            self._run()
        except Exception:
            log.exception("Bevakningen av andras ändringar avbröts oväntat")

    def _deliver(self, batch: Batch) -> None:
        """Hand a batch to the callback; its failure does not end the watcher."""
        try:
            self._callback(batch)
        except Exception:
            log.exception("Ändringar från andra användare kunde inte lämnas vidare")

    @abstractmethod
    def _run(self) -> None:
        """The thread's work, until the stop event is set."""


class OwnBackends:
    """The backend pids of an engine's pooled connections (this program's own sessions)."""

    def __init__(self, engine: Engine) -> None:
        self.pids: set[int] = set()
        self._engine = engine
        event.listen(engine, "checkout", self._checked_out)
        event.listen(engine, "close", self._closed)

    def _checked_out(self, dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """Remember the backend pid of a connection a session is about to use."""
        pid = int(dbapi_connection.info.backend_pid)
        record.info["inkop_backend_pid"] = pid
        self.pids.add(pid)

    def _closed(self, _dbapi_connection: Any, record: Any) -> None:
        """Forget a closed connection's pid (the server may give it to someone else)."""
        self.pids.discard(record.info.get("inkop_backend_pid", -1))

    def remove(self) -> None:
        """Stop tracking."""
        event.remove(self._engine, "checkout", self._checked_out)
        event.remove(self._engine, "close", self._closed)


class PostgresListener(_Worker):
    """LISTEN on a dedicated autocommit connection; reconnects after a dropped connection."""

    name = "inkop-listen"

    def __init__(self, engine: Engine, callback: Callback) -> None:
        super().__init__(callback)
        args, params = engine.dialect.create_connect_args(engine.url)
        params.pop("context", None)
        self._args, self._params = list(args), {"connect_timeout": 10, **params}
        self._own = OwnBackends(engine)
        self._where = f"{engine.url.host or 'localhost'}:{engine.url.port or 5432}"
        self.connections = 0
        """How many times the listener has connected (a test waits for a reconnect)."""

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and forget the pool's pids."""
        super().stop(timeout)
        self._own.remove()

    def _run(self) -> None:
        """Connect, listen until stopped; on a lost connection wait a little and start over."""
        failures = 0
        while not self._stop.is_set():
            try:
                with self._connect() as conn:
                    if self.connections > 1:  # missed notifications while away
                        self._deliver(EVERYTHING)
                    failures = 0
                    self._ticked()
                    self._listen(conn)
            except psycopg.Error as exc:
                delay = BACKOFF_S[min(failures, len(BACKOFF_S) - 1)]
                failures += 1
                log.warning(
                    "Bevakningen av andras ändringar har ingen anslutning till %s (%s); "
                    "försöker igen om %.1f s",
                    self._where,
                    self._reason(exc),
                    delay,
                )
                self._stop.wait(delay)

    def _connect(self) -> psycopg.Connection[Any]:
        """A new autocommit connection that listens on the channel."""
        conn = psycopg.connect(*self._args, **self._params, autocommit=True)
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        self.connections += 1
        if self.connections > 1:
            log.info("Bevakningen av andras ändringar är ansluten igen till %s", self._where)
        return conn

    def _listen(self, conn: psycopg.Connection[Any]) -> None:
        """Gather what arrives in each short wait into one batch, until stopped."""
        while not self._stop.is_set():
            batch = {
                n.payload for n in conn.notifies(timeout=WAIT_S) if n.pid not in self._own.pids
            }
            if batch:
                self._deliver(frozenset(batch))
            self._ticked()

    def _reason(self, exc: BaseException) -> str:
        """The error's first line, without the password should a message ever contain it."""
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        password = self._params.get("password")
        return reason.replace(password, "***") if password else reason


class SqliteWatcher(_Worker):
    """Polls ``PRAGMA data_version`` on a connection of its own; reports EVERYTHING.

    A change in an interval in which this program committed too is taken as its own (the
    program re-reads what it saved); another program's commit in the same two seconds then
    shows with the next refresh.
    """

    name = "inkop-data-version"

    def __init__(self, engine: Engine, callback: Callback, interval: float = POLL_S) -> None:
        super().__init__(callback)
        self._path = engine.url.database or ""
        self._interval = interval
        self._engine = engine
        self._own_commits = 0
        self._conn: sqlite3.Connection | None = None
        self._last = (0, 0)
        event.listen(engine, "commit", self._committed)

    def _committed(self, connection: Any) -> None:
        """This program committed a change (its own saves are re-read where they were made).

        A read's commit is not counted: ``total_changes`` (rows this connection inserted,
        updated or deleted) did not move since the connection's previous commit.
        """
        pooled = connection.connection
        changes = int(pooled.dbapi_connection.total_changes)
        if pooled.info.get("inkop_total_changes", 0) != changes:
            pooled.info["inkop_total_changes"] = changes
            self._own_commits += 1

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling and stop counting commits."""
        super().stop(timeout)
        event.remove(self._engine, "commit", self._committed)

    def _run(self) -> None:
        """Check every interval until stopped; then close the connection."""
        try:
            self.check()
            self._ticked()
            while not self._stop.wait(self._interval):
                self.check()
                self._ticked()
        finally:
            if self._conn is not None:
                self._conn.close()

    def check(self) -> None:
        """One poll: report EVERYTHING if another connection committed since the last one."""
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self._path, timeout=10, check_same_thread=False)
                self._last = (self._version(self._conn), self._own_commits)
                return
            now = (self._version(self._conn), self._own_commits)
        except sqlite3.Error as exc:
            log.warning("Databasfilen kunde inte kontrolleras för ändringar: %s", exc)
            return
        changed, mine = now[0] != self._last[0], now[1] != self._last[1]
        self._last = now
        if changed and not mine:
            self._deliver(EVERYTHING)

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        """The connection's data_version (changes when another connection commits)."""
        return int(conn.execute("PRAGMA data_version").fetchone()[0])


def listener(engine: Engine, callback: Callback) -> ChangeListener:
    """The right watcher for the engine's database (not started yet)."""
    if is_sqlite(engine.url):
        return SqliteWatcher(engine, callback)
    return PostgresListener(engine, callback)
