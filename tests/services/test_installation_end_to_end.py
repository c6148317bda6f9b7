"""A real installation from an empty database, no demo data: issue 10's end-to-end acceptance."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import AuditEntry, Contract
from inkop_desktop.documents.exchange.spreadsheet import Table, write
from inkop_desktop.domain.direct_award.status import LegalGround
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services
from tests.certs import scan_pdf
from tests.db.audit_attack import audit_actors

TODAY = date.today()
ORGANISATIONS = Table(
    "Organisationer",
    ("Namn", "Kortnamn", "Typ", "Region", "Organisationsnummer", "Överordnad"),
    [
        ("Region Sörmland", "RS", "Region", "SRM", "232100-0032", ""),
        ("Region Västmanland", "RV", "Region", "VMA", "232100-0172", ""),
        ("Nämnden för hälsa och sjukvård", "NHS", "Nämnd", "SRM", "", "Region Sörmland"),
        ("Hälso- och sjukvårdsförvaltningen", "HSF", "Förvaltning", "SRM", "",
         "Nämnden för hälsa och sjukvård"),
        ("Inköpsverksamheten", "INK", "Inköpsverksamheten", "SRM", "", "Region Sörmland"),
    ],
)  # fmt: skip
PEOPLE = Table(
    "Personer",
    ("Namn", "Inloggning", "E-post", "Titel", "Organisation", "Externt företag", "Aktiv",
     "Roller"),
    [
        ("Ida Admin", "ida.admin", "ida@regionsormland.se", "Systemförvaltare",
         "Inköpsverksamheten", "", "ja", "Administratör"),
        ("Ulla Upphandlare", "ulla.u", "ulla@regionsormland.se", "Upphandlare",
         "Inköpsverksamheten", "", "ja", "Upphandlare"),
        ("Åke Lund", "ake.lund", "ake.lund@regionsormland.se", "Förvaltningschef",
         "Hälso- och sjukvårdsförvaltningen", "", "ja", "Budgetansvarig"),
        ("Märta Sjö", "marta.sjo", "marta@regionsormland.se", "Undersköterska",
         "Hälso- och sjukvårdsförvaltningen", "", "ja", "Medarbetare"),
    ],
)  # fmt: skip


def _as(sessions: sessionmaker[Session], login: str) -> Services:
    """Every service acting as *login*."""
    return Services.create(ServiceContext(sessions, actor=login))


def _org(services: Services, name: str) -> object:
    return next(o.id for o in services.people.organisations() if o.name == name)


def _person(services: Services, login: str) -> object:
    return next(p.id for p in services.people.people() if p.login == login)


def _import_registers(sessions: sessionmaker[Session]) -> None:
    """Set-up: nobody is administrator yet, so the installer imports the two files."""
    installer = _as(sessions, "it.installer")
    for kind, table in (("organisationer", ORGANISATIONS), ("personer", PEOPLE)):
        report = installer.exchange.import_file(kind, write(table, "xlsx"), f"{kind}.xlsx")
        assert report.ok and report.imported == len(table.rows), report
    with pytest.raises(PermissionDeniedError, match="administrera"):  # an administrator exists
        installer.exchange.import_file("organisationer", write(ORGANISATIONS, "xlsx"), "o.xlsx")


def _add_delegation(sessions: sessionmaker[Session]) -> None:
    """The administrator adds the förvaltningschef's delegation (up to 700 000 kr) and checks it."""
    admin = _as(sessions, "ida.admin")
    hsf, ake = _org(admin, "Hälso- och sjukvårdsförvaltningen"), _person(admin, "ake.lund")
    rule = {
        "organisation_id": hsf, "person_id": ake, "max_amount_ore": 700_000_00,
        "valid_from": date(2024, 1, 1), "reference": "Delegationsordning NHS punkt 4.1",
    }  # fmt: skip
    with pytest.raises(PermissionDeniedError, match="administrera"):
        _as(sessions, "ulla.u").delegation_admin.create(rule)
    admin.delegation_admin.create(rule)
    found = admin.decision_rights.who_may_decide(50_000_00, hsf, TODAY)
    assert [p.name for p in found] == ["Åke Lund"], found


