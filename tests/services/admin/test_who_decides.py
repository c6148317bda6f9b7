"""Vem får besluta? A nämnd's rule covers its förvaltningar; dated roles; named people."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.registry import Services
from tests.services.admin.admin_setup import Tree, build_tree, grant, person, rule

DAY = date(2026, 12, 1)


def _install(services: Services) -> Tree:
    """Budget holders (one only for 2026), a förvaltningschef named personally, a leaver.

    The acting administrator keeps only the administrator role, so decides nothing.
    """
    tree = build_tree(services)
    karin = next(p for p in services.person_admin.list() if p.login == "karin.oberg")
    services.person_admin.update(
        karin.id,
        services.person_admin.get(karin.id).version,
        person("Karin Öberg", "karin.oberg", None, grant(Role.ADMINISTRATOR, None)),
    )
    add = services.person_admin.create
    add(
        person(
            "Anna Berg",
            "anna.berg",
            tree.forvaltning,
            grant(Role.BUDGETANSVARIG, tree.forvaltning, date(2026, 1, 1), date(2026, 12, 31)),
        )
    )
    add(person("Bo Ek", "bo.ek", tree.forvaltning, grant(Role.BUDGETANSVARIG, tree.forvaltning)))
    chief = add(person("Cecilia Holm", "cecilia.holm", tree.forvaltning))
    gone = add(
        person(
            "Dan Lind", "dan.lind", tree.forvaltning, grant(Role.BUDGETANSVARIG, tree.forvaltning)
        )
    )
    services.person_admin.deactivate(gone.id, gone.version)
    add(person("Eva Sten", "eva.sten", None, grant(Role.UPPHANDLARE, None)))
    rules = services.delegation_admin.create
    rules(rule(tree.namnd, 100_000, "Delegationsordning HSN punkt 4.2", role=Role.BUDGETANSVARIG))
    rules(rule(tree.forvaltning, 700_000, "Delegationsordning HSN punkt 4.1", person_id=chief.id))
    rules(
        rule(
            tree.namnd,
            5_000_000,
            "Delegationsordning HSN punkt 6.1",
            role=Role.UPPHANDLARE,
            kind=DecisionKind.AVROP,
        )
    )
    return tree  # fmt: skip


def test_the_namnds_rule_covers_its_forvaltning_and_the_named_chief(services: Services) -> None:
    tree = _install(services)
    found = services.decision_rights.who_may_decide(80_000_00, tree.forvaltning, DAY)
    assert [(e.name, e.rule.reference) for e in found] == [
        ("Anna Berg", "Delegationsordning HSN punkt 4.2"),
        ("Bo Ek", "Delegationsordning HSN punkt 4.2"),
        ("Cecilia Holm", "Delegationsordning HSN punkt 4.1"),
    ]
    assert found[0].line == (
        "Anna Berg (Hälso- och sjukvårdsförvaltningen): Delegationsordning HSN punkt 4.2 "
        "(budgetansvarig i Hälso- och sjukvårdsnämnden, högst 100\u00a0000 kr)"
    )


def test_a_role_that_has_ended_no_longer_decides(services: Services) -> None:
    tree = _install(services)
    found = services.decision_rights.who_may_decide(80_000_00, tree.forvaltning, date(2027, 1, 4))
    assert [e.name for e in found] == ["Bo Ek", "Cecilia Holm"]


def test_above_the_budget_holders_limit_only_the_named_person_decides(
    services: Services,
) -> None:
    tree = _install(services)
    found = services.decision_rights.who_may_decide(500_000_00, tree.forvaltning, DAY)
    assert [(e.name, e.rule.max_amount_ore) for e in found] == [("Cecilia Holm", 700_000_00)]
    assert services.decision_rights.who_may_decide(800_000_00, tree.forvaltning, DAY) == []


def test_nobody_of_the_forvaltning_decides_for_the_namnd_itself(services: Services) -> None:
    tree = _install(services)
    assert services.decision_rights.who_may_decide(80_000_00, tree.namnd, DAY) == []
    bo = next(p for p in services.person_admin.list() if p.login == "bo.ek")
    services.person_admin.update(
        bo.id,
        services.person_admin.get(bo.id).version,
        person("Bo Ek", "bo.ek", tree.forvaltning, grant(Role.BUDGETANSVARIG, tree.namnd)),
    )
    found = services.decision_rights.who_may_decide(80_000_00, tree.namnd, DAY)
    assert [e.name for e in found] == ["Bo Ek"]


def test_the_kind_of_decision_picks_the_rules(services: Services) -> None:
    tree = _install(services)
    found = services.decision_rights.who_may_decide(
        2_000_000_00, tree.forvaltning, DAY, DecisionKind.AVROP
    )
    assert [e.name for e in found] == ["Eva Sten"]
    assert (
        services.decision_rights.who_may_decide(
            80_000_00, tree.forvaltning, DAY, DecisionKind.TILLDELNINGSBESLUT
        )
        == []
    )


def test_bad_questions_get_swedish_answers(services: Services) -> None:
    tree = _install(services)
    with pytest.raises(ValidationError, match="inte negativt"):
        services.decision_rights.who_may_decide(-1, tree.forvaltning, DAY)
    with pytest.raises(ValidationError, match="Datum"):
        services.decision_rights.who_may_decide(1, tree.forvaltning, date(9999, 1, 1))
    assert services.decision_rights.organisation_named("hälso- och sjukvårdsnämnden") == tree.namnd
    with pytest.raises(NotFoundError, match="ingen organisation som heter ”Nämnden X”"):
        services.decision_rights.organisation_named("Nämnden X")
