"""Only administrators change the registers; the refusal names the rule and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from inkop_desktop.db.tables import DelegationRule, Organisation, Person
from inkop_desktop.domain.organisation import OrgKind, Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.domain.reference import RefKey, Unit
from inkop_desktop.services.registry import Services
from tests.services.admin.admin_setup import build_tree, org, person, rule
from tests.services.conftest import acting_as

REFUSED = (
    r"Du får inte administrera organisation, personer, roller, delegationsordning och mallar "
    r"\(du är upphandlare\)\. Det får bara administratör: bara administratörer förvaltar "
    r"installationens grunddata\."
)


def _counts(services: Services) -> tuple[int, ...]:
    with services.context.sessions() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (Organisation, Person, DelegationRule)
        )


def test_an_upphandlare_may_read_but_not_change_the_registers(services: Services) -> None:
    tree = build_tree(services)
    anna = services.person_admin.create(person("Anna Berg", "anna.berg", tree.forvaltning))
    made = services.delegation_admin.create(
        rule(tree.namnd, 100_000, "DO 4.2", role=Role.BUDGETANSVARIG)
    )
    olle = acting_as(services, "olle.upphandlare", "Olle Upphandlare", Role.UPPHANDLARE)
    before = _counts(services)
    assert len(olle.organisation_admin.tree()) == 3
    assert olle.delegation_admin.list()[0].reference == "DO 4.2"
    attempts = [
        lambda: olle.organisation_admin.create(org("Patientnämnden", OrgKind.NAMND, tree.region)),
        lambda: olle.organisation_admin.remove(tree.forvaltning, 1),
        lambda: olle.person_admin.create(person("Per Persson", "per.persson", None)),
        lambda: olle.person_admin.deactivate(anna.id, anna.version),
        lambda: olle.delegation_admin.update(
            made.id, made.version, rule(tree.namnd, 900_000, "DO 4.2", role=Role.BUDGETANSVARIG)
        ),
        lambda: olle.delegation_admin.remove(made.id, made.version),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError, match=REFUSED):
            attempt()
    assert _counts(services) == before
    assert services.person_admin.get(anna.id).active


def test_only_an_administrator_adds_a_reference_value(services: Services) -> None:
    olle = acting_as(services, "olle.upphandlare", "Olle Upphandlare", Role.UPPHANDLARE)
    value = {"key": RefKey.LOU_EU_GOODS_SERVICES, "unit": Unit.KRONOR, "amount": 2_400_000,
             "valid_from": date(2026, 1, 1), "valid_to": date(2027, 12, 31),
             "source": "Konkurrensverket"}  # fmt: skip
    with pytest.raises(PermissionDeniedError, match=REFUSED):
        olle.reference.add(value)
    services.reference.add(value)
