"""First run of a local database: the first person and their organisation, or yourself chosen."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation, Person, PersonRole
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.first_person import FirstPersonInput
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin.people import PeopleService, PersonRef
from inkop_desktop.services.base import Service

HAS_PEOPLE = (
    "Databasen har redan personer. Välj vem du är i listan i stället för att lägga till en ny."
)
NO_SUCH_PERSON = "Personen {login} finns inte (eller är inte aktiv) i databasen."


class FirstRunService(Service):
    """Reads who is there, creates the first person, or lets you choose yourself."""

    def has_people(self) -> bool:
        """True when the database holds at least one person."""
        with self._session() as s:
            return bool(s.execute(select(func.count()).select_from(Person)).scalar_one())

    def people(self) -> list[PersonRef]:
        """The active people to choose from, sorted by name."""
        return PeopleService(self._ctx).people()

    def create_first_person(self, data: dict[str, Any]) -> PersonRef:
        """Create the organisation and the person: administratör plus the roles chosen."""
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
            roles = (*item.roles, Role.ADMINISTRATOR)
            for role in roles:
                scope = None if role is Role.ADMINISTRATOR else org.id
                s.add(
                    PersonRole(
                        version=1, person_id=person.id, role=role.value, organisation_id=scope
                    )
                )
        return PersonRef(
            id=person.id,
            name=person.name,
            login=person.login,
            organisation=org.name,
            roles=tuple(sorted(roles)),
        )

    def choose(self, login: str) -> PersonRef:
        """You, chosen from the list; administratör too when nobody administers yet."""
        with self._session() as s:
            person = s.execute(
                select(Person).where(Person.login == login, Person.active.is_(True))
            ).scalar_one_or_none()
            if person is None:
                raise NotFoundError(NO_SUCH_PERSON.format(login=login))
            if not _someone_administers(s):
                s.info["actor"] = login
                s.add(PersonRole(version=1, person_id=person.id, role=Role.ADMINISTRATOR.value))
        found = PeopleService(self._ctx).by_login(login)
        assert found is not None  # stored above and committed
        return found


def _someone_administers(s: Session) -> bool:
    """True when an active person holds the administratör role today."""
    today = date.today()
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("LOCK TABLE person_role IN SHARE ROW EXCLUSIVE MODE"))
    stmt = (
        select(PersonRole.id)
        .join(Person, Person.id == PersonRole.person_id)
        .where(
            PersonRole.role == Role.ADMINISTRATOR.value,
            Person.active.is_(True),
            or_(PersonRole.valid_from.is_(None), PersonRole.valid_from <= today),
            or_(PersonRole.valid_to.is_(None), PersonRole.valid_to >= today),
        )
        .limit(1)
    )
    return s.execute(stmt).first() is not None


def _refuse_if_people(s: Session) -> None:
    """Refuse when anyone is there; on PostgreSQL two first runs at once queue on a lock."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE"))
    if s.execute(select(Person.id).limit(1)).first() is not None:
        raise ValidationError(HAS_PEOPLE)
