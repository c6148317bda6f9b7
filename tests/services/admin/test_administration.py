"""Organisations, people and delegation rules created, edited and removed by an administrator."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from inkop_desktop.db.tables import AuditEntry, Organisation, Person, PersonRole
from inkop_desktop.domain.errors import ConcurrentEditError, ValidationError
from inkop_desktop.domain.organisation import OrgKind, Role
from inkop_desktop.services.registry import Services
from tests.services.admin.admin_setup import build_tree, grant, org, person, rule


def _count(services: Services, table: type) -> int:
    with services.context.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def _audited(services: Services, table: str) -> list[str]:
    with services.context.sessions() as s:
        stmt = select(AuditEntry.action).where(AuditEntry.table_name == table)
        return list(s.scalars(stmt.order_by(AuditEntry.id)))


def test_the_tree_is_built_edited_and_audited(services: Services) -> None:
    tree = build_tree(services)
    nodes = {n.id: n for n in services.organisation_admin.tree()}
    assert nodes[tree.forvaltning].parent_id == tree.namnd
    assert nodes[tree.namnd].parent_id == tree.region
    assert nodes[tree.region].orgnr == "232100-0172"
    opened = services.organisation_admin.get(tree.namnd)
    data = org("Hälso- och sjukvårdsnämnden", OrgKind.NAMND, tree.region, short_name="HSN")
    saved = services.organisation_admin.update(tree.namnd, opened.version, data)
    assert saved.short_name == "HSN" and saved.version == opened.version + 1
    assert _audited(services, "organisation").count("insert") == 3
    assert "update" in _audited(services, "organisation")


def test_a_region_needs_its_orgnr_and_a_bad_orgnr_is_refused(services: Services) -> None:
    admin = services.organisation_admin
    with pytest.raises(ValidationError, match="egen upphandlande myndighet"):
        admin.create(org("Region Västmanland", OrgKind.REGION, None))
    with pytest.raises(ValidationError, match="fel kontrollsiffra"):
        admin.create(org("Region Västmanland", OrgKind.REGION, None, orgnr="232100-0173"))
    assert _count(services, Organisation) == 0


def test_a_unit_cannot_be_placed_below_itself(services: Services) -> None:
    tree = build_tree(services)
    opened = services.organisation_admin.get(tree.namnd)
    data = org("Hälso- och sjukvårdsnämnden", OrgKind.NAMND, tree.forvaltning)
    with pytest.raises(ValidationError, match="under sig själv eller under en av sina"):
        services.organisation_admin.update(tree.namnd, opened.version, data)
    assert services.organisation_admin.get(tree.namnd).parent_id == tree.region


def test_only_an_unused_organisation_can_be_removed(services: Services) -> None:
    tree = build_tree(services)
    services.person_admin.create(person("Anna Berg", "anna.berg", tree.forvaltning))
    namnd = services.organisation_admin.get(tree.namnd)
    with pytest.raises(ValidationError, match=r"används fortfarande.*underordnade organisationer"):
        services.organisation_admin.remove(tree.namnd, namnd.version)
    forvaltning = services.organisation_admin.get(tree.forvaltning)
    with pytest.raises(ValidationError, match=r"personer \(1\)"):
        services.organisation_admin.remove(tree.forvaltning, forvaltning.version)
    spare = services.organisation_admin.create(org("Patientnämnden", OrgKind.NAMND, tree.region))
    services.organisation_admin.remove(spare.id, spare.version)
    assert {n.name for n in services.organisation_admin.tree()} == {
        "Region Västmanland", "Hälso- och sjukvårdsnämnden", "Hälso- och sjukvårdsförvaltningen",
    }  # fmt: skip
    assert "delete" in _audited(services, "organisation")


def test_concurrent_edits_are_refused_for_every_register(services: Services) -> None:
    tree = build_tree(services)
    opened = services.organisation_admin.get(tree.namnd)
    data = org("Hälso- och sjukvårdsnämnden", OrgKind.NAMND, tree.region, short_name="A")
    services.organisation_admin.update(tree.namnd, opened.version, data)
    with pytest.raises(ConcurrentEditError):
        services.organisation_admin.update(tree.namnd, opened.version, data | {"short_name": "B"})
    anna = services.person_admin.create(person("Anna Berg", "anna.berg", tree.forvaltning))
    services.person_admin.update(anna.id, anna.version, person("Anna Bergh", "anna.berg", None))
    with pytest.raises(ConcurrentEditError):
        services.person_admin.deactivate(anna.id, anna.version)
    made = services.delegation_admin.create(
        rule(tree.namnd, 100_000, "DO HSN 4.2", role=Role.BUDGETANSVARIG)
    )
    services.delegation_admin.update(
        made.id, made.version, rule(tree.namnd, 150_000, "DO HSN 4.2", role=Role.BUDGETANSVARIG)
    )
    with pytest.raises(ConcurrentEditError):
        services.delegation_admin.remove(made.id, made.version)
    assert services.delegation_admin.get(made.id).max_amount_ore == 150_000_00
    assert services.person_admin.get(anna.id).name == "Anna Bergh"


def test_people_get_dated_roles_and_a_unique_login(services: Services) -> None:
    tree = build_tree(services)
    data = person(
        "Anna Berg", "anna.berg", tree.forvaltning,
        grant(Role.BUDGETANSVARIG, tree.forvaltning, date(2026, 1, 1), date(2026, 12, 31)),
        grant(Role.MEDARBETARE, None),
    )  # fmt: skip
    anna = services.person_admin.create(data)
    assert [(g.role, g.organisation, g.valid_to) for g in anna.roles] == [
        (Role.BUDGETANSVARIG, "Hälso- och sjukvårdsförvaltningen", date(2026, 12, 31)),
        (Role.MEDARBETARE, None, None),
    ]
    with pytest.raises(
        ValidationError, match=r"Inloggningen ANNA\.BERG används redan av Anna Berg"
    ):
        services.person_admin.create(person("Anna Andersson", "ANNA.BERG", None))
    bad = data | {"roles": (grant(Role.UPPHANDLARE, None, date(2026, 5, 1), date(2026, 4, 1)),)}
    with pytest.raises(ValidationError, match="Till och med får inte vara före Från"):
        services.person_admin.update(anna.id, anna.version, bad)
    longer = data | {"roles": (grant(Role.BUDGETANSVARIG, tree.forvaltning, None, None),)}
    saved = services.person_admin.update(anna.id, anna.version, longer)
    assert [(g.role, g.valid_from, g.valid_to) for g in saved.roles] == [
        (Role.BUDGETANSVARIG, None, None)
    ]
    row = next(p for p in services.person_admin.list() if p.login == "anna.berg")
    assert row.roles == "Budgetansvarig (Hälso- och sjukvårdsförvaltningen)"
    assert "update" in _audited(services, "person_role")


def test_a_deactivated_person_is_kept_but_no_longer_offered(services: Services) -> None:
    tree = build_tree(services)
    anna = services.person_admin.create(person("Anna Berg", "anna.berg", tree.forvaltning))
    gone = services.person_admin.deactivate(anna.id, anna.version)
    assert not gone.active
    assert "anna.berg" in {p.login for p in services.person_admin.list()}
    assert "anna.berg" not in {p.login for p in services.people.people()}


def test_the_last_administrator_cannot_be_removed(services: Services) -> None:
    karin = next(p for p in services.person_admin.list() if p.login == "karin.oberg")
    opened = services.person_admin.get(karin.id)
    with pytest.raises(ValidationError, match="utan administratör"):
        services.person_admin.deactivate(karin.id, opened.version)
    keep = [g for g in opened.roles if g.role is not Role.ADMINISTRATOR]
    data = {"name": opened.name, "login": opened.login,
            "roles": tuple(grant(g.role, g.organisation_id) for g in keep)}  # fmt: skip
    with pytest.raises(ValidationError, match="utan administratör"):
        services.person_admin.update(karin.id, opened.version, data)
    with services.context.sessions() as s:
        held = s.scalars(select(PersonRole.role).where(PersonRole.person_id == karin.id))
        assert Role.ADMINISTRATOR.value in set(held)
        assert s.get(Person, karin.id).active  # type: ignore[union-attr]


def test_a_rule_names_either_a_role_or_a_person(services: Services) -> None:
    tree = build_tree(services)
    anna = services.person_admin.create(person("Anna Berg", "anna.berg", tree.forvaltning))
    both = rule(tree.namnd, 100_000, "DO 4.2", role=Role.BUDGETANSVARIG, person_id=anna.id)
    with pytest.raises(ValidationError, match="antingen en roll eller en namngiven person"):
        services.delegation_admin.create(both)
    services.delegation_admin.create(rule(tree.namnd, 100_000, "DO 4.2", role=Role.BUDGETANSVARIG))
    with pytest.raises(ValidationError, match="Samma regel"):
        services.delegation_admin.create(
            rule(tree.namnd, 200_000, "DO 4.3", role=Role.BUDGETANSVARIG)
        )
    listed = services.delegation_admin.list()
    assert [(r.organisation, r.holder, r.max_amount_ore) for r in listed] == [
        ("Hälso- och sjukvårdsnämnden", "Budgetansvarig", 100_000_00)
    ]
