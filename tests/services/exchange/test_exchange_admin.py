"""Organisations, people and delegation rules: a real installation from the demo's exports."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    AuditEntry,
    Contract,
    DelegationRule,
    Organisation,
    Person,
    PersonRole,
    PlanItem,
    Supplier,
    SupplierContact,
)
from inkop_desktop.documents.exchange.spreadsheet import Format, Table, read, write
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.exchange.service import ExchangeKind
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb
from tests.services.exchange.test_exchange import ORDER, TODAY, canonical, target

__all__ = ["target"]

ADMIN = (ExchangeKind.ORGANISATIONER, ExchangeKind.PERSONER, ExchangeKind.DELEGATION)


def _count(services: Services, table: Any) -> int:
    """Rows in *table*."""
    with services.context.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def _csv(headers: tuple[str, ...], *rows: tuple[Any, ...]) -> bytes:
    """A small CSV file."""
    return write(Table("Blad1", headers, list(rows)), "csv")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_empty_database_takes_the_demo_exports_without_a_row_error(
    sessions: sessionmaker[Session],
    demo_db: DemoDb,
    services: Services,
    target: Services,
    fmt: Format,
) -> None:
    demo_db(TODAY, services=True)
    for kind in (*ADMIN, *ORDER):
        exported = services.exchange.export_file(kind, fmt)
        report = target.exchange.import_file(kind, exported, f"x.{fmt}", allow_missing_roles=True)
        assert report.ok, [p.text for p in report.errors[:5]]
        assert report.imported == len(services.exchange.export_table(kind).rows)
        again = target.exchange.export_table(kind)
        assert sorted(again.rows, key=repr) == sorted(
            services.exchange.export_table(kind).rows, key=repr
        ), kind
    for kind in ORDER:
        assert canonical(target.context.sessions, kind) == canonical(sessions, kind), kind
    for table in (Organisation, Person, PersonRole, DelegationRule):
        assert _count(target, table) == _count(services, table), table


def test_organisations_come_parents_first_and_children_may_come_first_in_the_file(
    services: Services,
) -> None:
    headers = ("Namn", "Typ", "Region", "Överordnad")
    data = _csv(
        headers,
        (
            "Hälso- och sjukvårdsförvaltningen",
            "Förvaltning",
            "Region Sörmland",
            "Nämnden för hälsa",
        ),
        ("Nämnden för hälsa", "Nämnd", "SRM", "Region Sörmland"),
        ("Region Sörmland", "Region", "Region Sörmland", ""),
    )
    report = services.exchange.import_file("organisationer", data, "o.csv")
    assert report.ok and report.imported == 3, [p.text for p in report.errors]
    with services.context.sessions() as s:
        parents = dict(s.execute(select(Organisation.name, Organisation.parent_id)).all())
        names = dict(s.execute(select(Organisation.id, Organisation.name)).all())
    assert names[parents["Hälso- och sjukvårdsförvaltningen"]] == "Nämnden för hälsa"
    assert names[parents["Nämnden för hälsa"]] == "Region Sörmland"
    assert parents["Region Sörmland"] is None


def test_bad_organisation_rows_import_nothing(services: Services) -> None:
    headers = ("Namn", "Typ", "Region", "Organisationsnummer", "Överordnad")
    data = _csv(
        headers,
        ("A", "Nämnd", "SRM", "", "B"),
        ("B", "Nämnd", "SRM", "", "A"),
        ("C", "Kommun", "SRM", "", ""),
        ("D", "Bolag", "SRM", "232100-0032", "Finns inte"),
        ("E", "Bolag", "SRM", "556000-0000", ""),
    )
    report = services.exchange.import_file("organisationer", data, "o.csv")
    texts = [p.text for p in report.errors]
    assert report.imported == 0 and _count(services, Organisation) == 0
    assert "Rad 2, Överordnad: De överordnade organisationerna bildar en ring" in texts
    assert any(t.startswith("Rad 4, Typ: ”Kommun” finns inte i listan") for t in texts)
    assert any(t.startswith("Rad 6, Organisationsnummer:") for t in texts)
    assert "Rad 5, Överordnad: Det finns ingen organisation som heter ”Finns inte”" in texts


def test_people_rows_are_checked_cell_by_cell(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    headers = ("Namn", "Inloggning", "Organisation", "Aktiv", "Roller")
    data = _csv(
        headers,
        ("Ny Person", "demo.handlaggare", "Inköpsverksamheten", "Ja", "Upphandlare"),
        ("Ny Två", "ny.tva", "Regionstyrelsen", "Ja", "Upphandlare"),
        ("Ny Tre", "ny.tre", "Inköpsverksamheten", "Kanske", "Trollkarl"),
        ("Ny Fyra", "ny.fyra", "Inköpsverksamheten", "Ja", "Administratör (alla organisationer)"),
    )
    before = _count(services, Person)
    report = services.exchange.import_file("personer", data, "p.csv")
    texts = [p.text for p in report.errors]
    assert report.imported == 0 and _count(services, Person) == before
    assert "Rad 2, Inloggning: Personen demo.handlaggare finns redan" in texts
    assert any(t.startswith("Rad 3, Organisation: Flera organisationer heter") for t in texts)
    assert "Rad 4, Aktiv: ”Kanske” ska vara Ja eller Nej" in texts
    assert any(t.startswith("Rad 4, Roller: ”Trollkarl” finns inte i listan") for t in texts)
    assert not any(t.startswith("Rad 5") for t in texts)


def test_a_delegation_rule_names_a_role_or_a_person(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    headers = ("Organisation", "Roll", "Person", "Högsta belopp (kr)", "Giltig från", "Referens")
    data = _csv(
        headers,
        ("Inköpsverksamheten", "Inköpschef", "demo.handlaggare", "100000", "2026-01-01", "P 1"),
        ("Inköpsverksamheten", "", "", "100000", "2026-01-01", "P 2"),
        ("Inköpsverksamheten", "Inköpschef", "", "-5", "2026-01-01", "P 3"),
        ("Inköpsverksamheten", "Inköpschef", "", "700000", "2026-01-01", "P 4"),
    )
    before = _count(services, DelegationRule)
    report = services.exchange.import_file("delegation", data, "d.csv")
    texts = [p.text for p in report.errors]
    assert report.imported == 0 and _count(services, DelegationRule) == before
    both = "Roll: Ange antingen en roll eller en person (inte båda)"
    assert f"Rad 2, {both}" in texts and f"Rad 3, {both}" in texts
    assert any(t.startswith("Rad 4, Högsta belopp (kr):") for t in texts)
    assert not any(t.startswith("Rad 5") for t in texts)
    good = _csv(headers, ("Inköpsverksamheten", "Inköpschef", "", "700000", "2026-01-01", "P 4"))
    assert services.exchange.import_file("delegation", good, "d.csv").ok
    assert _count(services, DelegationRule) == before + 1
    again = services.exchange.import_file("delegation", good, "d.csv")
    assert [p.text for p in again.errors] == [
        "Rad 2, Referens: Regeln finns redan i delegationsordningen"
    ]
    assert read(services.exchange.export_file("delegation", "csv"), "csv").rows


UPDATABLE = (*ADMIN, ExchangeKind.LEVERANTORER)


def _versions(services: Services) -> dict[str, int]:
    """Sum of the versions per table and the audit's length."""
    tables = (Organisation, Person, PersonRole, DelegationRule, Supplier, SupplierContact)
    with services.context.sessions() as s:
        out = {t.__tablename__: int(s.scalar(select(func.sum(t.version))) or 0) for t in tables}
        out["audit"] = int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    return out


