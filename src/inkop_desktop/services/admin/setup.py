"""First run of a local database: the first person and their organisation, in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation, Person, PersonRole
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.first_person import FirstPersonInput
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin.people import PeopleService, PersonRef
from inkop_desktop.services.base import Service

FIRST_ROLES = (Role.UPPHANDLARE, Role.ADMINISTRATOR)
"""The first person administers the program and buys."""

HAS_PEOPLE = (
    "Databasen har redan personer. Välj vem du är i listan i stället för att lägga till en ny."
)


class FirstRunService(Service):
    """Reads who is there and creates the first person of an empty database."""

    def has_people(self) -> bool:
        """True when the database holds at least one person."""
        with self._session() as s:
            return bool(s.execute(select(func.count()).select_from(Person)).scalar_one())

    def people(self) -> list[PersonRef]:
        """The active people to choose from, sorted by name."""
        return PeopleService(self._ctx).people()

    def create_first_person(self, data: dict[str, Any]) -> PersonRef:
        """Create the organisation and the person (administratör and upphandlare) together."""
        item = parse(FirstPersonInput, data)
        with self._session() as s:
            s.info["actor"] = item.login  # the first person records their own creation
            _refuse_if_people(s)
            org = Organisation(
                version=1,
                name=item.organisation,
                kind=item.kind.value,
                region=item.region.value if item.region else None,
                orgnr=item.orgnr,
            )
            s.add(org)
            s.flush()
            person = Person(
                version=1,
                name=item.name,
                login=item.login,
                email=item.email,
                organisation_id=org.id,
            )
            s.add(person)
            s.flush()
            for role in FIRST_ROLES:
                scope = None if role is Role.ADMINISTRATOR else org.id
                s.add(
                    PersonRole(
                        version=1, person_id=person.id, role=role.value, organisation_id=scope
                    )
                )
        roles = tuple(sorted(FIRST_ROLES))
        return PersonRef(
            id=person.id, name=person.name, login=person.login, organisation=org.name, roles=roles
        )


def _refuse_if_people(s: Session) -> None:
    """Refuse when anyone is there; on PostgreSQL two first runs at once queue on a lock."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
    if s.execute(select(Person.id).limit(1)).first() is not None:
        raise ValidationError(HAS_PEOPLE)
