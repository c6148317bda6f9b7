"""E-mail addresses entered for people, suppliers and their contacts — on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Person, Supplier, SupplierContact
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.services.registry import Services
from tests.services.admin.admin_setup import person

SUPPLIER = {"name": "Nordic Medtech AB", "orgnr": "5560747569", "city": "Eskilstuna"}


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_a_person_with_a_bad_address_is_refused_and_a_good_one_normalised(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    before = _count(sessions, Person)
    bad = person("Anna Berg", "anna.berg", None) | {"email": "Anna Berg <anna@rv.se>"}
    with pytest.raises(ValidationError, match=r"E-post: .*utan namn"):
        services.person_admin.create(bad)
    assert _count(sessions, Person) == before
    saved = services.person_admin.create(bad | {"email": "Anna.Berg@RegionVästmanland.SE"})
    assert saved.email == "Anna.Berg@regionvästmanland.se"
    with pytest.raises(ValidationError, match=r"E-post: .*saknar toppdomän"):
        services.person_admin.update(saved.id, saved.version, bad | {"email": "anna@rv"})


def test_suppliers_and_contacts_with_bad_addresses_are_refused(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    with pytest.raises(ValidationError, match=r"E-post: .*en enda adress"):
        services.suppliers.create(SUPPLIER | {"email": "order@medtech.se; info@medtech.se"})
    contact = {"name": "Eva Ek", "email": "eva.ek@medtech"}
    with pytest.raises(ValidationError, match=r"Kontaktpersoner rad 1, E-post: .*toppdomän"):
        services.suppliers.create(SUPPLIER | {"contacts": (contact,)})
    assert _count(sessions, Supplier) == _count(sessions, SupplierContact) == 0
    saved = services.suppliers.create(
        SUPPLIER | {"email": "Order@Medtech.SE", "contacts": ({**contact, "email": "eva@å.se"},)}
    )
    assert saved.email == "Order@medtech.se"
    assert [c.email for c in saved.contacts] == ["eva@å.se"]
