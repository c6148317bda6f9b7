"""A small world for direct-award tests: both regions, a förvaltning, delegation, suppliers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    DelegationRule,
    Organisation,
    Person,
    PersonRole,
    Supplier,
)
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.direct_award.status import LegalGround
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.registry import Services
from tests.services.conftest import acting_as

AWARD_DATE = date(2025, 5, 12)


@dataclass(frozen=True)
class AwardWorld:
    """Ids the direct-award tests use."""

    region: uuid.UUID
    namnd: uuid.UUID
    forvaltning: uuid.UUID
    holder: uuid.UUID  # budgetansvarig, up to 100 000 kr
    chief: uuid.UUID  # förvaltningschef, personally up to 700 000 kr
    requester: uuid.UUID
    suppliers: tuple[uuid.UUID, uuid.UUID, uuid.UUID]

    def record(self, **changes: Any) -> dict[str, Any]:
        """The editor's values of a complete record of 250 000 kr decided by the chief."""
        values: dict[str, Any] = dict(
            region=Parties.SORMLAND,
            organisation_id=self.forvaltning,
            requester_id=self.requester,
            title="Centrifug till laboratoriet",
            description="Ersätter en trasig centrifug.",
            cpv="38432000-2",
            competition="Tre leverantörer tillfrågades skriftligen via e-post.",
            suppliers_asked=3,
            value="250 000",
            duration="Engångsleverans, vecka 24",
            legal_ground=LegalGround.UNDER_GRANS,
            chosen_supplier_id=self.suppliers[0],
            award_reason="Lägsta pris vid likvärdig kvalitet.",
            award_date=AWARD_DATE,
            decision_maker_id=self.chief,
            decision_text="Centrifugen köps från Labbutrustning Norden AB.",
        )
        values.update(changes)
        return values

    def quote(self, index: int, kronor: str) -> dict[str, Any]:
        """A quote from supplier *index*."""
        return {
            "supplier_id": self.suppliers[index],
            "amount": kronor,
            "received_on": date(2025, 5, 2),
        }


def _person(s: Session, name: str, login: str, org: uuid.UUID, role: str | None) -> uuid.UUID:
    email = f"{login}@regionsormland.se"
    person = Person(
        version=1, name=name, login=login, email=email, organisation_id=org, title="Chef"
    )
    s.add(person)
    s.flush()
    if role:
        s.add(PersonRole(version=1, person_id=person.id, role=role, organisation_id=org))
    return person.id


def build_world(sessions: sessionmaker[Session]) -> AwardWorld:
    """Insert the world and return its ids."""
    with sessions.begin() as s:
        srm = Organisation(
            version=1, name="Region Sörmland", kind="region", region="SRM", orgnr="232100-0032"
        )
        vma = Organisation(
            version=1, name="Region Västmanland", kind="region", region="VMA", orgnr="232100-0172"
        )
        s.add_all([srm, vma])
        s.flush()
        namnd = Organisation(version=1, name="Nämnden för hälsa och sjukvård", kind="namnd",
                             region="SRM", parent_id=srm.id)  # fmt: skip
        s.add(namnd)
        s.flush()
        hsf = Organisation(version=1, name="Hälso- och sjukvårdsförvaltningen",
                           kind="forvaltning", region="SRM", parent_id=namnd.id)  # fmt: skip
        s.add(hsf)
        s.flush()
        holder = _person(s, "Berit Ek", "berit.ek", hsf.id, "budgetansvarig")
        chief = _person(s, "Åke Lund", "ake.lund", hsf.id, "budgetansvarig")
        requester = _person(s, "Märta Sjö", "marta.sjo", hsf.id, "medarbetare")
        s.add_all([
            DelegationRule(version=1, organisation_id=namnd.id, role="budgetansvarig",
                           max_amount_ore=10_000_000, valid_from=date(2024, 1, 1),
                           reference="Delegationsordning NHS punkt 4.2"),
            DelegationRule(version=1, organisation_id=hsf.id, person_id=chief,
                           max_amount_ore=70_000_000, valid_from=date(2024, 1, 1),
                           reference="Delegationsordning NHS punkt 4.1"),
        ])  # fmt: skip
        suppliers = []
        for name, orgnr in (
            ("Labbutrustning Norden AB", "556677-8899"),
            ("Centrifug & <b>Co</b> AB", "559012-3450"),
            ("Mät och Väg i Mälardalen AB", "556123-4567"),
        ):
            row = Supplier(version=1, name=name, name_key=name.upper(), orgnr=orgnr,
                           vat_number="SE" + orgnr.replace("-", "") + "01")  # fmt: skip
            s.add(row)
            s.flush()
            suppliers.append(row.id)
        return AwardWorld(
            srm.id, namnd.id, hsf.id, holder, chief, requester,
            (suppliers[0], suppliers[1], suppliers[2]),
        )  # fmt: skip


@pytest.fixture
def world(sessions: sessionmaker[Session], services: Services) -> AwardWorld:
    """The direct-award world on the test database (services installed first)."""
    return build_world(sessions)


def ready_record(services: Services, world: AwardWorld, **changes: Any) -> Any:
    """A record with three quotes and the contract check made, finished (klar).

    The chosen (first) supplier's quote is the record's value; the others are higher.
    """
    service = services.direct_awards
    detail = service.create(world.record(**changes))
    value = Money.kronor(str(changes.get("value", "250 000")))
    for index, extra in enumerate((0, 1_200_000, 3_150_000)):
        kronor = Money(value.ore + extra).format().removesuffix(" kr")
        detail = service.add_quote(detail.id, detail.version, world.quote(index, kronor))
    detail = service.record_contract_check(detail.id, detail.version, None, "")
    return service.complete(detail.id, detail.version)


LATE = "Beslutet fattades muntligt på mötet; skriftlig signering i efterhand."
"""A reason to sign on another day than the decision date (the tests' award date is past)."""


def covering_contract(
    services: Services, world: AwardWorld, parties: Parties, cpv: str = "38430000-8"
) -> uuid.UUID:
    """Contract RV-2024-0007 Laboratorieutrustning for *parties*, in force 2024–2026."""
    data = dict(
        contract_number="RV-2024-0007",
        title="Laboratorieutrustning",
        parties=parties,
        procedure=Procedure.OPPET,
        cpv=cpv,
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
        total_value_ore=500_000_000,
        owner_id=world.chief,
        handlaggare_id=world.holder,
        supplier_ids=(world.suppliers[2],),
    )
    return services.contracts.create(ContractInput.model_validate(data).model_dump()).id


def as_maker(services: Services) -> Services:
    """The services acting as Åke Lund, the budgetansvarig decision maker of world.record()."""
    return acting_as(services, "ake.lund", "Åke Lund", Role.BUDGETANSVARIG)
