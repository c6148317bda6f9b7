"""The first person of an empty database: organisation, person and roles together, or nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import Organisation, Person, PersonRole
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.services.admin import FirstRunService, PeopleService
from inkop_desktop.services.base import ServiceContext


def _service(sessions: sessionmaker[Session]) -> FirstRunService:
    audit.install(sessions)
    return FirstRunService(ServiceContext(sessions, actor="os-konto"))


def _karin(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Karin Öberg",
        "email": "karin.oberg@regionsormland.se",
        "login": "karin.oberg",
        "organisation": "Region Sörmland",
        "kind": OrgKind.REGION,
        "region": Region.SORMLAND,
        "orgnr": "232100-0032",
    }
    return {**data, **changes}


def _count(sessions: sessionmaker[Session], table: type) -> int:
    with sessions() as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


def test_the_first_person_is_administrator_plus_the_roles_chosen(
    sessions: sessionmaker[Session],
) -> None:
    chosen = (Role.BUDGETANSVARIG, Role.INKOPSCHEF, Role.ADMINISTRATOR)
    person = _service(sessions).create_first_person(_karin(roles=chosen))
    assert person.with_roles == "Karin Öberg (budgetansvarig, inköpschef, administratör)"
    found = PeopleService(ServiceContext(sessions)).by_login("karin.oberg")
    assert found is not None and found.roles == person.roles
    assert _count(sessions, PersonRole) == 3  # administratör once, though ticked too
    none = _service(sessions)
    with pytest.raises(ValidationError, match="har redan personer"):
        none.create_first_person(_karin(login="annika.berg", roles=()))


def _person(sessions: sessionmaker[Session], login: str, *grants: tuple[Role, Any]) -> None:
    """A person (as an import would store them) with (role, valid_to) grants."""
    with sessions.begin() as s:
        row = Person(version=1, name=login.replace(".", " ").title(), login=login)
        s.add(row)
        s.flush()
        for role, valid_to in grants:
            s.add(PersonRole(version=1, person_id=row.id, role=role.value, valid_to=valid_to))


def test_choosing_yourself_makes_you_administrator_only_when_nobody_administers(
    sessions: sessionmaker[Session],
) -> None:
    yesterday = date.today() - timedelta(days=1)
    _person(sessions, "annika.berg", (Role.BUDGETANSVARIG, None))
    _person(sessions, "gunnar.ek", (Role.ADMINISTRATOR, yesterday))  # no longer administers
    service = _service(sessions)
    annika = service.choose("annika.berg")
    assert annika.with_roles == "Annika Berg (budgetansvarig, administratör)"
    _person(sessions, "karin.oberg", (Role.UPPHANDLARE, None))
    karin = service.choose("karin.oberg")  # Annika administers now: Karin stays as she is
    assert karin.with_roles == "Karin Oberg (upphandlare)"
    assert service.choose("annika.berg") == annika  # choosing again changes nothing
    with pytest.raises(NotFoundError, match="Personen okänd finns inte"):
        service.choose("okänd")


def test_the_first_person_gets_an_organisation_and_both_roles(
    sessions: sessionmaker[Session],
) -> None:
    service = _service(sessions)
    assert not service.has_people() and service.people() == []
    person = service.create_first_person(_karin(orgnr="2321000032"))
    assert person.with_roles == "Karin Öberg (upphandlare, administratör)"
    found = PeopleService(ServiceContext(sessions)).by_login("karin.oberg")
    assert found is not None and found.organisation == "Region Sörmland"
    assert set(found.roles) == {Role.UPPHANDLARE, Role.ADMINISTRATOR}
    with sessions() as s:
        org = s.execute(select(Organisation)).scalar_one()
        assert (org.kind, org.region, org.orgnr) == ("region", "SRM", "232100-0032")
        row = s.execute(select(Person)).scalar_one()
        assert row.email == "karin.oberg@regionsormland.se"
        assert row.created_by == "karin.oberg"  # not the OS account the database was opened by
        rows = s.execute(select(PersonRole.role, PersonRole.organisation_id)).all()
        scopes = {role: org_id for role, org_id in rows}
    assert scopes == {"upphandlare": org.id, "administrator": None}
    assert service.has_people()


def test_a_database_with_people_refuses_a_second_first_person(
    sessions: sessionmaker[Session],
) -> None:
    service = _service(sessions)
    service.create_first_person(_karin())
    with pytest.raises(ValidationError, match="har redan personer"):
        service.create_first_person(_karin(login="annika.berg", organisation="Region Västmanland"))
    assert _count(sessions, Person) == 1 and _count(sessions, Organisation) == 1
    assert [p.login for p in service.people()] == ["karin.oberg"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"orgnr": "232100-0033"}, "Organisationsnummer: Organisationsnumret 232100-0033 har fel"),
        ({"login": "karin oberg"}, "Användarnamn: får bara innehålla"),
        ({"name": " "}, "Namn: måste fyllas i"),
        ({"email": "karin"}, "E-post: är inte en giltig e-postadress: saknar @"),
        ({"kind": OrgKind.BOLAG}, "Typ av organisation: måste vara region, nämnd eller"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_stored(
    sessions: sessionmaker[Session], changes: dict[str, Any], message: str
) -> None:
    service = _service(sessions)
    with pytest.raises(ValidationError, match=message):
        service.create_first_person(_karin(**changes))
    assert _count(sessions, Organisation) == 0 and _count(sessions, Person) == 0
