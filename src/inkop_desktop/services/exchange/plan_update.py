"""Update mode for the plan: a row whose reference is stored updates that plan item."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.plan.status import PLAN_STATUS_LABELS
from inkop_desktop.services import plan as plan_store
from inkop_desktop.services.exchange.kind import apply
from inkop_desktop.services.exchange.refs import chunks
from inkop_desktop.services.exchange.rows import ParsedRow, Problems
from inkop_desktop.services.lists import sync_list


def stored_items(session: Session, references: Sequence[str]) -> dict[str, Any]:
    """(id, status) of the stored plan items with the given references."""
    found: dict[str, Any] = {}
    for part in chunks(sorted(set(references))):
        stmt = select(PlanItem.reference, PlanItem.id, PlanItem.status).where(
            PlanItem.reference.in_(part)
        )
        found.update({r.reference: r for r in session.execute(stmt)})
    return found


def same_status(row: ParsedRow, stored: Any, status: str, problems: Problems) -> bool:
    """The status moves only through the plan's workflow, never by an import."""
    if stored.status == status:
        return True
    label = PLAN_STATUS_LABELS.get(stored.status, stored.status)
    problems.field(
        row,
        "status",
        f"planpostens status ({label}) ändras i planen, inte genom import",
    )
    return False


def update_item(
    session: Session, item: Any, item_id: uuid.UUID, headers: dict[str, str], actor: Any
) -> list[str]:
    """Set what changed (columns, nämnder, CPV codes); an avsteg when the procedure changed."""
    data = item.data
    row = session.get_one(PlanItem, item_id)
    values = plan_store.columns(data) | {"requested_by_id": item.requested_by}
    changed = apply(row, values, headers)
    parties = session.scalars(select(PlanItemParty).where(PlanItemParty.plan_item_id == item_id))
    if sync_list(
        session,
        list(parties),
        list(dict.fromkeys(data.organisation_ids)),
        lambda p: p.organisation_id,
        lambda o: PlanItemParty(version=1, plan_item_id=item_id, organisation_id=o),
    ):
        changed.append(headers["organisation_ids"])
    cpvs = session.scalars(select(PlanItemCpv).where(PlanItemCpv.plan_item_id == item_id))
    if sync_list(
        session,
        list(cpvs),
        list(dict.fromkeys(data.cpv_codes)),
        lambda c: c.cpv,
        lambda c: PlanItemCpv(version=1, plan_item_id=item_id, cpv=c),
    ):
        changed.append(headers["cpv_codes"])
    procedure = {headers["procedure"], headers["procedure_reason"]}
    if item.avsteg and procedure & set(changed):
        session.flush()
        plan_store.record_avsteg(session, item_id, data.procedure_reason, actor)
    return changed
