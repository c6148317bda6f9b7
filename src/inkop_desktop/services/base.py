"""What every service shares: one Session per call and errors translated for the user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from inkop_desktop.db.aggregates import lock
from inkop_desktop.domain.errors import (
    ConcurrentEditError,
    ConnectionFailedError,
    DomainError,
    NotFoundError,
    ValidationError,
)

R = TypeVar("R")


@dataclass(frozen=True)
class ServiceContext:
    """The session factory and the acting person's login, injected by the composition root."""

    sessions: sessionmaker[Session]
    actor: str = ""


class Service:
    """Base of all services: ``_session()`` opens, commits and translates errors."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    @property
    def actor(self) -> str:
        """Login of the person using the app."""
        return self._ctx.actor

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction; commit on success, roll back and translate on failure."""
        try:
            with self._ctx.sessions.begin() as session:
                session.info["actor"] = self._ctx.actor
                yield session
        except DomainError:
            raise
        except StaleDataError as exc:
            raise ConcurrentEditError() from exc
        except IntegrityError as exc:
            raise ValidationError(_integrity_text(exc)) from exc
        except OperationalError as exc:
            raise ConnectionFailedError(
                "Databasen svarar inte. Kontrollera anslutningen och försök igen."
            ) from exc


def _integrity_text(exc: IntegrityError) -> str:
    """A Swedish message for a constraint violation."""
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        return "Det finns redan en post med samma nummer eller namn."
    if "foreign key" in text:
        return "Posten hänvisar till något som inte finns, eller används av andra poster."
    return "Posten kunde inte sparas eftersom den bryter mot en regel i databasen."


def check_version(current: int, opened: int) -> None:
    """Refuse to save over a newer version than the one the user opened."""
    if current != opened:
        raise ConcurrentEditError()


def load_for_edit(
    session: Session, cls: type[R], row_id: uuid.UUID, version: int | None, missing: str
) -> R:
    """The record locked for this save, checked against the version the user opened.

    Every save of a record or of one of its lists starts here, before any child row is
    read or written: concurrent saves of one record queue up on the lock and the later one
    is refused with ConcurrentEditError (``version=None``: lock only, nothing was opened).
    """
    row = lock(session, cls, row_id)
    if row is None:
        raise NotFoundError(missing)
    if version is not None:
        check_version(row.version, version)
    return row  # type: ignore[no-any-return]
