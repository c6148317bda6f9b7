"""The guard that keeps an installation from losing its last administrator."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Role

LAST_ADMINISTRATOR = (
    "Ändringen skulle lämna installationen utan administratör. Ge först någon annan "
    "rollen administratör."
)


def refuse_without_administrator(session: Session, day: date | None = None) -> None:
    """After a change (flushed): at least one active person is administrator today.

    Without one the installation would be open to anyone setting it up again.
    """
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
