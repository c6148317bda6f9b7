"""Reading and writing plan items with their parties and CPV codes (helpers for PlanService)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import pydantic
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Contract, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.plan.input import PlanItemInput
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services import avsteg, numbering
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.lists import sync_list

MISSING = "Planposten finns inte längre."
LIGHTER = "lagre_forfarande"
"""The avsteg rule of a lighter procedure than the value requires."""


class PlanDetail(BaseModel):
    """A plan item as opened in the editor."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    reference: str
    status: PlanStatus
    merged_into: str | None
    replaces_number: str | None
    data: PlanItemInput


def load(session: Session, item_id: uuid.UUID) -> PlanItem:
    """Fetch or raise a Swedish NotFoundError."""
    row = session.get(PlanItem, item_id)
    if row is None:
        raise NotFoundError(MISSING)
    return row


def next_reference(session: Session, year: int) -> str:
    """``UP-<år>-NNNN`` from the year's counter (locked until the transaction ends)."""
    return numbering.plan_reference(session, year)


def next_references(session: Session, year: int, count: int) -> list[str]:
    """*count* references of *year* at once (an import), from the same counter."""
    return numbering.plan_references(session, year, count)


_CHILDREN = frozenset({"organisation_ids", "cpv_codes"})
"""Input fields stored as child rows, not as plan_item columns."""


def columns(item: PlanItemInput) -> dict[str, Any]:
    """Table columns from the validated input: its field values as they are (what
    ``model_dump`` gives for these plain fields, without its per-call work; an import
    asks 10 000 times)."""
    return {k: v for k, v in item.__dict__.items() if k not in _CHILDREN}


def set_children(
    session: Session, item_id: uuid.UUID, orgs: Sequence[uuid.UUID], cpvs: Sequence[str]
) -> None:
    """Make the item's parties (nämnder) and CPV codes those given (unchanged ones are kept)."""
    parties = select(PlanItemParty).where(PlanItemParty.plan_item_id == item_id)
    sync_list(
        session,
        session.execute(parties).scalars(),
        list(dict.fromkeys(orgs)),
        lambda r: r.organisation_id,
        lambda org: PlanItemParty(version=1, plan_item_id=item_id, organisation_id=org),
    )
    codes = select(PlanItemCpv).where(PlanItemCpv.plan_item_id == item_id)
    sync_list(
        session,
        session.execute(codes).scalars(),
        list(dict.fromkeys(cpvs)),
        lambda r: r.cpv,
        lambda cpv: PlanItemCpv(version=1, plan_item_id=item_id, cpv=cpv),
    )


def detail(session: Session, row: PlanItem) -> PlanDetail:
    """The editor DTO built from the row and its children."""
    orgs = session.execute(
        select(PlanItemParty.organisation_id).where(PlanItemParty.plan_item_id == row.id)
    ).scalars()
    cpvs = session.execute(
        select(PlanItemCpv.cpv).where(PlanItemCpv.plan_item_id == row.id).order_by(PlanItemCpv.cpv)
    ).scalars()
    children = ("organisation_ids", "cpv_codes")
    fields = {k: getattr(row, k) for k in PlanItemInput.model_fields if k not in children}
    fields.update(organisation_ids=tuple(orgs), cpv_codes=tuple(cpvs))
    try:
        data = PlanItemInput.model_validate(fields, strict=False)
    except pydantic.ValidationError:  # stored before today's rules: open it as it is
        data = PlanItemInput.model_construct(**fields)
    merged = session.get(PlanItem, row.merged_into_id) if row.merged_into_id else None
    replaced = session.get(Contract, row.replaces_contract_id) if row.replaces_contract_id else None
    return PlanDetail(
        id=row.id,
        version=row.version,
        reference=row.reference,
        status=PlanStatus(row.status),
        merged_into=merged.reference if merged else None,
        replaces_number=replaced.contract_number if replaced else None,
        data=data,
    )


def contract_by_number(session: Session, number: str) -> uuid.UUID | None:
    """The contract with *number* (empty → None); unknown numbers are refused in Swedish."""
    if not number.strip():
        return None
    found = session.execute(
        select(Contract.id).where(Contract.contract_number == number.strip())
    ).scalar_one_or_none()
    if found is None:
        raise ValidationError(
            f"Det finns inget avtal med nummer {number.strip()}.", field="replaces"
        )
    return found


def avsteg_row(
    item_id: uuid.UUID, reason: str, person: uuid.UUID | None, region: str
) -> dict[str, Any]:
    """The avsteg of a new item's lighter procedure, as columns (an import inserts many)."""
    where = avsteg.Where(plan_item_id=item_id, region=region)
    return avsteg.values(LIGHTER, reason, person, where)


def record_avsteg(
    session: Session,
    item_id: uuid.UUID,
    reason: str,
    person: uuid.UUID | None,
    region: str | None = None,
) -> None:
    """Record that a lighter procedure than the value requires was chosen, with the reason
    (*region*: the item's, when it is not yet written)."""
    if region is None:
        item = session.get(PlanItem, item_id)
        region = item.parties if item is not None else ""
    avsteg.record(
        session,
        LIGHTER,
        reason,
        person,
        avsteg.Where(plan_item_id=item_id, region=region),
    )
