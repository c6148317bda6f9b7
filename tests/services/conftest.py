"""Service fixtures: a ServiceContext on the migrated test database and a few base rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import Organisation, Person, Supplier
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services


@dataclass(frozen=True)
class BaseRows:
    """Ids of rows that most service tests need."""

    region: uuid.UUID
    owner: uuid.UUID
    officer: uuid.UUID
    supplier: uuid.UUID


@pytest.fixture
def services(sessions: sessionmaker[Session]) -> Services:
    """All services acting as "karin.oberg", with the audit hook installed."""
    audit.install(sessions)
    services = Services.create(ServiceContext(sessions, actor="karin.oberg"))
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
        officer = Person(
            version=1, name="Karin Öberg", login="karin.oberg", organisation_id=region.id
        )
        supplier = Supplier(
            version=1,
            name="Städ & Service AB",
            name_key="STÄD OCH SERVICE AB",
            orgnr="556016-0680",
            vat_number="SE556016068001",
        )
        s.add_all([owner, officer, supplier])
        s.flush()
        return BaseRows(region.id, owner.id, officer.id, supplier.id)
