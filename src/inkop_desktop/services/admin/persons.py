"""Administration of people and their dated roles: list, create, edit and deactivate."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation, Person, PersonRole
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.organisation_input import PersonEdit, RoleGrantInput
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin.guard import refuse_without_administrator
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import FROZEN

MISSING = "Personen finns inte längre."


class RoleGrant(BaseModel):
    """A role as stored: limited to an organisation (or not) and dated (or not)."""

    model_config = FROZEN
    role: Role
    organisation_id: uuid.UUID | None
    organisation: str | None
    valid_from: date | None
    valid_to: date | None

    @property
    def display(self) -> str:
        """``Budgetansvarig (Regionservice) 2026-01-01–``."""
        text = self.role.label + (f" ({self.organisation})" if self.organisation else "")
        if self.valid_from or self.valid_to:
            start = self.valid_from.isoformat() if self.valid_from else ""
            end = self.valid_to.isoformat() if self.valid_to else ""
            text += f" {start}–{end}"
        return text


class PersonRow(BaseModel):
    """One line in the people list."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    name: str
    login: str
    email: str
    organisation: str | None
    active: bool
    roles: str


class PersonDetail(BaseModel):
    """A person as opened in the editor, with the version the save is checked against."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    name: str
    login: str
    email: str
    title: str
    organisation_id: uuid.UUID | None
    external_company: str | None
    active: bool
    roles: tuple[RoleGrant, ...] = ()


class PersonAdmin(Service):
    """People, their organisation and their roles, as an administrator maintains them."""

    def list(self) -> list[PersonRow]:
        """Everyone (also the inactive) by name, with their roles in one text."""
        with self._session() as s:
            names = _org_names(s)
            grants = _grants(s, names)
            people = s.scalars(select(Person).order_by(Person.name, Person.login))
            return [
                PersonRow(
                    id=p.id, version=p.version, name=p.name, login=p.login, email=p.email,
                    organisation=names.get(p.organisation_id) if p.organisation_id else None,
                    active=p.active, roles=", ".join(g.display for g in grants.get(p.id, ())),
                )
                for p in people
            ]  # fmt: skip

    def get(self, person_id: uuid.UUID) -> PersonDetail:
        """One person for editing."""
        with self._session() as s:
            return _detail(s, load_for_edit(s, Person, person_id, None, MISSING))

    def create(self, data: dict[str, Any]) -> PersonDetail:
        """Store a new person with their roles."""
        item = parse(PersonEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            _check(s, item, None)
            row = Person(version=1, **_columns(item))
            s.add(row)
            s.flush()
            _set_roles(s, row.id, item.roles)
            s.flush()
            return _detail(s, row)

    def update(self, person_id: uuid.UUID, version: int, data: dict[str, Any]) -> PersonDetail:
        """Save changes to the version the user opened (roles are part of the person)."""
        item = parse(PersonEdit, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, Person, person_id, version, MISSING)
            _check(s, item, person_id)
            for key, value in _columns(item).items():
                setattr(row, key, value)
            _set_roles(s, row.id, item.roles)
            s.flush()
            refuse_without_administrator(s)
            return _detail(s, row)

    def deactivate(self, person_id: uuid.UUID, version: int) -> PersonDetail:
        """Mark the person inactive: kept in every record, no longer offered or logged in."""
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            row = load_for_edit(s, Person, person_id, version, MISSING)
            row.active = False
            s.flush()
            refuse_without_administrator(s)
            return _detail(s, row)


def _columns(item: PersonEdit) -> dict[str, Any]:
    """Person columns of the validated input."""
    return item.model_dump(exclude={"roles"})


def _check(session: Session, item: PersonEdit, own: uuid.UUID | None) -> None:
    """The login is free (in any letter case) and the organisations exist."""
    stmt = select(Person.name).where(func.lower(Person.login) == item.login.lower())
    if own is not None:
        stmt = stmt.where(Person.id != own)
    taken = session.execute(stmt.limit(1)).scalar_one_or_none()
    if taken is not None:
        raise ValidationError(f"Inloggningen {item.login} används redan av {taken}.", field="login")
    wanted = {item.organisation_id, *(g.organisation_id for g in item.roles)} - {None}
    known = set(session.scalars(select(Organisation.id).where(Organisation.id.in_(wanted))))
    if wanted - known:
        raise ValidationError("En vald organisation finns inte längre.", field="organisation_id")


def _set_roles(session: Session, person_id: uuid.UUID, roles: tuple[RoleGrantInput, ...]) -> None:
    """Make the person's roles those given; a kept role gets its new dates in place."""
    wanted = {(g.role.value, g.organisation_id): g for g in roles}
    stored = session.scalars(select(PersonRole).where(PersonRole.person_id == person_id))
    for row in list(stored):
        grant = wanted.pop((row.role, row.organisation_id), None)
        if grant is None:
            session.delete(row)
        else:
            row.valid_from, row.valid_to = grant.valid_from, grant.valid_to
    for (role, org), grant in wanted.items():
        session.add(
            PersonRole(
                version=1, person_id=person_id, role=role, organisation_id=org,
                valid_from=grant.valid_from, valid_to=grant.valid_to,
            )
        )  # fmt: skip


def _org_names(session: Session) -> dict[uuid.UUID, str]:
    """Organisation id → name."""
    return {r.id: r.name for r in session.execute(select(Organisation.id, Organisation.name))}


def _grants(
    session: Session, names: dict[uuid.UUID, str], person_id: uuid.UUID | None = None
) -> dict[uuid.UUID, list[RoleGrant]]:
    """Roles per person (of one person when *person_id* is given), in role order."""
    stmt = select(PersonRole)
    if person_id is not None:
        stmt = stmt.where(PersonRole.person_id == person_id)
    order = list(Role)
    found: dict[uuid.UUID, list[RoleGrant]] = {}
    for g in session.scalars(stmt):
        found.setdefault(g.person_id, []).append(
            RoleGrant(
                role=Role(g.role), organisation_id=g.organisation_id,
                organisation=names.get(g.organisation_id) if g.organisation_id else None,
                valid_from=g.valid_from, valid_to=g.valid_to,
            )
        )  # fmt: skip
    for grants in found.values():
        grants.sort(
            key=lambda g: (order.index(g.role), g.organisation or "", g.valid_from or date.min)
        )
    return found


def _detail(session: Session, row: Person) -> PersonDetail:
    """The editor DTO with the roles."""
    grants = _grants(session, _org_names(session), row.id).get(row.id, [])
    return PersonDetail(
        id=row.id, version=row.version, name=row.name, login=row.login, email=row.email,
        title=row.title, organisation_id=row.organisation_id,
        external_company=row.external_company, active=row.active, roles=tuple(grants),
    )  # fmt: skip
