"""Who administers: the permission check of every administration write, and its two guards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.access import Actor

Require = Callable[[Session, Act], Actor]

LAST_ADMINISTRATOR = (
    "Ändringen skulle lämna installationen utan administratör. Ge först någon annan "
    "rollen administratör."
)


def has_administrator_role(session: Session) -> bool:
    """True once anyone has ever been given the administrator role (a set-up installation)."""
    stmt = select(PersonRole.id).where(PersonRole.role == Role.ADMINISTRATOR.value)
    return session.execute(stmt.limit(1)).first() is not None


def require_administrator_unless_new(session: Session, require: Require) -> None:
    """Refuse non-administrators, except in a new installation that has no administrator yet.

    A new installation is set up by importing its registers; the person import gives it its
    first administrators, and from then on only they may change the registers.
    """
    if has_administrator_role(session):
        require(session, Act.ADMINISTER)


def refuse_without_administrator(session: Session, day: date | None = None) -> None:
    """After a change (flushed): at least one active person is administrator today."""
    on = day or date.today()
    stmt = (
        select(PersonRole.id)
        .join(Person, Person.id == PersonRole.person_id)
        .where(
            Person.active.is_(True),
            PersonRole.role == Role.ADMINISTRATOR.value,
            or_(PersonRole.valid_from.is_(None), PersonRole.valid_from <= on),
            or_(PersonRole.valid_to.is_(None), PersonRole.valid_to >= on),
        )
    )
    if session.execute(stmt.limit(1)).first() is None:
        raise ValidationError(LAST_ADMINISTRATOR)
