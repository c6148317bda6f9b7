"""Service fixtures: a ServiceContext on the migrated test database and a few base rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import Organisation, Person, PersonRole, Supplier
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services


@dataclass(frozen=True)
class BaseRows:
    """Ids of rows that most service tests need."""

    region: uuid.UUID
    owner: uuid.UUID
    officer: uuid.UUID
    supplier: uuid.UUID


TEST_ACTOR = "karin.oberg"
"""The login service tests act as: a person holding every role (permission tests use others)."""


def ensure_person(
    sessions: sessionmaker[Session], login: str, name: str, roles: Iterable[Role] = ()
) -> uuid.UUID:
    """The person with *login* (created if missing) holding at least *roles*."""
    with sessions.begin() as s:
        person = s.execute(select(Person).where(Person.login == login)).scalar_one_or_none()
        if person is None:
            person = Person(version=1, name=name, login=login)
            s.add(person)
            s.flush()
        held = set(s.scalars(select(PersonRole.role).where(PersonRole.person_id == person.id)))
        for role in roles:
            if role.value not in held:
                s.add(PersonRole(version=1, person_id=person.id, role=role.value))
        return person.id


def acting_as(services: Services, login: str, name: str, *roles: Role) -> Services:
    """The same services acting as *login*, a person holding *roles* (created if missing)."""
    ensure_person(services.context.sessions, login, name, roles)
    return Services.create(ServiceContext(services.context.sessions, actor=login))


@pytest.fixture
def services(sessions: sessionmaker[Session]) -> Services:
    """All services acting as "karin.oberg" (every role), with the audit hook installed."""
    return make_services(sessions)


def make_services(sessions: sessionmaker[Session]) -> Services:
    """The ``services`` fixture's services (also the prelude of a demo template)."""
    audit.install(sessions)
    ensure_person(sessions, TEST_ACTOR, "Karin Öberg", Role)
    services = Services.create(ServiceContext(sessions, actor=TEST_ACTOR))
    services.reference.sync_shipped()
    return services


@pytest.fixture
def base_rows(sessions: sessionmaker[Session]) -> BaseRows:
    """A region, an avtalsägare, a handläggare and a supplier."""
    with sessions.begin() as s:
        region = Organisation(version=1, name="Region Sörmland", kind="region", region="SRM")
        s.add(region)
        s.flush()
        owner = Person(version=1, name="Åsa Öberg", login="asa.oberg", organisation_id=region.id)
        officer = s.execute(select(Person).where(Person.login == TEST_ACTOR)).scalar_one_or_none()
        if officer is None:
            officer = Person(version=1, name="Karin Öberg", login=TEST_ACTOR)
        officer.organisation_id = region.id
        supplier = Supplier(
            version=1,
            name="Städ & Service AB",
            name_key="STÄD OCH SERVICE AB",
            orgnr="556016-0680",
            vat_number="SE556016068001",
        )
        s.add_all([owner, officer, supplier])
        s.flush()
        s.add(PersonRole(version=1, person_id=owner.id, role=Role.BUDGETANSVARIG.value))
        return BaseRows(region.id, owner.id, officer.id, supplier.id)