def test_from_an_empty_database_to_a_signed_direct_award(
    sessions: sessionmaker[Session],
) -> None:
    audit.install(sessions)
    _as(sessions, "it.installer").reference.sync_shipped()
    _import_registers(sessions)
    _add_delegation(sessions)

    ulla = _as(sessions, "ulla.u")
    supplier = ulla.suppliers.create(
        {"name": "Labbutrustning Norden AB", "orgnr": "556677-8899", "city": "Uppsala"}
    )
    hsf, ake = _org(ulla, "Hälso- och sjukvårdsförvaltningen"), _person(ulla, "ake.lund")
    contract_input = (
        dict(
            contract_number="SRM-2026-0100", title="Laboratorieutrustning",
            parties=Parties.SORMLAND, procedure=Procedure.OPPET, cpv="38432000-2",
            start_date=date(2026, 1, 1), end_date=date(2027, 12, 31), notice_months=3,
            total_value_ore=2_000_000_00, annual_value_ore=1_000_000_00,
            owner_id=ake, handlaggare_id=_person(ulla, "ulla.u"), supplier_ids=(supplier.id,),
        )
    )  # fmt: skip
    contract = ulla.contracts.create(contract_input)
    plan = ulla.plan.create(
        dict(
            title="Ny upphandling av laboratorieutrustning", year=2027,
            parties=Parties.SORMLAND, organisation_ids=(hsf,), cpv_codes=("38432000-2",),
            estimated_total_ore=2_500_000_00, procedure=Procedure.OPPET,
            responsible_id=_person(ulla, "ulla.u"),
        )
    )  # fmt: skip
    marta = _as(sessions, "marta.sjo")
    with pytest.raises(PermissionDeniedError, match="lägga upp och ändra avtal"):
        marta.contracts.update(contract.id, contract.version, contract_input | {"title": "x"})

    award = _direct_award(_as(sessions, "ake.lund"), hsf, ake, supplier.id)
    with pytest.raises(PermissionDeniedError, match="signera beslut"):
        ulla.direct_awards.sign_on_paper(award.id, award.version, scan_pdf(), "s.pdf")
    signed = _as(sessions, "ake.lund").direct_awards.sign_on_paper(
        award.id, award.version, scan_pdf(), "beslut.pdf"
    )
    assert signed.status == "signerad" and signed.signed_by_id == ake
    assert plan.reference.startswith("UP-2027-")
    with sessions() as s:
        assert s.scalar(select(func.count(Contract.id))) == 1
        actors = set(s.scalars(select(AuditEntry.actor)))
    assert audit_actors(sessions, "it.installer", "ida.admin", "ulla.u", "ake.lund") <= actors


def _direct_award(ake: Services, hsf: object, maker: object, supplier: object) -> object:
    """Åke Lund records, quotes, checks for a contract and completes a 50 000 kr purchase."""
    service = ake.direct_awards
    detail = service.create(
        dict(
            region=Parties.SORMLAND, organisation_id=hsf, requester_id=maker,
            title="Centrifug till laboratoriet", description="Ersätter en trasig centrifug.",
            cpv="38432000-2", competition="Två leverantörer tillfrågades via e-post.",
            suppliers_asked=2, value="50 000", duration="Engångsleverans",
            legal_ground=LegalGround.UNDER_GRANS, chosen_supplier_id=supplier,
            award_reason="Lägsta pris.", award_date=TODAY, decision_maker_id=maker,
            decision_text="Centrifugen köps från Labbutrustning Norden AB.",
        )
    )  # fmt: skip
    detail = service.add_quote(
        detail.id, detail.version,
        {"supplier_id": supplier, "amount": "50 000", "received_on": TODAY},
    )  # fmt: skip
    why = "Laboratorieavtalet omfattar inte centrifuger av denna storlek."
    detail = service.record_contract_check(detail.id, detail.version, None, why)
    return service.complete(detail.id, detail.version)
