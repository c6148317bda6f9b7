"""Organisations, people and delegation rules: a real installation from the demo's exports."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import DelegationRule, Organisation, Person, PersonRole
from inkop_desktop.demo.seed import seed_demo
from inkop_desktop.documents.exchange.spreadsheet import Format, Table, read, write
from inkop_desktop.services.exchange.service import ExchangeKind
from inkop_desktop.services.registry import Services
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
    sessions: sessionmaker[Session], services: Services, target: Services, fmt: Format
) -> None:
    seed_demo(sessions, today=TODAY)
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
    sessions: sessionmaker[Session], services: Services
) -> None:
    seed_demo(sessions, today=TODAY)
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
    sessions: sessionmaker[Session], services: Services
) -> None:
    seed_demo(sessions, today=TODAY)
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
