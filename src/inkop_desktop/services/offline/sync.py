"""The synchronisation loop: send the outbox in order, record each answer, then pull."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError

from inkop_desktop.db.offline import local, pull, push
from inkop_desktop.db.offline.local import CHOICE, CONFLICT, OUTBOX, RESULT
from inkop_desktop.db.offline.pull import Reader
from inkop_desktop.db.offline.push import Operation
from inkop_desktop.db.offline.replica import refresh
from inkop_desktop.db.offline.schema import UnknownSchemaError
from inkop_desktop.db.tables import Person
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.offline import numbers
from inkop_desktop.services.offline.conflicts import ASIDE, Conflict

log = logging.getLogger(__name__)
UNREACHABLE = (
    "Den gemensamma databasen kan inte nås just nu. Dina ändringar finns kvar lokalt och "
    "skickas när anslutningen är tillbaka."
)
NOT_ALLOWED = (
    "Servern nekade ändringen: din inloggning har inte (längre) behörighet till det här, till "
    "exempel för att dina roller har ändrats. Din version finns kvar i konflikten."
)
BATCH = 25
"""Operations sent before their answers are recorded in one local commit."""
_COUNTED = {"applied": "applied", "already_deleted": "applied", "merged": "merged"}
Answered = Callable[[Operation, dict[str, Any]], None]


@dataclass(frozen=True)
class SyncReport:
    """What one synchronisation did."""

    sent: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    aside: int = 0
    change_number: int | None = None


@dataclass(frozen=True)
class OfflineStatus:
    """For the status bar: changes waiting, kept aside, conflicts open, last synchronisation."""

    waiting: int
    aside: int
    conflicts: int
    last_sync: str
    change_number: int


class Synchroniser:
    """Synchronises one person's replica with the server (the server may be None: offline)."""

    def __init__(self, server: Engine | None, replica: Engine, login: str) -> None:
        self.server, self.replica, self.login = server, replica, login

    def reader(self) -> Reader:
        """The login and person id the replica is filtered for (looked up on the server)."""
        assert self.server is not None
        with self.server.connect() as conn:
            person = conn.execute(
                select(Person.id).where(Person.login == self.login, Person.active.is_(True))
            ).scalar_one_or_none()
            return Reader(self.login, person, pull.reach(conn, person))

    def run(self, answered: Answered | None = None) -> SyncReport:
        """Send everything waiting, then pull; ConnectionFailedError when the server is gone."""
        report = self.push(answered)
        with self.replica.connect() as conn:
            left = len(push.waiting(conn, limit=1))
        if left:
            return report
        number = self._guarded(lambda: refresh(self._server(), self.replica, self.reader()))
        return SyncReport(**{**report.__dict__, "change_number": number})

    def push(self, answered: Answered | None = None) -> SyncReport:
        """Send the waiting operations in order; the answers are recorded per batch.

        Recording a batch in one local commit instead of one per answer is safe by the
        protocol: answers lost with a killed process are asked again and the server repeats
        them (the operation id), so a kill costs repeated sends, never a repeated change.
        """
        counts = {"sent": 0, "applied": 0, "merged": 0, "conflicts": 0, "aside": 0}
        while True:
            with self.replica.connect() as conn:
                batch = push.waiting(conn, limit=BATCH)
            if not batch:
                return SyncReport(**counts)
            done: list[tuple[Operation, dict[str, Any]]] = []
            try:
                for op in batch:
                    answer = self._one(op, answered)
                    if answer is not None:
                        done.append((op, answer))
            finally:
                with self.replica.begin() as conn:
                    for op, answer in done:
                        push.record(conn, op, answer)
            for _op, answer in done:
                counts["sent"] += 1
                counts[_COUNTED.get(str(answer.get("outcome")), "conflicts")] += 1
            counts["aside"] += len(batch) - len(done)

    def _one(self, op: Operation, answered: Answered | None) -> dict[str, Any] | None:
        """Send one operation; the server's answer (None: kept aside, not sendable)."""
        try:
            changes = op.changes()
        except UnknownSchemaError as exc:
            with self.replica.begin() as conn:
                push.set_aside(conn, op, str(exc))
            return None
        server = self._server()

        def send() -> dict[str, Any]:
            try:
                with server.begin() as conn:
                    return push.send(conn, op, numbers.assign(conn, op, self.login, changes))
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != "42501":
                    raise
                return {"outcome": "refused", "reason": "refused", "message": NOT_ALLOWED}

        answer: dict[str, Any] = self._guarded(send)
        if answered is not None:
            answered(op, answer)
        return answer

    def _server(self) -> Engine:
        """The server engine, or ConnectionFailedError while working offline."""
        if self.server is None:
            raise ConnectionFailedError(UNREACHABLE)
        return self.server

    @staticmethod
    def _guarded(call: Callable[[], Any]) -> Any:
        """Run a server call; a lost or refused connection becomes ConnectionFailedError."""
        try:
            return call()
        except DBAPIError as exc:
            if not exc.connection_invalidated and not _is_connection_error(exc):
                raise
            log.warning("Synkroniseringen avbröts: servern svarar inte (%s)", exc.orig)
            raise ConnectionFailedError(UNREACHABLE) from exc

    def status(self) -> OfflineStatus:
        """The outbox and conflict counts and the last synchronisation, read from the replica."""
        with self.replica.connect() as conn:
            waiting = conn.execute(select(func.count()).where(OUTBOX.c.aside == "")).scalar_one()
            aside = conn.execute(select(func.count()).where(OUTBOX.c.aside != "")).scalar_one()
            aside += conn.execute(select(func.count()).where(CHOICE.c.choice == ASIDE)).scalar_one()
            open_ = conn.execute(
                select(func.count()).where(CONFLICT.c.resolved_at.is_(None))
            ).scalar_one()
            return OfflineStatus(
                int(waiting), int(aside), int(open_), local.get_state(conn, "last_sync"),
                int(local.get_state(conn, "change_number", "0")),
            )  # fmt: skip

    def answered_count(self) -> int:
        """How many operations the server has answered (the local sync log)."""
        with self.replica.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(RESULT)).scalar_one())


def _is_connection_error(exc: DBAPIError) -> bool:
    """True for an error that means the server cannot be reached (SQLSTATE class 08, 57P)."""
    import psycopg

    orig = exc.orig
    if isinstance(orig, psycopg.OperationalError):
        state = getattr(getattr(orig, "diag", None), "sqlstate", None) or ""
        return not state or state.startswith(("08", "57P"))
    return False


__all__ = ["Conflict", "OfflineStatus", "SyncReport", "Synchroniser"]
