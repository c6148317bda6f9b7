"""A small installation built through the administration services (tests only)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.services.registry import Services


@dataclass(frozen=True)
class Tree:
    """Region Västmanland → Hälso- och sjukvårdsnämnden → Hälso- och sjukvårdsförvaltningen."""

    region: uuid.UUID
    namnd: uuid.UUID
    forvaltning: uuid.UUID


def org(name: str, kind: OrgKind, parent: uuid.UUID | None, **extra: Any) -> dict[str, Any]:
    """An organisation form in Västmanland."""
    return {"name": name, "kind": kind, "region": Region.VASTMANLAND, "parent_id": parent} | extra


def build_tree(services: Services) -> Tree:
    """The three levels, created by the administrator."""
    admin = services.organisation_admin
    region = admin.create(org("Region Västmanland", OrgKind.REGION, None, orgnr="232100-0172")).id
    namnd = admin.create(org("Hälso- och sjukvårdsnämnden", OrgKind.NAMND, region)).id
    forvaltning = admin.create(
        org("Hälso- och sjukvårdsförvaltningen", OrgKind.FORVALTNING, namnd)
    ).id
    return Tree(region, namnd, forvaltning)


def person(
    name: str, login: str, organisation: uuid.UUID | None, *roles: dict[str, Any]
) -> dict[str, Any]:
    """A person form with role rows."""
    return {"name": name, "login": login, "email": f"{login}@regionvastmanland.se",
            "organisation_id": organisation, "roles": tuple(roles)}  # fmt: skip


def grant(
    role: Role,
    organisation: uuid.UUID | None,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, Any]:
    """One role row."""
    return {"role": role, "organisation_id": organisation, "valid_from": start, "valid_to": end}


def rule(
    organisation: uuid.UUID,
    kronor: int,
    reference: str,
    *,
    role: Role | None = None,
    person_id: uuid.UUID | None = None,
    kind: DecisionKind = DecisionKind.DIREKTUPPHANDLING,
) -> dict[str, Any]:
    """A delegation rule form in force from 2024-01-01."""
    return {"organisation_id": organisation, "role": role, "person_id": person_id,
            "max_amount_ore": kronor * 100, "valid_from": date(2024, 1, 1),
            "reference": reference, "decision_kind": kind}  # fmt: skip
