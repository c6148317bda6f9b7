"""Follow-up plans: proposed from risk tier and CPV, saved, and contracts in force without one."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupPlan,
    FollowupPlanTemplate,
    FollowupTemplate,
    Person,
)
from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.errors import (
    MissingReferenceDataError,
    NotFoundError,
    ValidationError,
)
from inkop_desktop.domain.followup import proposal, schedule
from inkop_desktop.domain.followup.input import PlanInput
from inkop_desktop.domain.followup.model import FollowupStatus
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.followup.dto import (
    PlanChoices,
    PlanDetail,
    PlanProposal,
    UnplannedRow,
)
from inkop_desktop.services.followup.reference import reference_table
from inkop_desktop.services.listing import ListSpec, run_page

NO_CONTRACT = "Avtalet finns inte längre."
NO_PLAN = "Uppföljningsplanen finns inte längre."


def last_completed(session: Session, plan_id: uuid.UUID) -> date | None:
    """The day of the plan's last signed follow-up."""
    stmt = select(func.max(Followup.performed_on)).where(
        Followup.plan_id == plan_id, Followup.status == FollowupStatus.SLUTFORD.value
    )
    return session.scalar(stmt)


def plan_templates(session: Session, plan: FollowupPlan) -> list[FollowupTemplate]:
    """The plan's templates in order (the legacy single ``template_id`` when none are listed)."""
    stmt = (
        select(FollowupTemplate)
        .join(FollowupPlanTemplate, FollowupPlanTemplate.template_id == FollowupTemplate.id)
        .where(FollowupPlanTemplate.plan_id == plan.id)
        .order_by(FollowupPlanTemplate.ordinal)
    )
    found = list(session.scalars(stmt))
    if not found and plan.template_id is not None:
        legacy = session.get(FollowupTemplate, plan.template_id)
        found = [legacy] if legacy is not None else []
    return found


def plan_detail(session: Session, plan: FollowupPlan) -> PlanDetail:
    """The plan with its contract, templates and responsible person."""
    contract = session.get(Contract, plan.contract_id)
    assert contract is not None
    templates = plan_templates(session, plan)
    person = session.get(Person, plan.responsible_id) if plan.responsible_id else None
    return PlanDetail(
        id=plan.id, version=plan.version, contract_id=contract.id,
        contract_number=contract.contract_number, contract_title=contract.title,
        risk_tier=RiskTier(plan.risk_tier), interval_months=plan.interval_months,
        template_ids=tuple(t.id for t in templates),
        template_names=tuple(t.name for t in templates),
        responsible_id=plan.responsible_id, responsible=person.name if person else None,
        next_due=plan.next_due, last_completed=last_completed(session, plan.id), note=plan.note,
    )  # fmt: skip


def _intervals(table: ReferenceTable, day: date) -> tuple[tuple[RiskTier, int], ...]:
    """The months between follow-ups of every tier that has a value on *day*."""
    found = []
    for tier in RiskTier:
        try:
            found.append((tier, schedule.interval_months(table, tier, day)))
        except MissingReferenceDataError:
            continue
    return tuple(found)


def _in_force(today: date) -> Any:
    """SQL: the contract runs today."""
    return (Contract.start_date <= today) & (Contract.end_date >= today)


UNPLANNED_SPEC = ListSpec(
    sortable={
        "contract_number": Contract.contract_number,
        "contract_title": Contract.title,
        "risk_tier": Contract.risk_tier,
        "start_date": Contract.start_date,
        "end_date": Contract.end_date,
        "handlaggare": Person.name,
    },
    searchable=[Contract.title, Contract.contract_number, Person.name],
    default_sort="contract_number",
    filters={"risk_tier": lambda v: Contract.risk_tier == v},
)