def _versions_of(services: Services, number: str) -> tuple[int, int]:
    """The contract's version and the length of the audit."""
    with services.context.sessions() as s:
        version = s.scalar(select(Contract.version).where(Contract.contract_number == number))
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
    return int(version or 0), int(audit or 0)


def _changed(table: Table, key: int, match: str, column: str, value: Any) -> bytes:
    """*table* as CSV with *column* of the row whose cell *key* is *match* set to *value*."""
    at = table.headers.index(column)
    rows = [
        tuple(value if i == at and r[key] == match else c for i, c in enumerate(r))
        for r in table.rows
    ]
    return write(Table(table.title, table.headers, rows), "csv")


def test_update_mode_changes_only_what_changed_and_creates_nothing_twice(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services, target: Services
) -> None:
    demo_db(TODAY, services=True)
    files = {k: services.exchange.export_file(k, "csv") for k in UPDATABLE}
    for kind in UPDATABLE:
        assert target.exchange.import_file(kind, files[kind], "x.csv").ok
    before = _versions(target)
    for kind in UPDATABLE:
        again = target.exchange.import_file(kind, files[kind], "x.csv", update=True)
        assert again.ok and again.imported == 0, [p.text for p in again.errors[:3]]
        assert {o.action for o in again.outcomes} == {"oförändrad"}
        assert len(again.outcomes) == len(services.exchange.export_table(kind).rows)
        refused = target.exchange.import_file(kind, files[kind], "x.csv")
        assert not refused.ok and len(refused.errors) == len(again.outcomes)
    assert _versions(target) == before

    people = target.exchange.export_table("personer")
    login = people.rows[0][1]
    changed = _changed(
        people, 1, login, "Roller", "Inköpschef, Administratör (alla organisationer)"
    )
    report = target.exchange.import_file("personer", changed, "p.csv", update=True)
    assert [o.text for o in report.outcomes if o.action != "oförändrad"] == [
        "Rad 2: uppdaterad (Roller)"
    ]
    assert report.summary.startswith("0 skapade, 1 uppdaterade, ")
    person = target.people.by_login(str(login))
    assert person is not None and set(person.roles) == {Role.INKOPSCHEF, Role.ADMINISTRATOR}

    orgs = target.exchange.export_table("organisationer")
    renamed = _changed(orgs, 0, "Inköpsverksamheten", "Kortnamn", "IV")
    report = target.exchange.import_file("organisationer", renamed, "o.csv", update=True)
    assert [o.changed for o in report.outcomes if o.action == "uppdaterad"] == [("Kortnamn",)]
    with target.context.sessions() as s:
        org = s.scalars(select(Organisation).where(Organisation.name == "Inköpsverksamheten")).one()
        assert (org.short_name, org.version) == ("IV", 2)

    suppliers = target.exchange.export_table("leverantorer")
    orgnr = suppliers.rows[0][1]
    moved = _changed(suppliers, 1, str(orgnr), "Ort", "Strängnäs")
    report = target.exchange.import_file("leverantorer", moved, "l.csv", update=True)
    assert [o.changed for o in report.outcomes if o.action == "uppdaterad"] == [("Ort",)]
    after = _versions(target)
    assert after["audit"] > before["audit"]
    assert after["supplier"] == before["supplier"] + 1
    assert after["organisation"] == before["organisation"] + 1


