"""One person's link between the server and their replica, for the window's background timer."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.offline.replica import open_replica
from inkop_desktop.domain.errors import ConnectionFailedError
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

    def sync(self) -> tuple[bool, OfflineStatus]:
        """Send the outbox and pull; (whether the server answered, the replica's status)."""
        if self._replica is None:
            self._replica = open_replica(self.file)
        try:
            if self._server is None:
                self._server = make_engine(self.url, password=self._password)
            synchroniser = Synchroniser(self._server, self._replica, self.login)
            synchroniser.run()
            return True, synchroniser.status()
        except ConnectionFailedError as exc:
            log.info("Synkroniseringen väntar på servern: %s", exc)
            return False, Synchroniser(None, self._replica, self.login).status()

    def close(self) -> None:
        """Dispose the engines this link made (not the window's)."""
        for engine in (self._server, self._replica):
            if engine is not None:
                engine.dispose()