class PlanOps(Service):
    """Plans of the follow-up service (mixed into FollowupService)."""

    def propose_plan(self, contract_id: uuid.UUID, today: date | None = None) -> PlanProposal:
        """A plan for the contract from its risk tier and CPV; nothing is saved."""
        day = today or date.today()
        with self._session() as s:
            table = reference_table(s)
            contract = s.get(Contract, contract_id)
            if contract is None:
                raise NotFoundError(NO_CONTRACT)
            tier = RiskTier(contract.risk_tier)
            keys = proposal.proposed_templates(tier, contract.cpv, contract.preparedness_critical)
            found = {t.key: t for t in s.scalars(select(FollowupTemplate).where(
                FollowupTemplate.key.in_(keys), FollowupTemplate.active.is_(True)))}  # fmt: skip
            templates = [found[k] for k in keys if k in found]
            interval = schedule.interval_months(table, tier, day)
            return PlanProposal(
                contract_id=contract.id, contract_number=contract.contract_number,
                risk_tier=tier, interval_months=interval,
                template_ids=tuple(t.id for t in templates),
                template_names=tuple(t.name for t in templates),
                responsible_id=contract.handlaggare_id or contract.owner_id,
                next_due=schedule.first_due(contract.start_date, interval, day),
                reasons=tuple(proposal.reasons(tier, contract.cpv, contract.preparedness_critical)),
            )  # fmt: skip

    def plan_choices(self, contract_id: uuid.UUID, today: date | None = None) -> PlanChoices:
        """The tiers' intervals, the checklists and the dates the plan editor computes with."""
        day = today or date.today()
        with self._session() as s:
            contract = s.get(Contract, contract_id)
            if contract is None:
                raise NotFoundError(NO_CONTRACT)
            plan = s.scalar(select(FollowupPlan).where(FollowupPlan.contract_id == contract_id))
            own = [t.id for t in plan_templates(s, plan)] if plan is not None else []
            stmt = (
                select(FollowupTemplate.id, FollowupTemplate.name)
                .where(FollowupTemplate.active.is_(True) | FollowupTemplate.id.in_(own))
                .order_by(FollowupTemplate.name)
            )
            return PlanChoices(
                contract_id=contract.id, contract_start=contract.start_date,
                last_completed=last_completed(s, plan.id) if plan is not None else None,
                intervals=_intervals(reference_table(s), day),
                templates=tuple((r.id, r.name) for r in s.execute(stmt)),
            )  # fmt: skip

    def get_plan(self, plan_id: uuid.UUID) -> PlanDetail:
        """One plan."""
        with self._session() as s:
            plan = s.get(FollowupPlan, plan_id)
            if plan is None:
                raise NotFoundError(NO_PLAN)
            return plan_detail(s, plan)

    def plan_for_contract(self, contract_id: uuid.UUID) -> PlanDetail | None:
        """The contract's plan, or None when it has none yet."""
        with self._session() as s:
            plan = s.scalar(select(FollowupPlan).where(FollowupPlan.contract_id == contract_id))
            return plan_detail(s, plan) if plan is not None else None

    def save_plan(
        self, contract_id: uuid.UUID, data: dict[str, object], opened: int | None = None
    ) -> PlanDetail:
        """Create or change the contract's plan (inköpsverksamheten: FOLLOWUP_PLAN)."""
        value = parse(PlanInput, data)
        with self._session() as s:
            self._require(s, Act.FOLLOWUP_PLAN)
            if s.get(Contract, contract_id) is None:
                raise NotFoundError(NO_CONTRACT)
            existing = s.scalar(
                select(FollowupPlan.id).where(FollowupPlan.contract_id == contract_id)
            )
            plan = self._plan_row(s, contract_id, existing, opened, value)
            self._set_templates(s, plan, value.template_ids)
            s.flush()
            return plan_detail(s, plan)

    def _plan_row(
        self, s: Session, contract_id: uuid.UUID, existing: uuid.UUID | None,
        opened: int | None, value: PlanInput,
    ) -> FollowupPlan:  # fmt: skip
        """The plan row with the new values (a new row when the contract has none)."""
        if existing is None:
            plan = FollowupPlan(version=1, contract_id=contract_id)
            s.add(plan)
        else:
            plan = load_for_edit(s, FollowupPlan, existing, opened, NO_PLAN)
        plan.risk_tier = value.risk_tier.value
        plan.interval_months = value.interval_months
        plan.responsible_id = value.responsible_id
        plan.next_due = value.next_due
        plan.note = value.note
        plan.template_id = value.template_ids[0]
        s.flush()
        return plan

    def _set_templates(self, s: Session, plan: FollowupPlan, ids: tuple[uuid.UUID, ...]) -> None:
        """Replace the plan's list of templates with *ids* in order."""
        if len(set(ids)) != len(ids):
            raise ValidationError("Samma checklista är vald två gånger.", field="template_ids")
        found = set(s.scalars(select(FollowupTemplate.id).where(FollowupTemplate.id.in_(ids))))
        if found != set(ids):
            raise ValidationError("En vald checklista finns inte längre.", field="template_ids")
        s.execute(delete(FollowupPlanTemplate).where(FollowupPlanTemplate.plan_id == plan.id))
        for i, template_id in enumerate(ids, start=1):
            s.add(
                FollowupPlanTemplate(version=1, plan_id=plan.id, template_id=template_id, ordinal=i)
            )

    def unplanned(self, query: ListQuery, today: date | None = None) -> Page[UnplannedRow]:
        """Contracts in force today that have no follow-up plan."""
        day = today or date.today()
        planned = select(FollowupPlan.contract_id)
        stmt = (
            select(
                Contract.id.label("contract_id"), Contract.contract_number,
                Contract.title.label("contract_title"), Contract.risk_tier, Contract.start_date,
                Contract.end_date, Person.name.label("handlaggare"),
            )
            .outerjoin(Person, Person.id == Contract.handlaggare_id)
            .where(_in_force(day), Contract.id.not_in(planned))
        )  # fmt: skip
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, UNPLANNED_SPEC, query)
        return Page(
            rows=[UnplannedRow.model_validate(r) for r in rows],
            total=total,
            offset=query.offset,
            estimated=estimated,
        )
