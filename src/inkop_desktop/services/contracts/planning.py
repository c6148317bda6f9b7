"""A plan item raised from a contract alert ("Skapa planpost")."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.contracts.alerts import Deadline, DeadlineKind, deadlines, lead_time
from inkop_desktop.domain.contracts.terms import (
    ONE_DAY,
    OptionTerm,
    add_months,
    option_schedule,
    term_months,
)
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan.status import PlanStatus, Preparedness
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services import numbering
from inkop_desktop.services.contracts.parts import as_inputs, stored_options
from inkop_desktop.services.dto import FROZEN


class PlanItemCreated(BaseModel):
    """The plan item that was raised."""

    model_config = FROZEN
    id: uuid.UUID
    reference: str
    title: str


def next_reference(session: Session, year: int) -> str:
    """``UP-<år>-NNNN``: the next number of the year's counter."""
    return numbering.plan_reference(session, year)


def _existing(session: Session, contract_id: uuid.UUID) -> str | None:
    """The reference of a plan item (not cancelled) that already replaces the contract."""
    stmt = select(PlanItem.reference).where(
        PlanItem.replaces_contract_id == contract_id,
        PlanItem.status != PlanStatus.AVBRUTEN.value,
    )
    return session.execute(stmt.order_by(PlanItem.reference).limit(1)).scalar_one_or_none()


def _next_deadline(row: Contract, terms: list[OptionTerm], today: date) -> Deadline:
    """The first end or open option deadline from today (the end date if all have passed)."""
    ahead = [
        d
        for d in deadlines(row.end_date, row.notice_months, terms)
        if d.kind is not DeadlineKind.UPPSAGNING and d.day >= today
    ]
    return ahead[0] if ahead else Deadline(DeadlineKind.SLUT, row.end_date, row.end_date)


def create_plan_item(
    session: Session, contract_id: uuid.UUID, table: ReferenceTable, today: date
) -> PlanItemCreated:
    """Insert a "planerad" plan item replacing *contract_id*, copying what the contract knows."""
    row = session.get(Contract, contract_id)
    if row is None:
        raise NotFoundError("Avtalet finns inte längre.")
    if (reference := _existing(session, contract_id)) is not None:
        raise ValidationError(f"Avtalet {row.contract_number} har redan planposten {reference}.")
    options = as_inputs(stored_options(session, row.id))
    terms = option_schedule(row.end_date, row.notice_months, options)
    lead = lead_time(Money(row.total_value_ore), row.cpv, table, today)
    deadline = _next_deadline(row, terms, today)
    start = max(add_months(deadline.day, -lead.months), today)
    item = PlanItem(
        version=1,
        reference=next_reference(session, start.year),
        title=f"Ny upphandling: {row.title}"[:300],
        description=(
            f"Ersätter avtal {row.contract_number}. {deadline.label}: "
            f"{deadline.day.isoformat()}. Ny upphandling ({lead.procedure_text}) med ledtid "
            f"{lead.months} månader. {lead.note or ''}"
        ).strip(),
        status=PlanStatus.PLANERAD.value,
        year=start.year,
        parties=row.parties,
        estimated_total_ore=row.total_value_ore,
        annual_value_ore=min(row.annual_value_ore, row.total_value_ore),
        contract_months=term_months(row.start_date, terms[0].period_start - ONE_DAY)
        if terms
        else term_months(row.start_date, row.end_date),
        option_months=sum(o.months for o in options),
        procedure=lead.procedure.value,
        responsible_id=row.handlaggare_id,
        requested_by_id=row.owner_id,
        planned_start=start,
        contract_start_on=deadline.ends_on + ONE_DAY,
        preparedness=(
            Preparedness.KRITISK if row.preparedness_critical else Preparedness.INGEN
        ).value,
        replaces_contract_id=row.id,
    )
    session.add(item)
    session.flush()
    if row.cpv:
        session.add(PlanItemCpv(version=1, plan_item_id=item.id, cpv=row.cpv))
    if row.owner_org_id is not None:
        session.add(
            PlanItemParty(version=1, plan_item_id=item.id, organisation_id=row.owner_org_id)
        )
    session.flush()
    return PlanItemCreated(id=item.id, reference=item.reference, title=item.title)
