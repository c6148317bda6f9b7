"""What every service shares: one Session per call and errors translated for the user."""

from __future__ import annotations

import functools
import inspect
import uuid
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from inkop_desktop.db.aggregates import lock
from inkop_desktop.domain.errors import (
    ConcurrentEditError,
    ConnectionFailedError,
    DomainError,
    NotFoundError,
    ValidationError,
    WriteConflictError,
)
from inkop_desktop.domain.offline import refuse_offline
from inkop_desktop.domain.permissions import Act, PermissionDeniedError
from inkop_desktop.services import visibility
from inkop_desktop.services.access import Actor, require
from inkop_desktop.services.units import CONFLICT_TEXT as CONFLICT_TEXT
from inkop_desktop.services.units import TRIES as TRIES
from inkop_desktop.services.units import in_unit, note_commit, unit_of_work

T = TypeVar("T")
retry_on_conflict = unit_of_work
"""The old name of unit_of_work: every public service method is already one unit."""
WROTE = "wrote"
READ_ONLY_CODE = "25006"
READ_ONLY_TEXT = (
    "Databasen är öppnad bara för läsning: din inloggning finns inte bland personerna. "
    "Be en administratör att lägga upp dig. Inget har sparats."
)
REFUSED_CODES = frozenset({"42501"})  # insufficient privilege (grants, row-level security)
REFUSED_TEXT = (
    "Databasen nekade ändringen: din inloggning har inte behörighet till det här. "
    "Inget har sparats."
)
BUSY_CODES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock not available


@dataclass(eq=False)
class ServiceContext:
    """The session factory and the acting person's login, injected by the composition root."""

    sessions: sessionmaker[Session]
    actor: str = ""
    offline: bool = False
    """The sessions are the local replica's: only drafting acts are allowed (domain.offline)."""
    lost: Callable[[], bool] | None = None
    """Called when the server stops answering mid-call: True when ``sessions`` now point at
    the replica (services.offline.switch), and the call is run again there."""


class Service:
    """Base of all services: ``_session()`` opens, commits and translates errors.

    Every public method of a subclass is made one unit of work (services.units): tried
    again as a whole when concurrent writers made it fail, never on a ConcurrentEditError.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Wrap every public method defined in *cls* as a unit of work."""
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if inspect.isgeneratorfunction(value) or inspect.iscoroutinefunction(value):
                raise TypeError(f"{cls.__name__}.{name}: a service method returns its result")
            setattr(cls, name, _again_offline(unit_of_work(value)))

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    @property
    def actor(self) -> str:
        """Login of the person using the app."""
        return self._ctx.actor

    def _require(
        self,
        session: Session,
        act: Act,
        *,
        responsible: Collection[uuid.UUID | None] = (),
        named: uuid.UUID | None = None,
    ) -> Actor:
        """The acting person, refused with PermissionDeniedError unless the table allows *act*."""
        if self._ctx.offline:
            refuse_offline(act)
        return require(session, self._ctx.actor, act, responsible=responsible, named=named)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction; commit on success, roll back and translate on failure."""
        try:
            with self._ctx.sessions.begin() as session:
                session.info["actor"] = self._ctx.actor
                session.info[visibility.SCOPE] = True
                yield session
            note_commit(bool(session.info.get(WROTE)))
        except DomainError:
            raise
        except StaleDataError as exc:
            raise ConcurrentEditError() from exc
        except IntegrityError as exc:
            raise ValidationError(_integrity_text(exc)) from exc
        except OperationalError as exc:
            if _busy(exc):
                raise WriteConflictError(CONFLICT_TEXT) from exc
            raise ConnectionFailedError(
                "Databasen svarar inte. Kontrollera anslutningen och försök igen."
            ) from exc
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            if code == READ_ONLY_CODE:
                raise PermissionDeniedError(READ_ONLY_TEXT) from exc
            if code in REFUSED_CODES:
                raise PermissionDeniedError(REFUSED_TEXT) from exc
            raise


def _again_offline(method: Callable[..., T]) -> Callable[..., T]:
    """Run *method*; when the server stopped answering and the context switched to the replica,
    run it once more there (a typed save is kept as an offline change, never lost)."""

    @functools.wraps(method)
    def run(self: Service, *args: Any, **kwargs: Any) -> T:
        ctx = self._ctx
        if in_unit() or ctx.offline or ctx.lost is None:
            return method(self, *args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except ConnectionFailedError:
            if not ctx.lost():
                raise
        return method(self, *args, **kwargs)

    return run


def _busy(exc: OperationalError) -> bool:
    """A lock wait that ran out, a deadlock or a serialization failure (worth trying again)."""
    text = str(exc.orig).lower()
    return getattr(exc.orig, "sqlstate", None) in BUSY_CODES or "is locked" in text


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    """Remember that this transaction wrote rows (a unit that committed is not run again)."""
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _statement(state: Any) -> None:
    """Bulk INSERT, UPDATE and DELETE statements write too."""
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


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
    session: Session, cls: type[T], row_id: uuid.UUID, version: int | None, missing: str
) -> T:
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
