"""Assessments by the responsible manager, and the assessor's queue."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import exists, or_, select

from inkop_desktop.db.tables import (
    DeclaredInterest,
    DirectAward,
    JavAssessment,
    JavDeclaration,
    Participant,
    Person,
    PlanItem,
)
from inkop_desktop.domain.jav.access import Viewer, check_assess, may_assess
from inkop_desktop.domain.jav.gating import items, participant_state, still_due
from inkop_desktop.domain.jav.input import AssessmentInput
from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.domain.jav.versions import check_assessable
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service
from inkop_desktop.services.jav.declarations import work_row
from inkop_desktop.services.jav.detail import detail_for, load_participant
from inkop_desktop.services.jav.dto import DeclarationDetail, WorkRow
from inkop_desktop.services.jav.facts import load_ids, may_still_be_due, viewer_of
from inkop_desktop.services.jav.procurement import of_participant


class AssessmentMixin(Service):
    """The manager's side: assess a declared circumstance, see what waits."""

    def assess(self, participant_id: uuid.UUID, data: dict[str, Any]) -> DeclarationDetail:
        """Record jäv / inte jäv with a written reason for one item of the current declaration."""
        item_input = parse(AssessmentInput, data)
        with self._session() as s:
            viewer = viewer_of(s, self.actor)
            loaded = load_participant(s, participant_id)
            ref = of_participant(s, loaded.participant)
            check_assess(viewer, loaded.person.id, ref.responsible_ids)
            self._require(s, Act.JAV_ASSESS, responsible=ref.responsible_ids)
            decl = loaded.current
            check_assessable(
                signed=decl is not None,
                current=True,
                item_found=item_input.interest_id in items(loaded.facts),
            )
            assert decl is not None and viewer.person_id is not None
            s.add(
                JavAssessment(
                    declaration_id=decl.id,
                    interest_id=item_input.interest_id,
                    assessor_id=viewer.person_id,
                    outcome=item_input.outcome.value,
                    reason=item_input.reason,
                    assessed_at=datetime.now(UTC),
                )
            )
            s.flush()
            return detail_for(s, participant_id, decl.version_no, viewer)

    def assessment_queue(self) -> list[WorkRow]:
        """Participants whose declared circumstances wait for the actor's assessment."""
        with self._session() as s:
            viewer = viewer_of(s, self.actor)
            if viewer.person_id is None:
                return []
            ids = list(s.scalars(_candidates(viewer)))
            rows = []
            for item in load_ids(s, ids).values():
                ref = of_participant(s, item.participant)
                if (
                    still_due(item.facts)
                    and participant_state(item.facts) is DeclarationState.EJ_BEDOMD
                    and may_assess(viewer, item.person.id, ref.responsible_ids)
                ):
                    rows.append(work_row(s, item))
        return sorted(rows, key=lambda r: (-r.matched, r.procurement, r.person))


def _candidates(viewer: Viewer) -> Any:
    """Participants (active, or removed with a duty left) with something to assess."""
    signed = select(JavDeclaration.id).where(
        JavDeclaration.participant_id == Participant.id, JavDeclaration.signed_at.isnot(None)
    )
    conflict = or_(
        exists(
            signed.where(
                or_(
                    JavDeclaration.party_affected,
                    JavDeclaration.representative,
                    JavDeclaration.instance_or_supervision,
                    JavDeclaration.other_circumstance,
                    exists().where(DeclaredInterest.declaration_id == JavDeclaration.id),
                )
            )
        ),
        Person.external_company.isnot(None),
    )
    stmt = (
        select(Participant.id)
        .join(Person, Person.id == Participant.person_id)
        .outerjoin(PlanItem, PlanItem.id == Participant.plan_item_id)
        .outerjoin(DirectAward, DirectAward.id == Participant.direct_award_id)
        .where(may_still_be_due(), Person.id != viewer.person_id, conflict)
    )
    if not viewer.is_manager:
        stmt = stmt.where(
            or_(
                PlanItem.responsible_id == viewer.person_id,
                DirectAward.decision_maker_id == viewer.person_id,
            )
        )
    return stmt
