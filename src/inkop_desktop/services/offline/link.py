"""One person's link between the server and their replica, for the window's background timer."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.offline.replica import open_replica, replica_sessions
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.offline.conflicts import Conflict, open_conflicts, resolve
from inkop_desktop.services.offline.sync import OfflineStatus, Synchroniser

log = logging.getLogger(__name__)


class OfflineLink:
    """Synchronises *replica_file* with the server at *url* whenever asked (background thread).

    Given engines are used as they are (the window's own server engine when online, the
    offline connection's replica engine when offline); missing ones are made on first use.
    """

    def __init__(
        self,
        url: str,
        login: str,
        replica_file: Path,
        *,
        password: str | None = None,
        server: Engine | None = None,
        replica: Engine | None = None,
    ) -> None:
        self.url, self.login, self.file, self._password = url, login, replica_file, password
        self._server, self._replica = server, replica
        self._sessions: sessionmaker[Session] | None = None

    def sync(self) -> tuple[bool, OfflineStatus]:
        """Send the outbox and pull; (whether the server answered, the replica's status)."""
        replica = self.replica_engine()
        try:
            synchroniser = Synchroniser(self.server_engine(), replica, self.login)
            synchroniser.run()
            return True, synchroniser.status()
        except ConnectionFailedError as exc:
            log.info("Synkroniseringen väntar på servern: %s", exc)
            return False, self.offline_status()

    def offline_status(self) -> OfflineStatus:
        """The replica's status without asking the server."""
        return Synchroniser(None, self.replica_engine(), self.login).status()

    def conflicts(self) -> list[Conflict]:
        """The conflicts still to resolve, both versions field by field."""
        return open_conflicts(self.replica_engine())

    def resolve(self, conflict: Conflict, choices: dict[str, str]) -> None:
        """Keep the server's version except the fields chosen ``mine``; sent with the next sync."""
        if self._sessions is None:
            self._sessions = replica_sessions(self.replica_engine())
        resolve(self._sessions, conflict, choices)

    def server_engine(self) -> Engine:
        """The server engine (made on first use; connecting happens when it is used)."""
        if self._server is None:
            self._server = make_engine(self.url, password=self._password)
        return self._server

    def replica_engine(self) -> Engine:
        """The replica engine (opened on first use)."""
        if self._replica is None:
            self._replica = open_replica(self.file)
        return self._replica

    def close(self) -> None:
        """Dispose the engines this link made (not the window's)."""
        for engine in (self._server, self._replica):
            if engine is not None:
                engine.dispose()
