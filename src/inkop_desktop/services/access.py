"""The acting person and the permission check every writing service makes first.

Setting up: while a database has no active administrator at all (a new installation), the
administration acts are open, so that the organisation and people can be imported or entered
and the first administrator named; from then on the table applies to everyone.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session, aliased

from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import Act, allowed, check, refusal
from inkop_desktop.services.reads import plain_read

Who = uuid.UUID | None


@dataclass(frozen=True)
class Actor:
    """The person behind the login and the roles they hold today (none if unknown)."""

    login: str
    person_id: uuid.UUID | None
    name: str
    roles: frozenset[Role]
    setting_up: bool = False
    """No active administrator exists yet: administration is open to set the installation up."""

    def may(
        self, act: Act, *, responsible: Collection[uuid.UUID | None] = (), named: Who = None
    ) -> bool:
        """True when the table allows *act* given who is responsible for / named on the record."""
        if act is Act.ADMINISTER and self.setting_up:
            return True
        return allowed(act, self.roles, **self._relation(responsible, named))

    def require(
        self, act: Act, *, responsible: Collection[uuid.UUID | None] = (), named: Who = None
    ) -> None:
        """Raise PermissionDeniedError (Swedish, naming the rule) unless *act* is allowed."""
        if act is Act.ADMINISTER and self.setting_up:
            return
        check(act, self.roles, **self._relation(responsible, named))

    def refusal(
        self, act: Act, *, responsible: Collection[uuid.UUID | None] = (), named: Who = None
    ) -> str:
        """The Swedish refusal this person would get for *act*, or "" when it is allowed."""
        if self.may(act, responsible=responsible, named=named):
            return ""
        return refusal(act, self.roles)

    def _relation(
        self, responsible: Collection[uuid.UUID | None], named: uuid.UUID | None
    ) -> dict[str, bool]:
        """Whether this person is among the responsible / the named person."""
        me = self.person_id
        return {
            "responsible": me is not None and me in responsible,
            "named": me is not None and me == named,
        }


def _valid_on(day: Any) -> Any:
    """SQL: the role is valid on *day*."""
    return and_(
        or_(PersonRole.valid_from.is_(None), PersonRole.valid_from <= day),
        or_(PersonRole.valid_to.is_(None), PersonRole.valid_to >= day),
    )


_ADMINISTRATOR = (
    select(PersonRole.id)
    .join(Person, Person.id == PersonRole.person_id)
    .where(
        Person.active.is_(True),
        PersonRole.role == Role.ADMINISTRATOR,
        _valid_on(bindparam("on")),
    )
    .limit(1)
)
"""An active person holding a valid administrator role (the installation is set up)."""
_ME = aliased(Person)
_ACTOR = (
    select(
        _ME.id,
        _ME.name,
        PersonRole.role,
        _ADMINISTRATOR.correlate(None).exists().label("administered"),
    )
    .outerjoin(PersonRole, and_(PersonRole.person_id == _ME.id, _valid_on(bindparam("on"))))
    .where(_ME.login == bindparam("login"), _ME.active.is_(True))
)
"""The person, one row per role valid on the day, and whether an administrator exists: one
round trip for every permission check, built once (no statement is composed per call)."""


def actor(session: Session, login: str, day: date | None = None) -> Actor:
    """The active person with *login* and the roles valid on *day* (default today)."""
    on = day or date.today()
    rows = plain_read(session, _ACTOR, {"login": login, "on": on}).all()
    if not rows:
        setting_up = plain_read(session, _ADMINISTRATOR, {"on": on}).first() is None
        return Actor(login, None, login, frozenset(), setting_up)
    first = rows[0]
    roles = frozenset(Role(r.role) for r in rows if r.role is not None)
    return Actor(login, first.id, first.name, roles, not first.administered)


def require(
    session: Session,
    login: str,
    act: Act,
    *,
    responsible: Collection[uuid.UUID | None] = (),
    named: uuid.UUID | None = None,
) -> Actor:
    """The acting person, after checking that they may perform *act*."""
    who = actor(session, login)
    who.require(act, responsible=responsible, named=named)
    return who