def test_a_new_row_in_update_mode_is_created(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    table = services.exchange.export_table("delegation")
    extra = ("Inköpsverksamheten", "Inköpschef", None, 500000, "2026-01-01", None, "P 9", None)
    data = write(Table(table.title, table.headers, [*table.rows, extra]), "csv")
    before = _count(services, DelegationRule)
    report = services.exchange.import_file("delegation", data, "d.csv", update=True)
    assert report.ok and report.imported == 1
    assert [o.text for o in report.outcomes if o.action == "skapad"] == [
        f"Rad {len(table.rows) + 2}: skapad"
    ]
    assert _count(services, DelegationRule) == before + 1


def test_contracts_update_by_avtalsnummer_through_the_version(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    table = services.exchange.export_table("avtal")
    number = str(table.rows[0][0])
    data = write(table, "csv")
    before = _versions_of(services, number)
    same = services.exchange.import_file(
        "avtal", data, "a.csv", update=True, allow_missing_roles=True
    )
    assert same.ok and {o.action for o in same.outcomes} == {"oförändrad"}
    assert _versions_of(services, number) == before
    changed = _changed(table, 0, number, "Benämning", "Ny benämning")
    report = services.exchange.import_file(
        "avtal", changed, "a.csv", update=True, allow_missing_roles=True
    )
    assert [o.text for o in report.outcomes if o.action != "oförändrad"] == [
        "Rad 2: uppdaterad (Benämning)"
    ]
    with services.context.sessions() as s:
        title = s.scalar(select(Contract.title).where(Contract.contract_number == number))
    assert title == "Ny benämning"
    version, audit = _versions_of(services, number)
    assert version == before[0] + 1 and audit > before[1]


def test_plan_items_update_by_reference_but_never_their_status(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    table = services.exchange.export_table("plan")
    index = next(n for n, r in enumerate(table.rows) if r[1] not in ("Avtal tecknat", "Avbruten"))
    reference = str(table.rows[index][0])
    same = services.exchange.import_file("plan", write(table, "csv"), "p.csv", update=True)
    assert same.ok and {o.action for o in same.outcomes} == {"oförändrad"}
    other = next(label for label in ("Planerad", "Avbruten") if label != table.rows[index][1])
    moved = _changed(table, 0, reference, "Status", other)
    refused = services.exchange.import_file("plan", moved, "p.csv", update=True)
    assert [p.column for p in refused.errors] == ["Status"]
    assert "ändras i planen, inte genom import" in refused.errors[0].message
    with services.context.sessions() as s:
        before = s.scalar(select(PlanItem.version).where(PlanItem.reference == reference))
    renamed = _changed(table, 0, reference, "Benämning", "Ny benämning")
    report = services.exchange.import_file("plan", renamed, "p.csv", update=True)
    assert [o.text for o in report.outcomes if o.action != "oförändrad"] == [
        f"Rad {index + 2}: uppdaterad (Benämning)"
    ]
    with services.context.sessions() as s:
        item = s.scalars(select(PlanItem).where(PlanItem.reference == reference)).one()
    assert (item.title, item.version) == ("Ny benämning", before + 1)


def test_a_closed_plan_item_is_not_changed_by_an_import(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services
) -> None:
    demo_db(TODAY, services=True)
    table = services.exchange.export_table("plan")
    index = next(n for n, r in enumerate(table.rows) if r[1] in ("Avtal tecknat", "Avbruten"))
    reference, status = str(table.rows[index][0]), table.rows[index][1]
    same = services.exchange.import_file("plan", write(table, "csv"), "p.csv", update=True)
    assert same.ok  # an unchanged closed row is fine: the export imports as it is
    renamed = _changed(table, 0, reference, "Benämning", "Ny benämning")
    with pytest.raises(ValidationError) as refused:
        services.exchange.import_file("plan", renamed, "p.csv", update=True)
    assert refused.value.text == (
        f"Rad {index + 2} ({reference}): Planposten är avslutad (”{status}”) och kan inte "
        "längre ändras (Benämning)."
    )
    with services.context.sessions() as s:
        item = s.scalars(select(PlanItem).where(PlanItem.reference == reference)).one()
    assert item.title != "Ny benämning"
