"""Upphandlingsplanen: list plan items."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import func, select

from inkop_desktop.db.tables import Person, PlanItem, PlanItemCpv
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.listing import ListSpec, run_page


class PlanRow(BaseModel):
    """One line in the plan list."""

    model_config = FROZEN
    id: uuid.UUID
    reference: str
    title: str
    status: str
    year: int
    parties: str
    cpv: str | None
    estimated_total_ore: int
    procedure: str | None
    responsible: str | None
    contract_start_on: date | None


_CPV = (
    select(func.min(PlanItemCpv.cpv))
    .where(PlanItemCpv.plan_item_id == PlanItem.id)
    .scalar_subquery()
)

SPEC = ListSpec(
    sortable={
        "reference": PlanItem.reference,
        "title": PlanItem.title,
        "status": PlanItem.status,
        "year": PlanItem.year,
        "parties": PlanItem.parties,
        "cpv": _CPV,
        "estimated_total_ore": PlanItem.estimated_total_ore,
        "procedure": PlanItem.procedure,
        "responsible": Person.name,
        "contract_start_on": PlanItem.contract_start_on,
    },
    searchable=[PlanItem.title, PlanItem.reference, PlanItem.description, Person.name],
    default_sort="reference",
    filters={
        "status": lambda v: PlanItem.status == v,
        "year": lambda v: PlanItem.year == int(v),
        "parties": lambda v: PlanItem.parties == v,
    },
)


class PlanService(Service):
    """Use cases of the upphandlingsplan."""

    def list(self, query: ListQuery) -> Page[PlanRow]:
        """A filtered, sorted page of plan items (merged items are hidden)."""
        stmt = (
            select(
                PlanItem.id,
                PlanItem.reference,
                PlanItem.title,
                PlanItem.status,
                PlanItem.year,
                PlanItem.parties,
                _CPV.label("cpv"),
                PlanItem.estimated_total_ore,
                PlanItem.procedure,
                Person.name.label("responsible"),
                PlanItem.contract_start_on,
            )
            .outerjoin(Person, Person.id == PlanItem.responsible_id)
            .where(PlanItem.merged_into_id.is_(None))
        )
        with self._session() as s:
            rows, total = run_page(s, stmt, SPEC, query)
        return Page(
            rows=[PlanRow.model_validate(r) for r in rows], total=total, offset=query.offset
        )
