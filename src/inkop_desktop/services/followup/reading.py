"""Reading a follow-up with its results, evidence and actions into DTOs."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Attachment,
    Contract,
    ContractSupplier,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    Person,
    Supplier,
)
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.followup.model import (
    ActionStatus,
    CheckCategory,
    FollowupStatus,
    Outcome,
    Sanction,
)
from inkop_desktop.domain.followup.workflow import action_overdue
from inkop_desktop.services.attachments import ROW_COLUMNS
from inkop_desktop.services.followup.dto import ActionRow, EvidenceRow, FollowupDetail, ResultRow

EVIDENCE = "followup_result"
NO_FOLLOWUP = "Uppföljningen finns inte längre."


def outcome_of(value: str) -> Outcome | None:
    """The stored outcome ("" while not assessed)."""
    return Outcome(value) if value else None


def name_of(session: Session, person_id: uuid.UUID | None) -> str | None:
    """A person's name."""
    if person_id is None:
        return None
    person = session.get(Person, person_id)
    return person.name if person else None


def suppliers_of(session: Session, contract_id: uuid.UUID) -> tuple[str, ...]:
    """Names of the contract's suppliers."""
    stmt = (
        select(Supplier.name)
        .join(ContractSupplier, ContractSupplier.supplier_id == Supplier.id)
        .where(ContractSupplier.contract_id == contract_id)
        .order_by(Supplier.name)
    )
    return tuple(session.scalars(stmt))


def responsible_ids(contract: Contract, plan: FollowupPlan) -> tuple[uuid.UUID, ...]:
    """Who may perform and sign: handläggare, avtalsägare and the plan's responsible."""
    ids = (contract.handlaggare_id, contract.owner_id, plan.responsible_id)
    return tuple(dict.fromkeys(i for i in ids if i is not None))


def context_of(session: Session, followup: Followup) -> tuple[FollowupPlan, Contract]:
    """The plan and contract of a follow-up."""
    plan = session.get(FollowupPlan, followup.plan_id)
    assert plan is not None
    contract = session.get(Contract, plan.contract_id)
    assert contract is not None
    return plan, contract


def action_row(session: Session, action: FollowupAction, today: date | None = None) -> ActionRow:
    """An åtgärd with its deviation and contract."""
    result = session.get(FollowupResult, action.result_id)
    assert result is not None
    followup = session.get(Followup, result.followup_id)
    assert followup is not None
    _, contract = context_of(session, followup)
    status = ActionStatus(action.status)
    return ActionRow(
        id=action.id, version=action.version, result_id=result.id, followup_id=followup.id,
        contract_id=contract.id, contract_number=contract.contract_number,
        supplier=", ".join(suppliers_of(session, contract.id)),
        category=CheckCategory(result.category), item_text=result.item_text,
        serious=result.serious, description=action.description, owner_id=action.owner_id,
        owner=name_of(session, action.owner_id), due_on=action.due_on,
        sanction=Sanction(action.sanction or Sanction.INGEN.value), status=status,
        closed_on=action.closed_on, closing_note=action.closing_note,
        closed_by=name_of(session, action.closed_by_id),
        overdue=action_overdue(status, action.due_on, today or date.today()),
    )  # fmt: skip


def evidence_rows(
    session: Session, result_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[EvidenceRow]]:
    """Evidence metadata per result (the content is not read)."""
    stmt = (
        select(Attachment.owner_id, *ROW_COLUMNS)
        .where(Attachment.owner_table == EVIDENCE, Attachment.owner_id.in_(result_ids))
        .order_by(Attachment.created_at, Attachment.filename)
    )
    found: dict[uuid.UUID, list[EvidenceRow]] = defaultdict(list)
    for r in session.execute(stmt):
        found[r.owner_id].append(EvidenceRow.model_validate(r))
    return found


def results_of(session: Session, followup_id: uuid.UUID) -> list[FollowupResult]:
    """The follow-up's results in checklist order."""
    stmt = (
        select(FollowupResult)
        .where(FollowupResult.followup_id == followup_id)
        .order_by(FollowupResult.ordinal, FollowupResult.category, FollowupResult.item_text)
    )
    return list(session.scalars(stmt))


def detail(session: Session, followup_id: uuid.UUID) -> FollowupDetail:
    """The follow-up with its results, evidence and actions."""
    followup = session.get(Followup, followup_id)
    if followup is None:
        raise NotFoundError(NO_FOLLOWUP)
    plan, contract = context_of(session, followup)
    results = results_of(session, followup.id)
    evidence = evidence_rows(session, [r.id for r in results])
    actions: dict[uuid.UUID, list[ActionRow]] = defaultdict(list)
    stmt = select(FollowupAction).where(FollowupAction.result_id.in_([r.id for r in results]))
    for action in session.scalars(stmt.order_by(FollowupAction.due_on)):
        actions[action.result_id].append(action_row(session, action))
    rows = tuple(
        ResultRow(
            id=r.id,
            ordinal=r.ordinal,
            category=CheckCategory(r.category),
            item_text=r.item_text,
            evidence_expected=r.evidence_expected,
            serious=r.serious,
            outcome=outcome_of(r.outcome),
            comment=r.comment,
            evidence=tuple(evidence[r.id]),
            actions=tuple(actions[r.id]),
        )
        for r in results
    )
    return FollowupDetail(
        id=followup.id, version=followup.version, plan_id=plan.id, contract_id=contract.id,
        contract_number=contract.contract_number, contract_title=contract.title,
        suppliers=suppliers_of(session, contract.id),
        responsible_ids=responsible_ids(contract, plan), status=FollowupStatus(followup.status),
        due_on=followup.due_on, performed_on=followup.performed_on,
        performed_by=name_of(session, followup.performed_by_id),
        signed_by=name_of(session, followup.signed_by_id), signed_at=followup.signed_at,
        summary=followup.summary, templates=followup.templates, results=rows,
    )  # fmt: skip
