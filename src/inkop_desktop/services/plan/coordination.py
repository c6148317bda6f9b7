"""Coordination: the same need (CPV group, year) from different regions or nämnder."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.plan import store

OPEN = [s.value for s in PlanStatus if s.is_open]


class CoordinationItem(BaseModel):
    """One plan item in a coordination group."""

    model_config = FROZEN
    id: uuid.UUID
    reference: str
    title: str
    parties: str
    organisations: tuple[str, ...]
    estimated_total_ore: int
    status: str


class CoordinationGroup(BaseModel):
    """Items with the same CPV group in the same year from different regions or nämnder."""

    model_config = FROZEN
    year: int
    cpv_group: str
    items: tuple[CoordinationItem, ...]


def _candidates(session: Session) -> dict[tuple[int, str], set[uuid.UUID]]:
    """Open, unmerged items per (year, CPV group)."""
    stmt = (
        select(PlanItem.id, PlanItem.year, PlanItemCpv.cpv)
        .join(PlanItemCpv, PlanItemCpv.plan_item_id == PlanItem.id)
        .where(PlanItem.status.in_(OPEN), PlanItem.merged_into_id.is_(None))
    )
    groups: dict[tuple[int, str], set[uuid.UUID]] = defaultdict(set)
    for item_id, year, cpv in session.execute(stmt):
        groups[(year, cpv[:3])].add(item_id)
    return groups


def _items(session: Session, ids: set[uuid.UUID]) -> list[CoordinationItem]:
    """Build the DTOs with the names of the organisations that have the need."""
    orgs: dict[uuid.UUID, list[str]] = defaultdict(list)
    stmt = (
        select(PlanItemParty.plan_item_id, Organisation.name)
        .join(Organisation, Organisation.id == PlanItemParty.organisation_id)
        .where(PlanItemParty.plan_item_id.in_(ids))
    )
    for item_id, name in session.execute(stmt):
        orgs[item_id].append(name)
    rows = session.execute(select(PlanItem).where(PlanItem.id.in_(ids))).scalars()
    return sorted(
        (
            CoordinationItem(
                id=r.id,
                reference=r.reference,
                title=r.title,
                parties=r.parties,
                organisations=tuple(sorted(orgs[r.id])),
                estimated_total_ore=r.estimated_total_ore,
                status=r.status,
            )
            for r in rows
        ),
        key=lambda i: i.reference,
    )


def _differs(items: list[CoordinationItem]) -> bool:
    """True when the items come from different regions or different nämnder."""
    return len({i.parties for i in items}) > 1 or len({i.organisations for i in items}) > 1


def coordination_groups(session: Session) -> list[CoordinationGroup]:
    """Every group worth coordinating, newest year first."""
    found = []
    for (year, group), ids in sorted(_candidates(session).items(), reverse=True):
        if len(ids) < 2:
            continue
        items = _items(session, ids)
        if _differs(items):
            found.append(CoordinationGroup(year=year, cpv_group=group, items=tuple(items)))
    return found


def joint_parties(parties: list[str]) -> Parties:
    """Both regions if the merged items come from both, else the one region."""
    regions = {r for p in parties for r in Parties(p).regions()}
    return Parties.BADA if len(regions) > 1 else Parties(next(iter(regions)).value)


def earliest(values: list[date | None]) -> date | None:
    """The earliest of the dates that are set."""
    dates = [v for v in values if v is not None]
    return min(dates) if dates else None


_PREPAREDNESS = ["ingen", "viktig", "kritisk"]


def build_joint(s: Session, rows: list[PlanItem]) -> PlanItem:
    """Create one joint item from *rows*: every party and CPV code, values summed."""
    details = [store.detail(s, r) for r in rows]
    year = min(r.year for r in rows)
    joint = PlanItem(
        version=1,
        reference=store.next_reference(s, year),
        status=PlanStatus.PLANERAD,
        title=f"Samordnad: {rows[0].title}",
        year=year,
        description="Sammanslagen av " + ", ".join(r.reference for r in rows) + ".",
        parties=joint_parties([r.parties for r in rows]),
        estimated_total_ore=sum(r.estimated_total_ore for r in rows),
        annual_value_ore=sum(r.annual_value_ore for r in rows),
        contract_months=max(r.contract_months for r in rows),
        option_months=max(r.option_months for r in rows),
        responsible_id=rows[0].responsible_id,
        planned_start=earliest([r.planned_start for r in rows]),
        preparedness=max((r.preparedness for r in rows), key=_PREPAREDNESS.index),
    )
    s.add(joint)
    s.flush()
    orgs = [o for d in details for o in d.data.organisation_ids]
    cpvs = [c for d in details for c in d.data.cpv_codes]
    store.set_children(s, joint.id, orgs, cpvs)
    return joint
