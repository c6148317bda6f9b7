"""Organisations and people: pick lists and the logged-in person."""

from __future__ import annotations

import uuid

from pydantic import BaseModel
from sqlalchemy import Select, select

from inkop_desktop.db.tables import Organisation, Person, PersonRole
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.access import Actor, actor
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN


class PersonRef(BaseModel):
    """A person for pick lists and the status bar."""

    model_config = FROZEN
    id: uuid.UUID
    name: str
    login: str
    organisation: str | None
    roles: tuple[Role, ...] = ()

    @property
    def display(self) -> str:
        """``Name (Organisation)``."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def with_roles(self) -> str:
        """``Name (upphandlare, administratör)`` for the status bar."""
        ordered = [r.label.lower() for r in Role if r in self.roles]
        return f"{self.name} ({', '.join(ordered)})" if ordered else self.name


class OrganisationRef(BaseModel):
    """An organisation for pick lists."""

    model_config = FROZEN
    id: uuid.UUID
    name: str
    kind: str
    region: str | None


class PeopleService(Service):
    """Reads people and organisations."""

    def people(self, role: Role | None = None) -> list[PersonRef]:
        """Active people, optionally only those holding *role*, sorted by name."""
        stmt = _active_people()
        if role is not None:
            stmt = stmt.where(
                Person.id.in_(select(PersonRole.person_id).where(PersonRole.role == role))
            )
        return self._refs(stmt)

    def me(self) -> Actor:
        """The acting person with the roles valid today (what the GUI may offer them)."""
        with self._session() as s:
            return actor(s, self.actor)

    def by_login(self, login: str) -> PersonRef | None:
        """The active person with *login*, or None (read alone: it runs at every start)."""
        return next(iter(self._refs(_active_people().where(Person.login == login))), None)

    def _refs(self, stmt: Select[uuid.UUID, str, str, str]) -> list[PersonRef]:
        """The people *stmt* selects, with their roles."""
        with self._session() as s:
            rows = s.execute(stmt).all()
            roles = _roles(s, [r.id for r in rows])
        return [PersonRef(**r._asdict(), roles=roles.get(r.id, ())) for r in rows]

    def organisations(self) -> list[OrganisationRef]:
        """All organisations sorted by region and name."""
        stmt = select(Organisation.id, Organisation.name, Organisation.kind, Organisation.region)
        with self._session() as s:
            rows = s.execute(stmt.order_by(Organisation.region, Organisation.name)).all()
        return [OrganisationRef.model_validate(r) for r in rows]


def _active_people() -> Select[uuid.UUID, str, str, str]:
    """Active people with their organisation's name, sorted by name."""
    return (
        select(Person.id, Person.name, Person.login, Organisation.name.label("organisation"))
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.active.is_(True))
        .order_by(Person.name)
    )


def _roles(session: object, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Role, ...]]:
    """Roles per person id."""
    found: dict[uuid.UUID, list[Role]] = {}
    stmt = select(PersonRole.person_id, PersonRole.role).where(PersonRole.person_id.in_(ids))
    for pid, role in session.execute(stmt):  # type: ignore[attr-defined]
        found.setdefault(pid, []).append(Role(role))
    return {k: tuple(sorted(set(v))) for k, v in found.items()}
