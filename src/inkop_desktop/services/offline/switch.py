"""The connection switch: one ServiceContext pointed at the server or at the person's replica.

Every service of the window shares one context, so switching its session factory moves all of
them at once. The switch is made from any thread (a service call that found the server gone,
``ServiceContext.lost``) and tells the window through ``on_change`` (from that thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.engine import make_sessionmaker
from inkop_desktop.db.offline.replica import replica_sessions
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.base import WROTE, ServiceContext
from inkop_desktop.services.offline.link import OfflineLink

log = logging.getLogger(__name__)
SWITCH = "offline_switch"
"""``Session.info`` key of the window's sessions: the switch told of every save."""
REPLICA = "offline_replica"
"""``Session.info`` key: True on the replica's sessions."""


class Mode(Enum):
    """Where the services are pointed."""

    ONLINE = "online"
    FAILED = "failed"
    """Offline because the server stopped answering: tried again in the background."""
    CHOSEN = "chosen"
    """Offline because the person chose *Arbeta offline*."""


class ConnectionSwitch:
    """Points *context* at the server or at the replica of *link*."""

    def __init__(self, context: ServiceContext, link: OfflineLink, *, offline: bool) -> None:
        self.context, self.link = context, link
        self.mode = Mode.FAILED if offline else Mode.ONLINE
        self._server: sessionmaker[Session] | None = None if offline else context.sessions
        self._replica: sessionmaker[Session] | None = context.sessions if offline else None
        self._lock = threading.Lock()
        self.on_change: Callable[[Mode], None] = lambda _mode: None
        self.on_saved_offline: Callable[[], None] = lambda: None
        self.on_saved_online: Callable[[], None] = lambda: None
        """A save on the server (the window brings the replica up to date soon after)."""
        self._mark(context.sessions, replica=offline)
        context.lost = self.lost

    @property
    def online(self) -> bool:
        """True while the services use the server."""
        return self.mode is Mode.ONLINE

    def lost(self) -> bool:
        """The server stopped answering a service call: use the replica (False: there is none)."""
        if not self.link.file.exists():
            return False
        self._to(Mode.FAILED)
        return True

    def to_replica(self) -> None:
        """*Arbeta offline*: the services use the replica until the person goes online again."""
        self._to(Mode.CHOSEN)

    def to_server(self) -> None:
        """Back to the server (after a synchronisation)."""
        self._to(Mode.ONLINE)

    def probe(self) -> bool:
        """True when the server answers a trivial query (background; bounded by connect_timeout)."""
        try:
            engine = self.link.server_engine()
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except (DBAPIError, ConnectionFailedError) as exc:
            log.info("Servern svarar inte ännu: %s", exc)
            return False

    def _to(self, mode: Mode) -> None:
        """Switch the context (once per change) and tell the window."""
        with self._lock:
            if mode is self.mode:
                return
            online = mode is Mode.ONLINE
            if online == (self.mode is Mode.ONLINE):
                self.mode = mode
            else:
                sessions = self._server_sessions() if online else self._replica_sessions()
                self.context.sessions, self.context.offline = sessions, not online
                self.mode = mode
                log.warning(
                    "Arbetar nu %s", "mot servern" if online else "offline i den lokala kopian"
                )
        self.on_change(mode)

    def _server_sessions(self) -> sessionmaker[Session]:
        """The server's session factory (made on first use when the window started offline)."""
        if self._server is None:
            self._server = make_sessionmaker(self.link.server_engine())
            audit.install(self._server)
            self._mark(self._server, replica=False)
        return self._server

    def _replica_sessions(self) -> sessionmaker[Session]:
        """The replica's session factory (made on first use)."""
        if self._replica is None:
            self._replica = replica_sessions(self.link.replica_engine())
            self._mark(self._replica, replica=True)
        return self._replica

    def _mark(self, sessions: sessionmaker[Session], *, replica: bool) -> None:
        """Saves through *sessions* are reported to this switch."""
        info = sessions.kw.setdefault("info", {})
        info[SWITCH], info[REPLICA] = self, replica


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    """A save: tell the switch (offline: the window says it waits for the server)."""
    switch: Any = session.info.get(SWITCH)
    if switch is None or not session.info.get(WROTE):
        return
    if session.info.get(REPLICA):
        switch.on_saved_offline()
    else:
        switch.on_saved_online()
